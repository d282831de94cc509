package rules

import (
	"slices"
	"sync"
	"testing"

	"github.com/seslint/seslint/internal/bench/gen"
	"github.com/seslint/seslint/internal/finding"
)

// cacheRules read the per-unit cache: resolved actions, parsed operators.
var cacheRules = []string{"SES401", "SES402", "SES403", "SES405", "SES406", "SES509", "SES601", "SES605",
	"SES501", "SES503", "SES504", "SES505", "SES506", "SES507", "SES508"}

// onlyRules is an engine with just the rules ids.
func onlyRules(t testing.TB, ids ...string) *Engine {
	var off []string
	for _, r := range All() {
		if !slices.Contains(ids, r.ID) {
			off = append(off, r.ID)
		}
	}
	e, err := New(Settings{Disable: off})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// TestUnitCacheAllocs holds the rules that share the per-unit cache to
// its two slices per policy, beside the engine's own pass and typed policy.
func TestUnitCacheAllocs(t *testing.T) {
	e := onlyRules(t, cacheRules...)
	u := benchUnit(gen.Example(1500, ""))
	if got := e.LintUnit(u); len(got) != 0 {
		t.Fatalf("valid policy has findings: %v", got)
	}
	none := onlyRules(t)
	base := testing.AllocsPerRun(100, func() { none.LintUnit(u) })
	if a := testing.AllocsPerRun(100, func() { e.LintUnit(u) }); a-base > 2 {
		t.Errorf("the cache's rules allocate %v times per policy, want at most 2 (resolved actions, parsed operators)", a-base)
	}
}

// TestLintUnitConcurrent runs one engine on the same units from several
// goroutines: the cache is per call, so each must get what a lone call gets
// (run with -race).
func TestLintUnitConcurrent(t *testing.T) {
	e, err := New(Settings{})
	if err != nil {
		t.Fatal(err)
	}
	files, _ := gen.Corpus(gen.Options{Files: 40, Seed: 3, DefectEvery: 2})
	want := make([][]finding.Finding, len(files))
	for i, f := range files {
		want[i] = e.LintUnit(benchUnit(f))
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for i, f := range files {
				if got := e.LintUnit(benchUnit(f)); !slices.EqualFunc(got, want[i], sameFinding) {
					t.Errorf("%s: concurrent findings differ from a lone call's", f.Path)
				}
			}
		})
	}
	wg.Wait()
}

func sameFinding(a, b finding.Finding) bool {
	return a.RuleID == b.RuleID && a.Span == b.Span && a.Message == b.Message && a.Value == b.Value
}
