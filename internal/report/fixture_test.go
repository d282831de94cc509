package report_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/seslint/seslint/internal/finding"
	"github.com/seslint/seslint/internal/lint"
	"github.com/seslint/seslint/internal/report"
	"github.com/seslint/seslint/internal/source"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// sendPolicy has its emoji on the line of a finding, so that the finding's
// UTF-16 columns differ from its code-point columns.
const sendPolicy = `{
  "Version": "2008-10-17",
  "Statement": [
    {
      "Sid": "Send📧Mail", "Effect": "allow",
      "Principal": {"AWS": "111122223333"},
      "Action": "ses:SendEmail",
      "Resource": "*",
      "Effect": "Allow"
    }
  ]
}
`

// oddPolicy has a name with the separators of workflow-command properties
// and is cut short, for a finding that spans lines.
const oddPolicy = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n"

const (
	sendPath = "policies/example.com/Send.json"
	oddPath  = "policies/odd,name:1.json"
)

// span finds the nth (from 0) occurrence of s in text.
func span(t *testing.T, text, s string, nth int) finding.Span {
	t.Helper()
	off := 0
	for range nth {
		i := strings.Index(text[off:], s)
		if i < 0 {
			t.Fatalf("%q has fewer than %d occurrences of %q", text, nth+1, s)
		}
		off += i + len(s)
	}
	i := strings.Index(text[off:], s)
	if i < 0 {
		t.Fatalf("no %q in %q", s, text)
	}
	return finding.Span{Start: off + i, End: off + i + len(s)}
}

// fixedResult is a result built by hand, independent of the rules: every
// severity, a security rule, a related location, a suppressed finding, a
// finding across lines in a file with an awkward name, and an unreadable file.
func fixedResult(t *testing.T) *lint.Result {
	t.Helper()
	effect := span(t, sendPolicy, `"allow"`, 0)
	dup := span(t, sendPolicy, `"Effect"`, 1)
	first := span(t, sendPolicy, `"Effect"`, 0)
	res := &lint.Result{
		Files: []lint.File{
			// Sorted by path, as lint.Result.LinesOf expects.
			{Path: sendPath, Lines: source.NewLines([]byte(sendPolicy))},
			{Path: oddPath, Lines: source.NewLines([]byte(oddPolicy))},
		},
		Findings: []finding.Finding{
			{
				RuleID: "SES001", RuleName: "json-syntax", Severity: finding.Error, File: oddPath,
				Span:    finding.Span{Start: strings.Index(oddPolicy, "["), End: len(oddPolicy)},
				Message: "the JSON ends inside an array: close it with \"]\" and the object with \"}\"",
			},
			{
				RuleID: "SES008", RuleName: "outdated-version", Severity: finding.Note, File: sendPath,
				Span: span(t, sendPolicy, `"2008-10-17"`, 0), Pointer: "/Version", Value: "2008-10-17",
				Message: `policy language version "2008-10-17" is outdated; use "2012-10-17"`,
			},
			{
				RuleID: "SES003", RuleName: "invalid-structure", Severity: finding.Error, File: sendPath,
				Span: effect, Pointer: "/Statement/0/Effect", Sid: "Send📧Mail", Value: "allow",
				Message: `"Effect" of statement 1 must be "Allow" or "Deny", not "allow"; did you mean "Allow"?`,
				Fix:     &finding.Fix{Title: `Change to "Allow"`, Edits: []finding.Edit{{Span: effect, NewText: `"Allow"`}}},
			},
			{
				RuleID: "SES203", RuleName: "wildcard-resource", Severity: finding.Warning, File: sendPath,
				Span: span(t, sendPolicy, `"*"`, 0), Pointer: "/Statement/0/Resource", Sid: "Send📧Mail", Value: "*",
				Message: `resource "*" covers 100% of the account's identities, every domain and address: name one identity ARN`,
			},
			{
				RuleID: "SES601", RuleName: "unrestricted-from-address", Severity: finding.Warning, File: sendPath,
				Span: span(t, sendPolicy, `"ses:SendEmail"`, 0), Pointer: "/Statement/0/Action", Sid: "Send📧Mail", Value: "ses:SendEmail",
				Message:    `statement 1 lets its principals send as any address: no "ses:FromAddress" condition limits the From address`,
				Suppressed: &finding.Suppression{Reason: "the partner sends for every team", Source: ".seslint.yaml:7"},
			},
			{
				RuleID: "SES002", RuleName: "duplicate-key", Severity: finding.Error, File: sendPath,
				Span: dup, Pointer: "/Statement/0/Effect", Sid: "Send📧Mail", Value: "Effect",
				Message: `duplicate key "Effect": SES keeps only one of the two values, so remove or merge one`,
				Related: []finding.Related{{Span: first, Message: `first "Effect" is here`}},
			},
		},
		Errors: []lint.FileError{{Path: "policies/locked.json", Message: "permission denied"}},
	}
	res.Findings = finding.SortAndDedupe(res.Findings)
	return res
}

// fixedRules describes the rules of the fixed result, and one rule that
// has no finding, with pages of their own so the golden files do not
// change whenever a real rule page does.
func fixedRules() []report.RuleDoc {
	page := func(id, name, why string) string {
		return "# " + id + " " + name + "\n\nSeverity: error\n\n" + why + "\n\n## Failing example\n```json\n{\"Version\": \"2012-10-17\"}\n```\n"
	}
	doc := func(id, name string, sev finding.Severity, summary, desc string) report.RuleDoc {
		return report.RuleDoc{
			ID: id, Name: name, Severity: sev, Summary: summary, Description: desc,
			Page: page(id, name, desc), HelpURI: "https://github.com/seslint/seslint/blob/main/rules/docs/" + id + ".md",
			Precision: "very-high",
		}
	}
	wildcard := doc("SES203", "wildcard-resource", finding.Warning, "The resource is a wildcard", "A `Resource` of `*` lets the principal send as every identity.")
	wildcard.Security, wildcard.SecuritySeverity, wildcard.Precision = true, "7.5", "high"
	return []report.RuleDoc{
		doc("SES001", "json-syntax", finding.Error, "The file is not well-formed JSON", "The file is not one well-formed JSON document."),
		doc("SES002", "duplicate-key", finding.Error, "A key appears twice in one object", "A key appears twice in one JSON object."),
		doc("SES003", "invalid-structure", finding.Error, "The policy does not have the structure SES expects", "An element is missing, unknown or of the wrong type."),
		doc("SES008", "outdated-version", finding.Note, "The policy uses the 2008 language version", "`Version` is `2008-10-17`."),
		doc("SES101", "invalid-policy-name", finding.Error, "The policy name is not valid", "A policy name has 1 to 64 letters, digits, `-` and `_`."),
		wildcard,
		doc("SES601", "unrestricted-from-address", finding.Warning, "Any From address may be used", "No `ses:FromAddress` condition."),
	}
}

// golden compares got with testdata/name, or rewrites it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	p := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(p, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/report -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the output (run go test ./internal/report -update and review the diff)\n--- got\n%s", p, got)
	}
}

var (
	schemaOnce sync.Once
	schema     *jsonschema.Schema
	schemaErr  error
)

// validateSARIF checks a SARIF log against the OASIS SARIF 2.1.0 schema
// kept in testdata. Every SARIF output of these tests goes through it.
func validateSARIF(t *testing.T, log []byte) {
	t.Helper()
	if err := sarifSchemaError(log); err != nil {
		t.Fatalf("SARIF log does not validate against the OASIS SARIF 2.1.0 schema: %v\n%s", err, log)
	}
}

func sarifSchemaError(log []byte) error {
	schemaOnce.Do(func() {
		const id = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
		f, err := os.Open(filepath.Join("testdata", "sarif-schema-2.1.0.json"))
		if err != nil {
			schemaErr = err
			return
		}
		defer f.Close()
		c := jsonschema.NewCompiler()
		if schemaErr = c.AddResource(id, f); schemaErr != nil {
			return
		}
		schema, schemaErr = c.Compile(id)
	})
	if schemaErr != nil {
		return schemaErr
	}
	var v any
	dec := json.NewDecoder(bytes.NewReader(log))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		return err
	}
	return schema.Validate(v)
}
