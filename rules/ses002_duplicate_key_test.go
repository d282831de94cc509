package rules

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/seslint/seslint/internal/bench/gen"
	"github.com/seslint/seslint/internal/finding"
	"github.com/seslint/seslint/internal/input"
	"github.com/seslint/seslint/internal/source"
)

// SES002 finds what a check of every node through Walk finds, in the same
// order: nested and repeated objects, case-only repeats, non-ASCII keys.
func TestDuplicateKeyMatchesWalk(t *testing.T) {
	texts := []string{
		`{"a":1,"A":2,"b":{"x":[{"k":1,"K":2,"\u212a":3},{"":1,"":2}],"x":{}},"\u212a":{"k":{"q":1,"Q":[[{"z":1,"z":2}]]}}}`,
		`[{"@":1,"` + "`" + `":2},{"Sid":"a","sid":"b","SID":"c"},[],{},"s",1,null]`,
		`{"Statement":[{"Effect":"Allow","effect":"Deny","Action":"a","action":"b"}],"statement":{}}`,
	}
	for _, kind := range []string{"", "duplicate-key", "lower-case-effect", "duplicate-sid"} {
		texts = append(texts, string(gen.Example(1500, kind).Text))
	}
	for _, text := range texts {
		u := input.Load(source.Parse("p.json", []byte(text)), input.Hints{})
		got := Pass{Unit: u, rule: duplicateKey, severity: duplicateKey.Severity}
		duplicateKey.Check(&got)
		want := Pass{Unit: u, rule: duplicateKey, severity: duplicateKey.Severity}
		walkDuplicateKeys(&want)
		if len(got.out) == 0 && strings.Contains(text, `"a":1,"A"`) {
			t.Errorf("%s: no findings", text)
		}
		where := func(f finding.Finding) string { return fmt.Sprint(f.Span, f.Value) }
		g, w := mapFindings(got.out, where), mapFindings(want.out, where)
		if !slices.Equal(g, w) {
			t.Errorf("%s:\n got %v\nwant %v", text, g, w)
		}
	}
}

func mapFindings(fs []finding.Finding, f func(finding.Finding) string) []string {
	var out []string
	for _, x := range fs {
		out = append(out, f(x))
	}
	return out
}

// walkDuplicateKeys is SES002 as it was: every node through Walk.
func walkDuplicateKeys(p *Pass) {
	docs := []*source.Document{p.Unit.File}
	if pol := p.Unit.Policy; pol != nil && pol.Embedded() {
		docs = append(docs, pol)
	}
	for _, doc := range docs {
		doc.Root.Walk(func(n *source.Node) {
			if n.Kind != source.Object || len(n.Members) < 2 {
				return
			}
			for i := 1; i < len(n.Members); i++ {
				m := &n.Members[i]
				for j := 0; j < i; j++ {
					first := &n.Members[j]
					if !strings.EqualFold(first.Key, m.Key) {
						continue
					}
					p.Report(Diag{Doc: doc, Span: m.KeySpan, Node: m.Value, Message: first.Key + " " + m.Key, Value: m.Key})
					break
				}
			}
		})
	}
}

// FuzzDuplicateKeyMatchesWalk holds SES002, which skips the look back for
// a key whose folded first byte no earlier key has, to walkDuplicateKeys,
// which compares every pair: the keys are the input split at NUL bytes,
// made into an object inside an array and an object.
func FuzzDuplicateKeyMatchesWalk(f *testing.F) {
	for _, s := range []string{"a\x00A", "Sid\x00Effect\x00sid", "k\x00\u212a\x00K", "\u212a\x00k", "\x00\x00x", "é\x00É\x00e", "@\x00`\x00{\x00["} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var b strings.Builder
		b.WriteString(`[{`)
		for i, k := range strings.Split(s, "\x00") {
			if i > 0 {
				b.WriteByte(',')
			}
			q, err := json.Marshal(k)
			if err != nil {
				t.Skip()
			}
			fmt.Fprintf(&b, "%s:%d", q, i)
		}
		b.WriteString(`}]`)
		u := input.Load(source.Parse("p.json", []byte(b.String())), input.Hints{})
		got := Pass{Unit: u, rule: duplicateKey, severity: duplicateKey.Severity}
		duplicateKey.Check(&got)
		want := Pass{Unit: u, rule: duplicateKey, severity: duplicateKey.Severity}
		walkDuplicateKeys(&want)
		where := func(f finding.Finding) string { return fmt.Sprint(f.Span, f.Value) }
		if g, w := mapFindings(got.out, where), mapFindings(want.out, where); !slices.Equal(g, w) {
			t.Errorf("%s:\n got %v\nwant %v", b.String(), g, w)
		}
	})
}
