// Package linttest runs the whole lint pipeline over files held in memory,
// for rule cases, page examples and end-to-end tests.
package linttest

import (
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/seslint/seslint/internal/config"
	"github.com/seslint/seslint/internal/finding"
	"github.com/seslint/seslint/internal/lint"
	"github.com/seslint/seslint/internal/report"
	"github.com/seslint/seslint/rules"
)

// Files maps slash-separated paths to contents. ".seslint.yaml", when
// present, is the config; every other file is linted.
type Files map[string]string

// Run writes files into a fresh folder, lints them from there with every
// rule on, and returns the result. It changes the working directory for the
// duration of the test.
func Run(t testing.TB, files Files) *lint.Result {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	cfg := config.Default(dir)
	if _, ok := files[config.FileName]; ok {
		var err error
		if cfg, err = config.Load(config.FileName); err != nil {
			t.Fatalf("config: %v", err)
		}
	}
	settings, err := lint.EngineSettings(cfg, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	engine, err := rules.New(settings)
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for name := range files {
		if name != config.FileName {
			paths = append(paths, name)
		}
	}
	sort.Strings(paths)
	return lint.Run(paths, lint.Options{Config: cfg, Engine: engine, Jobs: 1})
}

// Only keeps the findings of one rule (all when id is "").
func Only(res *lint.Result, id string) *lint.Result {
	if id == "" {
		return res
	}
	out := *res
	out.Findings = nil
	for _, f := range res.Findings {
		if f.RuleID == id {
			out.Findings = append(out.Findings, f)
		}
	}
	return &out
}

// Text renders a result as the plain text format, suppressed findings
// marked so cases can show them.
func Text(t testing.TB, res *lint.Result) string {
	t.Helper()
	var b bytes.Buffer
	if err := report.Text(&b, res, report.TextOptions{}); err != nil {
		t.Fatal(err)
	}
	for _, f := range res.Findings {
		if f.Suppressed != nil {
			b.WriteString("suppressed: " + f.File + ": " + f.RuleID + ": " + f.Suppressed.Reason + "\n")
		}
	}
	for _, e := range res.Errors {
		b.WriteString("error: " + e.Path + ": " + e.Message + "\n")
	}
	return b.String()
}

// IDs lists the rule IDs of unsuppressed findings, sorted, one per finding.
func IDs(fs []finding.Finding) []string {
	var ids []string
	for _, f := range fs {
		if f.Suppressed == nil {
			ids = append(ids, f.RuleID)
		}
	}
	sort.Strings(ids)
	return ids
}

// Normalize trims trailing space on each line, for comparing text.
func Normalize(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	for i := range lines {
		lines[i] = strings.TrimRight(lines[i], " \t")
	}
	return strings.Join(lines, "\n")
}
