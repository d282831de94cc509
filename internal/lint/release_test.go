package lint

import (
	"os"
	"strings"
	"testing"
	"unsafe"

	"github.com/seslint/seslint/internal/bench/gen"
	"github.com/seslint/seslint/internal/config"
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

// A detached unit keeps nothing of the file's bytes or tree.
func TestDetach(t *testing.T) {
	text := []byte("{\"Identity\": \"example.com\", \"PolicyName\": \"Send\", \"Policy\": \"{}\"}")
	u := input.Load(source.Parse("r.json", text), input.Hints{})
	d := detach(u)
	if d.File.Text != nil || d.Policy != nil || d.PolicyField != nil || d.File.Root.Elems != nil {
		t.Fatalf("detached unit keeps the document: %+v", d)
	}
	inText := func(s string) bool {
		p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
		start := uintptr(unsafe.Pointer(&text[0]))
		return len(s) > 0 && p >= start && p < start+uintptr(len(text))
	}
	for _, f := range []input.Field{d.Identity, d.PolicyName} {
		if !f.Known || inText(f.Value) || inText(f.Node.Text) {
			t.Errorf("field %+v shares the file's bytes", f)
		}
	}
	if got := d.PolicyName.Node.Pointer(); got != "/PolicyName" {
		t.Errorf("pointer %q", got)
	}
	if got, want := d.PolicyName.Node.KeySpan(), u.PolicyName.Node.KeySpan(); got != want {
		t.Errorf("key span %v, want %v", got, want)
	}
	if d.File.Root.Span != u.File.Root.Span || d.Path != u.Path || d.Shape != input.Request {
		t.Errorf("detached unit lost its place: %+v", d)
	}
}

// A plain policy file whose object starts early shares its stub file with
// every other such file; the stub still says where the object starts.
func TestDetachSharesPolicyStubs(t *testing.T) {
	var stubs []*source.Document
	for _, text := range []string{`{"Version": "2012-10-17"}`, "\n\n  {\"Version\": \"2012-10-17\"}", `{}`} {
		u := input.Load(source.Parse("example.com/Send.json", []byte(text)), input.Hints{})
		d := detach(u)
		if d.File.Root.Span.Start != u.File.Root.Span.Start || d.File.Root.Kind != source.Object || d.File.Text != nil {
			t.Fatalf("%q: detached root %+v, want the start of %+v", text, d.File.Root, u.File.Root)
		}
		if d.Path != "example.com/Send.json" || d.Policy != nil {
			t.Fatalf("%q: detached unit %+v", text, d)
		}
		stubs = append(stubs, d.File)
	}
	if stubs[0] != stubs[2] || stubs[0] == stubs[1] {
		t.Errorf("files starting at the same offset should share a stub, others not")
	}
}
