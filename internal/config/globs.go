package config

import (
	"path/filepath"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
)

// glob is an include or exclude pattern with its shape worked out once:
// a walk asks every glob about every file, and telling the shape again
// each time cost more than the match. The two shapes that every walk
// tries, the defaults among them, are decided without doublestar's
// general matcher: "**/*.ext" (the path ends with .ext) and "**/name/**"
// (an element of the path is name), exactly as doublestar would
// (FuzzMatchCommon).
type glob struct {
	pattern string
	// lit is the suffix of a "**/*.ext" glob, or with elem the name of
	// a "**/name/**" glob; "" for any other glob, which doublestar decides.
	lit  string
	elem bool
}

func compileGlob(pattern string) glob {
	if suffix, found := strings.CutPrefix(pattern, "**/*"); found && plainLiteral(suffix) {
		return glob{pattern: pattern, lit: suffix}
	}
	if name, found := strings.CutPrefix(pattern, "**/"); found {
		if name, found = strings.CutSuffix(name, "/**"); found && plainLiteral(name) {
			return glob{pattern: pattern, lit: name, elem: true}
		}
	}
	return glob{pattern: pattern}
}

func (g *glob) match(rel string) bool {
	switch {
	case g.lit == "":
		ok, _ := doublestar.Match(g.pattern, rel)
		return ok
	case g.elem:
		return hasElement(rel, g.lit)
	}
	return strings.HasSuffix(rel, g.lit)
}

// Matcher is what Rel, Included and Excluded need of a config, worked
// out once by Default and Parse rather than for every path of a walk.
type Matcher struct {
	dir string
	// dirClean is set when dir is absolute and clean, so that a clean
	// path under it is made relative by cutting it off.
	dirClean         bool
	include, exclude []glob
}

func newMatcher(c *Config) *Matcher {
	m := &Matcher{dir: c.Dir, dirClean: filepath.IsAbs(c.Dir) && filepath.Clean(c.Dir) == c.Dir}
	for _, p := range c.Include {
		m.include = append(m.include, compileGlob(p))
	}
	for _, p := range c.Exclude {
		m.exclude = append(m.exclude, compileGlob(p))
	}
	return m
}

// Matcher returns the config's matcher, or a new one when it has none or
// its Dir, Include or Exclude changed since (the fields are exported). A
// walk takes it once, to ask about every path with IncludedRel and
// ExcludedRel.
func (c *Config) Matcher() *Matcher {
	if m := c.compiled; m != nil && m.dir == c.Dir && sameGlobs(m.include, c.Include) && sameGlobs(m.exclude, c.Exclude) {
		return m
	}
	return newMatcher(c)
}

func sameGlobs(gs []glob, patterns []string) bool {
	if len(gs) != len(patterns) {
		return false
	}
	for i := range gs {
		if gs[i].pattern != patterns[i] {
			return false
		}
	}
	return true
}

// IncludedRel is Included for a path already made relative by Rel.
func (m *Matcher) IncludedRel(rel string) bool {
	for i := range m.exclude {
		if m.exclude[i].match(rel) {
			return false
		}
	}
	for i := range m.include {
		if m.include[i].match(rel) {
			return true
		}
	}
	return false
}

// ExcludedRel is Excluded for a path already made relative by Rel.
func (m *Matcher) ExcludedRel(rel string) bool {
	for i := range m.exclude {
		g := &m.exclude[i]
		if g.lit != "" {
			// rel+"/" and the glob without its "/**" match only where the
			// glob matches rel already: a literal holds no separator, and
			// "**/name" ends in the element "name" (FuzzExcluded).
			if g.match(rel) {
				return true
			}
			continue
		}
		if Match(g.pattern, rel) || Match(g.pattern, rel+"/") || Match(strings.TrimSuffix(g.pattern, "/**"), rel) {
			return true
		}
	}
	return false
}

// RelDir is Rel for a clean absolute folder that is the config's folder
// or lies under it, and reports whether it is one: then the path of
// anything under the folder is RelDir's answer joined by "/" with its
// slashed path below the folder (FuzzRelDir), which a walk uses instead
// of asking Rel for every file.
func (c *Config) RelDir(dir string) (string, bool) {
	if !c.Matcher().dirClean || filepath.Clean(dir) != dir {
		return "", false
	}
	if dir == c.Dir {
		return ".", true
	}
	if rest, ok := strings.CutPrefix(dir, c.Dir); ok && len(rest) > 1 && rest[0] == filepath.Separator {
		return filepath.ToSlash(rest[1:]), true
	}
	return "", false
}
