package document

import "testing"

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
	}
	for _, text := range texts {
		for _, enc := range []Encoding{UTF16, UTF8, UTF32} {
			x := NewIndex([]byte(text), enc)
			for off := -2; off <= len(text)+2; off++ {
				if got, want := x.Position(off), PositionOf([]byte(text), off, enc); got != want {
					t.Errorf("%q %s offset %d: got %+v, want %+v", text, enc, off, got, want)
				}
			}
		}
	}
}

func FuzzIndex(f *testing.F) {
	f.Add("a\r\nb📧\rc\n", 5)
	f.Fuzz(func(t *testing.T, text string, off int) {
		for _, enc := range []Encoding{UTF16, UTF8, UTF32} {
			if got, want := NewIndex([]byte(text), enc).Position(off), PositionOf([]byte(text), off, enc); got != want {
				t.Fatalf("%q %s offset %d: got %+v, want %+v", text, enc, off, got, want)
			}
		}
	})
}
