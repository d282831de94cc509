package policy

import "strings"

// ARN is an Amazon Resource Name split into its six parts. Resource keeps
// everything after the fifth colon, slashes and colons included.
type ARN struct {
	Partition, Service, Region, Account, Resource string
}

// ParseARN splits s; ok is false when s is not arn:P:S:R:A:RESOURCE.
func ParseARN(s string) (ARN, bool) {
	if !strings.HasPrefix(s, "arn:") {
		return ARN{}, false
	}
	parts := strings.SplitN(s, ":", 6)
	if len(parts) != 6 {
		return ARN{}, false
	}
	return ARN{Partition: parts[1], Service: parts[2], Region: parts[3], Account: parts[4], Resource: parts[5]}, true
}

func (a ARN) String() string {
	return "arn:" + a.Partition + ":" + a.Service + ":" + a.Region + ":" + a.Account + ":" + a.Resource
}

// IdentityName returns the identity of an SES identity ARN's resource part
// ("identity/example.com" gives "example.com").
func (a ARN) IdentityName() (string, bool) {
	name, ok := strings.CutPrefix(a.Resource, "identity/")
	return name, ok
}

// SplitAction splits "ses:SendEmail" into "ses" and "SendEmail"; an action
// with no colon has an empty prefix.
func SplitAction(s string) (prefix, name string) {
	if i := strings.IndexByte(s, ':'); i >= 0 {
		return s[:i], s[i+1:]
	}
	return "", s
}

// IsAccountID reports twelve ASCII digits.
func IsAccountID(s string) bool {
	if len(s) != 12 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
