package terraform

import (
	"fmt"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/seslint/seslint/internal/input"
	"github.com/seslint/seslint/internal/source"
)

// built is a policy read from a policy argument: its tree, the document
// when it was parsed from a string, and the file that holds it.
type built struct {
	root *source.Node
	doc  *source.Document
	home *file
}

// policy reads the policy argument x of unit u, written in f.
func (m *module) policy(e *evaluator, f *file, x hclsyntax.Expression, u *input.Unit) built {
	sp := m.span(f, x.Range())
	switch x := x.(type) {
	case *hclsyntax.ParenthesesExpr:
		return m.policy(e, f, x.Expression, u)
	case *hclsyntax.TemplateWrapExpr:
		// "${data.aws_iam_policy_document.example.json}", as older docs write it.
		return m.policy(e, f, x.Wrapped, u)
	case *hclsyntax.TemplateExpr:
		return m.template(e, f, x, u)
	case *hclsyntax.FunctionCallExpr:
		switch {
		case x.Name == "jsonencode" && len(x.Args) == 1 && !x.ExpandFinal:
			return m.jsonencode(e, f, x, u)
		case x.Name == "file" || x.Name == "templatefile":
			m.note(u, sp, "the policy of %s is read from a file by %s(); lint that file itself, with --identity and --policy-name", u.Address, x.Name)
			return built{}
		}
	case *hclsyntax.ScopeTraversalExpr:
		t := x.Traversal
		if len(t) == 4 && t.RootName() == "data" {
			typ, _ := t[1].(hcl.TraverseAttr)
			name, _ := t[2].(hcl.TraverseAttr)
			out, _ := t[3].(hcl.TraverseAttr)
			if typ.Name == "aws_iam_policy_document" && (out.Name == "json" || out.Name == "minified_json") {
				return m.document(e, f, sp, name.Name, u)
			}
		}
		if len(t) == 2 && t.RootName() == "local" {
			if a, ok := t[1].(hcl.TraverseAttr); ok {
				if l, ok := m.locals[a.Name]; ok && e.enter("local."+a.Name) {
					defer e.leave("local." + a.Name)
					return m.policy(e, l.f, l.Expr, u)
				}
			}
		}
	}
	m.note(u, sp, "the policy of %s is %s, which is not known until Terraform plans it; lint the plan (terraform show -json) to check it", u.Address, quoteExpr(m.srcText(sp)))
	return built{}
}

// jsonencode reads jsonencode({...}): the object is the policy, each value
// keeping the span of the HCL expression it came from.
func (m *module) jsonencode(e *evaluator, f *file, x *hclsyntax.FunctionCallExpr, u *input.Unit) built {
	root := e.eval(f, x.Args[0])
	for _, d := range e.dupKeys {
		m.problem(d.first, "key %q is written twice in this object; Terraform keeps only the last value, so remove one", d.key)
	}
	switch {
	case root.Unknown:
		m.note(u, root.Span, "the policy of %s is jsonencode of %s, which is not known until Terraform plans it; lint the plan (terraform show -json) to check it", u.Address, quoteExpr(root.Text))
		return built{}
	case root.Kind != source.Object:
		m.problem(root.Span, "jsonencode is given %s here, so the policy of %s is not a JSON object; give it the policy as an object: jsonencode({ Version = \"2012-10-17\", Statement = [...] })", article(root.Kind), u.Address)
		return built{}
	}
	link(root, nil, "", 0)
	return built{root: root, home: fileOf(m, root.Span.Start)}
}

// problem records a problem of the module text, reported by SES001.
func (m *module) problem(sp source.Span, format string, args ...any) {
	m.doc.Problems = append(m.doc.Problems, source.Problem{Span: sp, Message: fmt.Sprintf(format, args...)})
}

// fileOf returns the file that holds an offset of the module text.
func fileOf(m *module, offset int) *file {
	home := m.files[0]
	for _, f := range m.files { // in order of base
		if f.base <= offset {
			home = f
		}
	}
	return home
}

func article(k source.Kind) string {
	switch k {
	case source.Array:
		return "a list"
	case source.Null:
		return "null"
	case source.Bool:
		return "a bool"
	}
	return "a " + k.String()
}

// link sets the parent, name and index of n and every node below it.
func link(n, parent *source.Node, name string, index int) {
	n.Parent, n.Name, n.Index = parent, name, index
	for i := range n.Members {
		link(n.Members[i].Value, n, n.Members[i].Key, i)
	}
	for i, c := range n.Elems {
		link(c, n, "", i)
	}
}
