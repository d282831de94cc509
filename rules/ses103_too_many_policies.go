package rules

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/seslint/seslint/internal/finding"
	"github.com/seslint/seslint/internal/input"
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
		for _, g := range identGroups(p.Units) {
			// Files that share a policy name are one policy in SES (the
			// last write wins; SES104 reports them), so count names.
			var kept []*input.Unit
			names := map[string]bool{}
			for _, u := range g.units {
				if u.PolicyName.Known {
					if names[u.PolicyName.Value] {
						continue
					}
					names[u.PolicyName.Value] = true
				}
				kept = append(kept, u)
			}
			if len(kept) <= MaxPoliciesPerIdentity {
				continue
			}
			for i, u := range kept[MaxPoliciesPerIdentity:] {
				span, node := identUnitSpan(u)
				p.Report(u, span, node, fmt.Sprintf("identity %q has %d policies in the linted files, over the SES limit of %d per identity; this is policy %d: merge statements into fewer policies",
					g.name, len(kept), MaxPoliciesPerIdentity, MaxPoliciesPerIdentity+i+1))
			}
		}
	},
}

type identGroup struct {
	name  string // as first written, in path order
	units []*input.Unit
}

// identGroups groups units by known identity, an identity ARN counting
// as its name, in path order; the groups are sorted by identity.
func identGroups(units []*input.Unit) []identGroup {
	sorted := slices.Clone(units)
	slices.SortFunc(sorted, func(a, b *input.Unit) int { return strings.Compare(filepath.ToSlash(a.Path), filepath.ToSlash(b.Path)) })
	index := map[string]int{}
	var groups []identGroup
	for _, u := range sorted {
		if !u.Identity.Known {
			continue
		}
		ref, ok := identParse(u.Identity.Value)
		if !ok {
			continue
		}
		key := identKey(ref.Name)
		i, seen := index[key]
		if !seen {
			i = len(groups)
			index[key] = i
			groups = append(groups, identGroup{name: ref.Name})
		}
		groups[i].units = append(groups[i].units, u)
	}
	slices.SortFunc(groups, func(a, b identGroup) int { return strings.Compare(identKey(a.name), identKey(b.name)) })
	return groups
}
