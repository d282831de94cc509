package rules

import (
	"fmt"

	"github.com/seslint/seslint/internal/finding"
)

// MaxPoliciesPerIdentity is SES's limit ("Identity owners can associate up
// to 20 policies with each unique identity", SES Developer Guide, "Policy
// requirements").
const MaxPoliciesPerIdentity = 20

// tooManyPolicies counts the linted policies of each identity.
var tooManyPolicies = &Rule{
	ID: "SES103", Name: "too-many-policies", Severity: finding.Error, Precision: "high",
	Summary: "More than 20 policies for one identity among the linted files",
	CheckSet: func(p *SetPass) {
		for _, g := range p.identGroups() {
			if len(g.units) <= MaxPoliciesPerIdentity {
				continue // fewer names still
			}
			// Files that share a policy name are one policy in SES (the
			// last write wins; SES104 reports them), so count names.
			var kept []SetUnit
			names := map[string]bool{}
			for _, i := range g.units {
				u := p.Units.Unit(int(i))
				if u.PolicyNameKnown {
					if names[u.PolicyName] {
						continue
					}
					names[u.PolicyName] = true
				}
				kept = append(kept, u)
			}
			if len(kept) <= MaxPoliciesPerIdentity {
				continue
			}
			for i := range kept[MaxPoliciesPerIdentity:] {
				p.Report(&kept[MaxPoliciesPerIdentity+i], fmt.Sprintf("identity %q has %d policies in the linted files, over the SES limit of %d per identity; this is policy %d: merge statements into fewer policies",
					g.name, len(kept), MaxPoliciesPerIdentity, MaxPoliciesPerIdentity+i+1))
			}
		}
	},
}
