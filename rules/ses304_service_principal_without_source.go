package rules

import (
	"github.com/seslint/seslint/internal/awsdata"
	"github.com/seslint/seslint/internal/finding"
	"github.com/seslint/seslint/internal/policy"
	"github.com/seslint/seslint/internal/source"
)

// serviceSourceKeys are the keys AWS's confused-deputy guidance names for
// pinning a service principal to the resource it acts for: aws:SourceArn
// and aws:SourceAccount, and for a whole organization aws:SourceOrgID and
// aws:SourceOrgPaths (S7).
var serviceSourceKeys = []string{"aws:SourceAccount", "aws:SourceArn", "aws:SourceOrgID", "aws:SourceOrgPaths"}

// servicePrincipalWithoutSource reports a service principal in an Allow
// with no condition naming the resource the service acts for: any customer
// of the service could make it send as this identity (a confused deputy).
var servicePrincipalWithoutSource = &Rule{
	ID: "SES304", Name: "service-principal-without-source", Severity: finding.Warning, Precision: "high",
	Security: true, SecuritySeverity: "6.5",
	Summary: "A service principal is allowed with no aws:SourceAccount or aws:SourceArn condition (confused deputy)",
	Check: func(p *Pass) {
		for _, st := range stmtsOf(p) {
			if !stmtAllows(st) || st.Principal == nil || conditionPins(st, serviceSourceKeys) {
				continue
			}
			for _, e := range st.Principal.Entries {
				if principalType(e.Key) != "Service" {
					continue
				}
				for _, v := range e.Values {
					if v.Text == "*" || !awsdata.ValidServicePrincipalForm(v.Text) {
						continue // SES301's
					}
					reportConfusedDeputy(p, st, v)
				}
			}
		}
	},
}

func reportConfusedDeputy(p *Pass, st *policy.Statement, v *source.Node) {
	const tail = "so any customer of that service could make it act as this identity (confused deputy); add a StringEquals condition on aws:SourceAccount or an ArnLike condition on aws:SourceArn naming your resource"
	if why := weakPin(st, serviceSourceKeys); why != "" {
		p.At(v, "service principal %q is not pinned to your resource (%s), %s", v.Text, why, tail)
		return
	}
	p.At(v, "service principal %q is allowed with no condition on aws:SourceAccount or aws:SourceArn, %s", v.Text, tail)
}
