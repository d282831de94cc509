package server

import (
	"path/filepath"
	"strings"
	"testing"
)

// FuzzIsNeverLinted holds isNeverLinted to the map of lowered names it
// replaced.
func FuzzIsNeverLinted(f *testing.F) {
	for _, s := range []string{"package.json", "/a/B/Package.JSON", "tsconfig.base.json", "TSCONFIG.JSON", "tsconfig.", "x.json",
		"pac\u212aage.json", "package.j\u017fon", "/Ü/composer.LOCK", "tsconfig.Ü.json", ""} {
		f.Add(s)
	}
	old := map[string]bool{
		"package.json": true, "package-lock.json": true, "tsconfig.json": true,
		"jsconfig.json": true, "composer.json": true, "composer.lock": true,
	}
	f.Fuzz(func(t *testing.T, name string) {
		base := strings.ToLower(filepath.Base(name))
		want := old[base] || (strings.HasPrefix(base, "tsconfig.") && strings.HasSuffix(base, ".json"))
		if got := isNeverLinted(name); got != want {
			t.Fatalf("isNeverLinted(%q) = %v, want %v", name, got, want)
		}
	})
}
