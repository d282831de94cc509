package rules

import "strings"

// equalFold is strings.EqualFold, told at once when a and b are the same:
// nearly every Effect, principal type and "ses" prefix is written in the
// case it is compared with, and EqualFold walks the strings rune by rune.
func equalFold(a, b string) bool { return a == b || strings.EqualFold(a, b) }

// hasWildcard reports "*" or "?" in s. The rules ask it of every action,
// value and ARN part, short strings for which two calls to IndexByte cost
// more than looking at eight bytes at a time, the last eight overlapping
// those before.
func hasWildcard(s string) bool {
	if len(s) < 8 {
		for i := 0; i < len(s); i++ {
			if s[i] == '*' || s[i] == '?' {
				return true
			}
		}
		return false
	}
	for i := 0; i+8 < len(s); i += 8 {
		if wordHasWildcard(load64(s[i : i+8])) {
			return true
		}
	}
	return wordHasWildcard(load64(s[len(s)-8:]))
}

// wordHasWildcard reports "*" or "?" among the eight bytes of w, the way
// tmplWordMayHold tells its bytes: on the low seven bits t of each byte,
// (t^c)+0x7f lacks the high bit exactly when t == c.
func wordHasWildcard(w uint64) bool {
	const lo7, hi, ones = 0x7f7f7f7f7f7f7f7f, 0x8080808080808080, 0x0101010101010101
	t := w & lo7
	return ^(((t^'*'*ones)+lo7)&((t^'?'*ones)+lo7))&^w&hi != 0
}

// load64 is the first eight bytes of b, little-endian: the loads combine
// into one.
func load64(b string) uint64 {
	return uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
}
