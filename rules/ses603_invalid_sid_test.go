package rules

import (
	"fmt"
	"slices"
	"testing"
)

// oldSidBadChars is sidBadChars before its byte-table fast path: every
// rune decoded and checked.
func oldSidBadChars(s string) []string {
	var out []string
	seen := map[rune]bool{}
	for _, r := range s {
		if sidCharAllowed(r) || seen[r] {
			continue
		}
		seen[r] = true
		out = append(out, fmt.Sprintf("%q", string(r)))
	}
	return out
}

// FuzzSidBadChars holds sidBadChars to oldSidBadChars.
func FuzzSidBadChars(f *testing.F) {
	for _, s := range []string{"", "AllowSend1", "Allow Send", "Allow-Send_2", "Élan", "abc\xff", "a\u212ab", "x..y!!", "Z9z0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := sidBadChars(s), oldSidBadChars(s); !slices.Equal(got, want) {
			t.Errorf("sidBadChars(%q) = %q, before it was %q", s, got, want)
		}
	})
}
