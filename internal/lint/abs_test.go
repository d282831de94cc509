package lint

import (
	"path/filepath"
	"testing"
)

// Options.abs gives what filepath.Abs gives, from the working directory
// looked up once.
func TestAbsMatchesFilepathAbs(t *testing.T) {
	t.Chdir(t.TempDir())
	o := Options{}.withCwd()
	for _, p := range []string{"a.json", "./a/../b/c.json", "../x/y.json", "dir/", ".", "/abs/p.json", "a//b", "📧@example.com/P.json"} {
		want, err := filepath.Abs(p)
		if err != nil {
			t.Fatal(err)
		}
		if got := o.abs(p); got != want && !(filepath.IsAbs(p) && got == p) {
			t.Errorf("abs(%q) = %q, want %q", p, got, want)
		}
	}
}

// Options.abs gives filepath.Join's answer for any path, the fast way
// included, and whatever the working directory.
func FuzzAbs(f *testing.F) {
	for _, p := range []string{"a.json", "a/b/c.json", "./a", "a/./b", "a/../b", "../a", "a//b", "a/", "..", ".", "", "/x", "a/..b", "..a/b"} {
		f.Add("/home/u", p)
	}
	f.Add("/", "a/b")
	f.Fuzz(func(t *testing.T, cwd, p string) {
		if !filepath.IsAbs(cwd) {
			return
		}
		o := Options{cwd: filepath.Clean(cwd)}
		want := p
		if !filepath.IsAbs(p) {
			want = filepath.Join(o.cwd, p)
		}
		if got := o.abs(p); got != want {
			t.Fatalf("abs(%q) in %q = %q, want %q", p, o.cwd, got, want)
		}
	})
}
