package rules

import (
	"github.com/seslint/seslint/internal/awsdata"
	"github.com/seslint/seslint/internal/finding"
)

// wildcardAction reports "*" or "ses:*" in an Allow, and any other pattern
// that reaches the identity's policy-management actions. "ses:Send*" is
// the documented way to grant every sending action and stays quiet.
var wildcardAction = &Rule{
	ID: "SES403", Name: "wildcard-action", Severity: finding.Warning, Precision: "high",
	Security: true, SecuritySeverity: "6.8",
	Summary: `"*" or "ses:*" in an Allow grants every current and future SES action on the identity, rewriting its policies included`,
	Check: func(p *Pass) {
		for _, st := range stmtsOf(p) {
			if !stmtAllows(st) {
				continue
			}
			for _, a := range p.actions(st)[:len(st.Action)] {
				if !a.known() || !a.Wildcard {
					continue
				}
				v := a.Node
				if a.Name == "*" {
					p.At(v, `action %q grants every current and future SES action on this identity, including rewriting its policies and deleting it; list the actions the delegate needs, such as "ses:SendEmail" and "ses:SendRawEmail"`, v.Text)
					continue
				}
				if pm, ok := policyManagementAction(a.Matches); ok {
					p.At(v, `action pattern %q also grants %q, which lets the delegate rewrite this identity's policies; list the actions the delegate needs`, v.Text, pm.FullName())
				}
			}
		}
	},
}

// policyManagementAction returns the first identity-scoped
// "Permissions management" action among as: one that changes who may use
// the identity (CreateEmailIdentityPolicy, UpdateEmailIdentityPolicy, ...).
func policyManagementAction(as []awsdata.Action) (awsdata.Action, bool) {
	for _, a := range as {
		if a.Access == awsdata.AccessPermissionsManagement && a.Identity != awsdata.IdentityNo {
			return a, true
		}
	}
	return awsdata.Action{}, false
}
