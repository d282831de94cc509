package rules

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/seslint/seslint/internal/bench/gen"
	"github.com/seslint/seslint/internal/input"
	"github.com/seslint/seslint/internal/policy"
	"github.com/seslint/seslint/internal/source"
)

// resetWhole is how unitCache.reset cleared the cache before it cleared
// only what a unit used: all of it, but the arrays its runs grew.
func resetWhole(c *unitCache) unitCache {
	return unitCache{
		actions:   stmtRuns[actionValue]{moreVals: c.actions.moreVals, moreRuns: c.actions.moreRuns},
		operators: stmtRuns[parsedOperator]{moreVals: c.operators.moreVals, moreRuns: c.operators.moreRuns},
		condKeys:  stmtRuns[condKey]{moreVals: c.condKeys.moreVals, moreRuns: c.condKeys.moreRuns},
	}
}

// TestUnitCacheReset runs every rule over policies of few and many
// statements, actions, conditions and ARNs with one cache, as LintUnit's
// pool does, and holds each reset to clearing the whole cache.
func TestUnitCacheReset(t *testing.T) {
	e, err := New(Settings{})
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, kind := range []string{"", "duplicate-key", "lower-case-effect", "duplicate-sid"} {
		texts = append(texts, string(gen.Example(1500, kind).Text))
	}
	var big strings.Builder
	big.WriteString(`{"Version": "2012-10-17", "Statement": [`)
	for i := range 20 {
		if i > 0 {
			big.WriteString(",")
		}
		fmt.Fprintf(&big, `{"Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::1234567890%02d:root", "arn:aws:iam::1111222233%02d:user/u"]},`+
			` "Action": ["ses:SendEmail", "ses:SendRawEmail", "ses:Send*", "ses:GetAccount", "ses:ListIdentities", "ses:SendBounce", "ses:X", "ses:Y", "ses:Z"],`+
			` "Resource": "arn:aws:ses:us-east-1:1234567890%02d:identity/example.com",`+
			` "Condition": {"StringEquals": {"ses:FromAddress": "a@example.com", "aws:SourceAccount": "111122223333"}, "StringLike": {"ses:Recipients": "*@example.com"}}}`, i, i, i)
	}
	big.WriteString("]}")
	texts = append(texts, big.String(), `{"Statement": {}}`, `[]`, big.String(), string(gen.Example(1500, "").Text))

	var run unitRun
	for i, text := range texts {
		u := input.Load(source.Parse("p.json", []byte(text)), input.Hints{})
		var pol *policy.Policy
		if u.Policy != nil && u.Policy.Root != nil {
			pol = policy.NewIn(&run.buf, u.Policy.Root)
		}
		run.cache.policy = pol
		p := Pass{Unit: u, Policy: pol, Options: e.options, cache: &run.cache}
		for _, a := range e.active {
			if a.rule.Check != nil {
				p.rule, p.severity = a.rule, a.severity
				a.rule.Check(&p)
			}
		}
		want := resetWhole(&run.cache)
		run.cache.reset()
		if !reflect.DeepEqual(run.cache, want) {
			t.Errorf("text %d: reset leaves %+v", i, run.cache)
		}
	}
	if run.cache.actions.moreVals == nil || run.cache.operators.moreRuns == nil {
		t.Errorf("no policy grew the runs' arrays")
	}
}
