// Package terraform finds SES identity policies in Terraform sources and
// turns each one into a lint unit that every rule checks unchanged.
//
// A policy resource (aws_ses_identity_policy, aws_sesv2_email_identity_policy)
// gives its policy as a string or heredoc, as jsonencode of an HCL object,
// or as data.aws_iam_policy_document.NAME.json. Each form becomes a tree of
// source.Node whose spans are byte offsets of the .tf text, so findings land
// on the HCL that produced each value. The .tf files of a module (a folder)
// are laid end to end in one text, so that a policy document, a local or an
// identity declared in another file of the module keeps its own position;
// the unit's Parts say which file each byte belongs to.
//
// Nothing is evaluated that Terraform would only know at plan time:
// variables, other resources' attributes and functions other than jsonencode
// become nodes marked Unknown, and the unit's Notes say what was skipped.
package terraform

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/seslint/seslint/internal/input"
	"github.com/seslint/seslint/internal/source"
)

// IsSource reports whether path is a Terraform source file in the native
// syntax. (*.tf.json files, Terraform's JSON syntax, are not read.)
func IsSource(path string) bool { return strings.HasSuffix(path, ".tf") }

// policyResource describes the arguments of one policy resource type.
type policyResource struct {
	identity, name string
}

// policyResources are the resource types that attach an SES identity policy.
var policyResources = map[string]policyResource{
	"aws_ses_identity_policy":         {identity: "identity", name: "name"},
	"aws_sesv2_email_identity_policy": {identity: "email_identity", name: "policy_name"},
}

// identityResources maps the SES identity resource types to the attributes
// that hold the identity's name, written as a literal in their block. The
// arn attribute names the same identity, though its account and Region are
// known only to Terraform.
var identityResources = map[string]struct {
	arg   string
	attrs []string
}{
	"aws_ses_domain_identity":  {arg: "domain", attrs: []string{"domain", "id", "arn"}},
	"aws_ses_email_identity":   {arg: "email", attrs: []string{"email", "id", "arn"}},
	"aws_sesv2_email_identity": {arg: "email_identity", attrs: []string{"email_identity", "id", "arn"}},
}

// ReadFunc reads a file of the module; Load uses os.ReadFile.
type ReadFunc func(path string) ([]byte, error)

// Load reads the Terraform file at path, whose text is given (as an editor
// or standard input holds it), together with the other .tf files of its
// folder read from disk. It returns one unit per policy resource that the
// file declares or whose policy document it holds; a file with syntax
// errors gets one unit with no policy that carries them. A unit's Path is
// the file that declares the resource; all units of one module share File
// and Parts, which lay the files out in name order whichever one is asked
// for, so that a span means the same in every unit of the module.
func Load(path string, text []byte) []*input.Unit {
	return LoadWith(path, text, os.ReadFile)
}

// LoadWith is Load reading the other files of the module with read (nil
// means os.ReadFile), so that a language server can serve the text of
// unsaved editor buffers.
func LoadWith(path string, text []byte, read ReadFunc) (units []*input.Unit) {
	if read == nil {
		read = os.ReadFile
	}
	defer func() {
		// HCL is a large parser fed with arbitrary text: whatever goes
		// wrong inside, the run goes on and says so at the file.
		if r := recover(); r != nil {
			doc := &source.Document{Path: path, Text: text}
			doc.Problems = []source.Problem{{Message: fmt.Sprintf("internal error while reading this Terraform file (%v); please report it", r)}}
			units = []*input.Unit{{Path: path, File: doc, Shape: input.Terraform,
				Parts: []input.Part{{Path: path, Start: 0, End: len(text)}}}}
		}
	}()
	return newModule(path, text, read).units()
}

// file is one .tf file of the module, at base in the module's text.
type file struct {
	path string
	base int
	body *hclsyntax.Body
	// broken is set when HCL reported errors: the file's resources are
	// not linted until it parses, and references into it may be missing.
	broken bool
}

// block is a block together with the file it is written in.
type block struct {
	*hclsyntax.Block
	f *file
}

// attr is an attribute together with the file it is written in.
type attr struct {
	*hclsyntax.Attribute
	f *file
}

// module is the .tf files of one folder, parsed, with what references need.
type module struct {
	doc   *source.Document
	parts []input.Part
	files []*file
	self  *file // the file Load was asked for

	resources map[string]block // "type.name" of resource blocks
	data      map[string]block // "type.name" of data blocks
	locals    map[string]attr
	// incomplete is set when some references may be declared where this
	// package cannot see them: a file with syntax errors, *.tf.json files.
	incomplete bool
}

func newModule(path string, text []byte, read ReadFunc) *module {
	dir := filepath.Dir(path)
	m := &module{
		doc:       &source.Document{Path: filepath.Join(dir, "*.tf")},
		resources: map[string]block{}, data: map[string]block{}, locals: map[string]attr{},
	}
	paths := []string{path}
	if entries, err := os.ReadDir(dir); err == nil {
		for _, e := range entries {
			name := e.Name()
			p := filepath.Join(dir, name)
			switch {
			case e.IsDir() || p == filepath.Clean(path):
			case strings.HasSuffix(name, ".tf.json"):
				m.incomplete = true
			case IsSource(name):
				paths = append(paths, p)
			}
		}
	}
	slices.SortFunc(paths, func(a, b string) int { return strings.Compare(filepath.Base(a), filepath.Base(b)) })
	var all []byte
	for _, p := range paths {
		src := text
		if p != path {
			var err error
			if src, err = read(p); err != nil {
				m.incomplete = true
				continue
			}
		}
		f := &file{path: p, base: len(all)}
		if p == path {
			m.self = f
		}
		all = append(all, src...)
		m.parts = append(m.parts, input.Part{Path: f.path, Start: f.base, End: len(all)})
		all = append(all, '\n')
		hf, diags := hclsyntax.ParseConfig(src, f.path, hcl.InitialPos)
		if diags.HasErrors() {
			f.broken = true
			m.incomplete = true
		}
		if f == m.self {
			// The other files' errors are theirs to report.
			m.doc.Problems = problems(f, diags)
		}
		if body, ok := hf.Body.(*hclsyntax.Body); ok {
			f.body = body
		}
		m.files = append(m.files, f)
	}
	m.doc.Text = all
	for _, f := range m.files {
		m.index(f)
	}
	return m
}

// index records the blocks and locals of f that references can reach.
func (m *module) index(f *file) {
	if f.body == nil {
		return
	}
	for _, b := range f.body.Blocks {
		switch {
		case b.Type == "resource" && len(b.Labels) == 2:
			key := b.Labels[0] + "." + b.Labels[1]
			if _, dup := m.resources[key]; !dup {
				m.resources[key] = block{b, f}
			}
		case b.Type == "data" && len(b.Labels) == 2:
			key := b.Labels[0] + "." + b.Labels[1]
			if _, dup := m.data[key]; !dup {
				m.data[key] = block{b, f}
			}
		case b.Type == "locals":
			for name, a := range b.Body.Attributes {
				if _, dup := m.locals[name]; !dup {
					m.locals[name] = attr{a, f}
				}
			}
		}
	}
}

// problems turns HCL's errors into positioned problems of the module text.
func problems(f *file, diags hcl.Diagnostics) []source.Problem {
	var out []source.Problem
	for _, d := range diags {
		if d.Severity != hcl.DiagError {
			continue
		}
		msg := "Terraform syntax error: " + lowerFirst(strings.TrimSuffix(d.Summary, "."))
		if detail := firstSentence(d.Detail); detail != "" {
			msg += "; " + lowerFirst(detail)
		}
		sp := source.Span{Start: f.base, End: f.base}
		if d.Subject != nil {
			sp = source.Span{Start: f.base + d.Subject.Start.Byte, End: f.base + d.Subject.End.Byte}
		}
		out = append(out, source.Problem{Span: sp, Message: msg})
	}
	return out
}

func firstSentence(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.Index(s, ". "); i >= 0 {
		s = s[:i]
	}
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return strings.TrimSuffix(strings.TrimSpace(s), ".")
}

func lowerFirst(s string) string {
	if s == "" || s[0] < 'A' || s[0] > 'Z' {
		return s
	}
	// Keep acronyms and names: only lower a capital followed by a lower-case letter.
	if len(s) > 1 && s[1] >= 'A' && s[1] <= 'Z' {
		return s
	}
	return string(s[0]+'a'-'A') + s[1:]
}

// span converts an HCL range of f into a span of the module text.
func (m *module) span(f *file, r hcl.Range) source.Span {
	return source.Span{Start: f.base + r.Start.Byte, End: f.base + r.End.Byte}
}

// srcText is the text of a span of the module, as written.
func (m *module) srcText(s source.Span) string { return string(m.doc.Text[s.Start:s.End]) }

// units builds the units Load returns.
func (m *module) units() []*input.Unit {
	var out []*input.Unit
	for _, f := range m.files {
		if f.body == nil || f.broken {
			continue
		}
		for _, b := range f.body.Blocks {
			if b.Type != "resource" || len(b.Labels) != 2 {
				continue
			}
			kind, ok := policyResources[b.Labels[0]]
			if !ok {
				continue
			}
			before := len(m.doc.Problems)
			u, home := m.unit(block{b, f}, kind)
			if f == m.self || home == m.self {
				out = append(out, u)
			} else {
				// Another file's unit: its problems are that file's to report.
				m.doc.Problems = m.doc.Problems[:before]
			}
		}
	}
	if len(out) == 0 && len(m.doc.Problems) > 0 {
		out = append(out, m.emptyUnit())
	}
	return out
}

// emptyUnit carries the file's problems when it holds no policy to lint.
func (m *module) emptyUnit() *input.Unit {
	return &input.Unit{Path: m.self.path, File: m.doc, Shape: input.Terraform, Parts: m.parts}
}

// unit builds the unit of one policy resource, and says which file holds
// its policy.
func (m *module) unit(b block, kind policyResource) (*input.Unit, *file) {
	u := &input.Unit{
		Path: b.f.path, File: m.doc, Shape: input.Terraform, Parts: m.parts,
		Address: b.Labels[0] + "." + b.Labels[1],
	}
	e := &evaluator{m: m}
	u.Identity = m.field(e, b, kind.identity, true)
	u.PolicyName = m.field(e, b, kind.name, false)
	home := b.f
	a, ok := b.Body.Attributes["policy"]
	if !ok {
		m.note(u, m.span(b.f, b.DefRange()), "%s has no policy argument", u.Address)
		return u, home
	}
	u.PolicyField = &source.Node{Kind: source.String, Span: m.span(b.f, a.Expr.Range())}
	p := m.policy(e, b.f, a.Expr, u)
	if p.root != nil {
		home = p.home
		u.Size = NormalizedSize(p.root)
		if p.doc == nil {
			p.doc = source.Subtree(m.doc, p.root)
		}
	}
	u.Policy = p.doc
	if len(e.unknowns) > 0 {
		m.noteUnknowns(u, e.unknowns)
	}
	return u, home
}

// field resolves the identity or policy name argument of a resource.
func (m *module) field(e *evaluator, b block, name string, identity bool) input.Field {
	a, ok := b.Body.Attributes[name]
	if !ok {
		return input.Field{}
	}
	n := e.evalIdentity(b.f, a.Expr, identity)
	if n.Kind != source.String || n.Unknown {
		return input.Field{}
	}
	return input.Field{Value: n.Text, Known: true, Origin: input.FromTerraform, Node: n}
}

func (m *module) note(u *input.Unit, sp source.Span, format string, args ...any) {
	u.Notes = append(u.Notes, input.Note{Span: sp, Message: fmt.Sprintf(format, args...)})
}

// noteUnknowns says, once per expression, which values were not checked.
func (m *module) noteUnknowns(u *input.Unit, refs []unknownRef) {
	seen := map[string]bool{}
	for _, r := range refs {
		if seen[r.text] {
			continue
		}
		seen[r.text] = true
		m.note(u, r.span, "%s is not known until Terraform plans it; checks that need its value are skipped (lint the plan to check it)", quoteExpr(r.text))
	}
}

// quoteExpr shows an expression in a message, shortened to one line.
func quoteExpr(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 60 {
		s = s[:57] + "..."
	}
	return "`" + s + "`"
}
