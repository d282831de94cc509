package rules

import (
	"fmt"

	"github.com/seslint/seslint/internal/finding"
	"github.com/seslint/seslint/internal/policy"
	"github.com/seslint/seslint/internal/source"
	"github.com/seslint/seslint/internal/wildcard"
)

// ineffectiveAllow reports an Allow that an unconditional Deny in the same
// policy fully cancels: the Deny covers all of the Allow's principals,
// actions and resources, and an explicit Deny always wins.
var ineffectiveAllow = &Rule{
	ID: "SES605", Name: "ineffective-allow", Severity: finding.Warning, Precision: "high",
	Summary: "An Allow is fully cancelled by an unconditional Deny in the same policy",
	Check: func(p *Pass) {
		if p.Policy == nil {
			return
		}
		for _, a := range p.Policy.Statements {
			if !a.IsAllow() || !cancelPlain(a) || a.Effect == nil {
				continue
			}
			for _, d := range p.Policy.Statements {
				if !d.IsDeny() || !cancelPlain(d) || !cancelUnconditional(d) {
					continue
				}
				if !cancelPrincipals(d, a) || !cancelActions(p, d, a) || !cancelResources(d, a) {
					continue
				}
				p.Report(Diag{Span: a.Effect.Span, Node: a.Effect, Value: a.Effect.Text,
					Message: fmt.Sprintf("this Allow never takes effect: statement %d denies the same principals, actions and resource with no condition, and an explicit Deny always wins; remove one of the two, or add a condition to the Deny", d.Index+1),
					Related: []finding.Related{{Span: d.Effect.Span, Message: fmt.Sprintf("statement %d's Deny is here", d.Index+1)}}})
				break
			}
		}
	},
}

// cancelPlain reports a statement with a principal, actions and resources
// and none of the Not* elements, whose coverage can be compared.
func cancelPlain(st *policy.Statement) bool {
	return st.Principal != nil && st.NotPrincipal == nil && st.NotActionNode == nil && st.NotResourceNode == nil &&
		len(st.Action) > 0 && len(st.Resource) > 0
}

// cancelUnconditional reports a statement with no Condition, or an empty one.
func cancelUnconditional(st *policy.Statement) bool {
	c := st.ConditionNode
	return c == nil || (c.Kind == source.Object && len(c.Members) == 0)
}

// cancelPrincipals reports whether d's principals include all of a's:
// "*" includes everyone; otherwise each of a's must appear in d under the
// same type, an account ID being the same as its root ARN.
func cancelPrincipals(d, a *policy.Statement) bool {
	if cancelEveryone(d.Principal) {
		return true
	}
	if cancelEveryone(a.Principal) || len(a.Principal.Entries) == 0 {
		return false
	}
	for _, ae := range a.Principal.Entries {
		if len(ae.Values) == 0 {
			return false
		}
		for _, av := range ae.Values {
			found := false
			for _, de := range d.Principal.Entries {
				if de.Key != ae.Key {
					continue
				}
				for _, dv := range de.Values {
					found = found || cancelSamePrincipal(dv.Text, av.Text)
				}
			}
			if !found {
				return false
			}
		}
	}
	return true
}

// cancelEveryone reports "*" or {"AWS": "*"}.
func cancelEveryone(pr *policy.Principal) bool {
	if pr.Wildcard {
		return true
	}
	for _, e := range pr.Entries {
		if e.Key != "AWS" {
			continue
		}
		for _, v := range e.Values {
			if v.Text == "*" {
				return true
			}
		}
	}
	return false
}

func cancelSamePrincipal(x, y string) bool {
	if x == y {
		return true
	}
	ax, okx := grantAccountOf(x)
	ay, oky := grantAccountOf(y)
	return okx && oky && ax == ay
}

// cancelActions reports whether d's actions cover every action of a: as
// written (d's "ses:*" covers a's "ses:Send*"), or through the actions a's
// wildcard stands for.
func cancelActions(p *Pass, d, a *policy.Statement) bool {
	covered := func(s string) bool {
		for _, dn := range d.Action {
			if wildcard.Match(dn.Text, s, true) {
				return true
			}
		}
		return false
	}
	for _, av := range p.actions(a)[:len(a.Action)] {
		if covered(av.Node.Text) {
			continue
		}
		if !av.known() {
			return false
		}
		for _, act := range av.Matches {
			if !covered(act.FullName()) {
				return false
			}
		}
	}
	return true
}

// cancelResources reports whether each of a's resources matches one of d's
// resource patterns.
func cancelResources(d, a *policy.Statement) bool {
	for _, an := range a.Resource {
		ok := false
		for _, dn := range d.Resource {
			ok = ok || wildcard.Match(dn.Text, an.Text, false)
		}
		if !ok {
			return false
		}
	}
	return true
}
