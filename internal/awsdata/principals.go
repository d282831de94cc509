package awsdata

import (
	"slices"
	"strings"
)

// Where the service principal table comes from.
const (
	ServicePrincipalsSource = "S14, S15, S16 (SES DG); S17 (Cognito DG); S10 (service principals in opt-in Regions)"
	ServicePrincipalsDate   = "2026-11-26 (current pages read); 2023-06-15 (git copies)"
)

// ServicePrincipal is a service principal documented with SES identity
// policies.
type ServicePrincipal struct {
	// Name is the principal. For the Regional form it is the pattern
	// "cognito-idp.<region>.amazonaws.com".
	Name string
	// Regional marks the pattern form, whose <region> is any known Region.
	Regional bool
	// Verified is false for what no primary AWS source documents.
	Verified bool
	// Source names the S-keys that document it.
	Source string
}

// servicePrincipals lists every service principal found documented for SES
// identity policies. Amazon Connect, Pinpoint and WorkMail were searched for
// and not found; that none exists is UNVERIFIED.
var servicePrincipals = []ServicePrincipal{
	// SES DG policy anatomy and sending-policy examples: Cognito sending
	// SendEmail and SendRawEmail, pinned with aws:SourceAccount and
	// aws:SourceArn (the user pool ARN).
	{Name: "cognito-idp.amazonaws.com", Verified: true, Source: "S14, S15, S16"},
	// Cognito DG: needed when a user pool sends with COGNITO_DEFAULT and an
	// SES identity as the From address. With DEVELOPER sending, Cognito uses
	// a service-linked role instead and needs no identity policy.
	{Name: "email.cognito-idp.amazonaws.com", Verified: true, Source: "S17"},
	// UNVERIFIED: only third-party notes say Cognito pools in some Regions
	// (ap-east-2, where SES is absent) must be trusted through the Regional
	// principal. S10 documents the general rule: a service in an opt-in
	// Region calling across Regions appears as <service>.<region>.amazonaws.com.
	{Name: "cognito-idp.<region>.amazonaws.com", Regional: true, Verified: false, Source: "S10"},
}

// ServicePrincipals returns the service principals documented with SES
// identity policies.
func ServicePrincipals() []ServicePrincipal { return slices.Clone(servicePrincipals) }

// LookupSESServicePrincipal returns the entry for s: an exact name, or a
// Regional "cognito-idp.<region>.amazonaws.com" whose Region is known (its
// entry has Verified false). Service principals are compared exactly; AWS
// writes them in lower case.
func LookupSESServicePrincipal(s string) (ServicePrincipal, bool) {
	for _, p := range servicePrincipals {
		if p.Regional {
			head, tail, _ := strings.Cut(p.Name, "<region>")
			if len(s) > len(head)+len(tail) && strings.HasPrefix(s, head) && strings.HasSuffix(s, tail) &&
				KnownRegion(s[len(head):len(s)-len(tail)]) {
				return p, true
			}
		} else if s == p.Name {
			return p, true
		}
	}
	return ServicePrincipal{}, false
}

// KnownSESServicePrincipal reports whether s is a service principal
// documented with SES identity policies, including the UNVERIFIED Regional
// Cognito form.
func KnownSESServicePrincipal(s string) bool {
	_, ok := LookupSESServicePrincipal(s)
	return ok
}

// ValidServicePrincipalForm reports whether s has the shape of a service
// principal: "<name>.amazonaws.com", "<name>.<region>.amazonaws.com" or
// "<name>.amazonaws.com.cn". Whether the service exists is not checked.
//
// The shape is dot-separated lower-case DNS labels ending in amazonaws.com,
// or amazonaws.com.cn in China; it covers the Regional form
// <service>.<region>.amazonaws.com (S10). Requiring lower case is INFERRED
// from every documented principal; "*" is not a valid service principal
// (S10). Labels have no length limit.
func ValidServicePrincipalForm(s string) bool {
	head, ok := strings.CutSuffix(s, ".amazonaws.com")
	if !ok {
		if head, ok = strings.CutSuffix(s, ".amazonaws.com.cn"); !ok {
			return false
		}
	}
	for {
		label, rest, more := strings.Cut(head, ".")
		if !servicePrincipalLabel(label) {
			return false
		}
		if !more {
			return true
		}
		head = rest
	}
}

// servicePrincipalLabel: lower-case letters, digits and "-", not starting
// or ending with "-".
func servicePrincipalLabel(l string) bool {
	if l == "" || l[0] == '-' || l[len(l)-1] == '-' {
		return false
	}
	for i := 0; i < len(l); i++ {
		if c := l[i]; (c < 'a' || c > 'z') && (c < '0' || c > '9') && c != '-' {
			return false
		}
	}
	return true
}
