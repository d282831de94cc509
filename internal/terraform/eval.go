package terraform

import (
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/seslint/seslint/internal/source"
)

// evaluator turns HCL expressions into source nodes, statically: literals,
// templates, tuples and objects, locals, and the names of SES identities
// declared in the module. Anything else becomes an Unknown node holding
// the expression as written, and is remembered for the unit's notes.
type evaluator struct {
	m *module
	// active holds the locals and resources being evaluated, to stop at
	// a cycle.
	active   map[string]bool
	unknowns []unknownRef
	// dupKeys are object keys written twice; HCL keeps the last value.
	dupKeys []dupKey
}

type unknownRef struct {
	span source.Span
	text string
}

type dupKey struct {
	first, second source.Span
	key           string
}

// eval evaluates x, written in f.
func (e *evaluator) eval(f *file, x hclsyntax.Expression) *source.Node {
	return e.evalIdentity(f, x, false)
}

// evalIdentity evaluates x; with identity set, the arn attribute of an SES
// identity resource gives the identity's name, which is what an identity
// argument needs (the ARN's account and Region are not known statically).
func (e *evaluator) evalIdentity(f *file, x hclsyntax.Expression, identity bool) *source.Node {
	sp := e.m.span(f, x.Range())
	switch x := x.(type) {
	case *hclsyntax.LiteralValueExpr:
		return e.literal(sp, x.Val)
	case *hclsyntax.ParenthesesExpr:
		return e.evalIdentity(f, x.Expression, identity)
	case *hclsyntax.TemplateWrapExpr:
		n := e.evalIdentity(f, x.Wrapped, identity)
		if n.Kind == source.Object || n.Kind == source.Array {
			// "${...}" of a collection is an error in Terraform.
			return e.unknown(sp)
		}
		return n
	case *hclsyntax.TemplateExpr:
		return e.template(f, x, sp)
	case *hclsyntax.TupleConsExpr:
		n := &source.Node{Kind: source.Array, Span: sp}
		for _, el := range x.Exprs {
			n.Elems = append(n.Elems, e.eval(f, el))
		}
		return n
	case *hclsyntax.ObjectConsExpr:
		return e.object(f, x, sp)
	case *hclsyntax.ScopeTraversalExpr:
		if n := e.traversal(f, x.Traversal, identity); n != nil {
			return n
		}
	}
	return e.unknown(sp)
}

// literal converts a literal value. Numbers keep their text as written.
func (e *evaluator) literal(sp source.Span, v cty.Value) *source.Node {
	switch {
	case v.IsNull():
		return &source.Node{Kind: source.Null, Span: sp}
	case v.Type() == cty.String:
		return &source.Node{Kind: source.String, Span: sp, Text: v.AsString()}
	case v.Type() == cty.Bool:
		text := "false"
		if v.True() {
			text = "true"
		}
		return &source.Node{Kind: source.Bool, Span: sp, Text: text}
	case v.Type() == cty.Number:
		return &source.Node{Kind: source.Number, Span: sp, Text: v.AsBigFloat().Text('g', -1)}
	}
	return e.unknown(sp)
}

// unknown is a value that is not known statically.
func (e *evaluator) unknown(sp source.Span) *source.Node {
	text := e.m.srcText(sp)
	e.unknowns = append(e.unknowns, unknownRef{span: sp, text: text})
	return &source.Node{Kind: source.String, Span: sp, Text: text, Unknown: true}
}

// template evaluates a quoted string or heredoc as a string. Parts that are
// not known leave the string Unknown, with the part written as in the
// source ("${var.x}") in its place.
func (e *evaluator) template(f *file, x *hclsyntax.TemplateExpr, sp source.Span) *source.Node {
	n := &source.Node{Kind: source.String, Span: sp}
	var b strings.Builder
	for _, part := range x.Parts {
		if lit, ok := part.(*hclsyntax.LiteralValueExpr); ok && lit.Val.Type() == cty.String && !lit.Val.IsNull() {
			b.WriteString(lit.Val.AsString())
			continue
		}
		v := e.eval(f, part)
		switch {
		case !v.Unknown && (v.Kind == source.String || v.Kind == source.Number || v.Kind == source.Bool):
			b.WriteString(v.Text)
		default:
			n.Unknown = true
			if !v.Unknown {
				e.unknown(v.Span)
			}
			b.WriteString("${" + e.m.srcText(e.m.span(f, part.Range())) + "}")
		}
	}
	n.Text = b.String()
	return n
}

// object evaluates an object constructor. A key written twice keeps its
// last value, as in Terraform, and is remembered so it can be reported.
func (e *evaluator) object(f *file, x *hclsyntax.ObjectConsExpr, sp source.Span) *source.Node {
	n := &source.Node{Kind: source.Object, Span: sp}
	for _, item := range x.Items {
		keySpan := e.m.span(f, item.KeyExpr.Range())
		key, known := e.key(f, item.KeyExpr)
		val := e.eval(f, item.ValueExpr)
		if !known {
			// Which member this is cannot be known: keep it, unknown as a
			// whole, so that no rule reads it as what it seems to be.
			markUnknown(val)
		}
		if i := memberIndex(n, key); known && i >= 0 {
			e.dupKeys = append(e.dupKeys, dupKey{first: n.Members[i].KeySpan, second: keySpan, key: key})
			n.Members = append(n.Members[:i], n.Members[i+1:]...)
		}
		n.Members = append(n.Members, source.Member{Key: key, KeySpan: keySpan, Value: val})
	}
	return n
}

func memberIndex(n *source.Node, key string) int {
	for i := range n.Members {
		if n.Members[i].Key == key {
			return i
		}
	}
	return -1
}

// key evaluates an object key: a bare name is the name itself.
func (e *evaluator) key(f *file, x hclsyntax.Expression) (string, bool) {
	if k, ok := x.(*hclsyntax.ObjectConsKeyExpr); ok {
		if !k.ForceNonLiteral {
			if name := hcl.ExprAsKeyword(k.Wrapped); name != "" {
				return name, true
			}
		}
		x = k.Wrapped
	}
	v := e.eval(f, x)
	if v.Unknown || (v.Kind != source.String && v.Kind != source.Number && v.Kind != source.Bool) {
		return v.Text, false
	}
	return v.Text, true
}

// markUnknown marks n and everything below it unknown.
func markUnknown(n *source.Node) {
	n.Walk(func(c *source.Node) { c.Unknown = true })
}

// traversal resolves local.NAME (with attribute and index steps into its
// value) and the name attributes of SES identity resources in the module.
// It returns nil for what cannot be known.
func (e *evaluator) traversal(f *file, t hcl.Traversal, identity bool) *source.Node {
	if len(t) < 2 {
		return nil
	}
	root := t.RootName()
	attr, ok := t[1].(hcl.TraverseAttr)
	if !ok {
		return nil
	}
	switch {
	case root == "local":
		a, ok := e.m.locals[attr.Name]
		if !ok || !e.enter("local."+attr.Name) {
			return nil
		}
		defer e.leave("local." + attr.Name)
		return step(e.evalIdentity(a.f, a.Expr, identity), t[2:])
	case len(t) == 3:
		kind, ok := identityResources[root]
		if !ok {
			return nil
		}
		b, ok := e.m.resources[root+"."+attr.Name]
		name, isAttr := t[2].(hcl.TraverseAttr)
		if !ok || !isAttr || !contains(kind.attrs, name.Name) || (name.Name == "arn" && !identity) {
			return nil
		}
		a, ok := b.Body.Attributes[kind.arg]
		if !ok || !e.enter(root+"."+attr.Name) {
			return nil
		}
		defer e.leave(root + "." + attr.Name)
		n := e.eval(b.f, a.Expr)
		if n.Kind != source.String || n.Unknown {
			return nil
		}
		return n
	}
	return nil
}

// enter marks a named value as being evaluated; it returns false when it
// already is (a cycle, which Terraform rejects itself).
func (e *evaluator) enter(name string) bool {
	if e.active[name] {
		return false
	}
	if e.active == nil {
		e.active = map[string]bool{}
	}
	e.active[name] = true
	return true
}

func (e *evaluator) leave(name string) { delete(e.active, name) }

// step follows attribute and index steps into a known value.
func step(n *source.Node, rest hcl.Traversal) *source.Node {
	for _, s := range rest {
		if n == nil || n.Unknown {
			return nil
		}
		switch s := s.(type) {
		case hcl.TraverseAttr:
			n = n.Get(s.Name)
		case hcl.TraverseIndex:
			switch {
			case s.Key.Type() == cty.String && n.Kind == source.Object:
				n = n.Get(s.Key.AsString())
			case s.Key.Type() == cty.Number && n.Kind == source.Array:
				i, acc := s.Key.AsBigFloat().Int64()
				if acc != 0 || i < 0 || int(i) >= len(n.Elems) {
					return nil
				}
				n = n.Elems[i]
			default:
				return nil
			}
		default:
			return nil
		}
	}
	if n != nil && n.Unknown {
		return nil
	}
	return n
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
