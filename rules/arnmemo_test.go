package rules

import (
	"strings"
	"testing"

	"github.com/seslint/seslint/internal/policy"
)

// FuzzParseARNMemo holds Pass.parseARN to policy.ParseARN over a unit's
// calls, whatever the mix of strings asked for again, at the same address
// as a prefix at the same address or as equal text elsewhere, and past the memo's capacity.
func FuzzParseARNMemo(f *testing.F) {
	f.Add("arn:aws:ses:us-east-1:123456789012:identity/example.com\narn:aws:iam::123456789012:root\narn:aws:iam::123456789012:root", []byte{0, 1, 2, 0, 1, 2, 0x81, 0x82})
	f.Add("arn:a\narn:a:b:c:d:e\narn:\nnot-arn", []byte{0, 1, 2, 3, 0x80, 0x81, 0x82, 0x83, 1})
	f.Fuzz(func(t *testing.T, list string, calls []byte) {
		strs := strings.Split(list, "\n")
		p := &Pass{Policy: &policy.Policy{}}
		for i, c := range calls {
			s := strs[int(c&0x3f)%len(strs)]
			if c&0x40 != 0 {
				s = s[:len(s)*3/4] // the same address, shorter
			}
			if c&0x80 != 0 {
				s = strings.Clone(s) // equal text at another address
			}
			a, ok := p.parseARN(s)
			if wa, wok := policy.ParseARN(s); a != wa || ok != wok {
				t.Fatalf("call %d: parseARN(%q) = %+v, %v; ParseARN gives %+v, %v", i, s, a, ok, wa, wok)
			}
		}
	})
}

// TestParseARNMemoFull keeps parsing right once the memo is full.
func TestParseARNMemoFull(t *testing.T) {
	p := &Pass{Policy: &policy.Policy{}}
	for round := range 2 {
		for i := range 40 {
			s := "arn:aws:iam::" + strings.Repeat(string(rune('0'+i%10)), 12) + ":user/u" + strings.Repeat("x", i)
			a, ok := p.parseARN(s)
			if !ok || a.Resource != "user/u"+strings.Repeat("x", i) {
				t.Fatalf("round %d, %q: got %+v, %v", round, s, a, ok)
			}
		}
	}
}
