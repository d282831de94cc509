package rules

import (
	"math/rand/v2"
	"testing"
)

// tmplMayHold agrees with a byte-by-byte look at tmplStartByte, wherever
// the start bytes fall and next to bytes one bit away from them.
func TestTmplMayHoldAgrees(t *testing.T) {
	alphabet := []byte{'a', '$', '{', '<', '%', '#', '$' ^ 0x80, '{' ^ 1, '<' ^ 0x80, '"', 0, 0xff, '%' ^ 0x20, '#' ^ 2}
	r := rand.New(rand.NewPCG(9, 9))
	for range 100000 {
		b := make([]byte, r.IntN(30))
		for i := range b {
			b[i] = 'a'
			if r.IntN(8) == 0 {
				b[i] = alphabet[r.IntN(len(alphabet))]
			}
		}
		want := false
		for _, c := range b {
			want = want || tmplStartByte[c]
		}
		if got := tmplMayHold(string(b)); got != want {
			t.Fatalf("tmplMayHold(%q) = %v, want %v", b, got, want)
		}
	}
}

// FuzzTmplMayHold holds tmplMayHold's word-at-a-time look to tmplStartByte,
// byte by byte, on any string.
func FuzzTmplMayHold(f *testing.F) {
	for _, s := range []string{"", "arn:aws:ses:us-east-1:123456789012:identity/example.com", "\xa3\xa4\xa5\xbc\xfb\"&;=z",
		"abcdefg#", "abcdefgh$", "%", "1234567<", "{", "\x22\x26\x3b\x3d\x7a\x7c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := false
		for i := 0; i < len(s); i++ {
			want = want || tmplStartByte[s[i]]
		}
		if got := tmplMayHold(s); got != want {
			t.Fatalf("tmplMayHold(%q) = %v, want %v", s, got, want)
		}
	})
}
