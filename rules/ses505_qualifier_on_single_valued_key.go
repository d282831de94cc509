package rules

import (
	"fmt"

	"github.com/seslint/seslint/internal/awsdata"
	"github.com/seslint/seslint/internal/finding"
	"github.com/seslint/seslint/internal/source"
)

// qualifierOnSingleValuedKey reports ForAllValues: and ForAnyValue: on
// single-valued keys. IAM advises against it: with Allow, ForAllValues is
// true when the key is missing, so such a condition can restrict nothing
// (S8, S9).
var qualifierOnSingleValuedKey = &Rule{
	ID: "SES505", Name: "qualifier-on-single-valued-key", Severity: finding.Warning, Precision: "high",
	Security: true, SecuritySeverity: "5.9",
	Summary: "ForAllValues: or ForAnyValue: is used on a single-valued key such as ses:FromAddress; with Allow, ForAllValues then restricts nothing when the key is missing",
	Check: func(p *Pass) {
		if p.Policy == nil {
			return
		}
		for _, st := range p.Policy.Statements {
			forEachOperatorBlock(p, st, func(m *source.Member, op *awsdata.Operator) {
				if op.Qualifier == awsdata.QualifierNone || op.Base.Category == awsdata.OpCategoryNull {
					return
				}
				bad, all := operatorBlockKeys(p, st, m.Value, func(k awsdata.ConditionKey) bool { return !k.Multivalued })
				if len(bad) == 0 {
					return
				}
				plain := *op
				plain.Qualifier = awsdata.QualifierNone
				suggested := plain.String()
				var why string
				switch {
				case op.Qualifier == awsdata.QualifierForAllValues && !st.IsDeny():
					why = "with Allow, ForAllValues is true whenever the request lacks the key, so the condition may restrict nothing"
				case op.Qualifier == awsdata.QualifierForAllValues:
					why = "ForAllValues is also true whenever the request lacks the key"
				default:
					why = "set qualifiers are for multivalued keys, and IAM advises against them here"
				}
				advice := fmt.Sprintf("use %q", suggested)
				if !all {
					advice = fmt.Sprintf("move %s to a %q block", pronounFor(bad), suggested)
				}
				msg := fmt.Sprintf("%q on single-valued %s: %s; %s", m.Key, quotedKeyList(bad), why, advice)
				d := Diag{Span: m.KeySpan, Node: m.Value, Value: m.Key, Message: msg}
				if all && noSiblingNamed(m, suggested) {
					d.Fix = renameKeyFix(fmt.Sprintf("Remove the %s: qualifier", op.Qualifier), m.KeySpan, suggested)
				}
				p.Report(d)
			})
		}
	},
}
