package policy

import (
	"math/bits"
	"strings"
)

// ARN is an Amazon Resource Name split into its six parts. Resource keeps
// everything after the fifth colon, slashes and colons included.
type ARN struct {
	Partition, Service, Region, Account, Resource string
}

// ParseARN splits s; ok is false when s is not arn:P:S:R:A:RESOURCE.
// The parts share s's bytes: rules call it for every ARN of every file, so
// it allocates nothing.
func ParseARN(s string) (ARN, bool) {
	if len(s) < 4 || s[:4] != "arn:" {
		return ARN{}, false
	}
	// Rules parse every principal and resource several times, so the
	// colons are found eight bytes at a time: ones marks each ':' byte
	// of the word exactly (no borrow between bytes), then the tail byte by
	// byte.
	const lo7, hi, colons = 0x7f7f7f7f7f7f7f7f, 0x8080808080808080, 0x3a3a3a3a3a3a3a3a
	var c [4]int
	n, i := 0, 4
	for ; i+8 <= len(s) && n < len(c); i += 8 {
		b := s[i : i+8] // one bounds check, and the loads combine into one
		w := uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
			uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
		v := w ^ colons
		ones := ^((v & lo7) + lo7 | v) & hi
		for ; ones != 0 && n < len(c); ones &= ones - 1 {
			c[n] = i + bits.TrailingZeros64(ones)>>3
			n++
		}
	}
	for ; i < len(s) && n < len(c); i++ {
		if s[i] == ':' {
			c[n] = i
			n++
		}
	}
	if n < len(c) {
		return ARN{}, false
	}
	return ARN{
		Partition: s[4:c[0]], Service: s[c[0]+1 : c[1]], Region: s[c[1]+1 : c[2]],
		Account: s[c[2]+1 : c[3]], Resource: s[c[3]+1:],
	}, true
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
