package rules

import (
	"fmt"
	"strings"

	"github.com/seslint/seslint/internal/awsdata"
	"github.com/seslint/seslint/internal/finding"
	"github.com/seslint/seslint/internal/policy"
	"github.com/seslint/seslint/internal/source"
)

// unknownAction reports an action that is not an SES action: a misspelling,
// another service's action, a missing "ses:" prefix, or a wildcard that
// matches nothing.
var unknownAction = &Rule{
	ID: "SES401", Name: "unknown-action", Severity: finding.Error, Precision: "very-high",
	Summary: `An action is not an SES action: misspelt, missing the "ses:" prefix, another service's, or a wildcard that matches nothing`,
	Check: func(p *Pass) {
		for _, st := range stmtsOf(p) {
			for _, av := range p.actions(st) {
				if av.known() {
					continue
				}
				v := av.Node
				if msg, fix := actionProblem(v.Text); msg != "" {
					d := Diag{Span: v.Span, Node: v, Value: v.Text, Message: msg}
					if fix != "" {
						d.Fix = Replace(fmt.Sprintf("Change to %q", fix), v, fmt.Sprintf("%q", fix))
					}
					p.Report(d)
				}
			}
		}
	},
}

// sesAction is an action string resolved against the SES action table.
type sesAction struct {
	// Name is the part after the prefix, as written.
	Name string
	// Wildcard marks a name with "*" or "?".
	Wildcard bool
	// Matches are the actions the name matches (one for an exact name). It
	// may be a view of awsdata's table: read it, never write to it.
	Matches []awsdata.Action
}

// known reports an SES action, or a pattern that matches one.
func (a sesAction) known() bool { return len(a.Matches) > 0 }

// resolveSESAction resolves an action string with an "ses" prefix in any
// case, or "*". ok is false for another prefix, no prefix, or a name that
// matches no SES action.
func resolveSESAction(s string) (sesAction, bool) {
	if s == "*" {
		return sesAction{Name: "*", Wildcard: true, Matches: awsdata.ResolveActions("*")}, true
	}
	prefix, name := policy.SplitAction(s)
	if !equalFold(prefix, awsdata.ActionPrefix) { // prefix is "" when s has no ":"
		return sesAction{}, false
	}
	return resolveActionName(name)
}

// resolveActionName resolves the part after "ses:".
func resolveActionName(name string) (sesAction, bool) {
	a := sesAction{Name: name, Wildcard: hasWildcard(name), Matches: awsdata.ResolveActions(name)}
	return a, a.known()
}

// actionValue is one string of a statement's Action or NotAction element
// and what it resolves to.
type actionValue struct {
	Node *source.Node
	sesAction
}

// actions returns st's Action values and then its NotAction values, each
// resolved. Eight rules read them, so the whole policy is resolved once per
// unit, into one slice, on first use.
func (p *Pass) actions(st *policy.Statement) []actionValue {
	if p.Policy == nil {
		return resolveActionValues(nil, st)
	}
	c := p.unitCache()
	return c.actions.of(p.Policy, st, actionCount, resolveActionValues)
}

// resolveActionValues appends st's resolved Action and NotAction values to
// dst.
func resolveActionValues(dst []actionValue, st *policy.Statement) []actionValue {
	for _, list := range [2][]*source.Node{st.Action, st.NotAction} {
		for _, v := range list {
			a, _ := resolveSESAction(v.Text)
			dst = append(dst, actionValue{Node: v, sesAction: a})
		}
	}
	return dst
}

// sesPrefixAliases are prefixes people write for SES that IAM does not know:
// the v2 API is still "ses", and "email" is the endpoint prefix, not the IAM
// one (reference table 1.0).
var sesPrefixAliases = []string{"amazonses", "email", "ses2", "sesv1", "sesv2", "ses-v2"}

// actionProblem says what is wrong with an action string and, when the
// intent is certain, the corrected action; "" when it is an SES action.
func actionProblem(s string) (msg, fixed string) {
	if _, ok := resolveSESAction(s); ok {
		return "", ""
	}
	if t := strings.Join(strings.Fields(s), ""); t != s {
		if _, ok := resolveSESAction(t); ok {
			return fmt.Sprintf("action %q has spaces in it; write %q", s, t), t
		}
	}
	prefix, name := policy.SplitAction(s)
	switch {
	case !strings.Contains(s, ":"):
		if a, ok := resolveActionName(name); ok {
			fixed = awsdata.ActionPrefix + ":" + canonicalActionName(a)
			return fmt.Sprintf("action %q has no service prefix; write %q", s, fixed), fixed
		}
		if sug, ok := awsdata.SuggestAction(name); ok {
			fixed = awsdata.ActionPrefix + ":" + sug
			return fmt.Sprintf("action %q has no service prefix and is not an SES action; did you mean %q?", s, fixed), fixed
		}
		return fmt.Sprintf(`action %q is not an SES action; SES actions are written "ses:<Name>", such as "ses:SendEmail"`, s), ""
	case !equalFold(prefix, awsdata.ActionPrefix):
		a, known := resolveActionName(name)
		alias := containsFold(sesPrefixAliases, prefix)
		if _, typo := awsdata.Suggest(prefix, []string{awsdata.ActionPrefix}); known && (alias || typo) {
			fixed = awsdata.ActionPrefix + ":" + canonicalActionName(a)
			msg = fmt.Sprintf(`action %q has prefix %q; every SES action, v2 included, uses "ses": did you mean %q?`, s, prefix, fixed)
			if !alias {
				return msg, "" // a typo of "ses" may be another service's real action
			}
			return msg, fixed
		}
		return fmt.Sprintf(`action %q is not an SES action; an SES identity policy can grant only "ses:" actions`, s), ""
	case name == "":
		return fmt.Sprintf("action %q has no action name after the prefix", s), ""
	case hasWildcard(name):
		return fmt.Sprintf("action pattern %q matches no SES action", s), ""
	}
	if sug, ok := awsdata.SuggestAction(name); ok {
		fixed = awsdata.ActionPrefix + ":" + sug
		return fmt.Sprintf("action %q does not exist; did you mean %q?", s, fixed), fixed
	}
	return fmt.Sprintf("action %q does not exist in SES", s), ""
}

// canonicalActionName is the name part in canonical case: the action's own
// spelling for an exact name, and for a pattern "Literal*" the literal part
// spelled as every action it matches spells it. Other patterns are kept.
func canonicalActionName(a sesAction) string {
	name, star := canonicalActionParts(a)
	if star {
		return name + "*"
	}
	return name
}

// canonicalActionParts is canonicalActionName without the final "*" of a
// "Literal*" pattern, which star reports.
func canonicalActionParts(a sesAction) (name string, star bool) {
	if !a.Wildcard {
		return a.Matches[0].Name, false
	}
	lit, ok := strings.CutSuffix(a.Name, "*")
	if !ok || lit == "" || hasWildcard(lit) {
		return a.Name, false
	}
	canon := a.Matches[0].Name[:len(lit)]
	for _, m := range a.Matches {
		if m.Name[:len(lit)] != canon {
			return a.Name, false
		}
	}
	return canon, true
}
