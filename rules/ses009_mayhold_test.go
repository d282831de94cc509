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
