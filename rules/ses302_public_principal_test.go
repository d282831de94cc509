package rules_test

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/seslint/seslint/internal/finding"
	"github.com/seslint/seslint/internal/input"
	"github.com/seslint/seslint/internal/linttest"
	"github.com/seslint/seslint/internal/source"
	"github.com/seslint/seslint/rules"
)

const ses302Network = `{"Version": "2012-10-17", "Statement": [
  {"Sid": "Office", "Effect": "Allow", "Principal": "*", "Action": "ses:SendEmail",
   "Resource": "arn:aws:ses:us-east-1:345678901234:identity/example.com",
   "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}},
  {"Sid": "Open", "Effect": "Allow", "Principal": "*", "Action": "ses:SendEmail",
   "Resource": "arn:aws:ses:us-east-1:345678901234:identity/example.com"}
]}
`

// TestPublicPrincipalSeverity checks Diag.Severity: a "*" limited only by
// network is reported as a warning, an open one at the rule's severity.
func TestPublicPrincipalSeverity(t *testing.T) {
	res := linttest.Only(linttest.Run(t, linttest.Files{"example.com/Public.json": ses302Network}), "SES302")
	got := map[string]finding.Severity{}
	for _, f := range res.Findings {
		got[f.Sid] = f.Severity
	}
	want := map[string]finding.Severity{"Office": finding.Warning, "Open": finding.Error}
	if len(got) != len(want) || got["Office"] != want["Office"] || got["Open"] != want["Open"] {
		t.Errorf("severities by Sid = %v, want %v", got, want)
	}
}

// TestTerraformDocsExample pins what the principal and action rules say
// about the Terraform provider docs example: SES302 once and SES405 twice,
// nothing else from SES301 to SES307 and SES401 to SES406.
func TestTerraformDocsExample(t *testing.T) {
	text, err := os.ReadFile("../examples/mistakes/terraform-docs-public.json")
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, f := range linttest.Run(t, linttest.Files{"terraform-docs-public.json": string(text)}).Findings {
		if strings.HasPrefix(f.RuleID, "SES3") || strings.HasPrefix(f.RuleID, "SES4") {
			ids = append(ids, f.RuleID)
		}
	}
	slices.Sort(ids)
	if want := []string{"SES302", "SES405", "SES405"}; !slices.Equal(ids, want) {
		t.Errorf("principal and action findings = %v, want %v", ids, want)
	}
}

// TestSeverityOverrideOnlyLowers checks that the engine honours a
// finding's own severity only when it is below the configured one: with
// SES302 configured as a note, the network-only finding is a note too.
func TestSeverityOverrideOnlyLowers(t *testing.T) {
	for _, tc := range []struct {
		configured   finding.Severity
		office, open finding.Severity
	}{
		{finding.Error, finding.Warning, finding.Error},
		{finding.Warning, finding.Warning, finding.Warning},
		{finding.Note, finding.Note, finding.Note},
	} {
		e, err := rules.New(rules.Settings{Severity: map[string]finding.Severity{"SES302": tc.configured}})
		if err != nil {
			t.Fatal(err)
		}
		u := input.Load(source.Parse("Public.json", []byte(ses302Network)), input.Hints{})
		got := map[string]finding.Severity{}
		for _, f := range e.LintUnit(u) {
			if f.RuleID == "SES302" {
				got[f.Sid] = f.Severity
			}
		}
		if len(got) != 2 || got["Office"] != tc.office || got["Open"] != tc.open {
			t.Errorf("configured %v: severities by Sid = %v, want Office %v and Open %v", tc.configured, got, tc.office, tc.open)
		}
	}
}

// TestPrincipalAndActionFixes applies each rule's fix to the file and
// compares the result, in a plain policy and inside a request's escaped
// Policy string. An empty want means the finding must carry no fix.
func TestPrincipalAndActionFixes(t *testing.T) {
	const res = `"Resource": "arn:aws:ses:us-east-1:345678901234:identity/example.com"`
	doc := func(stmt string) string {
		return `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", ` + stmt + `, ` + res + `}]}` + "\n"
	}
	const reqHead = `{"Identity": "example.com", "PolicyName": "P", "Policy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"\u00e9t\u00e9\",\"Effect\":\"Allow\",`
	const reqTail = `,\"Resource\":\"arn:aws:ses:us-east-1:345678901234:identity/example.com\"}]}"}` + "\n"
	for _, tc := range []struct {
		name, rule string
		nth        int // which of the rule's findings, in order
		in, want   string
	}{
		{"hyphens", "SES301", 0,
			doc(`"Principal": {"AWS": "2109-8765-4321"}, "Action": "ses:SendEmail"`),
			doc(`"Principal": {"AWS": "210987654321"}, "Action": "ses:SendEmail"`)},
		{"key case", "SES301", 0,
			doc(`"Principal": {"Aws": "210987654321"}, "Action": "ses:SendEmail"`),
			doc(`"Principal": {"AWS": "210987654321"}, "Action": "ses:SendEmail"`)},
		{"string principal", "SES301", 0,
			doc(`"Principal": "210987654321", "Action": "ses:SendEmail"`),
			doc(`"Principal": {"AWS": "210987654321"}, "Action": "ses:SendEmail"`)},
		{"region in request", "SES301", 0,
			reqHead + `\"Principal\":{\"AWS\":\"arn:aws:iam:us-east-1:210987654321:root\"},\"Action\":\"ses:SendEmail\"` + reqTail,
			reqHead + `\"Principal\":{\"AWS\":\"arn:aws:iam::210987654321:root\"},\"Action\":\"ses:SendEmail\"` + reqTail},
		{"service typo", "SES305", 0,
			doc(`"Principal": {"Service": "cognito-ipd.amazonaws.com"}, "Action": "ses:SendEmail"`),
			doc(`"Principal": {"Service": "cognito-idp.amazonaws.com"}, "Action": "ses:SendEmail"`)},
		{"distant service: no fix", "SES305", 0,
			doc(`"Principal": {"Service": "cognito-identity.amazonaws.com"}, "Action": "ses:SendEmail"`), ""},
		{"sns typo of ses: no fix", "SES401", 0,
			doc(`"Principal": {"AWS": "210987654321"}, "Action": "sns:SendEmail"`), ""},
		{"misspelt action", "SES401", 0,
			doc(`"Principal": {"AWS": "210987654321"}, "Action": "ses:SendEmails"`),
			doc(`"Principal": {"AWS": "210987654321"}, "Action": "ses:SendEmail"`)},
		{"missing prefix", "SES401", 0,
			doc(`"Principal": {"AWS": "210987654321"}, "Action": ["sendrawemail"]`),
			doc(`"Principal": {"AWS": "210987654321"}, "Action": ["ses:SendRawEmail"]`)},
		{"action case in request", "SES405", 1,
			reqHead + `\"Principal\":{\"AWS\":\"210987654321\"},\"Action\":[\"SES:SendEmail\",\"SES:SendRawEmail\"]` + reqTail,
			reqHead + `\"Principal\":{\"AWS\":\"210987654321\"},\"Action\":[\"SES:SendEmail\",\"ses:SendRawEmail\"]` + reqTail},
		{"redundant first", "SES406", 0,
			doc(`"Principal": {"AWS": "210987654321"}, "Action": ["ses:SendEmail", "ses:Send*"]`),
			doc(`"Principal": {"AWS": "210987654321"}, "Action": ["ses:Send*"]`)},
		{"redundant later in request", "SES406", 0,
			reqHead + `\"Principal\":{\"AWS\":\"210987654321\"},\"Action\":[\"ses:Send*\",\"ses:SendEmail\"]` + reqTail,
			reqHead + `\"Principal\":{\"AWS\":\"210987654321\"},\"Action\":[\"ses:Send*\"]` + reqTail},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := linttest.Only(linttest.Run(t, linttest.Files{"p.json": tc.in}), tc.rule)
			if len(res.Findings) <= tc.nth {
				t.Fatalf("want at least %d %s findings, got:\n%s", tc.nth+1, tc.rule, linttest.Text(t, res))
			}
			fx := res.Findings[tc.nth].Fix
			if tc.want == "" {
				if fx != nil {
					t.Errorf("want no fix, got %q", fx.Title)
				}
				return
			}
			if fx == nil {
				t.Fatalf("finding has no fix: %s", res.Findings[tc.nth].Message)
			}
			if got := applyFixEdits(tc.in, fx); got != tc.want {
				t.Errorf("after the fix %q:\n got %s\nwant %s", fx.Title, got, tc.want)
			}
		})
	}
}

// applyFixEdits applies a fix's edits, which do not overlap, to text.
func applyFixEdits(text string, fx *finding.Fix) string {
	out := text
	for i := len(fx.Edits) - 1; i >= 0; i-- {
		e := fx.Edits[i]
		out = out[:e.Span.Start] + e.NewText + out[e.Span.End:]
	}
	return out
}
