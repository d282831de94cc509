package source

import (
	"slices"
	"testing"
)

// FuzzNewLines holds NewLines's search for "\n" to lineStarts, the byte
// loop it uses for texts with "\r".
func FuzzNewLines(f *testing.F) {
	for _, s := range []string{"", "\n", "a\nb\n", "a\r\nb", "a\rb\n\n", "{\n  \"a\": 1\n}\n", "no newline"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		got := NewLines(data).starts
		if want := lineStarts(data); !slices.Equal(got, want) {
			t.Fatalf("NewLines(%q) starts %v, want %v", data, got, want)
		}
	})
}
