package rules_test

import (
	"sort"
	"testing"

	"github.com/seslint/seslint/internal/finding"
	"github.com/seslint/seslint/internal/linttest"
)

// fixCase is one file, one rule, and the file as it reads once every quick
// fix of that rule's findings is applied (or, with noFix, that the rule
// reports without offering one).
type fixCase struct {
	name, rule, path, in, want string
	noFix                      bool
}

// The text output of rule cases shows no fixes, so the quick fixes of the
// condition rules (SES501 to SES510) and of the breadth and hygiene rules
// (SES601 to SES606) are checked here: applied to the file, each must give
// the policy the message promised, valid JSON included.
var conditionFixCases = []fixCase{
	{
		name: "operator case", rule: "SES501", path: "policy.json",
		in:   `{"Statement":[{"Condition":{"stringEquals":{"ses:FromAddress":"a@example.com"}}}]}`,
		want: `{"Statement":[{"Condition":{"StringEquals":{"ses:FromAddress":"a@example.com"}}}]}`,
	},
	{
		name: "operator misspelt", rule: "SES501", path: "policy.json",
		in:   `{"Statement":[{"Condition":{"ForAllValue:StringLke":{"ses:Recipients":"*@example.com"}}}]}`,
		want: `{"Statement":[{"Condition":{"ForAllValues:StringLike":{"ses:Recipients":"*@example.com"}}}]}`,
	},
	{
		name: "operator fix would duplicate a sibling", rule: "SES501", path: "policy.json", noFix: true,
		in: `{"Statement":[{"Condition":{"StringEquals":{"ses:FromAddress":"a@example.com"},"stringEquals":{"ses:FromDisplayName":"A"}}}]}`,
	},
	{
		name: "far qualifier", rule: "SES501", path: "policy.json", noFix: true,
		in: `{"Statement":[{"Condition":{"ForEachValue:StringLike":{"ses:Recipients":"*@example.com"}}}]}`,
	},
	{
		name: "operator in a request", rule: "SES501", path: "request.json",
		in:   `{"Identity":"example.com","PolicyName":"P","Policy":"{\"Statement\":[{\"Condition\":{\"StringEqual\":{\"ses:FromAddress\":\"a@example.com\"}}}]}"}`,
		want: `{"Identity":"example.com","PolicyName":"P","Policy":"{\"Statement\":[{\"Condition\":{\"StringEquals\":{\"ses:FromAddress\":\"a@example.com\"}}}]}"}`,
	},
	{
		name: "key prefix case", rule: "SES502", path: "policy.json",
		in:   `{"Statement":[{"Condition":{"StringEquals":{"AWS:SourceAccount":"111122223333"}}}]}`,
		want: `{"Statement":[{"Condition":{"StringEquals":{"aws:SourceAccount":"111122223333"}}}]}`,
	},
	{
		name: "key misspelt, in a request", rule: "SES502", path: "request.json",
		in:   `{"Identity":"example.com","PolicyName":"P","Policy":"{\"Statement\":[{\"Condition\":{\"StringEquals\":{\"ses:FromAdress\":\"a@example.com\"}}}]}"}`,
		want: `{"Identity":"example.com","PolicyName":"P","Policy":"{\"Statement\":[{\"Condition\":{\"StringEquals\":{\"ses:FromAddress\":\"a@example.com\"}}}]}"}`,
	},
	{
		name: "key of another service", rule: "SES502", path: "policy.json", noFix: true,
		in: `{"Statement":[{"Condition":{"StringLike":{"s3:prefix":"home/*"}}}]}`,
	},
	{
		name: "multivalued key", rule: "SES504", path: "policy.json",
		in:   `{"Statement":[{"Effect":"Allow","Condition":{"StringLike":{"ses:Recipients":"*@example.com"}}}]}`,
		want: `{"Statement":[{"Effect":"Allow","Condition":{"ForAllValues:StringLike":{"ses:Recipients":"*@example.com"}}}]}`,
	},
	{
		name: "multivalued key in a mixed block", rule: "SES504", path: "policy.json", noFix: true,
		in: `{"Statement":[{"Effect":"Allow","Condition":{"StringLike":{"ses:Recipients":"*@example.com","ses:FromAddress":"*@example.com"}}}]}`,
	},
	{
		name: "single-valued key", rule: "SES505", path: "policy.json",
		in:   `{"Statement":[{"Effect":"Allow","Condition":{"ForAllValues:StringEquals":{"ses:FromAddress":"a@example.com"}}}]}`,
		want: `{"Statement":[{"Effect":"Allow","Condition":{"StringEquals":{"ses:FromAddress":"a@example.com"}}}]}`,
	},
	{
		name: "AWS's marketing example", rule: "SES506", path: "policy.json",
		in:   `{"Statement":[{"Condition":{"StringLike":{"ses:FromAddress":"marketing+.*@example.com"}}}]}`,
		want: `{"Statement":[{"Condition":{"StringLike":{"ses:FromAddress":"marketing+*@example.com"}}}]}`,
	},
	{
		name: "anchors, escapes and .+", rule: "SES506", path: "policy.json",
		in:   `{"Statement":[{"Condition":{"StringLike":{"ses:FromAddress":"^news.+@example\\.com$"}}}]}`,
		want: `{"Statement":[{"Condition":{"StringLike":{"ses:FromAddress":"news?*@example.com"}}}]}`,
	},
	{
		name: "regex in a request, policy variable kept", rule: "SES506", path: "request.json",
		in:   `{"Identity":"example.com","PolicyName":"P","Policy":"{\"Statement\":[{\"Condition\":{\"StringLike\":{\"ses:FromAddress\":\"${aws:username}.*@example\\\\.com\"}}}]}"}`,
		want: `{"Identity":"example.com","PolicyName":"P","Policy":"{\"Statement\":[{\"Condition\":{\"StringLike\":{\"ses:FromAddress\":\"${aws:username}*@example.com\"}}}]}"}`,
	},
	{
		name: "class has no wildcard equivalent", rule: "SES506", path: "policy.json", noFix: true,
		in: `{"Statement":[{"Condition":{"StringLike":{"ses:FromAddress":"[a-z]*@example.com"}}}]}`,
	},
	{
		name: "a regex quantifier after a letter", rule: "SES506", path: "policy.json", noFix: true,
		in: `{"Statement":[{"Condition":{"StringLike":{"ses:FromAddress":"^a*b@example.com$"}}}]}`,
	},
	{
		name: "AWS's display-name example", rule: "SES507", path: "policy.json",
		in:   `{"Statement":[{"Condition":{"StringLike":{"ses:FromDisplayName":"Marketing"}}}]}`,
		want: `{"Statement":[{"Condition":{"StringEquals":{"ses:FromDisplayName":"Marketing"}}}]}`,
	},
	{
		name: "qualified not-like", rule: "SES507", path: "policy.json",
		in:   `{"Statement":[{"Condition":{"ForAllValues:StringNotLikeIfExists":{"ses:Recipients":"a@example.com"}}}]}`,
		want: `{"Statement":[{"Condition":{"ForAllValues:StringNotEqualsIfExists":{"ses:Recipients":"a@example.com"}}}]}`,
	},
	{
		name: "another key of the block has a wildcard", rule: "SES507", path: "policy.json", noFix: true,
		in: `{"Statement":[{"Condition":{"StringLike":{"ses:FromDisplayName":"Marketing","ses:FromAddress":"*@example.com"}}}]}`,
	},
	{
		name: "equals with wildcards, two findings one edit", rule: "SES508", path: "policy.json",
		in:   `{"Statement":[{"Condition":{"StringEquals":{"ses:FromAddress":["*@example.com","*@example.org"]}}}]}`,
		want: `{"Statement":[{"Condition":{"StringLike":{"ses:FromAddress":["*@example.com","*@example.org"]}}}]}`,
	},
	{
		name: "not-equals", rule: "SES508", path: "policy.json",
		in:   `{"Statement":[{"Condition":{"StringNotEqualsIfExists":{"ses:FromAddress":"ceo*@example.com"}}}]}`,
		want: `{"Statement":[{"Condition":{"StringNotLikeIfExists":{"ses:FromAddress":"ceo*@example.com"}}}]}`,
	},
	{
		name: "ignore-case has no Like equivalent", rule: "SES508", path: "policy.json", noFix: true,
		in: `{"Statement":[{"Condition":{"StringEqualsIgnoreCase":{"ses:FromDisplayName":"*support*"}}}]}`,
	},
	{
		name: "empty Condition last", rule: "SES510", path: "policy.json",
		in:   `{"Statement":[{"Effect":"Allow", "Condition": {}}]}`,
		want: `{"Statement":[{"Effect":"Allow"}]}`,
	},
	{
		name: "empty Condition first", rule: "SES510", path: "policy.json",
		in:   "{\"Statement\":[{\"Condition\": {},\n  \"Effect\":\"Allow\"}]}",
		want: `{"Statement":[{"Effect":"Allow"}]}`,
	},
	{
		name: "empty operator among others", rule: "SES510", path: "policy.json",
		in:   `{"Statement":[{"Condition":{"StringLike":{},"StringEquals":{"ses:FromAddress":"a@example.com"}}}]}`,
		want: `{"Statement":[{"Condition":{"StringEquals":{"ses:FromAddress":"a@example.com"}}}]}`,
	},
	{
		name: "the only operator is empty", rule: "SES510", path: "policy.json",
		in:   `{"Statement":[{"Effect":"Allow","Condition":{"StringLike":{}}}]}`,
		want: `{"Statement":[{"Effect":"Allow"}]}`,
	},
	{
		name: "empty Condition in a request", rule: "SES510", path: "request.json",
		in:   `{"Identity":"example.com","PolicyName":"P","Policy":"{\"Statement\":[{\"Effect\":\"Allow\",\"Condition\":{}}]}"}`,
		want: `{"Identity":"example.com","PolicyName":"P","Policy":"{\"Statement\":[{\"Effect\":\"Allow\"}]}"}`,
	},
	{
		name: "Sid punctuation", rule: "SES603", path: "policy.json",
		in:   `{"Statement":[{"Sid":"allow-partner_1","Effect":"Allow"}]}`,
		want: `{"Statement":[{"Sid":"allowpartner1","Effect":"Allow"}]}`,
	},
	{
		name: "Sid emoji, in a request", rule: "SES603", path: "request.json",
		in:   `{"Identity":"example.com","PolicyName":"P","Policy":"{\"Statement\":[{\"Sid\":\"Envoi📧\",\"Effect\":\"Allow\"}]}"}`,
		want: `{"Identity":"example.com","PolicyName":"P","Policy":"{\"Statement\":[{\"Sid\":\"Envoi\",\"Effect\":\"Allow\"}]}"}`,
	},
	{
		name: "empty Sid removed", rule: "SES603", path: "policy.json",
		in:   `{"Statement":[{"Sid": "", "Effect":"Allow"}]}`,
		want: `{"Statement":[{"Effect":"Allow"}]}`,
	},
	{
		name: "Sid with non-ASCII letters", rule: "SES603", path: "policy.json", noFix: true,
		in: `{"Statement":[{"Sid":"Été","Effect":"Allow"}]}`,
	},
	{
		name: "cleaned Sid already taken", rule: "SES603", path: "policy.json", noFix: true,
		in: `{"Statement":[{"Sid":"Send-Mail","Effect":"Allow"},{"Sid":"SendMail","Effect":"Allow"}]}`,
	},
}

func TestConditionFixes(t *testing.T) {
	for _, c := range conditionFixCases {
		t.Run(c.rule+"/"+c.name, func(t *testing.T) {
			runFixCase(t, c)
		})
	}
}

// runFixCase lints c.in, applies the fixes of c.rule's findings and
// compares the result with c.want.
func runFixCase(t *testing.T, c fixCase) {
	t.Helper()
	res := linttest.Run(t, linttest.Files{c.path: c.in})
	var edits []finding.Edit
	n := 0
	for _, f := range res.Findings {
		if f.RuleID != c.rule {
			continue
		}
		n++
		if f.Fix != nil {
			edits = append(edits, f.Fix.Edits...)
		}
	}
	if n == 0 {
		t.Fatalf("no %s finding", c.rule)
	}
	if c.noFix {
		if len(edits) != 0 {
			t.Fatalf("want no fix, got %+v", edits)
		}
		return
	}
	sort.Slice(edits, func(i, j int) bool { return edits[i].Span.Start > edits[j].Span.Start })
	out := c.in
	last := len(out) + 1
	for i, e := range edits {
		if i > 0 && e == edits[i-1] {
			continue // two findings offering the same edit
		}
		if e.Span.End > last {
			t.Fatalf("overlapping edits: %+v", edits)
		}
		out = out[:e.Span.Start] + e.NewText + out[e.Span.End:]
		last = e.Span.Start
	}
	if out != c.want {
		t.Errorf("fixed text differs\n got: %s\nwant: %s", out, c.want)
	}
}
