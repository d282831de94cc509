package report_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/seslint/seslint/internal/finding"
	"github.com/seslint/seslint/internal/lint"
	"github.com/seslint/seslint/internal/report"
	"github.com/seslint/seslint/internal/source"
)

func TestGitHubGolden(t *testing.T) {
	var b bytes.Buffer
	if err := report.GitHub(&b, fixedResult(t)); err != nil {
		t.Fatal(err)
	}
	golden(t, "fixed.github", b.Bytes())
}

func TestGitHubAnnotations(t *testing.T) {
	res := fixedResult(t)
	var b bytes.Buffer
	if err := report.GitHub(&b, res); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		// UTF-16 columns: "allow" is at code-point column 37, after the emoji.
		"::error file=policies/example.com/Send.json,line=5,col=38,endLine=5,endColumn=45,title=SES003 invalid-structure::",
		// A note is a notice.
		"::notice file=policies/example.com/Send.json,line=2,col=14,endLine=2,endColumn=26,title=SES008 outdated-version::",
		// "%" in a message, ":" and "," in a property.
		"covers 100%25 of the account's identities, every domain and address: name one identity ARN\n",
		"::error file=policies/odd%2Cname%3A1.json,line=3,col=16,endLine=4,endColumn=1,title=SES001 json-syntax::",
		// A file that could not be read.
		"::error file=policies/locked.json,title=seslint::permission denied\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q\n%s", want, out)
		}
	}
	if strings.Contains(out, "SES601") {
		t.Errorf("a suppressed finding was annotated:\n%s", out)
	}
	if got, want := strings.Count(out, "\n"), len(res.Findings)-1+len(res.Errors); got != want {
		t.Errorf("%d lines, want %d (one per unsuppressed finding and unreadable file)", got, want)
	}
}

func TestGitHubEscapes(t *testing.T) {
	text := []byte(`{"a": 1}`)
	res := &lint.Result{
		Files: []lint.File{{Path: "a:b,c%d.json", Lines: source.NewLines(text)}},
		Findings: []finding.Finding{{
			RuleID: "SES999", RuleName: "x,y:z", Severity: finding.Warning, File: "a:b,c%d.json",
			Span: finding.Span{Start: 1, End: 4}, Message: "50% off\r\nnext: a, b",
		}},
	}
	var b bytes.Buffer
	if err := report.GitHub(&b, res); err != nil {
		t.Fatal(err)
	}
	want := "::warning file=a%3Ab%2Cc%25d.json,line=1,col=2,endLine=1,endColumn=5,title=SES999 x%2Cy%3Az::50%25 off%0D%0Anext: a, b\n"
	if b.String() != want {
		t.Errorf("got  %q\nwant %q", b.String(), want)
	}
}
