package rules

import (
	"github.com/seslint/seslint/internal/finding"
)

// notResource reports NotResource, which SES does not document: a policy
// applies to exactly one identity, named in Resource.
var notResource = &Rule{
	ID: "SES205", Name: "not-resource", Severity: finding.Error, Precision: "high",
	Summary: `"NotResource" is not an SES policy element; name the identity in "Resource"`,
	Check: func(p *Pass) {
		if p.Policy == nil {
			return
		}
		for _, st := range p.Policy.Statements {
			n := st.NotResourceNode
			if n == nil {
				continue
			}
			msg := `"NotResource" is not an element SES documents, and an SES policy applies to exactly one identity; replace it with "Resource": the ARN of the policy's identity`
			if st.ResourceNode != nil {
				msg = `"NotResource" is not an element SES documents, and an SES policy applies to exactly one identity, already named in "Resource"; remove "NotResource"`
			}
			p.Report(Diag{Span: n.KeySpan(), Node: n, Value: n.Name, Message: msg})
		}
	},
}
