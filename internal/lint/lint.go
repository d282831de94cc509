// Package lint is the one way in to linting, shared by the command line and
// the language server: it finds and reads files, builds units, runs the
// engine, applies the config's ignores and returns a sorted result.
package lint

import (
	"bytes"
	"cmp"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unsafe"

	"github.com/seslint/seslint/internal/config"
	"github.com/seslint/seslint/internal/finding"
	"github.com/seslint/seslint/internal/input"
	"github.com/seslint/seslint/internal/source"
	"github.com/seslint/seslint/internal/terraform"
	"github.com/seslint/seslint/internal/terraform/plan"
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
	// Units are the linted units, whole, in input order; only with
	// Options.KeepUnits (seslint apply sends exactly what was linted).
	Units []*input.Unit
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
	// KeepUnits keeps every unit with its text and tree in Result.Units,
	// instead of releasing each file once it is linted.
	KeepUnits bool

	// cwd is the working directory, looked up once per run: the config
	// resolves each path it matches against its folder, and resolving a
	// relative path costs os.Getwd's two stat calls every time.
	cwd string
}

// Input is one file to lint: its path and, when already in memory, its text.
type Input struct {
	Path string
	Text []byte
	// Walked marks files found in a folder rather than named.
	Walked bool
}

// inputList is a run's inputs, held compactly: a walk over 10,000 files
// keeps each one's path and a flag until the end of the run, not an Input
// (docs/performance.md, memory). The paths are held as the result's file
// list, which takes them over at the end (see merge).
type inputList struct {
	files  []File
	walked []bool
	// chunks hold the paths added while their number is not known (a
	// walk's) until seal makes files of them at its size: files grown by
	// doubling would leave every smaller copy as garbage, which stays in
	// the peak memory of a run, as no collection runs (docs/performance.md).
	chunks [][]string
	// inMemory are the inputs whose text is already in memory, in order.
	inMemory []indexedInput
}

// pathChunk is the number of paths in a chunk.
const pathChunk = 1024

type indexedInput struct {
	index int
	Input
}

// newInputList makes a list for n inputs, which need no chunks.
func newInputList(n int) *inputList {
	return &inputList{files: make([]File, 0, n), walked: make([]bool, 0, n)}
}

func (l *inputList) add(in Input) {
	i := len(l.walked)
	if in.Text != nil {
		l.inMemory = append(l.inMemory, indexedInput{i, in})
	}
	l.walked = append(l.walked, in.Walked)
	if i < cap(l.files) {
		l.files = append(l.files, File{Path: in.Path})
		return
	}
	if i%pathChunk == 0 {
		l.chunks = append(l.chunks, make([]string, 0, pathChunk))
	}
	last := &l.chunks[len(l.chunks)-1]
	*last = append(*last, in.Path)
}

// seal makes the file list of the chunked paths, once all are added.
func (l *inputList) seal() {
	if l.chunks == nil {
		return
	}
	l.files = make([]File, 0, len(l.walked))
	for _, c := range l.chunks {
		for _, p := range c {
			l.files = append(l.files, File{Path: p})
		}
	}
	l.chunks = nil
}

func (l *inputList) path(i int) string { return l.files[i].Path }

func (l *inputList) at(i int) Input {
	if j, ok := slices.BinarySearchFunc(l.inMemory, i, func(e indexedInput, i int) int { return cmp.Compare(e.index, i) }); ok {
		return l.inMemory[j].Input
	}
	return Input{Path: l.path(i), Walked: l.walked[i]}
}

// Run lints paths: files, folders (walked for included files) and "-".
func Run(paths []string, o Options) *Result {
	inputs, errs := expand(paths, o)
	res := lint(inputs, o)
	res.Errors = append(errs, res.Errors...)
	slices.SortFunc(res.Errors, func(a, b FileError) int { return cmp.Compare(a.Path, b.Path) })
	return res
}

// fileOutcome is what linting one input leaves for the end of the run.
// Every file walked has one until then, so the common case, a clean policy
// or request file, is two words (docs/performance.md, memory).
type fileOutcome struct {
	// more is nil for a clean policy or request file that the set rules
	// need nothing of, or whose identity and policy name are its path's.
	more *outcomeDetail
	set  setRecord
	// at is where the file's root starts, with set == fromPath (-1 with
	// no root): the set rules report there.
	at int32
}

// setRecord says whether an outcome is a released policy or request file
// (see release), and where the set rules find what they need of it.
type setRecord uint8

const (
	notReleased setRecord = iota // an error, a skipped file, or whole units: see more
	noIdentity                   // the set rules skip a unit without identity
	fromPath                     // its path gives its identity and policy name again (pathNames)
	inDetail                     // more.set
)

type outcomeDetail struct {
	// units are those of a Terraform source or plan, one per policy
	// resource (none for a .tf file that declares none), or with
	// Options.KeepUnits a file's unit; files are the files they were
	// read from.
	units    []*input.Unit
	files    []File
	findings []finding.Finding
	err      *FileError
	skipped  bool
	// lines is a released file's line index, kept only when it has
	// findings, and set what the set rules need of it.
	lines *source.Lines
	set   rules.SetUnit
}

// cleanOutcome is the detail of an outcome without one.
var cleanOutcome outcomeDetail

// Lint reads (where needed), parses and lints inputs with o.Jobs workers.
// The result does not depend on the number of workers.
func Lint(inputs []Input, o Options) *Result {
	l := newInputList(len(inputs))
	for _, in := range inputs {
		l.add(in)
	}
	return lint(l, o)
}

func lint(inputs *inputList, o Options) *Result {
	if slices.ContainsFunc(inputs.files, func(f File) bool { return !filepath.IsAbs(f.Path) }) {
		// The language server names files by absolute path and lints on
		// every change: it need not ask the system for a folder it never
		// uses.
		o = o.withCwd()
	}
	jobs := o.Jobs
	if jobs <= 0 {
		jobs = runtime.GOMAXPROCS(0)
	}
	n := len(inputs.files)
	jobs = min(jobs, max(n, 1))
	outcomes := make([]fileOutcome, n)
	// Workers take the next file from a counter: a channel would hand
	// each file from one goroutine to another, a wake-up per file.
	var next atomic.Int64
	work := func() {
		w := workers.Get().(*worker)
		defer workers.Put(w)
		for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
			outcomes[i] = lintOne(inputs.at(i), o, w)
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

	whole := wholeUnits(outcomes)
	setFindings := finishSet(whole, o.Engine.LintSet(&runUnits{inputs: inputs, outcomes: outcomes, whole: whole}))
	res := merge(inputs, outcomes)
	res.Findings = append(res.Findings, setFindings...)
	if o.KeepUnits {
		res.Units = whole
	}
	res.Files = addPartFiles(res.Files, whole, res.Findings)
	res.Findings = applyIgnores(res, o)
	res.Findings = finding.SortAndDedupe(res.Findings)
	slices.SortFunc(res.Files, func(a, b File) int { return cmp.Compare(a.Path, b.Path) })
	addLines(res, inputs)
	return res
}

// wholeUnits returns the units kept whole, in input order: Terraform's,
// plans', and all of them with Options.KeepUnits.
func wholeUnits(outcomes []fileOutcome) []*input.Unit {
	var whole []*input.Unit
	seen := map[[2]string]bool{}
	for _, oc := range outcomes {
		if oc.more == nil {
			continue
		}
		for _, u := range oc.more.units {
			// Two .tf files of a module can both return the unit of a
			// resource declared in one and whose policy is in the other.
			key := [2]string{u.Path, u.Address}
			if u.Address != "" && seen[key] {
				continue
			}
			seen[key] = true
			whole = append(whole, u)
		}
	}
	return whole
}

// merge gathers the files, findings and errors of the outcomes. The file
// list takes over the inputs' own, since each input leaves at most its
// own entry, at or before its index: a run holds one list of paths, not
// two.
func merge(inputs *inputList, outcomes []fileOutcome) *Result {
	res := &Result{}
	files, k := inputs.files, 0
	inputs.files = nil
	var wholeFiles []File
	seen := map[string]bool{}
	for i, oc := range outcomes {
		d := oc.more
		if d == nil {
			d = &cleanOutcome
		}
		switch {
		case d.err != nil:
			res.Errors = append(res.Errors, *d.err)
			continue
		case d.skipped:
			continue
		case oc.set != notReleased:
			files[k] = File{Path: files[i].Path, Lines: d.lines}
			k++
		default:
			for _, f := range d.files {
				if !seen[f.Path] {
					seen[f.Path] = true
					wholeFiles = append(wholeFiles, f)
				}
			}
		}
		res.Findings = append(res.Findings, d.findings...)
	}
	res.Files = append(files[:k], wholeFiles...)
	return res
}

// worker is what one worker reuses from file to file.
type worker struct {
	arena   source.Arena // the nodes of its last file
	scratch []byte       // the read buffer
	// doc and unit are those of its last file when the file released
	// them: a clean file leaves no garbage. A file whose unit is kept (a
	// plan's, or with Options.KeepUnits) has its own.
	doc  source.Document
	unit input.Unit
	// embed is the policy of its last request file, when released.
	embed source.Embedding
}

// workers keeps workers between runs too: the language server lints one
// file on every change, and would otherwise grow a new arena each time.
var workers = sync.Pool{New: func() any { return new(worker) }}

func lintOne(in Input, o Options, w *worker) fileOutcome {
	text := in.Text
	// borrowed is set while text is the worker's read buffer, which the
	// next file overwrites: only a clean policy or request file, which
	// keeps nothing of its text, is linted from it (see below).
	borrowed := false
	if text == nil {
		var err error
		if terraform.IsSource(in.Path) || o.KeepUnits {
			text, err = readFile(in.Path, &w.scratch)
		} else {
			text, err = readInto(in.Path, &w.scratch)
			borrowed = true
		}
		if err != nil {
			return fileOutcome{more: &outcomeDetail{err: &FileError{Path: in.Path, Message: describeIOError(in.Path, err)}}}
		}
	}
	if terraform.IsSource(in.Path) {
		units := terraform.Load(in.Path, text)
		if len(units) == 0 && in.Walked {
			return fileOutcome{more: &outcomeDetail{skipped: true}}
		}
		return lintUnits(units, []File{{Path: in.Path, Lines: source.NewLines(text)}}, o)
	}
	var doc *source.Document
	if o.KeepUnits {
		doc = source.Parse(in.Path, text) // the tree outlives this file
	} else {
		doc = &w.doc
		source.ParseInto(doc, &w.arena, in.Path, text)
	}
	if plan.Is(doc) {
		// A plan's units keep its document, text and tree.
		if borrowed {
			doc.Release()
			text, borrowed = bytes.Clone(text), false
			doc = source.ParseIn(&w.arena, in.Path, text)
		} else if doc == &w.doc {
			doc = ownDocument(doc)
		}
		return lintUnits(plan.Load(doc), []File{{Path: in.Path, Lines: doc.Lines()}}, o)
	}
	if in.Walked && !o.Config.IncludeSet && !LooksLikePolicy(doc) {
		doc.Release()
		return fileOutcome{more: &outcomeDetail{skipped: true}}
	}
	if o.KeepUnits {
		u := input.Load(doc, hintsFor(in.Path, o))
		return fileOutcome{more: &outcomeDetail{units: []*input.Unit{u}, files: []File{{Path: in.Path, Lines: doc.Lines()}}, findings: o.Engine.LintUnit(u)}}
	}
	u := &w.unit
	input.LoadInto(u, &w.embed, doc, hintsFor(in.Path, o))
	fs := o.Engine.LintUnit(u)
	if len(fs) == 0 {
		return release(u, fs)
	}
	// The findings' strings may share the read buffer or a request's
	// decoded policy, which the next file overwrites: they get copies, and
	// the line index a copy of the text. Only files with findings pay.
	for i := range fs {
		if borrowed {
			ownStrings(&fs[i], text)
		}
		if u.Policy != nil && u.Policy.Embedded() { // w.embed's
			ownStrings(&fs[i], u.Policy.Text)
		}
	}
	oc := release(u, fs)
	if borrowed {
		oc.more.lines = source.NewLines(bytes.Clone(text))
	}
	return oc
}

// ownDocument moves the worker's document to one of its own, which the
// next file does not overwrite.
func ownDocument(doc *source.Document) *source.Document {
	own := new(source.Document)
	*own = *doc
	return own
}

// ownStrings replaces each string of f that lies in buf by a copy.
func ownStrings(f *finding.Finding, buf []byte) {
	own := func(s *string) {
		if p := unsafe.StringData(*s); len(*s) > 0 && len(buf) > 0 &&
			uintptr(unsafe.Pointer(p)) >= uintptr(unsafe.Pointer(&buf[0])) &&
			uintptr(unsafe.Pointer(p)) < uintptr(unsafe.Pointer(&buf[0]))+uintptr(len(buf)) {
			*s = strings.Clone(*s)
		}
	}
	own(&f.Pointer)
	own(&f.Sid)
	own(&f.Message)
	own(&f.Value)
	for i := range f.Related {
		own(&f.Related[i].Message)
	}
	if f.Fix != nil {
		own(&f.Fix.Title)
		for i := range f.Fix.Edits {
			own(&f.Fix.Edits[i].NewText)
		}
	}
}

func lintUnits(units []*input.Unit, files []File, o Options) fileOutcome {
	d := &outcomeDetail{units: units, files: files}
	for _, u := range units {
		d.findings = append(d.findings, finish(u, o.Engine.LintUnit(u))...)
	}
	return fileOutcome{more: d}
}

// finish settles a unit's findings where the unit is not one plain file
// (Terraform sources and plans; for other units it changes nothing):
//   - a finding about a node whose value is not known statically is
//     dropped: the rule judged a placeholder, so it would be a guess;
//   - fixes are dropped: they are edits of a policy's JSON text, and a
//     Terraform policy is HCL, or a string in a plan that Terraform writes;
//   - findings move from the module text to the .tf file they fall in;
//   - in a plan, the message names the resource, since the position is in
//     a long generated file.
func finish(u *input.Unit, fs []finding.Finding) []finding.Finding {
	if u.Shape != input.Terraform && u.Shape != input.Plan {
		return fs
	}
	out := fs[:0]
	for _, f := range fs {
		if aboutUnknown(u, &f) {
			continue
		}
		f.Fix = nil
		if len(u.Parts) > 0 {
			relocate(u, &f)
		}
		if u.Shape == input.Plan && u.Address != "" {
			f.Message = u.Address + ": " + f.Message
		}
		out = append(out, f)
	}
	return out
}

// finishSet finishes the findings of set rules, each with the unit it
// names (by path; units that share a path share their layout). Units
// not kept whole are plain files, which finish leaves as they are.
func finishSet(units []*input.Unit, fs []finding.Finding) []finding.Finding {
	byPath := map[string]*input.Unit{}
	for _, u := range units {
		if _, ok := byPath[u.Path]; !ok {
			byPath[u.Path] = u
		}
	}
	out := fs[:0]
	for _, f := range fs {
		u := byPath[f.File]
		if u == nil {
			out = append(out, f)
			continue
		}
		if fin := finish(u, []finding.Finding{f}); len(fin) == 1 {
			out = append(out, fin[0])
		}
	}
	return out
}

// aboutUnknown reports whether a finding rests on a value that is not
// known statically (a node marked Unknown), so that it would be a guess:
//   - the finding is at an unknown node (its pointer names it);
//   - or it is inside a statement whose shape is not fully known: a
//     Principal, NotPrincipal, Condition or condition operator that is
//     unknown, or an object or list with unknown members (a dynamic
//     block, a key computed by Terraform). A rule may have judged the
//     statement by what it lacks, and the unknown part may hold it.
//
// An unknown leaf value elsewhere in the statement (a Resource that is
// another resource's ARN) does not silence the statement's other findings.
func aboutUnknown(u *input.Unit, f *finding.Finding) bool {
	if u.Policy == nil || u.Policy.Root == nil || f.Pointer == "" {
		return false
	}
	n := u.Policy.Root.Lookup(f.Pointer)
	if n.Pointer() != f.Pointer {
		return false
	}
	// The pointer may be one of the file's (a plan) rather than the
	// policy's: the finding must be at the node, its key included.
	at := u.Policy.FileSpan(source.Span{Start: n.KeySpan().Start, End: n.Span.End})
	if n.Parent == nil || n.Parent.Kind != source.Object {
		at = u.Policy.FileSpan(n.Span)
	}
	if f.Span.Start < min(at.Start, at.End) || f.Span.Start > max(at.Start, at.End) {
		return false
	}
	if n.Unknown {
		return true
	}
	for st := n; st.Parent != nil; st = st.Parent {
		if isStatement(st) {
			return unknownShape(st)
		}
	}
	return false
}

// isStatement reports whether n is a statement: an element of the root's
// Statement array, or the root's Statement object.
func isStatement(n *source.Node) bool {
	p := n.Parent
	if n.Kind != source.Object || p == nil {
		return false
	}
	if p.Parent == nil {
		return n.Name == "Statement"
	}
	return p.Kind == source.Array && p.Name == "Statement" && p.Parent.Parent == nil
}

// unknownShape reports whether a statement has unknown structure.
func unknownShape(st *source.Node) bool {
	found := false
	st.Walk(func(n *source.Node) {
		if !n.Unknown || found {
			return
		}
		switch {
		case n.Kind == source.Object || n.Kind == source.Array || n == st:
			found = true
		case n.Parent == st && (n.Name == "Principal" || n.Name == "NotPrincipal" || n.Name == "Condition"):
			found = true
		case n.Parent != nil && n.Parent.Name == "Condition" && n.Parent.Parent == st:
			found = true // a condition operator's whole block
		}
	})
	return found
}

// relocate moves a finding from the module text to its file.
func relocate(u *input.Unit, f *finding.Finding) {
	file := ""
	file, f.Span = u.Locate(f.Span)
	var related []finding.Related
	for _, r := range f.Related {
		if p, sp := u.Locate(r.Span); p == file {
			r.Span = sp
			related = append(related, r)
		}
	}
	f.File, f.Related = file, related
}

// addPartFiles adds the line index of every file a finding was moved to
// that is not in the result yet (a policy document declared in another
// .tf file of the module than the one linted).
func addPartFiles(files []File, units []*input.Unit, fs []finding.Finding) []File {
	if !slices.ContainsFunc(units, func(u *input.Unit) bool { return len(u.Parts) > 0 }) {
		return files // only a module's units have parts
	}
	seen := make(map[string]bool, len(files))
	for _, f := range files {
		seen[f.Path] = true
	}
	for _, f := range fs {
		if seen[f.File] {
			continue
		}
		for _, u := range units {
			for _, p := range u.Parts {
				if p.Path == f.File && !seen[p.Path] {
					seen[p.Path] = true
					files = append(files, File{Path: p.Path, Lines: source.NewLines(u.File.Text[p.Start:p.End])})
				}
			}
		}
	}
	return files
}

// LooksLikePolicy tells SES policies and requests from other JSON files
// (package.json, tsconfig.json) when nothing says which files are policies.
// A file that does not parse is given the benefit of the doubt; a
// Terraform source is not a JSON policy (lintOne reads it with
// internal/terraform before asking).
func LooksLikePolicy(doc *source.Document) bool {
	if terraform.IsSource(doc.Path) {
		return false
	}
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
	if m, ok := o.Config.MappingFor(o.abs(path)); ok {
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
