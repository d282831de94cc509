// Package policy reads the typed shape of an SES sending-authorization policy
// out of a parsed document. It is lenient: values of the wrong type are left
// out here and reported by the schema check, so each problem is said once.
package policy

import (
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

// Buffer holds a small policy and its arrays, for NewIn to reuse.
type Buffer struct{ small smallPolicy }

// NewIn is New, building a policy that fits buf in buf instead of in a new
// allocation. The policy is valid until buf is used again: the engine keeps
// one per worker, for the policy it lints and drops (BenchmarkLintOne).
func NewIn(buf *Buffer, root *source.Node) *Policy {
	if root == nil || root.Kind != source.Object {
		return &Policy{Root: root}
	}
	// The fields are read into a value, and the policy allocated with its
	// arrays when they fit smallPolicy.
	head := Policy{Root: root, Version: root.Get("Version"), ID: root.Get("Id"), StatementNode: root.Get("Statement")}
	var stmts []*source.Node
	switch st := head.StatementNode; {
	case st == nil:
	case st.Kind == source.Array:
		for _, e := range st.Elems {
			if e.Kind == source.Object {
				stmts = append(stmts, e)
			}
		}
	case st.Kind == source.Object:
		stmts = []*source.Node{st}
	}
	if len(stmts) == 0 {
		p := new(Policy)
		*p = head
		return p
	}
	var b builder
	for _, n := range stmts {
		b.count(n)
	}
	var p *Policy
	if small := (*smallPolicy)(nil); len(stmts) <= len(small.stmts) && b.nNodes <= len(small.nodes) &&
		b.nPrincipals <= len(small.principals) && b.nEntries <= len(small.entries) && b.nConds <= len(small.conds) {
		if buf != nil {
			small = &buf.small
			*small = smallPolicy{policy: head}
		} else {
			small = &smallPolicy{policy: head}
		}
		p = &small.policy
		b.stmts = small.stmts[:0:len(stmts)]
		b.nodes = small.nodes[:0:b.nNodes]
		b.principals = small.principals[:0:b.nPrincipals]
		b.entries = small.entries[:0:b.nEntries]
		b.conds = small.conds[:0:b.nConds]
		p.Statements = small.ptrs[:len(stmts):len(stmts)]
	} else {
		p = new(Policy)
		*p = head
		b.stmts = make([]Statement, 0, len(stmts))
		b.nodes = make([]*source.Node, 0, b.nNodes)
		b.principals = make([]Principal, 0, b.nPrincipals)
		b.entries = make([]PrincipalEntry, 0, b.nEntries)
		b.conds = make([]Condition, 0, b.nConds)
		p.Statements = make([]*Statement, len(stmts))
	}
	for i, n := range stmts {
		index := 0
		if p.StatementNode.Kind == source.Array {
			index = n.Index
		}
		p.Statements[i] = b.statement(n, index)
	}
	return p
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
	var seen stmtKey
	for _, m := range n.Members {
		k := stmtKeyOf(m.Key)
		if seen&k != 0 {
			continue // a repeated key: the first one counts, as Get finds it
		}
		seen |= k
		switch k {
		case keyPrincipal, keyNotPrincipal:
			b.nPrincipals++
			if m.Value.Kind == source.Object {
				b.nEntries += len(m.Value.Members)
				for _, e := range m.Value.Members {
					b.nNodes += countStrings(e.Value)
				}
			}
		case keyAction, keyNotAction, keyResource, keyNotResource:
			b.nNodes += countStrings(m.Value)
		case keyCondition:
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
	var seen stmtKey
	for i := range n.Members {
		m := &n.Members[i]
		k := stmtKeyOf(m.Key)
		if k == 0 || seen&k != 0 {
			continue
		}
		seen |= k
		switch k {
		case keySid:
			s.Sid = m.Value
		case keyEffect:
			s.Effect = m.Value
		case keyPrincipal:
			s.Principal = b.principal(m.Value)
		case keyNotPrincipal:
			s.NotPrincipal = b.principal(m.Value)
		case keyAction:
			s.ActionNode, s.Action = b.strings(m.Value)
		case keyNotAction:
			s.NotActionNode, s.NotAction = b.strings(m.Value)
		case keyResource:
			s.ResourceNode, s.Resource = b.strings(m.Value)
		case keyNotResource:
			s.NotResourceNode, s.NotResource = b.strings(m.Value)
		case keyCondition:
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

// stmtKey is a bit for each statement key the builder reads.
type stmtKey uint16

const (
	keySid stmtKey = 1 << iota
	keyEffect
	keyPrincipal
	keyNotPrincipal
	keyAction
	keyNotAction
	keyResource
	keyNotResource
	keyCondition
)

func stmtKeyOf(key string) stmtKey {
	switch key {
	case "Sid":
		return keySid
	case "Effect":
		return keyEffect
	case "Principal":
		return keyPrincipal
	case "NotPrincipal":
		return keyNotPrincipal
	case "Action":
		return keyAction
	case "NotAction":
		return keyNotAction
	case "Resource":
		return keyResource
	case "NotResource":
		return keyNotResource
	case "Condition":
		return keyCondition
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
