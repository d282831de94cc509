// Package lint is the one way in to linting, shared by the command line and
// the language server: it finds and reads files, builds units, runs the
// engine, applies the config's ignores and returns a sorted result.
package lint

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/seslint/seslint/internal/config"
	"github.com/seslint/seslint/internal/finding"
	"github.com/seslint/seslint/internal/input"
	"github.com/seslint/seslint/internal/source"
	"github.com/seslint/seslint/rules"
)

// File is a linted file: its path as shown and its line index. Lines is
// set for every file that has a finding in the result, and may be nil for
// the others: a run over thousands of files keeps neither their text nor
// their line index (see release).
type File struct {
	Path  string
	Lines *source.Lines
}

// FileError is a file that could not be read; the run goes on without it.
type FileError struct {
	Path    string
	Message string
}

// Result is everything a formatter needs, and nothing it must compute.
type Result struct {
	Findings []finding.Finding
	Files    []File
	Errors   []FileError
}

// LinesOf returns the line index of a file in the result, or nil.
func (r *Result) LinesOf(path string) *source.Lines {
	i, ok := slices.BinarySearchFunc(r.Files, path, func(f File, p string) int { return cmp.Compare(f.Path, p) })
	if !ok {
		return nil
	}
	return r.Files[i].Lines
}

// Options are the run's inputs beyond the paths.
type Options struct {
	Config *config.Config
	Engine *rules.Engine
	// Identity and PolicyName come from flags and beat the config.
	Identity, PolicyName string
	Jobs                 int
	// Stdin and StdinName serve the path "-".
	Stdin     func() ([]byte, error)
	StdinName string
}

// Input is one file to lint: its path and, when already in memory, its text.
type Input struct {
	Path string
	Text []byte
	// Walked marks files found in a folder rather than named.
	Walked bool
	err    error
}

// Run lints paths: files, folders (walked for included files) and "-".
func Run(paths []string, o Options) *Result {
	inputs, errs := Expand(paths, o)
	res := Lint(inputs, o)
	res.Errors = append(errs, res.Errors...)
	slices.SortFunc(res.Errors, func(a, b FileError) int { return cmp.Compare(a.Path, b.Path) })
	return res
}

// Expand resolves paths into inputs, walking folders.
func Expand(paths []string, o Options) ([]Input, []FileError) {
	var inputs []Input
	var errs []FileError
	seen := map[string]bool{}
	add := func(in Input) {
		if !seen[in.Path] {
			seen[in.Path] = true
			inputs = append(inputs, in)
		}
	}
	for _, p := range paths {
		if p == "-" {
			name := cmp.Or(o.StdinName, "<stdin>")
			var text []byte
			var err error
			if o.Stdin != nil {
				text, err = o.Stdin()
			}
			if err != nil {
				errs = append(errs, FileError{Path: name, Message: "cannot read standard input: " + err.Error()})
				continue
			}
			add(Input{Path: name, Text: text})
			continue
		}
		st, err := os.Stat(p)
		if err != nil {
			errs = append(errs, FileError{Path: p, Message: describeIOError(p, err)})
			continue
		}
		if !st.IsDir() {
			add(Input{Path: filepath.Clean(p)})
			continue
		}
		walkErr := filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				errs = append(errs, FileError{Path: path, Message: describeIOError(path, err)})
				return nil
			}
			if d.IsDir() {
				if path != p && o.Config.Excluded(path) {
					return filepath.SkipDir
				}
				return nil
			}
			if !o.Config.Included(path) {
				return nil
			}
			if d.Type()&fs.ModeSymlink != 0 {
				if _, err := os.Stat(path); err != nil {
					errs = append(errs, FileError{Path: path, Message: describeIOError(path, err)})
					return nil
				}
			}
			add(Input{Path: path, Walked: true})
			return nil
		})
		if walkErr != nil {
			errs = append(errs, FileError{Path: p, Message: walkErr.Error()})
		}
	}
	return inputs, errs
}

func describeIOError(path string, err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if _, lerr := os.Lstat(path); lerr == nil {
			return "broken symbolic link: its target does not exist"
		}
		return "no such file or directory"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	}
	return err.Error()
}

type fileOutcome struct {
	unit     *input.Unit
	findings []finding.Finding
	err      *FileError
	skipped  bool
	// lines is unit's line index, kept only when it has findings.
	lines *source.Lines
}

// Lint reads (where needed), parses and lints inputs with o.Jobs workers.
// The result does not depend on the number of workers.
func Lint(inputs []Input, o Options) *Result {
	jobs := o.Jobs
	if jobs <= 0 {
		jobs = runtime.GOMAXPROCS(0)
	}
	jobs = min(jobs, max(len(inputs), 1))
	outcomes := make([]fileOutcome, len(inputs))
	// Workers take the next file from a counter: a channel would hand
	// each file from one goroutine to another, a wake-up per file.
	var next atomic.Int64
	work := func() {
		for i := int(next.Add(1) - 1); i < len(inputs); i = int(next.Add(1) - 1) {
			outcomes[i] = lintOne(inputs[i], o)
		}
	}
	if jobs == 1 {
		work()
	} else {
		var wg sync.WaitGroup
		for range jobs {
			wg.Go(work)
		}
		wg.Wait()
	}

	res := &Result{}
	var units []*input.Unit
	for _, oc := range outcomes {
		switch {
		case oc.err != nil:
			res.Errors = append(res.Errors, *oc.err)
		case oc.skipped:
		default:
			units = append(units, oc.unit)
			res.Files = append(res.Files, File{Path: oc.unit.Path, Lines: oc.lines})
			res.Findings = append(res.Findings, oc.findings...)
		}
	}
	res.Findings = append(res.Findings, o.Engine.LintSet(units)...)
	res.Findings = applyIgnores(res, o)
	res.Findings = finding.SortAndDedupe(res.Findings)
	slices.SortFunc(res.Files, func(a, b File) int { return cmp.Compare(a.Path, b.Path) })
	addLines(res, inputs)
	return res
}

func lintOne(in Input, o Options) fileOutcome {
	text := in.Text
	if text == nil {
		var err error
		text, err = os.ReadFile(in.Path)
		if err != nil {
			return fileOutcome{err: &FileError{Path: in.Path, Message: describeIOError(in.Path, err)}}
		}
	}
	doc := source.Parse(in.Path, text)
	if in.Walked && !o.Config.IncludeSet && !LooksLikePolicy(doc) {
		return fileOutcome{skipped: true}
	}
	u := input.Load(doc, hintsFor(in.Path, o))
	return release(u, o.Engine.LintUnit(u))
}

// LooksLikePolicy tells SES policies and requests from other JSON files
// (package.json, tsconfig.json) when nothing says which files are policies.
// A file that does not parse is given the benefit of the doubt.
func LooksLikePolicy(doc *source.Document) bool {
	root := doc.Root
	if root == nil {
		return true
	}
	if root.Kind != source.Object {
		return false
	}
	for _, m := range root.Members {
		switch m.Key {
		case "Statement", "Version", "Identity", "PolicyName", "Policy":
			return true
		}
	}
	return false
}

func hintsFor(path string, o Options) input.Hints {
	h := input.Hints{Identity: o.Identity, PolicyName: o.PolicyName}
	if len(o.Config.Identities) == 0 {
		return h // MappingFor would resolve the path for nothing
	}
	if m, ok := o.Config.MappingFor(path); ok {
		if h.Identity == "" && m.Identity != "" {
			h.Identity, h.IdentityOrigin = m.Identity, input.FromConfig
		}
		if h.PolicyName == "" && m.PolicyName != "" {
			h.PolicyName, h.PolicyNameOrigin = m.PolicyName, input.FromConfig
		}
	}
	return h
}

// applyIgnores marks findings matched by the config's ignores and reports
// each ignore that matched nothing as a finding of SES901 on the config.
func applyIgnores(res *Result, o Options) []finding.Finding {
	c := o.Config
	if len(c.Ignores) == 0 {
		return res.Findings
	}
	used := make([]bool, len(c.Ignores))
	for i := range res.Findings {
		f := &res.Findings[i]
		for j, ig := range c.Ignores {
			if matches(c, ig, f) {
				used[j] = true
				if f.Suppressed == nil {
					f.Suppressed = &finding.Suppression{Reason: ig.Reason, Source: fmt.Sprintf("%s:%d", filepath.ToSlash(c.Path), ig.Line)}
				}
			}
		}
	}
	sev, on := o.Engine.Enabled(rules.UnusedIgnoreID)
	if !on {
		return res.Findings
	}
	var cfgLines *source.Lines
	for j, ig := range c.Ignores {
		if used[j] {
			continue
		}
		if cfgLines == nil {
			text, err := os.ReadFile(c.Path)
			if err != nil {
				break
			}
			cfgLines = source.NewLines(text)
			res.Files = append(res.Files, File{Path: c.Path, Lines: cfgLines})
		}
		start := cfgLines.LineStart(ig.Line) + ig.Column - 1
		end := start + len(cfgLines.LineText(ig.Line)) - (ig.Column - 1)
		what := "rule " + ig.Rule
		if ig.Sid != "" {
			what += fmt.Sprintf(" for Sid %q", ig.Sid)
		} else if ig.Pointer != "" {
			what += " at " + ig.Pointer
		}
		r, _ := rules.Lookup(rules.UnusedIgnoreID)
		res.Findings = append(res.Findings, finding.Finding{
			RuleID: r.ID, RuleName: r.Name, Severity: sev, File: c.Path,
			Span:    finding.Span{Start: start, End: end},
			Message: fmt.Sprintf("ignore of %s in %q matches no finding; remove it or fix its file, sid or pointer", what, ig.File),
			Value:   ig.Rule + " " + ig.File + " " + ig.Sid + ig.Pointer,
		})
	}
	return res.Findings
}

func matches(c *config.Config, ig config.Ignore, f *finding.Finding) bool {
	if !strings.EqualFold(ig.Rule, f.RuleID) && ig.Rule != f.RuleName {
		return false
	}
	if !config.Match(ig.File, c.Rel(f.File)) {
		return false
	}
	switch {
	case ig.Sid != "":
		return f.Sid == ig.Sid
	case ig.Pointer != "":
		return f.Pointer == ig.Pointer || strings.HasPrefix(f.Pointer, ig.Pointer+"/")
	}
	return true
}
