package rules

import (
	"fmt"
	"strings"

	"github.com/seslint/seslint/internal/awsdata"
	"github.com/seslint/seslint/internal/finding"
	"github.com/seslint/seslint/internal/policy"
	"github.com/seslint/seslint/internal/source"
)

// multivaluedKeyWithoutQualifier reports multivalued keys such as
// ses:Recipients under an operator without ForAllValues: or ForAnyValue:.
// IAM says multivalued keys require a set operator (S9).
var multivaluedKeyWithoutQualifier = &Rule{
	ID: "SES504", Name: "multivalued-key-without-qualifier", Severity: finding.Warning, Precision: "high",
	Summary: "A multivalued key such as ses:Recipients is tested without ForAllValues: or ForAnyValue:",
	Check: func(p *Pass) {
		if p.Policy == nil {
			return
		}
		for _, st := range p.Policy.Statements {
			forEachOperatorBlock(p, st, func(m *source.Member, op *awsdata.Operator) {
				if op.Qualifier != awsdata.QualifierNone || op.Base.Category == awsdata.OpCategoryNull {
					return
				}
				bad, all := operatorBlockKeys(p, st, m.Value, func(k awsdata.ConditionKey) bool { return k.Multivalued })
				if len(bad) == 0 {
					return
				}
				want := *op
				want.Qualifier = awsdata.QualifierForAllValues
				if st.IsDeny() {
					want.Qualifier = awsdata.QualifierForAnyValue
				}
				suggested := want.String()
				needs := "needs"
				if len(bad) > 1 {
					needs = "need"
				}
				advice := fmt.Sprintf("use %q", suggested)
				if !all {
					advice = fmt.Sprintf("move %s to a %q block", pronounFor(bad), suggested)
				}
				msg := fmt.Sprintf("%s multivalued and %s a set qualifier, which %q lacks; %s",
					quotedKeyListIs(bad), needs, m.Key, advice)
				if st.IsDeny() {
					msg += " so that the Deny applies when any one value satisfies it"
				} else {
					msg += fmt.Sprintf(" so that every value must match (with Allow, ForAllValues also matches a request without the key; add \"Null\": {%q: \"false\"} to require it)", bad[0])
				}
				d := Diag{Span: m.KeySpan, Node: m.Value, Value: m.Key, Message: msg}
				if all && noSiblingNamed(m, suggested) {
					d.Fix = renameKeyFix(fmt.Sprintf("Change to %q", suggested), m.KeySpan, suggested)
				}
				p.Report(d)
			})
		}
	},
}

// forEachOperatorBlock calls fn for each operator of a statement's
// Condition that parses and holds an object of keys. fn gets the cached
// operator itself, not a copy: it must not change it.
func forEachOperatorBlock(p *Pass, st *policy.Statement, fn func(m *source.Member, op *awsdata.Operator)) {
	ms := conditionMembers(st)
	ops := p.operators(st)
	for i := range ops {
		m, op := &ms[i], &ops[i]
		if m.Value.Kind != source.Object || !op.ok {
			continue
		}
		fn(m, &op.Operator)
	}
}

// operatorBlockKeys returns the keys of st's operator block that are known
// and match pred, in source order, and whether every key of the block does.
// The keys are the block's run of st.Conditions, looked up once per unit.
func operatorBlockKeys(p *Pass, st *policy.Statement, block *source.Node, pred func(awsdata.ConditionKey) bool) (keys []string, all bool) {
	all = len(block.Members) > 0
	looked := p.conditionKeys(st)
	for i := range st.Conditions {
		c := &st.Conditions[i]
		if c.OperatorNode != block {
			continue
		}
		if k := &looked[i]; k.ok && pred(k.ConditionKey) {
			keys = append(keys, c.Key)
		} else {
			all = false
		}
	}
	return keys, all
}

// noSiblingNamed reports whether the object holding m has no other key named
// name, so that renaming m to it creates no duplicate.
func noSiblingNamed(m *source.Member, name string) bool {
	parent := m.Value.Parent
	return parent == nil || parent.Get(name) == nil
}

// quotedKeyListIs writes `"a" is` or `"a" and "b" are`.
func quotedKeyListIs(keys []string) string {
	if len(keys) == 1 {
		return quotedKeyList(keys) + " is"
	}
	return quotedKeyList(keys) + " are"
}

// pronounFor returns "it" for one key and "them" for several.
func pronounFor(keys []string) string {
	if len(keys) == 1 {
		return "it"
	}
	return "them"
}

// quotedKeyList writes `"a"`, `"a" and "b"` or `"a", "b" and "c"`.
func quotedKeyList(keys []string) string {
	q := make([]string, len(keys))
	for i, k := range keys {
		q[i] = fmt.Sprintf("%q", k)
	}
	if len(q) == 1 {
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " and " + q[len(q)-1]
}
