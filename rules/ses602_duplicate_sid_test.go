package rules

import (
	"strings"
	"testing"

	"github.com/seslint/seslint/internal/policy"
	"github.com/seslint/seslint/internal/source"
)

// FuzzEarlierSid holds earlierSid's compares, for small policies, to the
// map of first Sids it replaced there (and still uses for large ones).
// sids lists one Sid a line; "-" is a statement without a string Sid.
func FuzzEarlierSid(f *testing.F) {
	f.Add("a\nb\na\n\n-\nb\na")
	f.Add("x\nx\nx")
	f.Fuzz(func(t *testing.T, sids string) {
		var stmts []*policy.Statement
		for i, s := range strings.Split(sids, "\n") {
			st := &policy.Statement{Index: i}
			switch s {
			case "-":
				st.Sid = &source.Node{Kind: source.Number, Text: "1"}
			default:
				st.Sid = &source.Node{Kind: source.String, Text: s}
			}
			stmts = append(stmts, st)
		}
		first := map[string]int{}
		for i, st := range stmts {
			sid, ok := sidText(st)
			if !ok {
				continue
			}
			if got, want := earlierSid(stmts, i, sid, nil), earlierSid(stmts, i, sid, first); got != want {
				t.Fatalf("statement %d (%q): the compares give %d, the map %d", i, sid, got, want)
			}
		}
	})
}
