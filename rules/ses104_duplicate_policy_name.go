package rules

import (
	"fmt"
	"path/filepath"

	"github.com/seslint/seslint/internal/finding"
)

// duplicatePolicyName reports two files that define the same policy of the
// same identity: PutIdentityPolicy overwrites, so one of them is lost.
var duplicatePolicyName = &Rule{
	ID: "SES104", Name: "duplicate-policy-name", Severity: finding.Error, Precision: "high",
	Summary: "Two files define the same policy name for the same identity",
	CheckSet: func(p *SetPass) {
		first := map[string]string{} // one map, emptied for each group, grows once
		for _, g := range p.identGroups() {
			clear(first)
			for _, i := range g.units {
				u := p.Units.Unit(int(i))
				if !u.PolicyNameKnown {
					continue
				}
				name := u.PolicyName
				other, dup := first[name]
				if !dup {
					first[name] = filepath.ToSlash(u.Path)
					continue
				}
				p.Report(&u, fmt.Sprintf("policy %q of identity %q is also defined in %q; PutIdentityPolicy overwrites by name, so only the last one deployed survives: rename one or merge them",
					name, g.name, other))
			}
		}
	},
}
