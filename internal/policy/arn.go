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
//
// Rules ask it of every principal and resource account, so it looks at
// eight and then four bytes at once: a byte is a digit when its high nibble
// is 3 and adding 6 leaves it 3 (the low nibble is at most 9). A carry out
// of a byte comes only from 0xFA and above, whose own high nibble already
// fails the test.
func IsAccountID(s string) bool {
	if len(s) != 12 {
		return false
	}
	b := s[:12] // one bounds check, and the loads combine
	lo := uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
	hi := uint64(b[8]) | uint64(b[9])<<8 | uint64(b[10])<<16 | uint64(b[11])<<24
	return eightDigits(lo) && eightDigits(hi|0x30303030<<32)
}

// eightDigits reports whether each byte of w is an ASCII digit.
func eightDigits(w uint64) bool {
	const high, six, threes = 0xf0f0f0f0f0f0f0f0, 0x0606060606060606, 0x3333333333333333
	return w&high|(w+six)&high>>4 == threes
}
