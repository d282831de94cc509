// Package config loads .seslint.yaml: rules on or off with severities and
// options, include and exclude globs, the mapping from files to identity and
// policy name, and ignores with their reasons. Every error has a position.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/bmatcuk/doublestar/v4"
	"go.yaml.in/yaml/v3"

	"github.com/seslint/seslint/internal/finding"
)

// FileName is the config file looked for from the working directory up.
const FileName = ".seslint.yaml"

// DefaultInclude and DefaultExclude apply when the config names none.
var (
	DefaultInclude = []string{"**/*.json", "**/*.tf"}
	DefaultExclude = []string{"**/node_modules/**", "**/.git/**", "**/.terraform/**"}
)

// Config is a loaded config file. The zero value is the defaults.
type Config struct {
	// Path is the file it came from ("" for defaults); Dir anchors globs.
	Path string
	Dir  string

	Include, Exclude []string
	// IncludeSet is true when the file named include globs itself.
	IncludeSet bool
	FailLevel  finding.Severity
	Rules      map[string]RuleSetting
	Identities []Mapping
	Ignores    []Ignore

	// compiled is the matcher of Dir, Include and Exclude as Default or
	// Parse left them.
	compiled *Matcher
}

// RuleSetting is one entry under rules:.
type RuleSetting struct {
	Severity    finding.Severity // None = off
	SeveritySet bool
	Threshold   float64
	Line        int
}

// Mapping gives the identity and policy name of matching files.
type Mapping struct {
	Files      string
	Identity   string
	PolicyName string
	Line       int
}

// Ignore silences one rule in matching files, optionally for one statement
// (by Sid) or one node (by JSON pointer), with a mandatory reason.
type Ignore struct {
	Rule    string
	File    string
	Sid     string
	Pointer string
	Reason  string
	Line    int
	Column  int
}

// Error is a config problem with its position; it means exit code 2.
type Error struct {
	Path         string
	Line, Column int
	Msg          string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d:%d: %s", e.Path, e.Line, e.Column, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.Path, e.Msg)
}

// Default returns the configuration used when there is no file.
func Default(dir string) *Config {
	c := &Config{Dir: dir, Include: DefaultInclude, Exclude: DefaultExclude, FailLevel: finding.Warning}
	c.compiled = newMatcher(c)
	return c
}

// Find walks up from dir and returns the path of the first config file, or "".
func Find(dir string) string {
	for {
		p := filepath.Join(dir, FileName)
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return p
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// Load reads and validates a config file.
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &Error{Path: path, Msg: "cannot read config: " + strings.TrimPrefix(err.Error(), "open "+path+": ")}
	}
	abs, _ := filepath.Abs(path)
	return Parse(path, filepath.Dir(abs), data)
}

// Parse validates config text; dir anchors its globs.
func Parse(path, dir string, data []byte) (*Config, error) {
	c := Default(dir)
	c.Path = path
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return c, nil // an empty file is the defaults
		}
		return nil, yamlError(path, data, err)
	}
	if len(doc.Content) == 0 || doc.Content[0].Tag == "!!null" {
		return c, nil // a file of comments or a bare "---" is the defaults
	}
	p := parser{path: path, c: c}
	p.top(doc.Content[0])
	if len(p.errs) > 0 {
		return nil, errors.Join(p.errs...)
	}
	c.compiled = newMatcher(c)
	return c, nil
}

func yamlError(path string, data []byte, err error) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	// The YAML library reports "line N: message", or nothing for a
	// problem found at the end of the input (an unterminated quote), which
	// is then placed on the last line.
	line := bytes.Count(bytes.TrimRight(data, "\n"), []byte("\n")) + 1
	if strings.HasPrefix(msg, "line ") {
		rest := msg[5:]
		if i := strings.IndexByte(rest, ':'); i > 0 {
			if n, convErr := strconv.Atoi(rest[:i]); convErr == nil {
				line, msg = n, strings.TrimSpace(rest[i+1:])
			}
		}
	}
	return &Error{Path: path, Line: max(line, 1), Column: 1, Msg: "invalid YAML: " + msg}
}

type parser struct {
	path string
	c    *Config
	errs []error
}

func (p *parser) errorf(n *yaml.Node, format string, args ...any) {
	p.errs = append(p.errs, &Error{Path: p.path, Line: n.Line, Column: n.Column, Msg: fmt.Sprintf(format, args...)})
}

// each visits the key/value pairs of a mapping, rejecting unknown keys.
func (p *parser) each(n *yaml.Node, what string, known []string, fn func(key string, k, v *yaml.Node)) {
	if n.Kind != yaml.MappingNode {
		p.errorf(n, "%s must be a mapping", what)
		return
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if known != nil && !contains(known, k.Value) {
			p.errorf(k, "unknown key %q in %s; known keys are %s", k.Value, what, strings.Join(known, ", "))
			continue
		}
		if seen[k.Value] {
			p.errorf(k, "duplicate key %q in %s", k.Value, what)
			continue
		}
		seen[k.Value] = true
		fn(k.Value, k, v)
	}
}

func (p *parser) top(n *yaml.Node) {
	p.each(n, "the config", []string{"include", "exclude", "fail-level", "rules", "identities", "ignore"}, func(key string, k, v *yaml.Node) {
		switch key {
		case "include":
			p.c.Include, p.c.IncludeSet = p.globs(v, key), true
		case "exclude":
			p.c.Exclude = append(append([]string{}, DefaultExclude...), p.globs(v, key)...)
		case "fail-level":
			sev, err := finding.ParseSeverity(v.Value)
			if err != nil || v.Kind != yaml.ScalarNode {
				p.errorf(v, "fail-level must be error, warning or note")
				return
			}
			p.c.FailLevel = sev
		case "rules":
			p.rules(v)
		case "identities":
			p.identities(v)
		case "ignore":
			p.ignores(v)
		}
	})
}

func (p *parser) str(n *yaml.Node, what string) string {
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		p.errorf(n, "%s must be a string", what)
		return ""
	}
	return n.Value
}

func (p *parser) globs(n *yaml.Node, what string) []string {
	var out []string
	items := []*yaml.Node{n}
	if n.Kind == yaml.SequenceNode {
		items = n.Content
	}
	for _, it := range items {
		g := p.str(it, what+" entries")
		if g == "" {
			continue
		}
		if !doublestar.ValidatePattern(g) {
			p.errorf(it, "%s pattern %q is not a valid glob", what, g)
			continue
		}
		out = append(out, g)
	}
	return out
}

func (p *parser) rules(n *yaml.Node) {
	p.c.Rules = map[string]RuleSetting{}
	p.each(n, "rules", nil, func(key string, k, v *yaml.Node) {
		s := RuleSetting{Line: k.Line}
		switch v.Kind {
		case yaml.ScalarNode:
			s.Severity, s.SeveritySet = p.severity(v)
		case yaml.MappingNode:
			p.each(v, "rule "+key, []string{"severity", "threshold"}, func(opt string, _, ov *yaml.Node) {
				switch opt {
				case "severity":
					s.Severity, s.SeveritySet = p.severity(ov)
				case "threshold":
					f, err := strconv.ParseFloat(ov.Value, 64)
					if err != nil || f <= 0 || f > 1 {
						p.errorf(ov, "threshold must be a number above 0 and at most 1, such as 0.9")
						return
					}
					s.Threshold = f
				}
			})
		default:
			p.errorf(v, "rule %s must be off, error, warning, note or a mapping", key)
		}
		p.c.Rules[key] = s
	})
}

func (p *parser) severity(n *yaml.Node) (finding.Severity, bool) {
	switch n.Value {
	case "off", "false":
		return finding.None, true
	case "on", "true":
		return finding.None, false
	}
	sev, err := finding.ParseSeverity(n.Value)
	if err != nil {
		p.errorf(n, "severity must be off, error, warning or note, not %q", n.Value)
		return finding.None, false
	}
	return sev, true
}

func (p *parser) identities(n *yaml.Node) {
	if n.Kind != yaml.SequenceNode {
		p.errorf(n, "identities must be a list of {files, identity, policy-name}")
		return
	}
	for _, it := range n.Content {
		m := Mapping{Line: it.Line}
		p.each(it, "an identities entry", []string{"files", "identity", "policy-name"}, func(key string, _, v *yaml.Node) {
			switch key {
			case "files":
				if g := p.globs(v, "files"); len(g) == 1 {
					m.Files = g[0]
				}
			case "identity":
				m.Identity = p.str(v, "identity")
			case "policy-name":
				m.PolicyName = p.str(v, "policy-name")
			}
		})
		if m.Files == "" && it.Kind == yaml.MappingNode {
			p.errorf(it, "an identities entry needs files: a glob of the files it applies to")
		}
		p.c.Identities = append(p.c.Identities, m)
	}
}

func (p *parser) ignores(n *yaml.Node) {
	if n.Kind != yaml.SequenceNode {
		p.errorf(n, "ignore must be a list of {rule, file, sid or pointer, reason}")
		return
	}
	for _, it := range n.Content {
		ig := Ignore{Line: it.Line, Column: it.Column}
		p.each(it, "an ignore entry", []string{"rule", "file", "sid", "pointer", "reason"}, func(key string, _, v *yaml.Node) {
			switch key {
			case "rule":
				ig.Rule = p.str(v, "rule")
			case "file":
				if g := p.globs(v, "file"); len(g) == 1 {
					ig.File = g[0]
				}
			case "sid":
				ig.Sid = p.str(v, "sid")
			case "pointer":
				ig.Pointer = p.str(v, "pointer")
				if ig.Pointer != "" && !strings.HasPrefix(ig.Pointer, "/") {
					p.errorf(v, "pointer must be a JSON pointer starting with /, such as /Statement/0")
				}
			case "reason":
				ig.Reason = strings.TrimSpace(p.str(v, "reason"))
			}
		})
		if it.Kind != yaml.MappingNode {
			continue
		}
		switch {
		case ig.Rule == "":
			p.errorf(it, "an ignore entry needs rule: the ID or name of the rule to silence")
		case ig.File == "":
			p.errorf(it, "an ignore entry needs file: a glob of the files it applies to")
		case ig.Reason == "":
			p.errorf(it, "an ignore entry needs reason: say why the finding is acceptable")
		case ig.Sid != "" && ig.Pointer != "":
			p.errorf(it, "an ignore entry takes sid or pointer, not both")
		}
		p.c.Ignores = append(p.c.Ignores, ig)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Rel returns path relative to the config's folder, with forward slashes,
// for glob matching.
func (c *Config) Rel(path string) string { return c.Matcher().rel(path) }

func (m *Matcher) rel(path string) string {
	// A walk's paths are already clean and absolute, and lie under the
	// folder: cut the folder off without the two Cleans and the allocation
	// of filepath.Abs and filepath.Rel, once per file walked.
	if rest, ok := strings.CutPrefix(path, m.dir); ok && len(rest) > 1 && rest[0] == filepath.Separator &&
		m.dirClean && cleanTail(rest[1:]) {
		return filepath.ToSlash(rest[1:])
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return filepath.ToSlash(path)
	}
	rel, err := filepath.Rel(m.dir, abs)
	if err != nil {
		return filepath.ToSlash(path)
	}
	return filepath.ToSlash(rel)
}

// cleanTail reports whether a relative path has no empty, "." or ".."
// element, so that filepath.Clean would leave it as it is.
func cleanTail(p string) bool {
	if p == "" || p[len(p)-1] == filepath.Separator {
		return false
	}
	for {
		elem, rest, found := strings.Cut(p, string(filepath.Separator))
		if elem == "" || elem == "." || elem == ".." {
			return false
		}
		if !found {
			return true
		}
		p = rest
	}
}

// Match reports whether a glob matches a config-relative path.
func Match(pattern, rel string) bool {
	g := compileGlob(pattern)
	return g.match(rel)
}

// plainLiteral reports whether a piece of glob matches only itself: not
// empty, ASCII (doublestar compares runes, and every invalid byte decodes
// to the same one), no separator and nothing special to doublestar.
func plainLiteral(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || strings.IndexByte("*?[]{}\\/", c) >= 0 {
			return false
		}
	}
	return true
}

// hasElement reports whether name, which holds no "/", is one of the
// slash-separated elements of rel. It looks for name itself, not for
// each "/" (FuzzHasElement).
func hasElement(rel, name string) bool {
	for at := 0; ; {
		i := strings.Index(rel[at:], name)
		if i < 0 {
			return false
		}
		start, end := at+i, at+i+len(name)
		if (start == 0 || rel[start-1] == '/') && (end == len(rel) || rel[end] == '/') {
			return true
		}
		at = start + 1
	}
}

// Included reports whether a file found by walking is linted.
func (c *Config) Included(path string) bool {
	m := c.Matcher()
	return m.IncludedRel(m.rel(path))
}

// Excluded reports whether a path (file or folder) is excluded.
func (c *Config) Excluded(path string) bool {
	m := c.Matcher()
	return m.ExcludedRel(m.rel(path))
}

// MappingFor returns the identity mapping of the first entry matching path.
func (c *Config) MappingFor(path string) (Mapping, bool) {
	rel := c.Rel(path)
	for _, m := range c.Identities {
		if Match(m.Files, rel) {
			return m, true
		}
	}
	return Mapping{}, false
}
