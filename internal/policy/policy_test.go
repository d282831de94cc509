package policy

import (
	"fmt"
	"strings"
	"testing"

	"github.com/seslint/seslint/internal/bench/gen"
	"github.com/seslint/seslint/internal/source"
)

// FuzzNew holds New to the straightforward reading it replaced (reference,
// below): the same statements, principals, values and conditions, the
// same nodes, and nil where that gave nil.
//
// The seeds are in testdata/fuzz/FuzzNew (the examples and the test data)
// and below.
func FuzzNew(f *testing.F) {
	for _, kind := range []string{"", "duplicate-key", "missing-effect", "too-large", "duplicate-sid"} {
		f.Add(gen.Example(1500, kind).Text)
	}
	for _, s := range []string{
		`{"Statement":{"Effect":"Allow","Principal":"*","Action":"ses:SendEmail","Resource":"x"}}`,
		`{"Statement":[1,{"Principal":{"AWS":[],"Service":"a"},"Action":[1,"a"],"Condition":{"X":1,"Y":{"k":[true,{},2]},"Z":{}}},[]]}`,
		`{"Statement":[{"Principal":"*","Principal":{"AWS":"1"},"Action":"a","Action":["b"],"Condition":{},"Condition":{"A":{"k":"v"}}}]}`,
		`{"Statement":[]}`, `[]`, `{}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		d := source.Parse("f.json", data)
		got, want := describe(New(d.Root)), describe(reference(d.Root))
		if got != want {
			t.Fatalf("New differs from the reference:\n got %s\nwant %s", got, want)
		}
	})
}

// FuzzNewInReused holds NewIn, building in a buffer that a first policy
// used (and maybe grew), to the reference reading of the second: nothing of
// the first may show through, and appending to one of the second's slices
// must not change another.
func FuzzNewInReused(f *testing.F) {
	large, small := gen.Example(2500, "").Text, gen.Example(900, "").Text
	f.Add(large, small)
	f.Add(small, large)
	f.Add(large, large)
	f.Add(large, []byte(`{"Statement":{"Effect":"Allow","Principal":"*","Action":"ses:SendEmail","Resource":"x"}}`))
	f.Add(large, []byte(`{"Statement":[{"Principal":{"AWS":["1","2","3","4","5"],"Service":"a"},"Action":["a"]},{},{},{},{},{}]}`))
	f.Add(large, []byte(`{"Statement":[]}`))
	f.Add(large, []byte(`[]`))
	f.Fuzz(func(t *testing.T, first, second []byte) {
		var buf Buffer
		NewIn(&buf, source.Parse("first.json", first).Root)
		d := source.Parse("second.json", second)
		p := NewIn(&buf, d.Root)
		got, want := describe(p), describe(reference(d.Root))
		if got != want {
			t.Fatalf("NewIn in a used buffer differs from the reference:\n got %s\nwant %s", got, want)
		}
		appendToEach(p)
		if describe(p) != want {
			t.Fatal("appending to one slice changed another")
		}
	})
}

// appendToEach appends to each slice of p whose array could hold more.
func appendToEach(p *Policy) {
	for _, st := range p.Statements {
		for _, ns := range [][]*source.Node{st.Action, st.NotAction, st.Resource, st.NotResource} {
			_ = append(ns, nil)
		}
		_ = append(st.Conditions, Condition{})
		for _, c := range st.Conditions {
			_ = append(c.Values, nil)
		}
		for _, pr := range []*Principal{st.Principal, st.NotPrincipal} {
			if pr != nil {
				_ = append(pr.Entries, PrincipalEntry{})
			}
		}
	}
}

// A policy read into a buffer that has grown allocates nothing.
func TestNewInReusesBuffer(t *testing.T) {
	d := source.Parse("p.json", gen.Example(2500, "").Text)
	var buf Buffer
	if p := NewIn(&buf, d.Root); len(p.Statements) <= len(buf.small.stmts) {
		t.Fatalf("%d statements fit the small buffer", len(p.Statements))
	}
	if n := testing.AllocsPerRun(10, func() { NewIn(&buf, d.Root) }); n != 0 {
		t.Fatalf("%v allocations, want 0", n)
	}
}

func TestNewCapsSlices(t *testing.T) {
	d := source.Parse("p.json", gen.Example(2500, "").Text)
	p := New(d.Root)
	before := describe(p)
	for _, st := range p.Statements {
		_ = append(st.Action, nil)
		_ = append(st.Resource, nil)
		_ = append(st.Conditions, Condition{})
		if st.Principal != nil {
			_ = append(st.Principal.Entries, PrincipalEntry{})
		}
	}
	if describe(p) != before {
		t.Fatal("appending to one slice changed another")
	}
}

func describe(p *Policy) string {
	var b strings.Builder
	nodes := func(ns []*source.Node) {
		if ns == nil {
			b.WriteString("nil")
		}
		for _, n := range ns {
			fmt.Fprintf(&b, "%p,", n)
		}
		b.WriteString(";")
	}
	principal := func(pr *Principal) {
		if pr == nil {
			b.WriteString("nil;")
			return
		}
		fmt.Fprintf(&b, "%p %v [", pr.Node, pr.Wildcard)
		if pr.Entries == nil {
			b.WriteString("nil")
		}
		for _, e := range pr.Entries {
			fmt.Fprintf(&b, "%s %v %p ", e.Key, e.KeySpan, e.Node)
			nodes(e.Values)
		}
		b.WriteString("];")
	}
	fmt.Fprintf(&b, "%p %p %p %p %d\n", p.Root, p.Version, p.ID, p.StatementNode, len(p.Statements))
	for _, s := range p.Statements {
		fmt.Fprintf(&b, "%p %d %p %p ", s.Node, s.Index, s.Sid, s.Effect)
		principal(s.Principal)
		principal(s.NotPrincipal)
		fmt.Fprintf(&b, "%p %p %p %p ", s.ActionNode, s.NotActionNode, s.ResourceNode, s.NotResourceNode)
		nodes(s.Action)
		nodes(s.NotAction)
		nodes(s.Resource)
		nodes(s.NotResource)
		fmt.Fprintf(&b, "%p [", s.ConditionNode)
		if s.Conditions == nil {
			b.WriteString("nil")
		}
		for _, c := range s.Conditions {
			fmt.Fprintf(&b, "%s %v %p %s %v %p ", c.Operator, c.OperatorSpan, c.OperatorNode, c.Key, c.KeySpan, c.KeyNode)
			nodes(c.Values)
		}
		b.WriteString("]\n")
	}
	return b.String()
}

// reference is New as first written: one allocation per value.
func reference(root *source.Node) *Policy {
	p := &Policy{Root: root}
	if root == nil || root.Kind != source.Object {
		return p
	}
	p.Version = root.Get("Version")
	p.ID = root.Get("Id")
	p.StatementNode = root.Get("Statement")
	switch st := p.StatementNode; {
	case st == nil:
	case st.Kind == source.Array:
		for i, e := range st.Elems {
			if e.Kind == source.Object {
				p.Statements = append(p.Statements, refStatement(e, i))
			}
		}
	case st.Kind == source.Object:
		p.Statements = append(p.Statements, refStatement(st, 0))
	}
	return p
}

func refStatement(n *source.Node, index int) *Statement {
	s := &Statement{Node: n, Index: index}
	s.Sid = n.Get("Sid")
	s.Effect = n.Get("Effect")
	s.Principal = refPrincipal(n.Get("Principal"))
	s.NotPrincipal = refPrincipal(n.Get("NotPrincipal"))
	s.ActionNode, s.Action = refStrings(n.Get("Action"))
	s.NotActionNode, s.NotAction = refStrings(n.Get("NotAction"))
	s.ResourceNode, s.Resource = refStrings(n.Get("Resource"))
	s.NotResourceNode, s.NotResource = refStrings(n.Get("NotResource"))
	s.ConditionNode = n.Get("Condition")
	if c := s.ConditionNode; c != nil && c.Kind == source.Object {
		for _, op := range c.Members {
			if op.Value.Kind != source.Object {
				continue
			}
			for _, k := range op.Value.Members {
				s.Conditions = append(s.Conditions, Condition{
					Operator: op.Key, OperatorSpan: op.KeySpan, OperatorNode: op.Value,
					Key: k.Key, KeySpan: k.KeySpan, KeyNode: k.Value, Values: refScalars(k.Value),
				})
			}
		}
	}
	return s
}

func refPrincipal(n *source.Node) *Principal {
	if n == nil {
		return nil
	}
	p := &Principal{Node: n}
	switch n.Kind {
	case source.String:
		p.Wildcard = n.Text == "*"
	case source.Object:
		for _, m := range n.Members {
			_, vals := refStrings(m.Value)
			p.Entries = append(p.Entries, PrincipalEntry{Key: m.Key, KeySpan: m.KeySpan, Node: m.Value, Values: vals})
		}
	}
	return p
}

func refStrings(n *source.Node) (*source.Node, []*source.Node) {
	if n == nil {
		return nil, nil
	}
	switch n.Kind {
	case source.String:
		return n, []*source.Node{n}
	case source.Array:
		var out []*source.Node
		for _, e := range n.Elems {
			if e.Kind == source.String {
				out = append(out, e)
			}
		}
		return n, out
	}
	return n, nil
}

func refScalars(n *source.Node) []*source.Node {
	switch n.Kind {
	case source.String, source.Number, source.Bool:
		return []*source.Node{n}
	case source.Array:
		var out []*source.Node
		for _, e := range n.Elems {
			switch e.Kind {
			case source.String, source.Number, source.Bool:
				out = append(out, e)
			}
		}
		return out
	}
	return nil
}
