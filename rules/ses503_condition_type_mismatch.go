package rules

import (
	"fmt"
	"strings"

	"github.com/seslint/seslint/internal/awsdata"
	"github.com/seslint/seslint/internal/finding"
	"github.com/seslint/seslint/internal/source"
)

// conditionTypeMismatch reports an operator that cannot compare its key's
// type, and values the operator cannot read.
var conditionTypeMismatch = &Rule{
	ID: "SES503", Name: "condition-type-mismatch", Severity: finding.Error, Precision: "high",
	Summary: "A condition operator does not fit its key's type (IpAddress on ses:FromAddress), or a value is not of the operator's form (a bad CIDR, date, number or boolean)",
	Check: func(p *Pass) {
		if p.Policy == nil {
			return
		}
		for _, st := range p.Policy.Statements {
			ops := p.operators(st)
			keys := p.conditionKeys(st)
			for i := range st.Conditions {
				c := &st.Conditions[i]
				op, ok := conditionOperator(st, ops, c)
				if !ok {
					continue
				}
				cat := op.Base.Category
				if k := keys[i]; k.ok && !awsdata.OperatorFitsKeyType(cat, k.Type) {
					p.Report(Diag{Span: c.KeySpan, Node: c.KeyNode, Value: c.Key, Message: fmt.Sprintf(
						"%q compares %s, but %q is %s key; use %s operator such as %q",
						c.Operator, categoryWords(cat), c.Key, withArticle(keyTypeWords(k.Type)),
						withArticle(typeFamily(k.Type)), awsdata.ExampleOperatorFor(k.Type))})
					continue
				}
				for _, v := range c.Values {
					if msg := operatorValueProblem(op, c.Operator, v); msg != "" {
						p.Report(Diag{Span: v.Span, Node: v, Value: v.Text, Message: msg})
					}
				}
			}
		}
	},
}

// operatorValueProblem says why v is not a value the operator can read.
func operatorValueProblem(op awsdata.Operator, name string, v *source.Node) string {
	isString := v.Kind == source.String
	switch op.Base.Category {
	case awsdata.OpCategoryIPAddress:
		if !isString || !awsdata.ValidIPConditionValue(v.Text) {
			return fmt.Sprintf("%q is not an IP address or CIDR range, which %q needs (for example \"203.0.113.0/24\")", v.Text, name)
		}
	case awsdata.OpCategoryDate:
		if v.Kind == source.Number && awsdata.ValidNumericConditionValue(v.Text) && !strings.ContainsAny(v.Text, ".-") {
			return ""
		}
		if !isString || !awsdata.ValidDateConditionValue(v.Text) {
			return fmt.Sprintf("%q is not a date %q can read; write ISO 8601 (\"2026-12-31T23:59:59Z\") or epoch seconds", v.Text, name)
		}
	case awsdata.OpCategoryNumeric:
		if v.Kind != source.Number && (!isString || !awsdata.ValidNumericConditionValue(v.Text)) {
			return fmt.Sprintf("%q is not a number, which %q needs", v.Text, name)
		}
	case awsdata.OpCategoryBool:
		if isString && op.Base.PolicyVariables && strings.Contains(v.Text, "${") {
			return ""
		}
		if v.Kind != source.Bool && (!isString || !awsdata.ValidBoolConditionValue(v.Text)) {
			return fmt.Sprintf("%q is not a boolean: %q takes \"true\" or \"false\"", v.Text, name)
		}
	case awsdata.OpCategoryNull:
		if v.Kind != source.Bool && (!isString || !awsdata.ValidBoolConditionValue(v.Text)) {
			return fmt.Sprintf("%q is not a boolean: \"Null\" takes \"true\" (the key is absent) or \"false\" (the key is present)", v.Text)
		}
	case awsdata.OpCategoryBinary:
		if !isString || !awsdata.ValidBinaryConditionValue(v.Text) {
			return fmt.Sprintf("%q is not base64, which %q needs", v.Text, name)
		}
	}
	return ""
}

// categoryWords names what an operator category compares.
func categoryWords(c awsdata.OperatorCategory) string {
	switch c {
	case awsdata.OpCategoryString:
		return "strings"
	case awsdata.OpCategoryNumeric:
		return "numbers"
	case awsdata.OpCategoryDate:
		return "dates"
	case awsdata.OpCategoryBool:
		return "booleans"
	case awsdata.OpCategoryBinary:
		return "binary values"
	case awsdata.OpCategoryIPAddress:
		return "IP addresses"
	case awsdata.OpCategoryARN:
		return "ARNs"
	}
	return "values"
}

// typeFamily names the operator family for a key type in messages.
func typeFamily(t awsdata.KeyType) string {
	switch {
	case t&awsdata.TypeARN != 0:
		return "ARN"
	case t&awsdata.TypeString != 0:
		return "String"
	case t&awsdata.TypeDate != 0:
		return "Date"
	case t&awsdata.TypeNumeric != 0:
		return "Numeric"
	case t&awsdata.TypeBool != 0:
		return "Bool"
	case t&awsdata.TypeIPAddress != 0:
		return "IP address"
	}
	return "Binary"
}

// keyTypeWords names a key type for messages: "String", "IP address",
// "Date or Numeric".
func keyTypeWords(t awsdata.KeyType) string {
	return strings.ReplaceAll(t.String(), "IPAddress", "IP address")
}

// withArticle puts "a" or "an" before word, by its first letter: "an ARN",
// "an IP address", "a String".
func withArticle(word string) string {
	if word != "" && strings.ContainsRune("AEIOU", rune(word[0])) {
		return "an " + word
	}
	return "a " + word
}
