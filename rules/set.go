package rules

import (
	"path/filepath"
	"slices"
	"strings"

	"github.com/seslint/seslint/internal/finding"
	"github.com/seslint/seslint/internal/input"
	"github.com/seslint/seslint/internal/source"
)

// SetUnit is what the set rules know of a unit (see SetUnitOf): a driver
// that lints thousands of files keeps far less of each than its unit.
type SetUnit struct {
	Path string
	// Identity is the identity's value, or "" when it is not known.
	Identity        string
	PolicyName      string
	PolicyNameKnown bool
	// At is where a set rule reports on the unit, in its file; Pointer
	// and Value are the JSON pointer and the text of the node there.
	At             source.Span
	Pointer, Value string
}

// SetUnitOf returns what the set rules know of u: they report at the
// PolicyName of a request, else at the policy's opening brace.
func SetUnitOf(u *input.Unit) SetUnit {
	s := SetUnit{Path: u.Path, PolicyName: u.PolicyName.Value, PolicyNameKnown: u.PolicyName.Known}
	if u.Identity.Known {
		s.Identity = u.Identity.Value
	}
	s.At, _ = identUnitSpan(u)
	// At the policy's brace, the finding is about the file: the root's
	// pointer is "", and its text not the value at fault.
	if n := u.PolicyName.Node; n != nil {
		s.Pointer, s.Value = n.Pointer(), n.Text
	}
	return s
}

// SetUnits are the units of a run as the set rules see them, in input
// order. Unit may build each one on demand, so that a driver need not hold
// them all in this form at once.
type SetUnits interface {
	Len() int
	// Path is unit i's path, without building the rest of it.
	Path(i int) string
	Unit(i int) SetUnit
}

// SetPass is a set rule's view of all units.
type SetPass struct {
	Units SetUnits

	rule     *Rule
	severity finding.Severity
	out      []finding.Finding
	// groups are shared by the set rules of one LintSet.
	groups *[]identGroup
}

// Report records a finding in unit u, at u.At.
func (p *SetPass) Report(u *SetUnit, msg string) {
	p.out = append(p.out, finding.Finding{
		RuleID: p.rule.ID, RuleName: p.rule.Name, Severity: p.severity,
		File: u.Path, Span: u.At, Message: msg, Pointer: u.Pointer, Value: u.Value,
	})
}

// identGroup is the units of one identity, by index in SetPass.Units.
type identGroup struct {
	key, name string // name as first written, in path order
	units     []int32
	// first is the path of the unit that gave name.
	first string
}

// identGroups groups the units by known identity, an identity ARN counting
// as its name, each group in path order (input order for equal paths); the
// groups are sorted by identity. Both set rules use them, so they are made
// once.
func (p *SetPass) identGroups() []identGroup {
	if *p.groups != nil {
		return *p.groups
	}
	index := map[string]int{}
	groups := []identGroup{}
	// The files of one folder come one after another and share their
	// identity: it is parsed and looked up once for them all.
	last, lastName, lastGroup := "", "", -1
	for i := range p.Units.Len() {
		u := p.Units.Unit(i)
		if u.Identity == "" {
			continue
		}
		if u.Identity != last {
			last, lastGroup = u.Identity, -1
			ref, ok := identParse(u.Identity)
			if !ok {
				continue
			}
			key := identKey(ref.Name)
			g, seen := index[key]
			if !seen {
				g = len(groups)
				index[key] = g
				groups = append(groups, identGroup{key: key, name: ref.Name, first: u.Path})
			}
			lastName, lastGroup = ref.Name, g
		}
		if lastGroup < 0 {
			continue // not an identity
		}
		g := &groups[lastGroup]
		if slashedLess(u.Path, g.first) {
			g.name, g.first = lastName, u.Path
		}
		g.units = append(g.units, int32(i))
	}
	for _, g := range groups {
		slices.SortStableFunc(g.units, func(a, b int32) int {
			return strings.Compare(filepath.ToSlash(p.Units.Path(int(a))), filepath.ToSlash(p.Units.Path(int(b))))
		})
	}
	slices.SortFunc(groups, func(a, b identGroup) int { return strings.Compare(a.key, b.key) })
	*p.groups = groups
	return groups
}

func slashedLess(a, b string) bool { return filepath.ToSlash(a) < filepath.ToSlash(b) }
