package policy

import "strings"

// ARN is an Amazon Resource Name split into its six parts. Resource keeps
// everything after the fifth colon, slashes and colons included.
type ARN struct {
	Partition, Service, Region, Account, Resource string
}

// ParseARN splits s; ok is false when s is not arn:P:S:R:A:RESOURCE.
// The parts share s's bytes: rules call it for every ARN of every file, so
// it allocates nothing.
func ParseARN(s string) (ARN, bool) {
	rest, ok := strings.CutPrefix(s, "arn:")
	if !ok {
		return ARN{}, false
	}
	var a ARN
	for _, part := range []*string{&a.Partition, &a.Service, &a.Region, &a.Account} {
		i := strings.IndexByte(rest, ':')
		if i < 0 {
			return ARN{}, false
		}
		*part, rest = rest[:i], rest[i+1:]
	}
	a.Resource = rest
	return a, true
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
