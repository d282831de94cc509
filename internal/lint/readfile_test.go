package lint

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/seslint/seslint/internal/bench/gen"
)

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	big := bytes.Repeat([]byte("0123456789abcdef"), 10_000) // over the 64 KB first buffer
	for name, want := range map[string][]byte{"empty": {}, "small": []byte(`{"Version":"2012-10-17"}`), "big": big} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, want, 0o644); err != nil {
			t.Fatal(err)
		}
		var scratch []byte
		for range 2 { // the second read reuses the scratch buffer
			got, err := readFile(path, &scratch)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if !bytes.Equal(got, want) {
				t.Fatalf("%s: read %d bytes, want %d", name, len(got), len(want))
			}
		}
	}

	// The text must not change when the buffer is reused for another file.
	var scratch []byte
	first, _ := readFile(filepath.Join(dir, "small"), &scratch)
	readFile(filepath.Join(dir, "big"), &scratch)
	if string(first) != `{"Version":"2012-10-17"}` {
		t.Fatalf("first text changed to %q after a second read", first)
	}

	for path, want := range map[string]string{
		filepath.Join(dir, "missing"): "no such file or directory",
		dir:                           "is a directory",
	} {
		_, err := readFile(path, &scratch)
		if err == nil {
			t.Fatalf("%s: no error", path)
		}
		if got := describeIOError(path, err); got != want {
			t.Errorf("%s: error %q, want %q", path, got, want)
		}
	}
}

// Files read into the worker's buffer give the findings they give from
// their own copy: the strings of a file's findings are copied out of the
// buffer, so they do not change when the next file overwrites it.
func TestBorrowedTextFindings(t *testing.T) {
	dir := t.TempDir()
	files, _ := gen.Corpus(gen.Options{Files: 120, Seed: 5, DefectEvery: 3})
	var fromDisk, inMemory []Input
	for _, f := range files {
		path := filepath.Join(dir, f.Path)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, f.Text, 0o644); err != nil {
			t.Fatal(err)
		}
		fromDisk = append(fromDisk, Input{Path: path})
		inMemory = append(inMemory, Input{Path: path, Text: f.Text})
	}
	o := releaseOptions(t)
	o.Jobs = 1 // one worker, one buffer, every file through it
	got, want := Lint(fromDisk, o), Lint(inMemory, o)
	if len(want.Findings) == 0 {
		t.Fatal("the corpus has no findings to compare")
	}
	if !reflect.DeepEqual(got.Findings, want.Findings) {
		t.Fatalf("findings from the read buffer differ from those of in-memory text:\n%v\n%v", got.Findings, want.Findings)
	}
	// The line index of a file with findings is read after the run, when
	// the buffer holds another file.
	for _, f := range got.Findings {
		g, w := got.LinesOf(f.File), want.LinesOf(f.File)
		if g == nil || w == nil {
			t.Fatalf("%s: no line index", f.File)
		}
		if gp, wp := g.Position(f.Span.End), w.Position(f.Span.End); gp != wp || string(g.LineText(gp.Line)) != string(w.LineText(wp.Line)) {
			t.Fatalf("%s: position %v from the read buffer, %v from its own text", f.File, gp, wp)
		}
	}
}
