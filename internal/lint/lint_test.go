package lint_test

import (
	"os"
	"strings"
	"testing"

	"github.com/seslint/seslint/internal/config"
	"github.com/seslint/seslint/internal/lint"
	"github.com/seslint/seslint/internal/linttest"
	"github.com/seslint/seslint/rules"
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

// KeepUnits hands back whole units, tree included, in input order: what
// apply sends must be what was linted.
func TestKeepUnits(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	for name, text := range map[string]string{"b.json": `{"Statement": {"Sid": "B"}}`, "a.json": `{"Statement": {"Sid": "A"}}`} {
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	engine, _ := rules.New(rules.Settings{})
	o := lint.Options{Config: config.Default(dir), Engine: engine, Jobs: 2, KeepUnits: true}
	res := lint.Run([]string{"b.json", "a.json"}, o)
	if len(res.Units) != 2 || res.Units[0].Path != "b.json" || res.Units[1].Path != "a.json" {
		t.Fatalf("units: %+v", res.Units)
	}
	for i, sid := range []string{"B", "A"} {
		if got := res.Units[i].Policy.Root.Lookup("/Statement/Sid").Text; got != sid {
			t.Errorf("unit %d: Sid %q, want %q (tree must outlive the next file)", i, got, sid)
		}
	}
	o.KeepUnits = false
	if res := lint.Run([]string{"a.json"}, o); res.Units != nil {
		t.Error("units are kept only when asked for")
	}
}
