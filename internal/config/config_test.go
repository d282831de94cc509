package config

import (
	"errors"
	"strings"
	"testing"

	"github.com/seslint/seslint/internal/finding"
)

func TestParseFull(t *testing.T) {
	c, err := Parse(".seslint.yaml", "/repo", []byte(`
include: ["policies/**/*.json"]
exclude: "policies/archive/**"
fail-level: error
rules:
  SES901: off
  SES003: warning
  policy-near-size-limit: {severity: note, threshold: 0.8}
identities:
  - files: "policies/app/*.json"
    identity: example.com
    policy-name: AppSending
ignore:
  - rule: SES002
    file: policies/legacy.json
    sid: LegacySend
    reason: "  generated  "
`))
	if err != nil {
		t.Fatal(err)
	}
	if c.FailLevel != finding.Error || !c.IncludeSet || c.Include[0] != "policies/**/*.json" {
		t.Fatalf("top level: %+v", c)
	}
	if got := c.Exclude[len(c.Exclude)-1]; got != "policies/archive/**" || len(c.Exclude) != len(DefaultExclude)+1 {
		t.Fatalf("exclude keeps the defaults and adds: %v", c.Exclude)
	}
	if r := c.Rules["SES901"]; !r.SeveritySet || r.Severity != finding.None {
		t.Fatalf("off: %+v", r)
	}
	if r := c.Rules["policy-near-size-limit"]; r.Severity != finding.Note || r.Threshold != 0.8 {
		t.Fatalf("mapping form: %+v", r)
	}
	if m, ok := c.MappingFor("/repo/policies/app/send.json"); !ok || m.Identity != "example.com" || m.PolicyName != "AppSending" {
		t.Fatalf("mapping: %+v %v", m, ok)
	}
	if ig := c.Ignores[0]; ig.Reason != "generated" || ig.Line != 14 || ig.Sid != "LegacySend" {
		t.Fatalf("ignore: %+v", ig)
	}
	if !c.Included("/repo/policies/a/b.json") || c.Included("/repo/other/b.json") || c.Included("/repo/policies/archive/x.json") {
		t.Fatal("include and exclude globs")
	}
}

func TestParseErrorsArePositioned(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"colour: red\n", ".seslint.yaml:1:1: unknown key \"colour\""},
		{"rules:\n  SES001: loud\n", ".seslint.yaml:2:11: severity must be off, error, warning or note, not \"loud\""},
		{"rules:\n  SES005: {threshold: 2}\n", ".seslint.yaml:2:23: threshold must be a number above 0 and at most 1"},
		{"ignore:\n  - rule: SES001\n    file: a.json\n", ".seslint.yaml:2:5: an ignore entry needs reason"},
		{"ignore:\n  - rule: SES001\n    file: a.json\n    sid: A\n    pointer: /Statement/0\n    reason: r\n", "takes sid or pointer, not both"},
		{"ignore:\n  - {rule: SES001, file: a.json, pointer: Statement, reason: r}\n", "pointer must be a JSON pointer"},
		{"include: [\"[\"]\n", "include pattern \"[\" is not a valid glob"},
		{"fail-level: [1]\n", ".seslint.yaml:1:13: fail-level must be error, warning or note"},
		{"rules: [1]\n", ".seslint.yaml:1:8: rules must be a mapping"},
		{"rules:\n  a: 1\n  a: 2\n", ".seslint.yaml:3:3: duplicate key \"a\" in rules"},
		{"include: [\n", ".seslint.yaml:1:1: invalid YAML"},
		{"identities:\n  - identity: example.com\n", "an identities entry needs files"},
		{"include: \"a\nexclude: b\n", ".seslint.yaml:3:1: invalid YAML"},
	} {
		_, err := Parse(".seslint.yaml", "/repo", []byte(tc.text))
		var ce *Error
		if err == nil || !strings.Contains(err.Error(), tc.want) || !errors.As(err, &ce) || ce.Line == 0 {
			t.Errorf("%q: got %v, want a positioned error containing %q", tc.text, err, tc.want)
		}
	}
}

func TestEmptyConfigIsDefaults(t *testing.T) {
	for _, text := range []string{"", "# nothing\n", "---\n"} {
		c, err := Parse(".seslint.yaml", "/repo", []byte(text))
		if err != nil || c.FailLevel != finding.Warning || c.IncludeSet {
			t.Errorf("%q: %v %+v", text, err, c)
		}
	}
}
