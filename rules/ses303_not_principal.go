package rules

import (
	"github.com/seslint/seslint/internal/finding"
)

// notPrincipal reports the NotPrincipal element, which SES does not document
// and which, with Allow, grants everyone except the principals it lists.
var notPrincipal = &Rule{
	ID: "SES303", Name: "not-principal", Severity: finding.Error, Precision: "very-high",
	Security: true, SecuritySeverity: "8.1",
	Summary: `"NotPrincipal" is not documented for SES identity policies; with Allow it grants every AWS account except the ones listed`,
	Check: func(p *Pass) {
		for _, st := range stmtsOf(p) {
			if st.NotPrincipal == nil {
				continue
			}
			switch {
			case stmtDenies(st):
				p.AtKey(st.NotPrincipal.Node, `"NotPrincipal" is not documented for SES identity policies and may be rejected; with "Deny" it denies every caller except the ones listed: use "Principal": "*" with a StringNotEquals or ArnNotLike condition on aws:PrincipalAccount or aws:PrincipalArn`)
			default:
				p.AtKey(st.NotPrincipal.Node, `"NotPrincipal" grants every AWS account except the ones listed, and SES does not document it; name the delegates in "Principal" instead`)
			}
		}
	},
}
