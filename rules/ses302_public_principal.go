package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/seslint/seslint/internal/awsdata"
	"github.com/seslint/seslint/internal/finding"
	"github.com/seslint/seslint/internal/policy"
	"github.com/seslint/seslint/internal/source"
)

// publicPrincipal reports an Allow to "*" that no condition limits to known
// callers. A condition on the caller's network alone lowers it to a warning.
var publicPrincipal = &Rule{
	ID: "SES302", Name: "public-principal", Severity: finding.Error, Precision: "high",
	Security: true, SecuritySeverity: "9.1",
	Summary: `An Allow to "*" with no condition that pins down the caller lets any AWS account use the identity`,
	Check: func(p *Pass) {
		for _, st := range stmtsOf(p) {
			if !stmtAllows(st) || st.Principal == nil {
				continue
			}
			stars := publicPrincipalNodes(st.Principal)
			if len(stars) == 0 || conditionPins(st, awsdata.CallerPinningKeys()) {
				continue
			}
			network := networkKeys(st)
			for _, n := range stars {
				d := Diag{Span: n.Span, Node: n, Value: n.Text}
				if len(network) > 0 {
					d.Severity = finding.Warning
					d.Message = fmt.Sprintf(`principal "*" is limited only by the caller's network (%s): any AWS account that calls from there can use this identity; also pin the caller with a condition on aws:PrincipalOrgID, aws:PrincipalAccount or aws:PrincipalArn`, strings.Join(network, ", "))
				} else {
					why := weakPin(st, awsdata.CallerPinningKeys())
					if why != "" {
						why = ": " + why
					}
					d.Message = fmt.Sprintf(`principal "*" lets any AWS account use this identity%s; name the delegate's account, or add a condition on aws:PrincipalOrgID, aws:PrincipalAccount or aws:PrincipalArn`, why)
				}
				p.Report(d)
			}
		}
	},
}

// publicPrincipalNodes returns the "*" values of a Principal: the string
// form, and "*" under "AWS" (alone or in an array). "Service": "*" is
// invalid, and SES301's.
func publicPrincipalNodes(pr *policy.Principal) []*source.Node {
	if pr.Wildcard {
		return []*source.Node{pr.Node}
	}
	var out []*source.Node
	for _, e := range pr.Entries {
		if principalType(e.Key) != "AWS" {
			continue
		}
		for _, v := range e.Values {
			if v.Text == "*" {
				out = append(out, v)
			}
		}
	}
	return out
}

// conditionPins reports whether some condition of st on one of keys can only
// hold for the callers it names: a positive String or ARN operator, without
// IfExists (true when the key is absent, as it is for a caller outside any
// organization) and without ForAllValues (also true when the key is absent),
// whose every value is specific (one value of "*" matches everyone).
func conditionPins(st *policy.Statement, keys []string) bool {
	for i := range st.Conditions {
		c := &st.Conditions[i]
		if !containsFold(keys, c.Key) {
			continue
		}
		op, ok := positiveOperator(c.Operator)
		if !ok || (op.Base.Category != awsdata.OpCategoryString && op.Base.Category != awsdata.OpCategoryARN) {
			continue
		}
		if len(c.Values) > 0 && allValues(c.Values, func(v string) bool { return pinningValue(c.Key, op, v) }) {
			return true
		}
	}
	return false
}

// weakPin explains, as "its ... condition ...", why the first condition
// of st on one of keys does not pin the caller; "" when there is none.
func weakPin(st *policy.Statement, keys []string) string {
	for i := range st.Conditions {
		c := &st.Conditions[i]
		if !containsFold(keys, c.Key) {
			continue
		}
		op, err := awsdata.ParseOperator(c.Operator)
		var why string
		switch {
		case err != nil:
			continue // the operator is SES501's
		case op.Base.Category == awsdata.OpCategoryNull:
			why = "only tests whether the key is present"
		case op.Base.Negated:
			why = "lets in every caller it does not name"
		case op.IfExists || op.Qualifier == awsdata.QualifierForAllValues:
			why = "also holds when the key is absent"
		case op.Base.Category != awsdata.OpCategoryString && op.Base.Category != awsdata.OpCategoryARN:
			continue
		default:
			why = "has a wildcard value that matches any account"
		}
		return fmt.Sprintf("its %s condition on %q %s", c.Operator, c.Key, why)
	}
	return ""
}

// networkKeys returns, sorted and without repeats, the source-IP and VPC
// keys that positively restrict where the caller calls from.
func networkKeys(st *policy.Statement) []string {
	var out []string
	for i := range st.Conditions {
		c := &st.Conditions[i]
		k, ok := awsdata.LookupConditionKey(c.Key)
		if !ok || !containsFold(awsdata.SourceIPKeys(), c.Key) || containsFold(out, k.Name) {
			continue
		}
		if _, ok := positiveOperator(c.Operator); !ok {
			continue
		}
		if len(c.Values) > 0 && allValues(c.Values, func(v string) bool { return v != "" && v != "*" && v != "0.0.0.0/0" && v != "::/0" }) {
			out = append(out, k.Name)
		}
	}
	slices.Sort(out)
	return out
}

// positiveOperator parses op and accepts it when it can only be true if the
// key is present and matches: no negation, no IfExists, no ForAllValues.
func positiveOperator(s string) (awsdata.Operator, bool) {
	op, err := awsdata.ParseOperator(s)
	if err != nil || op.IfExists || op.Base.Negated || op.Qualifier == awsdata.QualifierForAllValues ||
		op.Base.Category == awsdata.OpCategoryNull {
		return op, false
	}
	return op, true
}

// pinningValue reports whether a condition value names specific callers.
// Under an operator that honours wildcards, a value that is only wildcards
// matches everyone, and a wildcard in an account ID, an organization ID or
// the account part of an ARN lets any account through.
func pinningValue(key string, op awsdata.Operator, v string) bool {
	if strings.Trim(v, "*?") == "" {
		return !op.Base.Wildcards && v != ""
	}
	if !op.Base.Wildcards || !strings.ContainsAny(v, "*?") {
		return true
	}
	k, _ := awsdata.LookupConditionKey(key)
	switch {
	case k.Type.Has(awsdata.TypeARN):
		a, ok := policy.ParseARN(v)
		return ok && !strings.ContainsAny(a.Account, "*?")
	case strings.HasSuffix(k.Name, "OrgPaths"):
		org, _, _ := strings.Cut(v, "/")
		return !strings.ContainsAny(org, "*?")
	}
	return false
}

func allValues(vs []*source.Node, ok func(string) bool) bool {
	for _, v := range vs {
		if !ok(v.Text) {
			return false
		}
	}
	return true
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if equalFold(x, s) {
			return true
		}
	}
	return false
}
