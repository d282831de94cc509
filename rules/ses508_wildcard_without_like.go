package rules

import (
	"fmt"
	"strings"

	"github.com/seslint/seslint/internal/awsdata"
	"github.com/seslint/seslint/internal/finding"
	"github.com/seslint/seslint/internal/source"
)

// wildcardWithoutLike reports "*" or "?" in the value of a StringEquals
// family operator, where they are literal characters. ArnEquals honours
// wildcards like ArnLike (S8), so it is not this rule's business; nor are
// the policy-variable escapes ${*} and ${?}, literal on purpose.
var wildcardWithoutLike = &Rule{
	ID: "SES508", Name: "wildcard-without-like", Severity: finding.Warning, Precision: "high",
	Summary: "A StringEquals or StringNotEquals value contains * or ?, which that operator matches literally",
	Check: func(p *Pass) {
		if p.Policy == nil {
			return
		}
		for _, st := range p.Policy.Statements {
			forEachOperatorBlock(p, st, func(m *source.Member, op *awsdata.Operator) {
				if op.Base.Category != awsdata.OpCategoryString || !strings.Contains(op.Base.Name, "Equals") {
					return
				}
				likeName := "" // named when first needed: a report is rare
				for _, km := range m.Value.Members {
					for v := range conditionStrings(km.Value) {
						if !hasLikeWildcard(v.Text) {
							continue
						}
						if likeName == "" {
							like := *op
							like.Base, _ = awsdata.LookupOperator(strings.Replace(strings.TrimSuffix(op.Base.Name, "IgnoreCase"), "Equals", "Like", 1))
							likeName = like.String()
						}
						msg := fmt.Sprintf("%q contains a wildcard, but %q matches \"*\" and \"?\" literally; use %q",
							v.Text, m.Key, likeName)
						d := Diag{Span: v.Span, Node: v, Value: v.Text}
						switch {
						case op.Base.IgnoreCase:
							msg += ", which compares case-sensitively"
						case noSiblingNamed(m, likeName):
							d.Fix = renameKeyFix(fmt.Sprintf("Change to %q", likeName), m.KeySpan, likeName)
						}
						d.Message = msg + `, or write ${*} and ${?} where a literal one is meant`
						p.Report(d)
					}
				}
			})
		}
	},
}
