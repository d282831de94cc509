package rules

import (
	"strings"
	"testing"
)

// FuzzHasWildcard holds hasWildcard's word-at-a-time look to the two byte
// searches it replaced, wherever "*" and "?" fall in strings of any
// length, beside bytes one bit away from them.
func FuzzHasWildcard(f *testing.F) {
	for _, s := range []string{"", "*", "?", "ses:Send*", "arn:aws:ses:us-east-1:123456789012:identity/*",
		"1234567?", "12345678?", "*2345678", "ses:SendEmail", "\xaa\xbf+>:;/.", strings.Repeat("a", 23) + "?"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := strings.IndexByte(s, '*') >= 0 || strings.IndexByte(s, '?') >= 0
		if got := hasWildcard(s); got != want {
			t.Fatalf("hasWildcard(%q) = %v, want %v", s, got, want)
		}
	})
}
