package rules

import (
	"fmt"

	"github.com/seslint/seslint/internal/finding"
	"github.com/seslint/seslint/internal/source"
)

// multipleResources reports a statement with more than one Resource: an SES
// policy applies to exactly one identity.
var multipleResources = &Rule{
	ID: "SES204", Name: "multiple-resources", Severity: finding.Error, Precision: "very-high",
	Summary: "A statement lists more than one Resource; an SES policy names exactly one, its identity",
	Check: func(p *Pass) {
		if p.Policy == nil {
			return
		}
		for _, st := range p.Policy.Statements {
			n := st.ResourceNode
			if n == nil || n.Kind != source.Array || len(n.Elems) < 2 {
				continue
			}
			d := Diag{Span: n.KeySpan(), Node: n, Value: n.Name,
				Message: fmt.Sprintf(`statement %d lists %d resources; SES requires exactly one: the ARN of the identity the policy is attached to`, st.Index+1, len(n.Elems))}
			if same := resSameStrings(n.Elems); same != "" {
				d.Message = fmt.Sprintf(`statement %d lists the resource %q %d times; SES requires exactly one resource: write it once`, st.Index+1, same, len(n.Elems))
				d.Fix = Replace("Keep one resource", n, resJSONString(same))
			}
			p.Report(d)
		}
	},
}

// resSameStrings returns the text of elems when they are all the same
// string, else "".
func resSameStrings(elems []*source.Node) string {
	for _, e := range elems {
		if e.Kind != source.String || e.Text != elems[0].Text {
			return ""
		}
	}
	return elems[0].Text
}
