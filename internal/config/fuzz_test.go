package config

import (
	"errors"
	"path/filepath"
	"testing"

	"github.com/bmatcuk/doublestar/v4"
)

// FuzzParse feeds any bytes to the config loader: it never panics, and a
// config it rejects is rejected with errors that each carry the file and a
// line (and column) to show the user, as exit code 2 promises.
//
// The seeds are in testdata/fuzz/FuzzParse: the configs of the test data,
// the README's example, and one of each error.
func FuzzParse(f *testing.F) {
	f.Add([]byte("rules:\n  SES001: error\n  SES005: {threshold: 0.8}\nignore:\n  - {rule: SES001, file: a.json, sid: A, reason: r}\n"))
	f.Add([]byte("include: [\"**/*.json\"]\nexclude: [vendor/**]\nfail-level: note\nidentities:\n  - {files: \"x/*.json\", identity: example.com, policy-name: P}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse(".seslint.yaml", "/repo", data)
		if err == nil {
			if c == nil {
				t.Fatal("no config and no error")
			}
			return
		}
		for _, e := range leaves(err) {
			var ce *Error
			if !errors.As(e, &ce) {
				t.Fatalf("error %q (%T) is not a config.Error", e, e)
			}
			if ce.Path != ".seslint.yaml" || ce.Line < 1 || ce.Column < 1 {
				t.Fatalf("error %q has no position (line %d, column %d)", e, ce.Line, ce.Column)
			}
		}
	})
}

// leaves unpacks errors.Join.
func leaves(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, leaves(e)...)
		}
		return out
	}
	return []error{err}
}

// FuzzMatchCommon checks that the shortcuts for "**/*.ext" and
// "**/name/**" answer as doublestar does, for any pattern and path.
func FuzzMatchCommon(f *testing.F) {
	for _, p := range [][2]string{
		{"**/*.json", "a/b.json"}, {"**/*.json", "a.json/"}, {"**/*.json", ".json"},
		{"**/*.tf", "../x.tf"}, {"**/node_modules/**", "node_modules"},
		{"**/node_modules/**", "a/node_modules/"}, {"**/.git/**", "a/.gitx/b"},
		{"**/*.json", "a//b.json"}, {"**/x/**", "/x"}, {"**/*[.json", "a[.json"},
	} {
		f.Add(p[0], p[1])
	}
	f.Fuzz(func(t *testing.T, pattern, rel string) {
		g := compileGlob(pattern)
		if g.lit == "" {
			return
		}
		got := g.match(rel)
		want, err := doublestar.Match(pattern, rel)
		if err != nil || got != want {
			t.Fatalf("compileGlob(%q).match(%q) = %v, doublestar says %v (%v)", pattern, rel, got, want, err)
		}
	})
}

// FuzzRel checks the shortcut of Rel for clean paths under the folder
// against filepath.Rel.
func FuzzRel(f *testing.F) {
	for _, p := range []string{"/repo/a.json", "/repo/a/b/c.json", "/repo/./a", "/repo//a", "/repo/a/", "/repo/../x", "/repox/a", "/repo"} {
		f.Add(p)
	}
	c := &Config{Dir: "/repo"}
	f.Fuzz(func(t *testing.T, path string) {
		if !filepath.IsAbs(path) {
			return
		}
		want, err := filepath.Rel(c.Dir, path)
		if err != nil {
			return
		}
		if got := c.Rel(path); got != filepath.ToSlash(want) {
			t.Fatalf("Rel(%q) = %q, filepath.Rel says %q", path, got, want)
		}
	})
}
