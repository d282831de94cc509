package awsdata

// Facts about the policy document itself: the language versions, the policy
// variables and which condition keys hold free text. Added 2026-11-27 for the
// document rules (SES005 to SES009).

// Where the document facts come from.
const (
	DocumentSource = "S11 (IAM User Guide: Version element, policy variables); S14, S16 (SES DG policy anatomy: Version is \"any string\", 2012-10-17 recommended); S7 (global keys)"
	DocumentDate   = "2023-05-11 (S11 git copy); current S14 copy read 2026-11-26; S16 2023-06-15"
)

// The policy language versions IAM's grammar allows (S11, Version element).
// SES's own table says "any string" but recommends 2012-10-17 (S14, S16).
const (
	// CurrentPolicyVersion introduced policy variables.
	CurrentPolicyVersion = "2012-10-17"
	// LegacyPolicyVersion is the earlier language: policy variables such
	// as ${aws:username} are literal text under it. A policy with no
	// Version is read as this version (S11).
	LegacyPolicyVersion = "2008-10-17"
)

// PolicyVersions returns the two versions IAM knows, newest first.
func PolicyVersions() []string { return []string{CurrentPolicyVersion, LegacyPolicyVersion} }

// policyVariableEscapes are the predefined variables that stand for a
// literal "*", "?" and "$" (S11, policy variables, "Special characters").
var policyVariableEscapes = map[string]bool{"${*}": true, "${?}": true, "${$}": true}

// IsPolicyVariableEscape reports whether s is exactly ${*}, ${?} or ${$}.
func IsPolicyVariableEscape(s string) bool { return policyVariableEscapes[s] }

// Where IAM substitutes policy variables (S11, "Where you can use policy
// variables"): in the Resource element, only in the resource part after the
// fifth colon, and in Condition values of the operators whose
// OperatorInfo.PolicyVariables is set. Everywhere else (Principal, Action,
// condition keys, the parts of an ARN before the resource) a variable is
// literal text. NotResource is not named by S11; seslint treats it like
// Resource (INFERRED).
const PolicyVariableARNParts = 5

// freeTextKeys are condition keys whose values are free text written by
// people or clients rather than identifiers (ARNs, accounts, addresses):
// the From display name (S14) and the client's User-Agent and Referer
// (S7). Tag values are free text as well: see IsFreeTextConditionKey.
var freeTextKeys = map[string]bool{
	"ses:fromdisplayname": true,
	"aws:useragent":       true,
	"aws:referer":         true,
}

// IsFreeTextConditionKey reports whether the values of key are free text,
// where characters such as "<", "{" or "$" may be meant literally. Key names
// are compared without regard to case (S11). The tag families
// (aws:PrincipalTag/, aws:RequestTag/, aws:ResourceTag/) count as free text:
// tag values are arbitrary strings (S7).
func IsFreeTextConditionKey(key string) bool {
	if freeTextKeys[lowerASCII(key)] {
		return true
	}
	if k, ok := LookupConditionKey(key); ok && k.IsTagFamily() {
		return true
	}
	return false
}
