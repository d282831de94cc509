package rules

import (
	"fmt"
	"strings"

	"github.com/seslint/seslint/internal/finding"
	"github.com/seslint/seslint/internal/source"
)

// duplicateKey reports keys repeated in one object, including keys that
// differ only in case: decoders keep one value and drop the other silently.
var duplicateKey = &Rule{
	ID: "SES002", Name: "duplicate-key", Severity: finding.Error, Precision: "very-high",
	Summary: "A key appears twice in one object, or twice with different case",
	Check: func(p *Pass) {
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
						msg := fmt.Sprintf("duplicate key %q: SES keeps only one of the two values, so remove or merge one", m.Key)
						if first.Key != m.Key {
							msg = fmt.Sprintf("key %q repeats %q with different case: one of the two would be lost or rejected, so keep a single %q", m.Key, first.Key, first.Key)
						}
						p.Report(Diag{Doc: doc, Span: m.KeySpan, Node: m.Value, Message: msg, Value: m.Key,
							Related: []finding.Related{{Span: first.KeySpan, Message: fmt.Sprintf("first %q is here", first.Key)}}})
						break
					}
				}
			})
		}
	},
}
