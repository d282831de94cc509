package gen_test

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/seslint/seslint/internal/bench/gen"
	"github.com/seslint/seslint/internal/config"
	"github.com/seslint/seslint/internal/lint"
	"github.com/seslint/seslint/rules"
)

func run(t *testing.T, files []gen.File) *lint.Result {
	t.Helper()
	engine, err := rules.New(rules.Settings{})
	if err != nil {
		t.Fatal(err)
	}
	inputs := make([]lint.Input, len(files))
	for i, f := range files {
		inputs[i] = lint.Input{Path: f.Path, Text: f.Text}
	}
	return lint.Lint(inputs, lint.Options{Config: config.Default("."), Engine: engine, Jobs: 2})
}

// The same options give the same bytes, and a smaller corpus is the first
// files of a larger one (per identity folder), so 1,000 and 10,000 files
// share their policies.
func TestDeterministic(t *testing.T) {
	a, da := gen.Corpus(gen.Options{Files: 300, Seed: 7, DefectEvery: 10})
	b, db := gen.Corpus(gen.Options{Files: 300, Seed: 7, DefectEvery: 10})
	if len(a) != 300 || len(da) != 30 {
		t.Fatalf("got %d files and %d defects, want 300 and 30", len(a), len(da))
	}
	for i := range a {
		if a[i].Path != b[i].Path || !bytes.Equal(a[i].Text, b[i].Text) {
			t.Fatalf("file %d differs between two runs: %s, %s", i, a[i].Path, b[i].Path)
		}
	}
	if !bytes.Equal(gen.Manifest(da), gen.Manifest(db)) {
		t.Fatal("defects differ between two runs")
	}
	small, _ := gen.Corpus(gen.Options{Files: 32, Seed: 7})
	large, _ := gen.Corpus(gen.Options{Files: 300, Seed: 7})
	byPath := map[string][]byte{}
	for _, f := range large {
		byPath[f.Path] = f.Text
	}
	for _, f := range small {
		if big, ok := byPath[f.Path]; !ok || !bytes.Equal(big, f.Text) {
			t.Fatalf("%s of the small corpus is not in the large one", f.Path)
		}
	}
}

// Policies are the size the benchmark promises: 0.5 to 3 KB.
func TestSizes(t *testing.T) {
	files, _ := gen.Corpus(gen.Options{Files: 2000, Seed: 1})
	total := 0
	for _, f := range files {
		if n := len(f.Text); n < 500 || n > 3072 {
			t.Errorf("%s is %d bytes", f.Path, n)
		}
		total += len(f.Text)
	}
	if mean := total / len(files); mean < 1200 || mean > 1800 {
		t.Errorf("mean size %d bytes, want about 1.5 KB", mean)
	}
	if f := gen.Example(1500, ""); len(f.Text) < 1350 || len(f.Text) > 1650 {
		t.Errorf("Example(1500) is %d bytes", len(f.Text))
	}
}

// The clean corpus has no finding with every rule on, and every defect
// injected into the other one is found by its rule: the benchmark checks
// the same of the seslint binary.
func TestCorpusFindings(t *testing.T) {
	clean, _ := gen.Corpus(gen.Options{Files: 400, Seed: 1})
	if res := run(t, clean); len(res.Findings) > 0 || len(res.Errors) > 0 {
		f := res.Findings[0]
		t.Fatalf("the clean corpus has %d findings, such as %s %s: %s", len(res.Findings), f.File, f.RuleID, f.Message)
	}

	files, defects := gen.Corpus(gen.Options{Files: 600, Seed: 1, DefectEvery: 6})
	res := run(t, files)
	found := map[string]bool{}
	for _, f := range res.Findings {
		found[f.File+" "+f.RuleID] = true
	}
	kinds := map[string]bool{}
	for _, d := range defects {
		kinds[d.Kind] = true
		if !found[d.Path+" "+d.Rule] {
			t.Errorf("%s: injected %s, but %s did not report it", d.Path, d.Kind, d.Rule)
		}
	}
	if len(res.Files) != len(files) {
		t.Errorf("linted %d of %d files", len(res.Files), len(files))
	}
	if len(kinds) < 20 {
		t.Errorf("only %d kinds of defect injected: %v", len(kinds), kinds)
	}
}

func TestManifestRoundTrip(t *testing.T) {
	_, defects := gen.Corpus(gen.Options{Files: 100, Seed: 3, DefectEvery: 4})
	back, err := gen.ReadManifest(gen.Manifest(defects))
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(back) != fmt.Sprint(defects) {
		t.Fatalf("manifest does not round-trip:\n%v\n%v", back, defects)
	}
	if _, err := gen.ReadManifest([]byte("a\tb\n")); err == nil {
		t.Fatal("a line without three fields must be an error")
	}
}
