package rules

import (
	"errors"
	"fmt"
	"strings"

	"github.com/seslint/seslint/internal/awsdata"
	"github.com/seslint/seslint/internal/finding"
	"github.com/seslint/seslint/internal/policy"
	"github.com/seslint/seslint/internal/source"
)

// unknownConditionOperator reports condition operators IAM does not know:
// misspelt, wrongly cased, with a bad set qualifier, or NullIfExists.
var unknownConditionOperator = &Rule{
	ID: "SES501", Name: "unknown-condition-operator", Severity: finding.Error, Precision: "very-high",
	Summary: "A condition operator is not one of IAM's operators (misspelt, wrong case, bad ForAllValues:/ForAnyValue: qualifier or IfExists suffix)",
	Check: func(p *Pass) {
		if p.Policy == nil {
			return
		}
		for _, st := range p.Policy.Statements {
			cond := st.ConditionNode
			if cond == nil || cond.Kind != source.Object {
				continue
			}
			for i, op := range p.operators(st) {
				if op.ok {
					continue
				}
				m := cond.Members[i]
				_, err := awsdata.ParseOperator(m.Key) // again, for the error
				var oe *awsdata.OperatorError
				if !errors.As(err, &oe) {
					continue
				}
				if oe.Problem == awsdata.ProblemUnknownQualifier && !nearQualifier(m.Key, oe.Suggestion) {
					// "ForEachValue:" is as close to ForAnyValue as to
					// ForAllValues in letters, not in meaning: no guess.
					oe.Suggestion = ""
				}
				d := Diag{Span: m.KeySpan, Node: m.Value, Value: m.Key, Message: operatorMessage(oe)}
				if oe.Suggestion != "" && cond.Get(oe.Suggestion) == nil {
					d.Fix = renameKeyFix(fmt.Sprintf("Change to %q", oe.Suggestion), m.KeySpan, oe.Suggestion)
				}
				p.Report(d)
			}
		}
	},
}

// parsedOperator is a member of a Condition object, its key parsed as an
// operator.
type parsedOperator struct {
	awsdata.Operator
	// ok is false when the key is not an operator (SES501's business).
	ok bool
}

// operators returns, for each member of st's Condition object in order,
// its key parsed as an operator; nil when Condition is not an object. Eight
// rules read them, so the policy's operators are parsed once per unit,
// into one slice, on first use.
func (p *Pass) operators(st *policy.Statement) []parsedOperator {
	if p.Policy == nil {
		return parseOperators(nil, st)
	}
	c := p.unitCache()
	return c.operators.of(p.Policy, st, operatorCount, parseOperators)
}

// parseOperators appends the parsed keys of st's Condition object to dst.
func parseOperators(dst []parsedOperator, st *policy.Statement) []parsedOperator {
	for _, m := range conditionMembers(st) {
		op, err := awsdata.ParseOperator(m.Key)
		dst = append(dst, parsedOperator{Operator: op, ok: err == nil})
	}
	return dst
}

// conditionMembers returns the members of st's Condition object, or none.
func conditionMembers(st *policy.Statement) []source.Member {
	if c := st.ConditionNode; c != nil && c.Kind == source.Object {
		return c.Members
	}
	return nil
}

// conditionOperator returns the operator of c, a condition of st whose
// parsed operators are ops; ok is false when it does not parse.
func conditionOperator(st *policy.Statement, ops []parsedOperator, c *policy.Condition) (awsdata.Operator, bool) {
	ms := conditionMembers(st)
	if i := c.OperatorNode.Index; i < len(ops) && ms[i].Value == c.OperatorNode {
		return ops[i].Operator, ops[i].ok
	}
	op, err := awsdata.ParseOperator(c.Operator) // a node not linked as the parser links them
	return op, err == nil
}

// operatorMessage words an OperatorError for this rule.
func operatorMessage(e *awsdata.OperatorError) string {
	var msg string
	switch e.Problem {
	case awsdata.ProblemEmpty:
		return `empty condition operator; use one of IAM's operators, such as "StringEquals"`
	case awsdata.ProblemWrongCase:
		return fmt.Sprintf("condition operator %q is not recognised: operator names are case-sensitive; write %q", e.Input, e.Suggestion)
	case awsdata.ProblemUnknownQualifier:
		msg = fmt.Sprintf("condition operator %q has an unknown set qualifier: only \"ForAllValues:\" and \"ForAnyValue:\" exist", e.Input)
	case awsdata.ProblemIfExistsNotAllowed:
		msg = fmt.Sprintf("condition operator %q does not exist: Null is the one operator without an IfExists form", e.Input)
	default:
		msg = fmt.Sprintf("unknown condition operator %q", e.Input)
	}
	if e.Suggestion != "" {
		msg += fmt.Sprintf("; did you mean %q?", e.Suggestion)
	}
	return msg
}

// nearQualifier reports whether the suggested operator's qualifier differs
// from the written one only by a final "s" ("ForAllValue:" for
// "ForAllValues:"), the one slip whose meaning is not in doubt.
func nearQualifier(written, suggested string) bool {
	wq, _, _ := strings.Cut(written, ":")
	sq, _, _ := strings.Cut(suggested, ":")
	return sq != "" && (wq+"s" == sq || wq == sq+"s")
}

// renameKeyFix replaces an object key, whose span includes its quotes,
// with name.
func renameKeyFix(title string, keySpan source.Span, name string) *finding.Fix {
	return &finding.Fix{Title: title, Edits: []finding.Edit{{Span: keySpan, NewText: jsonQuoted(name)}}}
}

// jsonQuoted returns s as a JSON string literal, without HTML escaping.
func jsonQuoted(s string) string {
	return `"` + source.EscapeStringContent(s) + `"`
}
