package rules_test

import (
	"slices"
	"testing"

	"github.com/seslint/seslint/internal/finding"
	"github.com/seslint/seslint/internal/linttest"
)

// applyFixes applies every fix of rule id in one file and returns the text.
func applyFixes(t *testing.T, files linttest.Files, path, id string) string {
	t.Helper()
	var edits []finding.Edit
	for _, f := range linttest.Run(t, files).Findings {
		if f.RuleID != id || f.File != path {
			continue
		}
		if f.Fix == nil {
			t.Fatalf("%s finding has no fix: %s", id, f.Message)
		}
		edits = append(edits, f.Fix.Edits...)
	}
	if len(edits) == 0 {
		t.Fatalf("no %s finding in %s", id, path)
	}
	slices.SortFunc(edits, func(a, b finding.Edit) int { return b.Span.Start - a.Span.Start })
	text := files[path]
	for _, e := range edits {
		text = text[:e.Span.Start] + e.NewText + text[e.Span.End:]
	}
	return text
}

// TestFixes applies the quick fixes of the document, request and resource
// rules, checks the text they produce, and lints it again: the fixed file
// must not give the rule's finding.
func TestFixes(t *testing.T) {
	const arn = "arn:aws:ses:us-east-1:444455556666:identity/example.com"
	st := func(resource string) string {
		return `{"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "ses:SendEmail", "Resource": ` + resource + `}`
	}
	for _, tc := range []struct {
		name, id, path string
		files          linttest.Files
		want           string
	}{
		{"version near miss", "SES006", "example.com/P.json",
			linttest.Files{"example.com/P.json": `{"Version": "2012/10/17", "Statement": [` + st(`"`+arn+`"`) + `]}`},
			`{"Version": "2012-10-17", "Statement": [` + st(`"`+arn+`"`) + `]}`},
		{"missing version", "SES007", "example.com/P.json",
			linttest.Files{"example.com/P.json": `{"Statement": [` + st(`"`+arn+`"`) + `]}`},
			`{"Version": "2012-10-17", "Statement": [` + st(`"`+arn+`"`) + `]}`},
		{"missing version in a request is escaped", "SES007", "r.json",
			linttest.Files{"r.json": `{"Identity": "example.com", "PolicyName": "P", "Policy": "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"111122223333\"},\"Action\":\"ses:SendEmail\",\"Resource\":\"` + arn + `\"}]}"}`},
			`{"Identity": "example.com", "PolicyName": "P", "Policy": "{\"Version\": \"2012-10-17\", \"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"111122223333\"},\"Action\":\"ses:SendEmail\",\"Resource\":\"` + arn + `\"}]}"}`},
		{"outdated version", "SES008", "example.com/P.json",
			linttest.Files{"example.com/P.json": `{"Version": "2008-10-17", "Statement": [` + st(`"`+arn+`"`) + `]}`},
			`{"Version": "2012-10-17", "Statement": [` + st(`"`+arn+`"`) + `]}`},
		{"identity with a display name", "SES102", "r.json",
			linttest.Files{"r.json": `{"Identity": "Team <team@example.com>", "PolicyName": "P", "Policy": "{}"}`},
			`{"Identity": "team@example.com", "PolicyName": "P", "Policy": "{}"}`},
		{"resource Region typo and partition", "SES201", "example.com/P.json",
			linttest.Files{"example.com/P.json": `{"Version": "2012-10-17", "Statement": [` + st(`"arn:aws:ses:us-east1:444455556666:identity/example.com"`) + `, ` + st(`"arn:aws:ses:us-gov-west-1:444455556666:identity/example.com"`) + `]}`},
			`{"Version": "2012-10-17", "Statement": [` + st(`"`+arn+`"`) + `, ` + st(`"arn:aws-us-gov:ses:us-gov-west-1:444455556666:identity/example.com"`) + `]}`},
		{"hyphenated account", "SES201", "example.com/P.json",
			linttest.Files{"example.com/P.json": `{"Version": "2012-10-17", "Statement": [` + st(`"arn:aws:ses:us-east-1:4444-5555-6666:identity/example.com"`) + `]}`},
			`{"Version": "2012-10-17", "Statement": [` + st(`"`+arn+`"`) + `]}`},
		{"resource in another Region than the identity ARN", "SES202", "r.json",
			linttest.Files{"r.json": `{"Identity": "` + arn + `", "PolicyName": "P", "Policy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"111122223333\"},\"Action\":\"ses:SendEmail\",\"Resource\":\"arn:aws:ses:eu-west-1:444455556666:identity/example.com\"}]}"}`},
			`{"Identity": "` + arn + `", "PolicyName": "P", "Policy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"111122223333\"},\"Action\":\"ses:SendEmail\",\"Resource\":\"` + arn + `\"}]}"}`},
		{"wildcard resource, exact ARN from another statement", "SES203", "example.com/P.json",
			linttest.Files{"example.com/P.json": `{"Version": "2012-10-17", "Statement": [` + st(`"`+arn+`"`) + `, ` + st(`"*"`) + `]}`},
			`{"Version": "2012-10-17", "Statement": [` + st(`"`+arn+`"`) + `, ` + st(`"`+arn+`"`) + `]}`},
		{"repeated resource", "SES204", "example.com/P.json",
			linttest.Files{"example.com/P.json": `{"Version": "2012-10-17", "Statement": [` + st(`["`+arn+`", "`+arn+`"]`) + `]}`},
			`{"Version": "2012-10-17", "Statement": [` + st(`"`+arn+`"`) + `]}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := applyFixes(t, tc.files, tc.path, tc.id)
			if got != tc.want {
				t.Fatalf("fixed text differs\n got: %s\nwant: %s", got, tc.want)
			}
			fixed := linttest.Files{}
			for k, v := range tc.files {
				fixed[k] = v
			}
			fixed[tc.path] = got
			for _, f := range linttest.Run(t, fixed).Findings {
				if f.RuleID == tc.id || f.RuleID == "SES001" {
					t.Errorf("after the fix: %s %s", f.RuleID, f.Message)
				}
			}
		})
	}
}
