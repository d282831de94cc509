// Package policy reads the typed shape of an SES sending-authorization policy
// out of a parsed document. It is lenient: values of the wrong type are left
// out here and reported by the schema check, so each problem is said once.
package policy

import (
	"iter"
	"strings"

	"github.com/seslint/seslint/internal/source"
)

// Policy is the typed view of a policy document.
type Policy struct {
	Root    *source.Node
	Version *source.Node
	ID      *source.Node
	// StatementNode is the value of "Statement": an array or one object.
	StatementNode *source.Node
	Statements    []*Statement
}

// Statement is one statement, each element keeping its node.
type Statement struct {
	Node  *source.Node
	Index int

	Sid    *source.Node
	Effect *source.Node

	Principal    *Principal
	NotPrincipal *Principal

	// Action and the others hold the string values; the matching *Node
	// fields hold the element itself (a string or an array).
	Action, NotAction, Resource, NotResource                 []*source.Node
	ActionNode, NotActionNode, ResourceNode, NotResourceNode *source.Node

	ConditionNode *source.Node
	Conditions    []Condition
}

// Principal is a Principal or NotPrincipal element.
type Principal struct {
	Node *source.Node
	// Wildcard is the bare string form "*".
	Wildcard bool
	Entries  []PrincipalEntry
}

// PrincipalEntry is one key of a principal object, such as "AWS".
type PrincipalEntry struct {
	Key     string
	KeySpan source.Span
	Node    *source.Node
	Values  []*source.Node
}

// Condition is one operator/key pair of a Condition block.
type Condition struct {
	Operator     string
	OperatorSpan source.Span
	OperatorNode *source.Node
	Key          string
	KeySpan      source.Span
	// KeyNode is the value under the key: a scalar or an array.
	KeyNode *source.Node
	Values  []*source.Node
}

// New reads the typed policy from a document root. A nil or non-object root
// gives an empty policy.
//
// It runs once per file before the rules, so it counts first and then
// cuts every slice it returns from a few exactly sized arrays: one
// allocation for a policy that fits smallPolicy, nearly every one, and
// seven for any other (BenchmarkNew). Each slice is capped, so appending
// to one cannot overwrite another.
func New(root *source.Node) *Policy { return NewIn(nil, root) }

// Buffer holds a policy and its arrays, for NewIn to reuse: a small one's
// in place, a larger one's in arrays grown to the largest policy yet.
type Buffer struct {
	small smallPolicy
	large largePolicy
}

// largePolicy is smallPolicy's counterpart for a policy that does not fit
// it. The arrays keep their length, the largest counts so far; builder
// slices them to each policy's counts.
type largePolicy struct {
	policy     Policy
	stmts      []Statement
	ptrs       []*Statement
	nodes      []*source.Node
	principals []Principal
	entries    []PrincipalEntry
	conds      []Condition
}

// NewIn is New, building the policy in buf instead of in new allocations.
// The policy is valid until buf is used again: the engine keeps one per
// worker, for the policy it lints and drops (BenchmarkLintOne).
func NewIn(buf *Buffer, root *source.Node) *Policy {
	if root == nil || root.Kind != source.Object {
		if buf != nil {
			buf.large.policy = Policy{Root: root}
			return &buf.large.policy
		}
		return &Policy{Root: root}
	}
	// The fields are read into a value, and the policy allocated with its
	// arrays when they fit smallPolicy.
	head := Policy{Root: root, Version: root.Get("Version"), ID: root.Get("Id"), StatementNode: root.Get("Statement")}
	var b builder
	nStmts := 0
	for n := range statements(head.StatementNode) {
		b.count(n)
		nStmts++
	}
	if nStmts == 0 {
		if buf != nil {
			buf.large.policy = head
			return &buf.large.policy
		}
		p := new(Policy)
		*p = head
		return p
	}
	var p *Policy
	if small := (*smallPolicy)(nil); nStmts <= len(small.stmts) && b.nNodes <= len(small.nodes) &&
		b.nPrincipals <= len(small.principals) && b.nEntries <= len(small.entries) && b.nConds <= len(small.conds) {
		if buf != nil {
			small = &buf.small
			*small = smallPolicy{policy: head}
		} else {
			small = &smallPolicy{policy: head}
		}
		p = &small.policy
		b.stmts = small.stmts[:0:nStmts]
		b.nodes = small.nodes[:0:b.nNodes]
		b.principals = small.principals[:0:b.nPrincipals]
		b.entries = small.entries[:0:b.nEntries]
		b.conds = small.conds[:0:b.nConds]
		p.Statements = small.ptrs[:nStmts:nStmts]
	} else {
		var large *largePolicy
		if buf != nil {
			large = &buf.large
		} else {
			large = new(largePolicy)
		}
		large.policy = head
		p = &large.policy
		b.stmts = reuse(&large.stmts, nStmts)
		b.nodes = reuse(&large.nodes, b.nNodes)
		b.principals = reuse(&large.principals, b.nPrincipals)
		b.entries = reuse(&large.entries, b.nEntries)
		b.conds = reuse(&large.conds, b.nConds)
		p.Statements = reuse(&large.ptrs, nStmts)[:nStmts]
	}
	i := 0
	for n := range statements(head.StatementNode) {
		index := 0
		if p.StatementNode.Kind == source.Array {
			index = n.Index
		}
		p.Statements[i] = b.statement(n, index)
		i++
	}
	return p
}

// statements yields the statements of a Statement value: an array's
// objects, or the one object. NewIn walks them twice, to count and to
// build, rather than list them in a slice of its own.
func statements(st *source.Node) iter.Seq[*source.Node] {
	return func(yield func(*source.Node) bool) {
		switch {
		case st == nil:
		case st.Kind == source.Array:
			for _, e := range st.Elems {
				if e.Kind == source.Object && !yield(e) {
					return
				}
			}
		case st.Kind == source.Object:
			yield(st)
		}
	}
}

// smallPolicy holds a policy and the arrays its slices are cut from, when
// they fit: the allocations of New cost more than the reading.
type smallPolicy struct {
	policy     Policy
	stmts      [4]Statement
	ptrs       [4]*Statement
	nodes      [32]*source.Node
	principals [4]Principal
	entries    [4]PrincipalEntry
	conds      [8]Condition
}

// reuse returns (*arr)[:0:n], growing *arr to n first when it is shorter.
// What it held is overwritten before it is read: the builder appends whole
// values, and NewIn sets every statement pointer.
func reuse[T any](arr *[]T, n int) []T {
	if len(*arr) < n {
		*arr = make([]T, n)
	}
	return (*arr)[:0:n]
}

// builder cuts a policy's slices from arrays sized by count.
type builder struct {
	nNodes, nPrincipals, nEntries, nConds int

	stmts      []Statement
	nodes      []*source.Node
	principals []Principal
	entries    []PrincipalEntry
	conds      []Condition
}

// count adds what statement n will need to the builder's totals; it must
// agree with statement.
func (b *builder) count(n *source.Node) {
	var seen StatementKey
	for _, m := range n.Members {
		k := StatementKeyOf(m.Key)
		if seen&k != 0 {
			continue // a repeated key: the first one counts, as Get finds it
		}
		seen |= k
		switch k {
		case KeyPrincipal, KeyNotPrincipal:
			b.nPrincipals++
			if m.Value.Kind == source.Object {
				b.nEntries += len(m.Value.Members)
				for _, e := range m.Value.Members {
					b.nNodes += countStrings(e.Value)
				}
			}
		case KeyAction, KeyNotAction, KeyResource, KeyNotResource:
			b.nNodes += countStrings(m.Value)
		case KeyCondition:
			if m.Value.Kind != source.Object {
				continue
			}
			for _, op := range m.Value.Members {
				if op.Value.Kind != source.Object {
					continue
				}
				b.nConds += len(op.Value.Members)
				for _, k := range op.Value.Members {
					b.nNodes += countScalars(k.Value)
				}
			}
		}
	}
}

func countStrings(n *source.Node) int {
	switch n.Kind {
	case source.String:
		return 1
	case source.Array:
		c := 0
		for _, e := range n.Elems {
			if e.Kind == source.String {
				c++
			}
		}
		return c
	}
	return 0
}

func countScalars(n *source.Node) int {
	switch n.Kind {
	case source.String, source.Number, source.Bool:
		return 1
	case source.Array:
		c := 0
		for _, e := range n.Elems {
			switch e.Kind {
			case source.String, source.Number, source.Bool:
				c++
			}
		}
		return c
	}
	return 0
}

func (b *builder) statement(n *source.Node, index int) *Statement {
	b.stmts = append(b.stmts, Statement{Node: n, Index: index})
	s := &b.stmts[len(b.stmts)-1]
	// One pass over the members, the first of each key winning as with
	// Get, rather than nine Gets that each scan them.
	var seen StatementKey
	for i := range n.Members {
		m := &n.Members[i]
		k := StatementKeyOf(m.Key)
		if k == 0 || seen&k != 0 {
			continue
		}
		seen |= k
		switch k {
		case KeySid:
			s.Sid = m.Value
		case KeyEffect:
			s.Effect = m.Value
		case KeyPrincipal:
			s.Principal = b.principal(m.Value)
		case KeyNotPrincipal:
			s.NotPrincipal = b.principal(m.Value)
		case KeyAction:
			s.ActionNode, s.Action = b.strings(m.Value)
		case KeyNotAction:
			s.NotActionNode, s.NotAction = b.strings(m.Value)
		case KeyResource:
			s.ResourceNode, s.Resource = b.strings(m.Value)
		case KeyNotResource:
			s.NotResourceNode, s.NotResource = b.strings(m.Value)
		case KeyCondition:
			s.ConditionNode = m.Value
		}
	}
	if c := s.ConditionNode; c != nil && c.Kind == source.Object {
		start := len(b.conds)
		for _, op := range c.Members {
			if op.Value.Kind != source.Object {
				continue
			}
			for _, k := range op.Value.Members {
				b.conds = append(b.conds, Condition{
					Operator: op.Key, OperatorSpan: op.KeySpan, OperatorNode: op.Value,
					Key: k.Key, KeySpan: k.KeySpan, KeyNode: k.Value, Values: b.scalars(k.Value),
				})
			}
		}
		if len(b.conds) > start {
			s.Conditions = b.conds[start:len(b.conds):len(b.conds)]
		}
	}
	return s
}

// StatementKey is a bit for each element a statement may have, so that a
// set of them (which a statement has, which it repeats) is one word. The
// typed pass and SES003's structural check both read statements by it.
type StatementKey uint16

// The elements of a statement, one bit each.
const (
	KeySid StatementKey = 1 << iota
	KeyEffect
	KeyPrincipal
	KeyNotPrincipal
	KeyAction
	KeyNotAction
	KeyResource
	KeyNotResource
	KeyCondition
)

// StatementKeyOf is key's bit, or 0 for a key a statement may not have.
func StatementKeyOf(key string) StatementKey {
	switch key {
	case "Sid":
		return KeySid
	case "Effect":
		return KeyEffect
	case "Principal":
		return KeyPrincipal
	case "NotPrincipal":
		return KeyNotPrincipal
	case "Action":
		return KeyAction
	case "NotAction":
		return KeyNotAction
	case "Resource":
		return KeyResource
	case "NotResource":
		return KeyNotResource
	case "Condition":
		return KeyCondition
	}
	return 0
}

func (b *builder) principal(n *source.Node) *Principal {
	if n == nil {
		return nil
	}
	b.principals = append(b.principals, Principal{Node: n})
	p := &b.principals[len(b.principals)-1]
	switch n.Kind {
	case source.String:
		p.Wildcard = n.Text == "*"
	case source.Object:
		start := len(b.entries)
		for _, m := range n.Members {
			_, vals := b.strings(m.Value)
			b.entries = append(b.entries, PrincipalEntry{Key: m.Key, KeySpan: m.KeySpan, Node: m.Value, Values: vals})
		}
		if len(b.entries) > start {
			p.Entries = b.entries[start:len(b.entries):len(b.entries)]
		}
	}
	return p
}

// strings returns the element and its string values: the string itself,
// or the strings of an array.
func (b *builder) strings(n *source.Node) (*source.Node, []*source.Node) {
	if n == nil {
		return nil, nil
	}
	start := len(b.nodes)
	switch n.Kind {
	case source.String:
		b.nodes = append(b.nodes, n)
	case source.Array:
		for _, e := range n.Elems {
			if e.Kind == source.String {
				b.nodes = append(b.nodes, e)
			}
		}
	}
	return n, b.cut(start)
}

// scalars returns a condition value's scalars: strings, numbers and booleans.
func (b *builder) scalars(n *source.Node) []*source.Node {
	start := len(b.nodes)
	switch n.Kind {
	case source.String, source.Number, source.Bool:
		b.nodes = append(b.nodes, n)
	case source.Array:
		for _, e := range n.Elems {
			switch e.Kind {
			case source.String, source.Number, source.Bool:
				b.nodes = append(b.nodes, e)
			}
		}
	}
	return b.cut(start)
}

// cut returns the nodes appended since start, or nil when there are none.
func (b *builder) cut(start int) []*source.Node {
	if len(b.nodes) == start {
		return nil
	}
	return b.nodes[start:len(b.nodes):len(b.nodes)]
}

// IsAllow reports an Effect of exactly "Allow".
func (s *Statement) IsAllow() bool { return s.Effect != nil && s.Effect.Text == "Allow" }

// IsDeny reports an Effect of exactly "Deny".
func (s *Statement) IsDeny() bool { return s.Effect != nil && s.Effect.Text == "Deny" }

// SidText returns the statement's Sid, or "".
func (s *Statement) SidText() string {
	if s.Sid != nil && s.Sid.Kind == source.String {
		return s.Sid.Text
	}
	return ""
}

// HasConditionKey reports whether any condition tests one of keys
// (compared case-insensitively, as IAM does for key names).
func (s *Statement) HasConditionKey(keys ...string) bool {
	for _, c := range s.Conditions {
		for _, k := range keys {
			if strings.EqualFold(c.Key, k) {
				return true
			}
		}
	}
	return false
}

// StatementOf returns the statement that contains n, or nil.
func (p *Policy) StatementOf(n *source.Node) *Statement {
	for c := n; c != nil; c = c.Parent {
		for _, s := range p.Statements {
			if s.Node == c {
				return s
			}
		}
	}
	return nil
}
