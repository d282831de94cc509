package rules

import "strings"

func equalFold(a, b string) bool { return strings.EqualFold(a, b) }

// hasWildcard reports "*" or "?" in s. Two byte searches are several times
// cheaper than strings.ContainsAny, which builds a set for each call.
func hasWildcard(s string) bool {
	return strings.IndexByte(s, '*') >= 0 || strings.IndexByte(s, '?') >= 0
}
