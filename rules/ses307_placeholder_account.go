package rules

import (
	"fmt"

	"github.com/seslint/seslint/internal/awsdata"
	"github.com/seslint/seslint/internal/finding"
	"github.com/seslint/seslint/internal/policy"
	"github.com/seslint/seslint/internal/source"
)

// placeholderAccount reports a principal or Resource that names an account
// ID or unique ID the AWS documentation uses as an example. SES accepts such
// a principal, and the account may well exist: the policy then delegates to
// a stranger. In the Resource it means the policy was copied and never
// pointed at the real identity.
// Values SES would reject, such as "EXAMPLE65304" or "ACCOUNT_ID", are
// SES301's (in a principal) and SES201's (in the Resource); template text is
// SES009's.
var placeholderAccount = &Rule{
	ID: "SES307", Name: "placeholder-account", Severity: finding.Warning, Precision: "medium",
	Summary: "A principal or the Resource names a sample account ID from the AWS documentation (123456789012, 111122223333, ...)",
	Check: func(p *Pass) {
		for _, st := range stmtsOf(p) {
			principalValues(st, "AWS", func(v *source.Node) {
				if msg := samplePrincipal(p, v.Text); msg != "" {
					p.At(v, "%s", msg)
				}
			})
			for _, r := range st.Resource {
				if a, ok := p.parseARN(r.Text); ok && policy.IsAccountID(a.Account) && awsdata.IsSampleAccount(a.Account) {
					p.At(r, "resource %q names account %q, a sample account ID from the AWS documentation; use the account that owns the identity", r.Text, a.Account)
				}
			}
		}
	},
}

func samplePrincipal(p *Pass, t string) string {
	const fill = "put the 12-digit ID of the account you mean"
	switch a, isARN := p.parseARN(t); {
	case policy.IsAccountID(t) && awsdata.IsSampleAccount(t):
		return fmt.Sprintf("principal %q is a sample account ID from the AWS documentation; %s", t, fill)
	case isARN && awsdata.IsSampleAccount(a.Account):
		return fmt.Sprintf("principal %q names account %q, a sample account ID from the AWS documentation; %s", t, a.Account, fill)
	case awsdata.IsSampleUniqueID(t):
		return fmt.Sprintf(`principal %q is a sample unique ID from the AWS documentation (it ends in "EXAMPLE"); name the real account, user or role`, t)
	}
	return ""
}
