package rules

import (
	"slices"
	"testing"
)

// oldHasLikeWildcard is hasLikeWildcard before it first looked for a
// wildcard anywhere in s.
func oldHasLikeWildcard(s string) bool {
	for {
		literal, _, rest, ok := cutPolicyVariable(s)
		if !ok || hasWildcard(literal) {
			return hasWildcard(literal)
		}
		s = rest
	}
}

// FuzzLikeValueScans holds SES506's regexConstructs, which now looks at
// the bytes first, to what it gives without that look, and
// hasLikeWildcard to the old one, on any value.
func FuzzLikeValueScans(f *testing.F) {
	for _, s := range []string{"", "*@example.com", "marketing+.*@example.com", "^a$", `a\$`, `\d+@x`, "[a-z]@x",
		"(a|b)@x", "${aws:username}.*", "${*}", "${?}a", "a${b", "a.+b", ".", "a.", "${x}$", "^${x}", "a*${b}", "${b}?"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := regexConstructs(s)
		want := findRegexConstructs(s)
		if !slices.Equal(got, want) {
			t.Fatalf("regexConstructs(%q) = %q, without the look at the bytes %q", s, got, want)
		}
		if got, want := hasLikeWildcard(s), oldHasLikeWildcard(s); got != want {
			t.Fatalf("hasLikeWildcard(%q) = %v, before %v", s, got, want)
		}
	})
}
