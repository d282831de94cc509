package rules

import (
	"fmt"
	"strings"

	"github.com/seslint/seslint/internal/awsdata"
	"github.com/seslint/seslint/internal/finding"
	"github.com/seslint/seslint/internal/policy"
)

// unknownConditionKey reports condition keys that are neither SES keys nor
// global aws: keys (nor the cross-service keys IAM documents as global),
// and keys whose service prefix is written in the wrong case, which SES
// rejects although IAM calls key names case-insensitive.
var unknownConditionKey = &Rule{
	ID: "SES502", Name: "unknown-condition-key", Severity: finding.Error, Precision: "high",
	Summary: "A condition key is not an SES key or a global aws: key, or its prefix is in the wrong case (AWS:SourceAccount)",
	Check: func(p *Pass) {
		if p.Policy == nil {
			return
		}
		for _, st := range p.Policy.Statements {
			keys := p.conditionKeys(st)
			for i := range st.Conditions {
				c := &st.Conditions[i]
				msg, fixTo := conditionKeyProblem(c.Key, keys[i])
				if msg == "" {
					continue
				}
				d := Diag{Span: c.KeySpan, Node: c.KeyNode, Value: c.Key, Message: msg}
				if fixTo != "" && c.OperatorNode.Get(fixTo) == nil {
					d.Fix = renameKeyFix(fmt.Sprintf("Change to %q", fixTo), c.KeySpan, fixTo)
				}
				p.Report(d)
			}
		}
	},
}

// conditionKeyProblem says what is wrong with a condition key, found as
// Pass.conditionKeys looked it up, if anything, and the key to replace it
// with when that is certain enough for a fix.
func conditionKeyProblem(key string, found condKey) (msg, fixTo string) {
	if k, ok := found.ConditionKey, found.ok; ok {
		if k.PrefixCaseMatches(key) {
			return "", ""
		}
		canon := k.Canonical(key)
		return fmt.Sprintf("condition key %q must be written %q: SES rejects a prefix in another case (\"Unknown or unapplicable condition field\") although IAM calls key names case-insensitive",
			key, canon), canon
	}
	if key == "" {
		return `empty condition key; name an SES key such as "ses:FromAddress" or a global key such as "aws:SourceAccount"`, ""
	}
	prefix, _, hasColon := strings.Cut(key, ":")
	if !hasColon {
		for _, guess := range []string{"ses:" + key, "aws:" + key} {
			if sug, ok := awsdata.SuggestConditionKey(guess); ok && !strings.Contains(sug, "${") {
				return fmt.Sprintf("condition key %q has no service prefix; did you mean %q?", key, sug), sug
			}
		}
		return fmt.Sprintf("condition key %q has no service prefix: SES keys start with \"ses:\" and global keys with \"aws:\"", key), ""
	}
	sug, ok := awsdata.SuggestConditionKey(key)
	if ok && strings.HasSuffix(key, "/") && strings.EqualFold(sug, key) {
		return fmt.Sprintf("condition key %q names no tag: write the tag key after the slash, as in %q", key, sug+"Project"), ""
	}
	if ok && !strings.EqualFold(sug, key) {
		msg := fmt.Sprintf("unknown condition key %q; did you mean %q?", key, sug)
		if strings.Contains(sug, "${") {
			return msg, ""
		}
		return msg, sug
	}
	switch {
	case strings.EqualFold(prefix, awsdata.ActionPrefix):
		return fmt.Sprintf("unknown condition key %q: SES has no such key (%s)", key, sesSendingKeyList()), ""
	case strings.EqualFold(prefix, "aws"):
		return fmt.Sprintf("unknown global condition key %q: IAM documents no such aws: key", key), ""
	}
	return fmt.Sprintf("condition key %q belongs to another service (%q), not SES: no SES action carries it, and SES rejects keys it does not know", key, prefix), ""
}

// sesSendingKeyList names the keys a sending action carries, for messages.
func sesSendingKeyList() string {
	a, _ := awsdata.LookupAction("SendEmail")
	var keys []string
	for _, k := range a.ConditionKeys {
		if strings.HasPrefix(k, awsdata.ActionPrefix+":") {
			keys = append(keys, fmt.Sprintf("%q", k))
		}
	}
	return "the sending keys are " + strings.Join(keys, ", ")
}

// condKey is a condition's key as awsdata.LookupConditionKey finds it.
type condKey struct {
	awsdata.ConditionKey
	ok bool
}

// conditionKeys returns, for each of st.Conditions in order, its key
// looked up. Three rules read them, so the policy's keys are looked up once
// per unit, on first use.
func (p *Pass) conditionKeys(st *policy.Statement) []condKey {
	if p.Policy == nil {
		return lookupConditionKeys(nil, st)
	}
	c := p.unitCache()
	return c.condKeys.of(p.Policy, st, conditionCount, lookupConditionKeys)
}

// lookupConditionKeys appends st's condition keys, looked up, to dst.
func lookupConditionKeys(dst []condKey, st *policy.Statement) []condKey {
	for i := range st.Conditions {
		c := &st.Conditions[i]
		k, ok := awsdata.LookupConditionKey(c.Key)
		dst = append(dst, condKey{k, ok})
	}
	return dst
}
