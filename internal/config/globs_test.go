package config

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/bmatcuk/doublestar/v4"
)

// The reference answers: Rel, Included and Excluded as they were before
// the globs were compiled, with doublestar deciding every glob.

func refRel(dir, path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return filepath.ToSlash(path)
	}
	rel, err := filepath.Rel(dir, abs)
	if err != nil {
		return filepath.ToSlash(path)
	}
	return filepath.ToSlash(rel)
}

func refMatch(pattern, rel string) bool {
	ok, _ := doublestar.Match(pattern, rel)
	return ok
}

func refIncluded(include, exclude []string, rel string) bool {
	for _, g := range exclude {
		if refMatch(g, rel) {
			return false
		}
	}
	for _, g := range include {
		if refMatch(g, rel) {
			return true
		}
	}
	return false
}

func refExcluded(exclude []string, rel string) bool {
	for _, g := range exclude {
		if refMatch(g, rel) || refMatch(g, rel+"/") || refMatch(strings.TrimSuffix(g, "/**"), rel) {
			return true
		}
	}
	return false
}

// refHasElement is hasElement as it was: a split at every "/".
func refHasElement(rel, name string) bool {
	for rel != "" {
		elem, rest, _ := strings.Cut(rel, "/")
		if elem == name {
			return true
		}
		rel = rest
	}
	return false
}

// FuzzHasElement checks the search for the element against the split.
func FuzzHasElement(f *testing.F) {
	for _, p := range [][2]string{
		{"a/node_modules/b", "node_modules"}, {"node_modules", "node_modules"}, {"xnode_modules/a", "node_modules"},
		{"a/node_modulesx", "node_modules"}, {"a/.gitx/.git", ".git"}, {"aa/a", "a"}, {"a//b/", "b"}, {"", "a"},
	} {
		f.Add(p[0], p[1])
	}
	f.Fuzz(func(t *testing.T, rel, name string) {
		if name == "" || strings.Contains(name, "/") {
			return
		}
		if got, want := hasElement(rel, name), refHasElement(rel, name); got != want {
			t.Fatalf("hasElement(%q, %q) = %v, want %v", rel, name, got, want)
		}
	})
}

// FuzzIncludedExcluded checks the compiled globs against doublestar for
// the defaults with one more include and exclude glob of any shape, and
// any path: through Included and Excluded (with Rel), and through
// IncludedRel and ExcludedRel.
func FuzzIncludedExcluded(f *testing.F) {
	for _, p := range [][3]string{
		{"**/*.json", "**/vendor/**", "a/b.json"}, {"policies/**/*.json", "**/x/**", "policies/x/a.json"},
		{"**/*.tf", "**/*.bak", "a/node_modules"}, {"*.json", "build/**", "build"}, {"**/x", "**/.git", "a/.git/"},
		{"{a,b}/*.json", "**/a/**", "/a/b.json"}, {"**/*.json", "**/node_modules", "node_modules/a.json"},
	} {
		f.Add(p[0], p[1], p[2])
	}
	f.Fuzz(func(t *testing.T, include, exclude, rel string) {
		if !doublestar.ValidatePattern(include) || !doublestar.ValidatePattern(exclude) {
			return
		}
		c := Default("/repo")
		c.Include = []string{include, "**/*.json"}
		c.Exclude = append(append([]string{}, DefaultExclude...), exclude)
		c.compiled = newMatcher(c)
		if got, want := c.Matcher().IncludedRel(rel), refIncluded(c.Include, c.Exclude, rel); got != want {
			t.Fatalf("IncludedRel(%q) = %v with %q and %q, doublestar says %v", rel, got, c.Include, c.Exclude, want)
		}
		if got, want := c.Matcher().ExcludedRel(rel), refExcluded(c.Exclude, rel); got != want {
			t.Fatalf("ExcludedRel(%q) = %v with %q, doublestar says %v", rel, got, c.Exclude, want)
		}
		path := "/repo/" + rel
		r := refRel(c.Dir, path)
		if got, want := c.Included(path), refIncluded(c.Include, c.Exclude, r); got != want {
			t.Fatalf("Included(%q) = %v with %q and %q, doublestar says %v", path, got, c.Include, c.Exclude, want)
		}
		if got, want := c.Excluded(path), refExcluded(c.Exclude, r); got != want {
			t.Fatalf("Excluded(%q) = %v with %q, doublestar says %v", path, got, c.Exclude, want)
		}
	})
}

// A config whose globs were changed after Parse is matched by its new
// globs, not by those compiled from the file.
func TestChangedGlobsAreMatched(t *testing.T) {
	c := Default("/repo")
	if !c.Included("/repo/a.json") || c.Included("/repo/a.yaml") {
		t.Fatal("defaults")
	}
	c.Include = []string{"**/*.yaml"}
	if c.Included("/repo/a.json") || !c.Included("/repo/a.yaml") {
		t.Fatal("a changed include is not matched")
	}
	c.Exclude = []string{"**/*.yaml"}
	if c.Included("/repo/a.yaml") || !c.Excluded("/repo/a.yaml") {
		t.Fatal("a changed exclude is not matched")
	}
	c.Dir = "/other"
	if got := c.Rel("/other/a/b.yaml"); got != "a/b.yaml" {
		t.Fatalf("a changed folder: Rel = %q", got)
	}
}

// FuzzRelDir checks that a folder's RelDir, joined with a plain path
// below it, is Rel of the whole path, and that RelDir is Rel itself.
func FuzzRelDir(f *testing.F) {
	for _, p := range [][3]string{
		{"/repo", "/repo", "a.json"}, {"/repo", "/repo/x/y", "b/c.json"}, {"/repo", "/repox", "a"},
		{"/repo", "/", "repo"}, {"/", "/a", "b"}, {"/repo/", "/repo/a", "b"}, {"repo", "repo/a", "b"},
		{"/repo", "/repo/../repo/a", "b"}, {"/repo", "/x", "../repo/a"},
	} {
		f.Add(p[0], p[1], p[2])
	}
	f.Fuzz(func(t *testing.T, cdir, dir, tail string) {
		c := Default(cdir)
		base, ok := c.RelDir(dir)
		if !ok {
			return
		}
		if want := refRel(cdir, dir); base != want {
			t.Fatalf("RelDir(%q) = %q under %q, filepath.Rel says %q", dir, base, cdir, want)
		}
		if !cleanTail(tail) || filepath.IsAbs(tail) {
			return
		}
		joined := tail
		if base != "." {
			joined = base + "/" + tail
		}
		path := dir + string(filepath.Separator) + tail
		if want := refRel(cdir, path); joined != want || c.Rel(path) != want {
			t.Fatalf("RelDir(%q) = %q under %q, joined with %q: %q, Rel says %q, filepath.Rel %q", dir, base, cdir, tail, joined, c.Rel(path), want)
		}
	})
}
