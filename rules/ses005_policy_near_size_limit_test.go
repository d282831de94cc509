package rules_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seslint/seslint/internal/config"
	"github.com/seslint/seslint/internal/lint"
	"github.com/seslint/seslint/rules"
)

// TestNearSizeRatio: the threshold of SES005 comes from rules.Options (set
// from `rules: {SES005: {threshold: x}}` by the command line), and it moves
// the point where the note appears.
func TestNearSizeRatio(t *testing.T) {
	dir := t.TempDir()
	// 2,600 bytes: 63% of the limit.
	head := `{"Version": "2012-10-17", "Id": "`
	tail := `", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "ses:SendEmail", "Resource": "arn:aws:ses:us-east-1:444455556666:identity/example.com"}]}`
	text := head + strings.Repeat("x", 2600-len(head)-len(tail)) + tail
	if err := os.WriteFile(filepath.Join(dir, "p.json"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	for _, tc := range []struct {
		ratio float64
		want  int
	}{{0, 0}, {0.9, 0}, {0.7, 0}, {0.6, 1}, {0.5, 1}} {
		engine, err := rules.New(rules.Settings{Options: rules.Options{NearSizeRatio: tc.ratio}})
		if err != nil {
			t.Fatal(err)
		}
		res := lint.Run([]string{"p.json"}, lint.Options{Config: config.Default(dir), Engine: engine, Jobs: 1})
		n := 0
		for _, f := range res.Findings {
			if f.RuleID == "SES005" {
				n++
				if !strings.Contains(f.Message, "2,600 bytes, 63%") {
					t.Errorf("ratio %v: message %q does not give the size and share", tc.ratio, f.Message)
				}
			}
		}
		if n != tc.want {
			t.Errorf("ratio %v: %d SES005 findings, want %d", tc.ratio, n, tc.want)
		}
	}
}
