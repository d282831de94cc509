package lint

import (
	"bytes"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/seslint/seslint/internal/bench/gen"
	"github.com/seslint/seslint/internal/config"
	"github.com/seslint/seslint/internal/finding"
	"github.com/seslint/seslint/internal/input"
	"github.com/seslint/seslint/internal/source"
	"github.com/seslint/seslint/rules"
)

func releaseOptions(t *testing.T) Options {
	t.Helper()
	engine, err := rules.New(rules.Settings{})
	if err != nil {
		t.Fatal(err)
	}
	return Options{Config: config.Default("."), Engine: engine, Jobs: 2}
}

// A file whose only finding comes from a set rule, which runs after the
// file's text was released, still gets its line index: read again from
// disk, or taken from its input when it came from memory.
func TestSetFindingOnReleasedFile(t *testing.T) {
	clean := gen.Example(900, "")
	// The clean policy names its own identity; give it example.com's.
	policy := "\n" + strings.ReplaceAll(string(clean.Text), identityOf(clean.Path), "example.com")
	request := "{\n  \"Identity\": \"example.com\",\n  \"PolicyName\": \"Send\",\n  \"Policy\": \"{}\"\n}\n"
	for _, fromDisk := range []bool{true, false} {
		dir := t.TempDir()
		t.Chdir(dir)
		if err := os.MkdirAll("example.com", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile("example.com/Send.json", []byte(policy), 0o644); err != nil {
			t.Fatal(err)
		}
		later := Input{Path: "example.com/Send.json"}
		if !fromDisk {
			later.Text = []byte(policy)
		}
		// The request sorts first, so the policy file is the duplicate.
		res := Lint([]Input{later, {Path: "a/request.json", Text: []byte(request)}}, releaseOptions(t))
		var n int
		for _, f := range res.Findings {
			if f.File != later.Path {
				continue
			}
			n++
			if f.RuleID != "SES104" {
				t.Fatalf("the policy file has a finding of its own: %s %s", f.RuleID, f.Message)
			}
			l := res.LinesOf(f.File)
			if l == nil {
				t.Fatalf("fromDisk=%v: no line index for a file with only a set finding", fromDisk)
			}
			if p := l.Position(f.Span.Start); p.Line != 2 || p.Column != 1 {
				t.Errorf("fromDisk=%v: at %d:%d, want 2:1", fromDisk, p.Line, p.Column)
			}
		}
		if n != 1 {
			t.Fatalf("fromDisk=%v: want one SES104 on the policy file, got %d: %+v", fromDisk, n, res.Findings)
		}
	}
}

// Files without findings keep no line index; the others do.
func TestLinesOnlyForFindings(t *testing.T) {
	clean := gen.Example(900, "")
	bad := gen.Example(900, "misspelt-action")
	res := Lint([]Input{{Path: "a/clean.json", Text: clean.Text}, {Path: "b/bad.json", Text: bad.Text}}, releaseOptions(t))
	if len(res.Files) != 2 || res.Files[0].Lines != nil || res.Files[1].Lines == nil {
		t.Fatalf("files %+v", res.Files)
	}
}

func identityOf(path string) string { return path[:strings.IndexByte(path, '/')] }

// What a released file keeps for the set rules gives them what its whole
// unit would: the same identity, policy name, place, pointer and value,
// and none of it shares the file's bytes.
func FuzzKeepForSet(f *testing.F) {
	f.Add([]byte(`{"Version": "2012-10-17"}`), "example.com/Send.json", "", "")
	f.Add([]byte("\n\n   {\"Statement\": []}"), "a/b@example.com/P.json", "", "")
	f.Add([]byte(`{"Identity": "example.com", "PolicyName": "Send", "Policy": "{}"}`), "r.json", "", "")
	f.Add([]byte(`{"Identity": "example.com", "Policy": "{}"}`), "x/example.com/r.json", "", "")
	f.Add([]byte(`"a string"`), "example.com/S.json", "", "")
	f.Add([]byte(`{`), "example.com/Broken.json", "", "")
	f.Add([]byte(`{}`), "example.com/Flag.json", "other.example", "")
	f.Add([]byte(`{}`), "nowhere/Flag.json", "other.example", "")
	f.Add([]byte(`{}`), "example.com/Named.json", "", "Other")
	f.Add([]byte(`{}`), "example.com/Same.json", "example.com", "Same")
	f.Fuzz(func(t *testing.T, text []byte, path, identity, name string) {
		text = bytes.Clone(text) // the parse may keep it; it is scribbled on below
		u := input.Load(source.Parse(path, text), input.Hints{Identity: identity, PolicyName: name})
		want := rules.SetUnitOf(u)
		want.Identity, want.PolicyName, want.Value = strings.Clone(want.Identity), strings.Clone(want.PolicyName), strings.Clone(want.Value)
		oc := release(u, nil)
		for i := range text {
			text[i] = '#'
		}
		got := (&runUnits{inputs: &inputList{files: []File{{Path: path}}}, outcomes: []fileOutcome{oc}}).Unit(0)
		if !u.Identity.Known {
			want = rules.SetUnit{Path: path} // the set rules skip it
		}
		if got != want {
			t.Fatalf("kept %+v, want %+v", got, want)
		}
	})
}

// A run's set findings are the same whether its files are released or
// kept whole (Options.KeepUnits): SES103 over policies named by their
// path, at several offsets, and SES104 between a request and a policy.
func TestSetFindingsReleasedOrWhole(t *testing.T) {
	var inputs []Input
	for i := range 22 {
		inputs = append(inputs, Input{Path: fmt.Sprintf("example.com/P%02d.json", i), Text: []byte(strings.Repeat(" ", i) + "{}")})
	}
	inputs = append(inputs, Input{Path: "req/a.json", Text: []byte(`{"Identity": "EXAMPLE.com", "PolicyName": "P03", "Policy": "{}"}`)})
	o := releaseOptions(t)
	released := Lint(inputs, o)
	o.KeepUnits = true
	whole := Lint(inputs, o)
	set := func(fs []finding.Finding) (out []finding.Finding) {
		for _, f := range fs {
			if f.RuleID == "SES103" || f.RuleID == "SES104" {
				out = append(out, f)
			}
		}
		return out
	}
	got, want := set(released.Findings), set(whole.Findings)
	if len(want) != 3 { // policies 21 and 22 of 22 names, and the request's name
		t.Fatalf("want 2 SES103 and 1 SES104, got %+v", want)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("released:\n%+v\nwhole:\n%+v", got, want)
	}
}
