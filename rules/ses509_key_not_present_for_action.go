package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/seslint/seslint/internal/awsdata"
	"github.com/seslint/seslint/internal/finding"
	"github.com/seslint/seslint/internal/policy"
)

// keyNotPresentForAction reports a condition that must find its key in the
// request, on an ses: key that none of the statement's actions carries: the
// condition is never true and the statement never applies.
var keyNotPresentForAction = &Rule{
	ID: "SES509", Name: "key-not-present-for-action", Severity: finding.Warning, Precision: "high",
	Summary: "A condition tests an SES key that none of the statement's actions carries (ses:FromAddress with only ses:SendBulkEmail), so the statement never applies",
	Check: func(p *Pass) {
		if p.Policy == nil {
			return
		}
		for _, st := range p.Policy.Statements {
			acts, ok := resolveStatementActions(p, st)
			if !ok {
				continue
			}
			ops := p.operators(st)
			keys := p.conditionKeys(st)
			for i := range st.Conditions {
				c := &st.Conditions[i]
				op, ok := conditionOperator(st, ops, c)
				// Negated operators, IfExists, Null and ForAllValues are
				// all true, or meant to be, when the key is missing.
				if !ok || op.Base.Negated || op.IfExists || op.Base.Category == awsdata.OpCategoryNull ||
					op.Qualifier == awsdata.QualifierForAllValues {
					continue
				}
				k, ok := keys[i].ConditionKey, keys[i].ok
				if !ok || k.Origin != awsdata.OriginSES {
					continue
				}
				if anyActionCarries(acts, k) {
					continue
				}
				effect := "grants"
				if st.IsDeny() {
					effect = "denies"
				}
				p.Report(Diag{Span: c.KeySpan, Node: c.KeyNode, Value: c.Key, Message: fmt.Sprintf(
					"no action this statement %s (%s) carries %q, so %q is never true and the statement never applies; remove the condition, or add an action that carries the key",
					effect, actionListText(st), k.Name, c.Operator)})
			}
		}
	},
}

// resolveStatementActions resolves a statement's Action element to SES
// actions, each value with the actions it matches. ok is false when there
// is nothing to resolve, when the statement uses NotAction, or when an
// action is unknown (another rule's business), so that callers stay quiet
// rather than guess.
func resolveStatementActions(p *Pass, st *policy.Statement) (acts []actionValue, ok bool) {
	if st.NotActionNode != nil || len(st.Action) == 0 {
		return nil, false
	}
	acts = p.actions(st)[:len(st.Action)]
	for _, a := range acts {
		if !a.known() {
			return nil, false
		}
	}
	return acts, true
}

// anyActionCarries reports whether one of the actions acts match carries
// the condition key k, as Action.HasConditionKey would find it.
func anyActionCarries(acts []actionValue, k awsdata.ConditionKey) bool {
	for _, v := range acts {
		for _, a := range v.Matches {
			if slices.Contains(a.ConditionKeys, k.Name) {
				return true
			}
		}
	}
	return false
}

// actionListText quotes a statement's actions as written, for messages.
func actionListText(st *policy.Statement) string {
	q := make([]string, 0, len(st.Action))
	for _, n := range st.Action {
		q = append(q, fmt.Sprintf("%q", n.Text))
	}
	return strings.Join(q, ", ")
}
