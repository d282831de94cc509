package rules

import (
	"fmt"

	"github.com/seslint/seslint/internal/finding"
	"github.com/seslint/seslint/internal/source"
)

// emptyCondition reports a Condition with nothing in it, an operator with
// no keys, and a key with an empty list of values.
var emptyCondition = &Rule{
	ID: "SES510", Name: "empty-condition", Severity: finding.Note, Precision: "very-high",
	Summary: "A Condition is empty ({}), an operator has no keys, or a key has an empty list of values",
	Check: func(p *Pass) {
		if p.Policy == nil {
			return
		}
		for _, st := range p.Policy.Statements {
			cond := st.ConditionNode
			if cond == nil || cond.Kind != source.Object {
				continue
			}
			if len(cond.Members) == 0 {
				p.Report(Diag{Span: cond.KeySpan(), Node: cond, Value: "Condition",
					Message: fmt.Sprintf("statement %d has an empty \"Condition\", which restricts nothing; remove it, or add the condition you meant", st.Index+1),
					Fix:     removeMemberFix(`Remove "Condition": {}`, cond)})
				continue
			}
			nonEmpty := 0
			for _, m := range cond.Members {
				if m.Value.Kind != source.Object || len(m.Value.Members) > 0 {
					nonEmpty++
				}
			}
			for _, m := range cond.Members {
				if m.Value.Kind != source.Object {
					continue
				}
				if len(m.Value.Members) == 0 {
					d := Diag{Span: m.KeySpan, Node: m.Value, Value: m.Key,
						Message: fmt.Sprintf("operator %q has no keys, so it tests nothing; remove it, or add the key you meant", m.Key)}
					if nonEmpty > 0 {
						d.Fix = removeMemberFix(fmt.Sprintf("Remove %q", m.Key), m.Value)
					} else if len(cond.Members) == 1 {
						d.Fix = removeMemberFix(`Remove the empty "Condition"`, cond)
					}
					p.Report(d)
					continue
				}
				for _, km := range m.Value.Members {
					if km.Value.Kind == source.Array && len(km.Value.Elems) == 0 {
						p.Report(Diag{Span: km.Value.Span, Node: km.Value, Value: km.Key,
							Message: fmt.Sprintf("%q under %q has an empty list of values, so the condition compares the key with nothing; list the values you meant, or remove the key", km.Key, m.Key)})
					}
				}
			}
		}
	},
}

// removeMemberFix deletes the object member whose value is n, with the
// comma that joins it to a neighbour, so the object stays valid JSON.
func removeMemberFix(title string, n *source.Node) *finding.Fix {
	parent := n.Parent
	if parent == nil || parent.Kind != source.Object || n.Index >= len(parent.Members) {
		return nil
	}
	ms := parent.Members
	i := n.Index
	span := source.Span{Start: ms[i].KeySpan.Start, End: n.Span.End}
	switch {
	case i > 0:
		// From the end of the previous value: ", "Condition": {}".
		span.Start = ms[i-1].Value.Span.End
	case len(ms) > 1:
		// The first member: up to the next key.
		span.End = ms[1].KeySpan.Start
	}
	return &finding.Fix{Title: title, Edits: []finding.Edit{{Span: span, NewText: ""}}}
}
