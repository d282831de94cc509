package document

import (
	"strings"
	"testing"
)

// TestIndexMatchesPositionOf compares every offset, and some outside the
// text, for texts with every line terminator and characters of every width.
func TestIndexMatchesPositionOf(t *testing.T) {
	texts := []string{
		"",
		"\n",
		"\r\n\r\n",
		"a\rb\r\nc\nd",
		"{\"Sid\": \"Send📧Mail\",\r\n  \"é\": \"ü\"\r}\n",
		"\xff\xfe📧\n\xf0\x9f",
		"no terminator 日本",
		strings.Repeat("line\r\n", 20) + strings.Repeat("é\n", 20) + strings.Repeat("\r", 20) + "end",
	}
	for _, text := range texts {
		for _, enc := range []Encoding{UTF16, UTF8, UTF32} {
			// Lines are found as far as needed: ask in order, in reverse
			// and jumping about, each on a fresh Index.
			up, down, jump := NewIndex([]byte(text), enc), NewIndex([]byte(text), enc), NewIndex([]byte(text), enc)
			for i := range len(text) + 5 {
				for x, off := range map[*Index]int{up: i - 2, down: len(text) + 2 - i, jump: (i * 37) % (len(text) + 5)} {
					if got, want := x.Position(off), PositionOf([]byte(text), off, enc); got != want {
						t.Fatalf("%q %s offset %d: got %+v, want %+v", text, enc, off, got, want)
					}
				}
			}
		}
	}
}

func FuzzIndex(f *testing.F) {
	f.Add("a\r\nb📧\rc\n", 5)
	f.Fuzz(func(t *testing.T, text string, off int) {
		for _, enc := range []Encoding{UTF16, UTF8, UTF32} {
			x := NewIndex([]byte(text), enc)
			// A second offset on the same Index, before or after the first.
			for _, o := range []int{off, off / 2, len(text) - off%(len(text)+1)} {
				if got, want := x.Position(o), PositionOf([]byte(text), o, enc); got != want {
					t.Fatalf("%q %s offset %d: got %+v, want %+v", text, enc, o, got, want)
				}
			}
		}
	})
}
