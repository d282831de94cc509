package rules

import (
	"github.com/seslint/seslint/internal/finding"
)

// notAction reports the NotAction element, which SES does not document and
// which, with Allow, grants every action except the ones listed.
var notAction = &Rule{
	ID: "SES404", Name: "not-action", Severity: finding.Error, Precision: "very-high",
	Security: true, SecuritySeverity: "7.1",
	Summary: `"NotAction" is not documented for SES identity policies; with Allow it grants every action except the ones listed, future ones included`,
	Check: func(p *Pass) {
		for _, st := range stmtsOf(p) {
			if st.NotActionNode == nil {
				continue
			}
			if stmtDenies(st) {
				p.AtKey(st.NotActionNode, `"NotAction" is not documented for SES identity policies and may be rejected; with "Deny" it denies every action except the ones listed: name the denied actions in "Action"`)
				continue
			}
			p.AtKey(st.NotActionNode, `"NotAction" grants every SES action except the ones listed, future ones and policy management included, and SES does not document it; list the granted actions in "Action" instead`)
		}
	},
}
