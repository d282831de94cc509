package lint

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"testing"

	"github.com/seslint/seslint/internal/bench/gen"
)

// planText is a Terraform plan with one policy resource.
const planText = `{"format_version": "1.2", "terraform_version": "1.9.0", "resource_changes": [{"address": "aws_ses_identity_policy.p",
  "mode": "managed", "type": "aws_ses_identity_policy", "name": "p", "change": {"actions": ["create"],
  "after": {"identity": "example.com", "name": "N", "policy": "{\"Version\": \"2012-10-17\", \"Statement\": []}"}}}]}`

// A worker reuses its document and unit from file to file, but never
// those of a file whose units are kept: a plan's, and every file's with
// Options.KeepUnits. The next file must leave them as they were.
func TestWorkerKeepsKeptUnits(t *testing.T) {
	policy := gen.Example(1500, "")
	for _, keep := range []bool{false, true} {
		o := releaseOptions(t)
		o.KeepUnits = keep
		var w worker
		first := []Input{{Path: "plan.json", Text: []byte(planText)}}
		if keep {
			first = append(first, Input{Path: policy.Path, Text: policy.Text})
		}
		var kept []fileOutcome
		for _, in := range first {
			kept = append(kept, lintOne(in, o, &w))
		}
		next := gen.Example(900, "misspelt-action")
		lintOne(Input{Path: "other/next.json", Text: next.Text}, o, &w)
		for i, oc := range kept {
			if oc.more == nil || len(oc.more.units) != 1 {
				t.Fatalf("keep=%v, %s: want one unit kept, got %+v", keep, first[i].Path, oc)
			}
			u := oc.more.units[0]
			if u.Path != first[i].Path || u.File.Path != first[i].Path || u.File.Root == nil || string(u.File.Text) != string(first[i].Text) {
				t.Fatalf("keep=%v: the unit of %s was overwritten by the next file: unit %s, file %s", keep, first[i].Path, u.Path, u.File.Path)
			}
			if u == &w.unit || u.File == &w.doc {
				t.Fatalf("keep=%v: the unit of %s is the worker's", keep, first[i].Path)
			}
		}
	}
}

// A clean policy linted by a worker that has seen a file allocates
// nothing: the worker's buffers, document, unit and the engine's typed
// policy are all reused (docs/performance.md, memory).
func TestCleanFileAllocatesNothing(t *testing.T) {
	o := releaseOptions(t)
	var w worker
	// The corpus's largest policies outgrow the typed policy's small buffer.
	files, _ := gen.Corpus(gen.Options{Files: 200, Seed: 3})
	large := slices.MaxFunc(files, func(a, b gen.File) int { return cmp.Compare(len(a.Text), len(b.Text)) })
	if bytes.Count(large.Text, []byte(`"Effect"`)) <= 4 {
		t.Fatalf("the largest policy has 4 statements or fewer:\n%s", large.Text)
	}
	small := gen.Example(1500, "")
	for _, f := range []gen.File{small, large} {
		in := Input{Path: f.Path, Text: f.Text}
		if oc := lintOne(in, o, &w); oc.more != nil && len(oc.more.findings) > 0 {
			t.Fatalf("%s is not clean: %v", f.Text, oc.more.findings)
		}
		if n := testing.AllocsPerRun(10, func() { lintOne(in, o, &w) }); n != 0 {
			t.Errorf("%d bytes: %v allocations a clean file, want 0", len(f.Text), n)
		}
	}
}

// A request's policy is decoded into the worker's buffer, which the next
// request overwrites: its findings must be the ones it gives when every
// unit is kept whole (Options.KeepUnits), its strings copied out.
func TestBorrowedEmbeddedFindings(t *testing.T) {
	files, _ := gen.Corpus(gen.Options{Files: 60, Seed: 7, DefectEvery: 2})
	var inputs []Input
	for i, f := range files {
		policy, err := json.Marshal(string(f.Text))
		if err != nil {
			t.Fatal(err)
		}
		text := fmt.Sprintf(`{"Identity": %q, "PolicyName": "P%d", "Policy": %s}`, identityOf(f.Path), i, policy)
		inputs = append(inputs, Input{Path: fmt.Sprintf("requests/r%02d.json", i), Text: []byte(text)})
	}
	o := releaseOptions(t)
	o.Jobs = 1 // one worker, one buffer, every request through it
	got := Lint(inputs, o)
	o.KeepUnits = true
	want := Lint(inputs, o)
	if len(want.Findings) < 10 {
		t.Fatalf("the requests have %d findings, too few to compare", len(want.Findings))
	}
	if !reflect.DeepEqual(got.Findings, want.Findings) {
		t.Fatalf("findings of requests decoded in the worker's buffer differ from those of whole units:\n%v\n%v", got.Findings, want.Findings)
	}
}
