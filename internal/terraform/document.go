package terraform

import (
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/seslint/seslint/internal/input"
	"github.com/seslint/seslint/internal/source"
)

// document reads data.aws_iam_policy_document.NAME as the JSON policy the
// AWS provider renders from it (internal/service/iam, policy_model.go):
// Version (default 2012-10-17), Id, then per statement Sid, Effect (default
// Allow), Action, NotAction, Resource, NotResource, Principal, NotPrincipal
// and Condition; a list of one is a string, longer lists of actions,
// resources and identifiers are sorted in reverse, principals of one type
// are merged, condition operators and keys are sorted, and "&{" becomes
// "${" in resources, identifiers and condition values. Each value keeps the
// span of the HCL that gives it; a default points at the block's name.
func (m *module) document(e *evaluator, f *file, ref source.Span, name string, u *input.Unit) built {
	b, ok := m.data["aws_iam_policy_document."+name]
	if !ok {
		if m.incomplete {
			m.note(u, ref, "data.aws_iam_policy_document.%s is not found in the .tf files seslint could read here; the policy of %s is not checked", name, u.Address)
		} else {
			m.problem(ref, "data.aws_iam_policy_document.%s is not declared in any .tf file of this folder; the policy of %s cannot be checked until it is", name, u.Address)
		}
		return built{}
	}
	d := docBuilder{m: m, e: e, f: b.f, u: u}
	root := &source.Node{Kind: source.Object, Span: m.span(b.f, b.Range())}
	def := m.span(b.f, b.DefRange())
	body := b.Body
	if a, ok := body.Attributes["version"]; ok {
		addMember(root, "Version", m.span(b.f, a.NameRange), e.eval(b.f, a.Expr))
	} else {
		addMember(root, "Version", def, &source.Node{Kind: source.String, Span: def, Text: "2012-10-17"})
	}
	if a, ok := body.Attributes["policy_id"]; ok {
		addMember(root, "Id", m.span(b.f, a.NameRange), e.eval(b.f, a.Expr))
	}
	stmts := &source.Node{Kind: source.Array}
	for _, sb := range body.Blocks {
		switch {
		case sb.Type == "statement":
			stmts.Elems = append(stmts.Elems, d.statement(sb))
			stmts.Span = d.union(stmts.Span, sb.Range(), len(stmts.Elems) == 1)
		case sb.Type == "dynamic" && len(sb.Labels) == 1 && sb.Labels[0] == "statement":
			stmts.Unknown = true
			m.note(u, m.span(b.f, sb.DefRange()), "statements made by a dynamic block are not known until Terraform plans them; they are not checked")
		}
	}
	for _, merged := range []string{"source_policy_documents", "override_policy_documents"} {
		a, ok := body.Attributes[merged]
		if !ok {
			continue
		}
		stmts.Unknown = true
		m.note(u, m.span(b.f, a.NameRange), "statements merged from %s are not checked; lint the plan (terraform show -json) to see the whole policy", merged)
		if merged == "override_policy_documents" {
			// An override replaces the statements that share its Sids.
			for _, s := range stmts.Elems {
				if s.Get("Sid") != nil {
					markUnknown(s)
				}
			}
		}
	}
	if len(stmts.Elems) > 0 || stmts.Unknown {
		if len(stmts.Elems) == 0 {
			stmts.Span = def
		}
		addMember(root, "Statement", source.Span{Start: stmts.Span.Start, End: stmts.Span.Start}, stmts)
	}
	link(root, nil, "", 0)
	return built{root: root, home: b.f}
}

// docBuilder builds the statements of one policy document block.
type docBuilder struct {
	m *module
	e *evaluator
	f *file
	u *input.Unit
}

func (d *docBuilder) span(r hcl.Range) source.Span { return d.m.span(d.f, r) }

// union extends s to cover r, or starts it at r when first.
func (d *docBuilder) union(s source.Span, r hcl.Range, first bool) source.Span {
	rs := d.span(r)
	if first {
		return rs
	}
	return source.Span{Start: min(s.Start, rs.Start), End: max(s.End, rs.End)}
}

func (d *docBuilder) statement(b *hclsyntax.Block) *source.Node {
	st := &source.Node{Kind: source.Object, Span: d.span(b.Range())}
	attrs := b.Body.Attributes
	if a, ok := attrs["sid"]; ok {
		if n := d.e.eval(d.f, a.Expr); n.Unknown || n.Text != "" || n.Kind != source.String {
			addMember(st, "Sid", d.span(a.NameRange), n)
		}
	}
	if a, ok := attrs["effect"]; ok {
		addMember(st, "Effect", d.span(a.NameRange), d.e.eval(d.f, a.Expr))
	} else {
		at := d.span(b.TypeRange)
		addMember(st, "Effect", at, &source.Node{Kind: source.String, Span: at, Text: "Allow"})
	}
	for _, l := range []struct {
		arg, key string
		vars     bool
	}{{"actions", "Action", false}, {"not_actions", "NotAction", false}, {"resources", "Resource", true}, {"not_resources", "NotResource", true}} {
		if a, ok := attrs[l.arg]; ok {
			if n := stringSet(d.e.eval(d.f, a.Expr), l.vars); n != nil {
				addMember(st, l.key, d.span(a.NameRange), n)
			}
		}
	}
	for _, p := range []struct{ block, key string }{{"principals", "Principal"}, {"not_principals", "NotPrincipal"}} {
		if n, keySpan := d.principals(b, p.block); n != nil {
			addMember(st, p.key, keySpan, n)
		}
	}
	if n, keySpan := d.conditions(b); n != nil {
		addMember(st, "Condition", keySpan, n)
	}
	return st
}

// blocks returns the nested blocks of one type, and whether a dynamic
// block of that type adds more.
func blocks(b *hclsyntax.Block, typ string) ([]*hclsyntax.Block, *hclsyntax.Block) {
	var out []*hclsyntax.Block
	var dynamic *hclsyntax.Block
	for _, c := range b.Body.Blocks {
		switch {
		case c.Type == typ:
			out = append(out, c)
		case c.Type == "dynamic" && len(c.Labels) == 1 && c.Labels[0] == typ && dynamic == nil:
			dynamic = c
		}
	}
	return out, dynamic
}

// principals merges principals (or not_principals) blocks by type.
func (d *docBuilder) principals(st *hclsyntax.Block, typ string) (*source.Node, source.Span) {
	bs, dynamic := blocks(st, typ)
	if len(bs) == 0 {
		if dynamic == nil {
			return nil, source.Span{}
		}
		return d.dynamic(dynamic, "principals"), d.span(dynamic.TypeRange)
	}
	type group struct {
		keySpan source.Span
		list    *source.Node
	}
	groups := map[string]*group{}
	var keys []string
	obj := &source.Node{Kind: source.Object, Unknown: dynamic != nil}
	for i, pb := range bs {
		obj.Span = d.union(obj.Span, pb.Range(), i == 0)
		t, ids := d.attr(pb, "type"), d.attr(pb, "identifiers")
		if t == nil || ids == nil {
			continue // Terraform requires both, and says so itself
		}
		set := stringSet(ids, true)
		if len(bs) == 1 && dynamic == nil && !t.Unknown && t.Text == "*" &&
			set != nil && set.Kind == source.String && !set.Unknown && set.Text == "*" {
			return set, d.span(bs[0].TypeRange) // {"*": "*"} is written "*"
		}
		if t.Unknown || t.Kind != source.String {
			obj.Unknown = true
			markUnknown(ids)
		}
		g := groups[t.Text]
		if g == nil {
			g = &group{keySpan: t.Span, list: &source.Node{Kind: source.Array, Span: ids.Span}}
			groups[t.Text] = g
			keys = append(keys, t.Text)
		}
		switch {
		case set == nil:
		case set.Kind == source.Array:
			g.list.Elems = append(g.list.Elems, set.Elems...)
			g.list.Unknown = g.list.Unknown || set.Unknown
		default:
			g.list.Elems = append(g.list.Elems, set)
		}
	}
	for _, k := range keys {
		v := groups[k].list
		if len(v.Elems) == 1 && !v.Unknown {
			v = v.Elems[0]
		}
		addMember(obj, k, groups[k].keySpan, v)
	}
	sortMembers(obj)
	return obj, d.span(bs[0].TypeRange)
}

// conditions builds Condition from condition blocks: operator, then key,
// then the values in the order written.
func (d *docBuilder) conditions(st *hclsyntax.Block) (*source.Node, source.Span) {
	bs, dynamic := blocks(st, "condition")
	if len(bs) == 0 {
		if dynamic == nil {
			return nil, source.Span{}
		}
		return d.dynamic(dynamic, "condition"), d.span(dynamic.TypeRange)
	}
	cond := &source.Node{Kind: source.Object, Unknown: dynamic != nil}
	for i, cb := range bs {
		cond.Span = d.union(cond.Span, cb.Range(), i == 0)
		test, variable, values := d.attr(cb, "test"), d.attr(cb, "variable"), d.attr(cb, "values")
		if test == nil || variable == nil || values == nil {
			continue // Terraform requires all three
		}
		vals := values
		if vals.Kind == source.Array {
			vals = &source.Node{Kind: source.Array, Span: values.Span, Unknown: values.Unknown}
			for _, v := range values.Elems {
				vals.Elems = append(vals.Elems, replaceVars(v))
			}
		}
		if test.Unknown || variable.Unknown {
			cond.Unknown = true
			markUnknown(vals)
		}
		op := memberIndex(cond, test.Text)
		if op < 0 {
			addMember(cond, test.Text, test.Span, &source.Node{Kind: source.Object, Span: d.span(cb.Range())})
			op = len(cond.Members) - 1
		}
		inner := cond.Members[op].Value
		k := memberIndex(inner, variable.Text)
		if k < 0 {
			addMember(inner, variable.Text, variable.Span, &source.Node{Kind: source.Array, Span: vals.Span})
			k = len(inner.Members) - 1
		}
		list := inner.Members[k].Value
		if vals.Kind == source.Array {
			list.Elems = append(list.Elems, vals.Elems...)
			list.Unknown = list.Unknown || vals.Unknown
		} else {
			list.Elems = append(list.Elems, vals)
		}
	}
	for _, op := range cond.Members {
		for i := range op.Value.Members {
			if v := op.Value.Members[i].Value; len(v.Elems) == 1 && !v.Unknown {
				op.Value.Members[i].Value = v.Elems[0]
			}
		}
		sortMembers(op.Value)
	}
	sortMembers(cond)
	return cond, d.span(bs[0].TypeRange)
}

// dynamic stands for what a dynamic block makes: not known statically.
func (d *docBuilder) dynamic(b *hclsyntax.Block, what string) *source.Node {
	sp := d.span(b.DefRange())
	d.m.note(d.u, sp, "the %s blocks made by a dynamic block are not known until Terraform plans them; they are not checked", what)
	return &source.Node{Kind: source.Object, Span: d.span(b.Range()), Unknown: true}
}

// attr evaluates an argument of a nested block, or returns nil.
func (d *docBuilder) attr(b *hclsyntax.Block, name string) *source.Node {
	a, ok := b.Body.Attributes[name]
	if !ok {
		return nil
	}
	return d.e.eval(d.f, a.Expr)
}

// stringSet renders a set of strings as the provider does: nil when empty,
// the one string, or the strings sorted in reverse without repeats. With
// vars, "&{" is written "${" (IAM policy variables).
func stringSet(n *source.Node, vars bool) *source.Node {
	if n.Kind != source.Array {
		if vars {
			return replaceVars(n)
		}
		return n
	}
	var elems []*source.Node
	seen := map[string]bool{}
	for _, e := range n.Elems {
		if vars {
			e = replaceVars(e)
		}
		if !e.Unknown && seen[e.Text] {
			continue
		}
		seen[e.Text] = true
		elems = append(elems, e)
	}
	switch {
	case len(elems) == 0:
		return nil
	case len(elems) == 1 && !n.Unknown:
		return elems[0]
	}
	slices.SortStableFunc(elems, func(a, b *source.Node) int { return strings.Compare(b.Text, a.Text) })
	return &source.Node{Kind: source.Array, Span: n.Span, Elems: elems, Unknown: n.Unknown}
}

func replaceVars(n *source.Node) *source.Node {
	if n.Kind == source.String && !n.Unknown && strings.Contains(n.Text, "&{") {
		c := *n
		c.Text = strings.ReplaceAll(n.Text, "&{", "${")
		return &c
	}
	return n
}

func addMember(obj *source.Node, key string, keySpan source.Span, v *source.Node) {
	obj.Members = append(obj.Members, source.Member{Key: key, KeySpan: keySpan, Value: v})
}

// sortMembers orders members by key, as Go's encoding/json writes a map.
func sortMembers(obj *source.Node) {
	slices.SortStableFunc(obj.Members, func(a, b source.Member) int { return strings.Compare(a.Key, b.Key) })
}
