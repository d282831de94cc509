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
func New(root *source.Node) *Policy {
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
				p.Statements = append(p.Statements, newStatement(e, i))
			}
		}
	case st.Kind == source.Object:
		p.Statements = append(p.Statements, newStatement(st, 0))
	}
	return p
}

func newStatement(n *source.Node, index int) *Statement {
	s := &Statement{Node: n, Index: index}
	s.Sid = n.Get("Sid")
	s.Effect = n.Get("Effect")
	s.Principal = newPrincipal(n.Get("Principal"))
	s.NotPrincipal = newPrincipal(n.Get("NotPrincipal"))
	s.ActionNode, s.Action = strings_(n.Get("Action"))
	s.NotActionNode, s.NotAction = strings_(n.Get("NotAction"))
	s.ResourceNode, s.Resource = strings_(n.Get("Resource"))
	s.NotResourceNode, s.NotResource = strings_(n.Get("NotResource"))
	s.ConditionNode = n.Get("Condition")
	if c := s.ConditionNode; c != nil && c.Kind == source.Object {
		for _, op := range c.Members {
			if op.Value.Kind != source.Object {
				continue
			}
			for _, k := range op.Value.Members {
				s.Conditions = append(s.Conditions, Condition{
					Operator: op.Key, OperatorSpan: op.KeySpan, OperatorNode: op.Value,
					Key: k.Key, KeySpan: k.KeySpan, KeyNode: k.Value, Values: scalars(k.Value),
				})
			}
		}
	}
	return s
}

func newPrincipal(n *source.Node) *Principal {
	if n == nil {
		return nil
	}
	p := &Principal{Node: n}
	switch n.Kind {
	case source.String:
		p.Wildcard = n.Text == "*"
	case source.Object:
		for _, m := range n.Members {
			_, vals := strings_(m.Value)
			p.Entries = append(p.Entries, PrincipalEntry{Key: m.Key, KeySpan: m.KeySpan, Node: m.Value, Values: vals})
		}
	}
	return p
}

// strings_ returns the element and its string values: the string itself,
// or the strings of an array.
func strings_(n *source.Node) (*source.Node, []*source.Node) {
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

// scalars returns a condition value's scalars: strings, numbers and booleans.
func scalars(n *source.Node) []*source.Node {
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
