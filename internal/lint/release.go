package lint

import (
	"cmp"
	"os"
	"slices"
	"strings"

	"github.com/seslint/seslint/internal/finding"
	"github.com/seslint/seslint/internal/input"
	"github.com/seslint/seslint/internal/source"
)

// release is what a linted policy or request file leaves behind for the
// rest of the run: its findings, its line index when it has findings, and
// the unit as the set rules see it, detached from the file's text and
// tree. A run over 10,000 files would otherwise hold every file's bytes
// and tree (some 15 KB a file) until the end; this way memory stays flat
// (docs/performance.md). The tree goes back to the worker's arena for the
// next file: findings hold no node (only spans and strings, which share
// the text, not the tree).
func release(u *input.Unit, fs []finding.Finding) fileOutcome {
	oc := fileOutcome{unit: detach(u)}
	if len(fs) > 0 {
		oc.more = &outcomeDetail{findings: fs, lines: u.File.Lines()}
	}
	u.File.Release()
	return oc
}

// detachedUnit is a detached unit with its stub file, in one allocation.
type detachedUnit struct {
	unit input.Unit
	file source.Document
	root source.Node
}

// detach returns a copy of u for the set rules (rules.Engine.LintSet) that
// keeps no reference to the file's text or tree:
//   - Path, Shape, Size and the other plain fields are kept;
//   - File is a document without text whose root keeps its kind and where
//     it starts (and, for a request, its members, each value with its kind
//     and span); a policy file's may be shared with other units, so it is
//     read-only and its Path is empty: use the unit's;
//   - Identity and PolicyName keep their values, and their nodes, which
//     keep their text, span and JSON pointer;
//   - Policy and PolicyField are nil.
//
// A set rule that needs more of a unit than this must change it.
func detach(u *input.Unit) *input.Unit {
	if root := u.File.Root; u.Shape == input.PolicyDocument && root != nil && root.Kind == source.Object &&
		root.Span.Start < len(sharedStubs) {
		// Most files: a policy whose object starts in the file's first
		// bytes. Their stubs differ only in that start, so they share one,
		// which halves what each file keeps for the set rules.
		d := new(input.Unit)
		*d = *u
		d.File, d.Policy, d.PolicyField = &sharedStubs[root.Span.Start].file, nil, nil
		d.Identity = detachField(u.Identity, nil)
		d.PolicyName = detachField(u.PolicyName, nil)
		return d
	}
	d := &detachedUnit{unit: *u}
	d.unit.File, d.unit.Policy, d.unit.PolicyField = &d.file, nil, nil
	d.file.Path = u.File.Path
	if root := u.File.Root; root != nil {
		d.root = source.Node{Kind: root.Kind, Span: root.Span}
		d.file.Root = &d.root
		if u.Shape == input.Request {
			d.root.Members = shallowMembers(root, &d.root)
		}
	}
	d.unit.Identity = detachField(u.Identity, &d.root)
	d.unit.PolicyName = detachField(u.PolicyName, &d.root)
	return &d.unit
}

// sharedStubs are the stub files of detached policy files whose root
// object starts at offsets 0 to 15, indexed by that offset. They are
// shared between units and goroutines, so they are never written: their
// line index is made here, before any use.
var sharedStubs = func() (stubs [16]struct {
	file source.Document
	root source.Node
}) {
	for i := range stubs {
		s := &stubs[i]
		s.root = source.Node{Kind: source.Object, Span: source.Span{Start: i, End: i + 1}}
		s.file.Root = &s.root
		s.file.Lines()
	}
	return stubs
}()

// shallowMembers copies the members of an object, each value reduced to a
// node without children or text under parent.
func shallowMembers(n, parent *source.Node) []source.Member {
	ms := make([]source.Member, len(n.Members))
	vals := make([]source.Node, len(n.Members))
	for i, m := range n.Members {
		v := m.Value
		vals[i] = source.Node{Kind: v.Kind, Span: v.Span, Parent: parent, Name: strings.Clone(v.Name), Index: v.Index}
		ms[i] = source.Member{Key: vals[i].Name, KeySpan: m.KeySpan, Value: &vals[i]}
	}
	return ms
}

// detachField moves a field's value off the file's bytes, which the
// parser's strings share, and its node onto the stub root.
func detachField(f input.Field, root *source.Node) input.Field {
	if f.Node == nil {
		return f
	}
	f.Value = strings.Clone(f.Value)
	n := f.Node
	stub := &source.Node{Kind: n.Kind, Span: n.Span, Text: strings.Clone(n.Text), Name: strings.Clone(n.Name), Index: n.Index}
	if root != nil && n.Parent != nil && n.Parent.Parent == nil && n.Index < len(root.Members) && root.Members[n.Index].Key == n.Name {
		stub.Parent = root
		root.Members[n.Index].Value = stub
	}
	f.Node = stub
	return f
}

// addLines gives a line index to each file that has a finding but none
// yet: a file whose only findings come from set rules, which run after its
// text was released. Its text is read again (or taken from its input).
func addLines(res *Result, inputs []Input) {
	var need map[string]bool
	for i := range res.Findings {
		f := &res.Findings[i]
		if i > 0 && res.Findings[i-1].File == f.File {
			continue // findings are sorted by file
		}
		if j := fileIndex(res.Files, f.File); j >= 0 && res.Files[j].Lines == nil {
			if need == nil {
				need = map[string]bool{}
			}
			need[f.File] = true
		}
	}
	if need == nil {
		return
	}
	texts := map[string][]byte{}
	for _, in := range inputs {
		if need[in.Path] && in.Text != nil {
			texts[in.Path] = in.Text
		}
	}
	for j := range res.Files {
		f := &res.Files[j]
		if !need[f.Path] {
			continue
		}
		text, ok := texts[f.Path]
		if !ok {
			var err error
			if text, err = os.ReadFile(f.Path); err != nil {
				continue // the positions fall back to offsets on line 1
			}
		}
		f.Lines = source.NewLines(text)
	}
}

// fileIndex finds a path in files sorted by path, or -1.
func fileIndex(files []File, path string) int {
	i, ok := slices.BinarySearchFunc(files, path, func(f File, p string) int { return cmp.Compare(f.Path, p) })
	if !ok {
		return -1
	}
	return i
}
