package terraform_test

import (
	"cmp"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/seslint/seslint/internal/linttest"
	"github.com/seslint/seslint/internal/source"
	"github.com/seslint/seslint/internal/terraform"
)

var update = flag.Bool("update", false, "rewrite the want sections of testdata/cases")

// TestCases lints each testdata/cases/*.txtar with every rule, through the
// same driver as the command line, and compares the text output, followed
// by the units' notes, with the case's want section. -update rewrites it.
func TestCases(t *testing.T) {
	files, _ := filepath.Glob("testdata/cases/*.txtar")
	if len(files) == 0 {
		t.Fatal("no cases")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			abs, _ := filepath.Abs(file)
			ar, err := txtar.ParseFile(abs)
			if err != nil {
				t.Fatal(err)
			}
			in := linttest.Files{}
			want := -1
			for i, f := range ar.Files {
				if f.Name == "want" {
					want = i
					continue
				}
				in[f.Name] = string(f.Data)
			}
			if want < 0 {
				t.Fatal("case has no want section")
			}
			got := linttest.Text(t, linttest.Run(t, in)) + notes(t, in)
			if *update {
				ar.Files[want].Data = []byte(got)
				if err := os.WriteFile(abs, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if w := string(ar.Files[want].Data); linttest.Normalize(got) != linttest.Normalize(w) {
				t.Errorf("output differs\n--- got\n%s\n--- want\n%s", got, w)
			}
		})
	}
}

// notes renders the notes of the .tf files' units as "note: file:line:col:
// message", once each, sorted. It runs in the folder linttest.Run made.
func notes(t *testing.T, files linttest.Files) string {
	t.Helper()
	type note struct {
		path   string
		offset int
		text   string
	}
	var out []note
	for name, text := range files {
		if !terraform.IsSource(name) {
			continue
		}
		for _, u := range terraform.Load(name, []byte(text)) {
			for _, n := range u.Notes {
				path, sp := u.Locate(n.Span)
				lines := source.NewLines([]byte(files[path]))
				p := lines.Position(sp.Start)
				out = append(out, note{path, sp.Start, fmt.Sprintf("note: %s:%d:%d: %s\n", path, p.Line, p.Column, n.Message)})
			}
		}
	}
	slices.SortFunc(out, func(a, b note) int {
		return cmp.Or(cmp.Compare(a.path, b.path), cmp.Compare(a.offset, b.offset), cmp.Compare(a.text, b.text))
	})
	var b strings.Builder
	for i, n := range out {
		if i == 0 || n != out[i-1] {
			b.WriteString(n.text)
		}
	}
	return b.String()
}
