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
