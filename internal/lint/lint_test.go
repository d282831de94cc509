package lint_test

import (
	"strings"
	"testing"

	"github.com/seslint/seslint/internal/linttest"
)

// Large and deeply nested inputs end in findings, not in a hang or a crash.
func TestHostileInputs(t *testing.T) {
	big := `{"Version": "2012-10-17", "Statement": [{"Sid": "` + strings.Repeat("x", 10<<20) + `"}]}`
	deep := strings.Repeat(`{"a":`, 100000) + "1" + strings.Repeat("}", 100000)
	deepArrays := strings.Repeat("[", 100000) + strings.Repeat("]", 100000)
	res := linttest.Run(t, linttest.Files{"big.json": big, "deep.json": deep, "deeparrays.json": deepArrays, "ok.json": "{}"})
	want := map[string]string{
		"big.json":        "SES004",
		"deep.json":       "SES001",
		"deeparrays.json": "SES001",
	}
	for file, id := range want {
		found := false
		for _, f := range res.Findings {
			if f.File == file && f.RuleID == id {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: want a %s finding; got %v", file, id, linttest.IDs(res.Findings))
		}
	}
	if len(res.Files) != 4 {
		t.Errorf("every file must be in the result, got %d", len(res.Files))
	}
}

// Suppressed findings stay in the result, marked with their reason.
func TestIgnoreKeepsFindingMarked(t *testing.T) {
	res := linttest.Run(t, linttest.Files{
		".seslint.yaml": "ignore:\n  - rule: SES003\n    file: p.json\n    pointer: /Statement/0/Effect\n    reason: legacy\n",
		"p.json":        `{"Statement": [{"Effect": "allow", "Principal": "*", "Action": "ses:SendEmail", "Resource": "x"}]}`,
	})
	var marked int
	for _, f := range res.Findings {
		if f.RuleID == "SES003" {
			if f.Suppressed == nil || f.Suppressed.Reason != "legacy" || f.Suppressed.Source != ".seslint.yaml:2" {
				t.Fatalf("finding not marked as suppressed: %+v", f.Suppressed)
			}
			marked++
		}
	}
	if marked != 1 {
		t.Fatalf("want 1 suppressed SES003, got %d", marked)
	}
}
