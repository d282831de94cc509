package awsdata

import (
	"strings"
)

// Where the principal-format facts below come from. Added 2026-11-26 for the
// principal rules (SES301 to SES307).
const (
	PrincipalFormsSource = "S10 (IAM UG Principal element); S11 (IAM identifiers: ARNs, names, paths, unique ID prefixes); S14 (SES DG policy anatomy); S17 (Cognito DG)"
	PrincipalFormsDate   = "2026-11-26 (S10, S14 current copies read); 2023-05-11 (S11 git copy)"
)

// PrincipalTypes are the keys of a Principal object that an SES identity
// policy accepts: the SES DG documents account, user and root ARNs under
// "AWS" and service principals under "Service" (S14). Sorted.
func PrincipalTypes() []string { return []string{"AWS", "Service"} }

// foreignPrincipalTypes are the other principal types IAM knows, each with why
// it has no place in an SES identity policy (S10).
var foreignPrincipalTypes = map[string]string{
	"Federated":     "web identity and SAML federation principals belong in role trust policies only",
	"CanonicalUser": "canonical user IDs are an Amazon S3 principal",
}

// ForeignPrincipalType reports whether key is a principal type IAM knows that
// SES identity policies do not accept ("Federated", "CanonicalUser"), and
// why. The key is compared exactly, as IAM does.
func ForeignPrincipalType(key string) (why string, ok bool) {
	why, ok = foreignPrincipalTypes[key]
	return why, ok
}

// PrincipalARNForm is one IAM ARN resource type that can be a principal
// (S10, S11): "arn:<partition>:<service>::<account>:<type>/...".
type PrincipalARNForm struct {
	// Service is "iam" or "sts".
	Service string
	// Type is the resource type: "root" (no slash), "user", "role",
	// "assumed-role" or "federated-user".
	Type string
	// Pathed marks the types whose ARN may carry a path before the name
	// (user and role). An assumed-role ARN carries the role name without
	// its path, then the session name (INFERRED from S11's format table).
	Pathed bool
	// Names is how many names follow the type (and path): 1, or 2 for an
	// assumed-role (role name, session name); 0 for root.
	Names int
	// Form spells the ARN with its parts named.
	Form string
}

var principalARNForms = []PrincipalARNForm{
	{Service: "iam", Type: "root", Form: "arn:PARTITION:iam::ACCOUNT:root"},
	{Service: "iam", Type: "user", Pathed: true, Names: 1, Form: "arn:PARTITION:iam::ACCOUNT:user/PATH/NAME"},
	{Service: "iam", Type: "role", Pathed: true, Names: 1, Form: "arn:PARTITION:iam::ACCOUNT:role/PATH/NAME"},
	{Service: "sts", Type: "assumed-role", Names: 2, Form: "arn:PARTITION:sts::ACCOUNT:assumed-role/ROLE/SESSION"},
	{Service: "sts", Type: "federated-user", Names: 1, Form: "arn:PARTITION:sts::ACCOUNT:federated-user/NAME"},
}

// LookupPrincipalARNForm finds the principal form of an IAM ARN resource
// type ("user", "assumed-role"), whatever the service; types are compared
// exactly.
func LookupPrincipalARNForm(typ string) (PrincipalARNForm, bool) {
	if i := principalARNFormIndex(typ); i >= 0 {
		return principalARNForms[i], true
	}
	return PrincipalARNForm{}, false
}

// principalARNFormIndex is the place of typ's form in principalARNForms,
// or -1. The linter asks it of every principal ARN: a switch compares the
// constants in line, where a loop over the table called to compare the
// bytes of "root", "user" and "role", all four bytes long.
func principalARNFormIndex(typ string) int {
	switch typ {
	case "root":
		return 0
	case "user":
		return 1
	case "role":
		return 2
	case "assumed-role":
		return 3
	case "federated-user":
		return 4
	}
	return -1
}

// nonPrincipalIAMTypes are IAM resource types that are not principals, with
// what to do instead (S10, S11).
var nonPrincipalIAMTypes = map[string]string{
	"group":            "IAM groups cannot be principals; name the users, or the account with a condition on aws:PrincipalArn",
	"oidc-provider":    "identity providers are principals only in role trust policies, under \"Federated\"",
	"saml-provider":    "identity providers are principals only in role trust policies, under \"Federated\"",
	"policy":           "a managed policy is not a principal",
	"instance-profile": "an instance profile is not a principal; name its role",
}

// NonPrincipalIAMType reports whether typ is an IAM resource type that cannot
// be a principal, with what to do instead.
func NonPrincipalIAMType(typ string) (why string, ok bool) {
	why, ok = nonPrincipalIAMTypes[typ]
	return why, ok
}

// ValidIAMName reports whether s is a valid IAM user, role, session or
// federated-user name: 1 to 64 ASCII letters, digits and + = , . @ _ -
// (S11, friendly names; S10). Users and roles allow 64 characters, role
// session names 64 and federated user names 32 (S11 quotas); 64 is used
// for all.
func ValidIAMName(s string) bool {
	if len(s) < 1 || len(s) > 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !iamNameByte[s[i]] {
			return false
		}
	}
	return true
}

// iamNameByte is the set [\w+=,.@-] (RE2's \w is ASCII only). A table
// written out, not built, so that init has nothing to do.
var iamNameByte = [256]bool{
	'0': true, '1': true, '2': true, '3': true, '4': true, '5': true, '6': true, '7': true, '8': true, '9': true,
	'A': true, 'B': true, 'C': true, 'D': true, 'E': true, 'F': true, 'G': true, 'H': true, 'I': true,
	'J': true, 'K': true, 'L': true, 'M': true, 'N': true, 'O': true, 'P': true, 'Q': true, 'R': true,
	'S': true, 'T': true, 'U': true, 'V': true, 'W': true, 'X': true, 'Y': true, 'Z': true,
	'a': true, 'b': true, 'c': true, 'd': true, 'e': true, 'f': true, 'g': true, 'h': true, 'i': true,
	'j': true, 'k': true, 'l': true, 'm': true, 'n': true, 'o': true, 'p': true, 'q': true, 'r': true,
	's': true, 't': true, 'u': true, 'v': true, 'w': true, 'x': true, 'y': true, 'z': true,
	'_': true, '+': true, '=': true, ',': true, '.': true, '@': true, '-': true,
}

// ValidIAMPath reports whether the path segments between a type and a name
// ("division", "service-role") are valid: each is printable ASCII without a
// slash, and the whole path, with its slashes, is at most 512 characters
// (S11: a path is "/" or "/" followed by printable ASCII and a final "/").
func ValidIAMPath(segments []string) bool {
	n := 1
	for _, s := range segments {
		if s == "" {
			return false
		}
		for i := 0; i < len(s); i++ {
			if s[i] < 0x21 || s[i] > 0x7e {
				return false
			}
		}
		n += len(s) + 1
	}
	return n <= 512
}

// UniqueIDPrefix is the four-letter prefix of an IAM unique ID (S11,
// "Understanding unique ID prefixes").
type UniqueIDPrefix struct {
	Prefix string
	// Entity is what the prefix names.
	Entity string
	// Principal marks the prefixes allowed in a Principal element: users
	// and roles (S11). SES resource policies may show a role's AROA ID after
	// the role is deleted (S10).
	Principal bool
}

var uniqueIDPrefixes = []UniqueIDPrefix{
	{"ABIA", "an AWS STS service bearer token", false},
	{"ACCA", "a context-specific credential", false},
	{"AGPA", "an IAM group", false},
	{"AIDA", "an IAM user", true},
	{"AIPA", "an Amazon EC2 instance profile", false},
	{"AKIA", "an access key", false},
	{"ANPA", "a managed policy", false},
	{"ANVA", "a version of a managed policy", false},
	{"APKA", "a public key", false},
	{"AROA", "an IAM role", true},
	{"ASCA", "a certificate", false},
	{"ASIA", "a temporary (AWS STS) access key", false},
}

// uniqueIDShape reports the shape of a unique ID: a four-letter prefix
// starting with A, then upper-case letters and digits, 16 to 128 characters
// in all (S11; the IDs AWS issues have 21).
func uniqueIDShape(s string) bool {
	if len(s) < 16 || len(s) > 128 || s[0] != 'A' {
		return false
	}
	for i := 1; i < len(s); i++ {
		c := s[i]
		if c < 'A' || c > 'Z' {
			if i < 4 || c < '0' || c > '9' {
				return false
			}
		}
	}
	return true
}

// LookupUniqueID returns the prefix entry of s when s has the shape of an IAM
// unique ID with a known prefix, such as "AIDACKCEVSQ6C2EXAMPLE".
func LookupUniqueID(s string) (UniqueIDPrefix, bool) {
	if !uniqueIDShape(s) {
		return UniqueIDPrefix{}, false
	}
	for _, p := range uniqueIDPrefixes {
		if strings.HasPrefix(s, p.Prefix) {
			return p, true
		}
	}
	return UniqueIDPrefix{}, false
}

// IsSampleUniqueID reports the documentation convention of ending an example
// ID or key in "EXAMPLE" (reference table 7: AIDACKCEVSQ6C2EXAMPLE,
// AROADBQP57FF2AEXAMPLE, AKIAIOSFODNN7EXAMPLE).
func IsSampleUniqueID(s string) bool {
	_, ok := LookupUniqueID(s)
	return ok && strings.HasSuffix(s, "EXAMPLE")
}

// LooksLikePlaceholder reports whether s, found where an account ID or a
// principal goes, is a documentation or template stand-in rather than a
// value: "EXAMPLE65304" (the SES SDK example), "ACCOUNT_ID", "account-id",
// "${var.account_id}", "<your account number>". Sample 12-digit accounts are
// IsSampleAccount's business, not this function's.
//
// The stand-ins AWS documentation and templates use (reference table 7) are
// words such as ACCOUNT, EXAMPLE, REPLACE or YOUR in any case (EXAMPLE65304,
// ACCOUNT_ID, account-id, AWS-account-ID, your-account), a run of x or X,
// and unrendered template syntax (${var.account_id}, {{account}},
// <account number>, $ACCOUNT).
func LooksLikePlaceholder(s string) bool {
	if s == "" {
		return false
	}
	if s[0] == '$' || strings.Contains(s, "${") || strings.Contains(s, "{{") {
		return true
	}
	if lt := strings.IndexByte(s, '<'); lt >= 0 && strings.LastIndexByte(s, '>') > lt {
		return true
	}
	xs := len(s) >= 4
	for i := 0; i < len(s); i++ {
		c := lowerByte(s[i])
		xs = xs && c == 'x'
		var word string
		switch c {
		case 'a':
			word = "account"
		case 'c':
			word = "changeme"
		case 'e':
			word = "example"
		case 'r':
			word = "replace"
		case 't':
			word = "todo"
		case 'y':
			word = "your"
		default:
			continue
		}
		// ASCII folding is exact here: no word has an s or a k, the only
		// letters Unicode folding joins to runes outside ASCII.
		if len(s)-i >= len(word) && equalFoldASCII(s[i:i+len(word)], word) {
			return true
		}
	}
	return xs
}

// EditDistance is the distance Suggest ranks candidates by: the
// Damerau-Levenshtein distance (optimal string alignment) between the
// lower-cased strings, in runes. Rules use it to attach a fix only to the
// closest suggestions.
func EditDistance(a, b string) int {
	var rows [3][]int
	return osaDistance([]rune(strings.ToLower(a)), []rune(strings.ToLower(b)), &rows)
}
