package rules

import "strings"

// equalFold is strings.EqualFold, told at once when a and b are the same:
// nearly every Effect, principal type and "ses" prefix is written in the
// case it is compared with, and EqualFold walks the strings rune by rune.
func equalFold(a, b string) bool { return a == b || strings.EqualFold(a, b) }

// hasWildcard reports "*" or "?" in s. Two byte searches are several times
// cheaper than strings.ContainsAny, which builds a set for each call.
func hasWildcard(s string) bool {
	return strings.IndexByte(s, '*') >= 0 || strings.IndexByte(s, '?') >= 0
}
