package source

import (
	"strconv"
	"strings"

	"github.com/seslint/seslint/internal/finding"
)

// Span is a byte range; it is the finding package's type so spans flow to
// findings without conversion.
type Span = finding.Span

// Kind is the JSON type of a node.
type Kind uint8

const (
	Null Kind = iota + 1
	Bool
	Number
	String
	Object
	Array
)

func (k Kind) String() string {
	switch k {
	case Null:
		return "null"
	case Bool:
		return "boolean"
	case Number:
		return "number"
	case String:
		return "string"
	case Object:
		return "object"
	case Array:
		return "array"
	}
	return "invalid"
}

// Node is one JSON value with its span. Objects keep every member in source
// order, duplicates included, so that nothing is silently collapsed.
type Node struct {
	Kind Kind
	// Unknown marks a value that is not known statically, such as a
	// Terraform reference to another resource's attribute: Text holds the
	// expression as written, not the value. On an object or array it means
	// that some members or elements are not known. A finding about an
	// unknown node would be a guess, so the lint driver drops it.
	// It sits next to Kind so that the two share a word: a node is 120
	// bytes, not 128.
	Unknown bool

	Span Span
	// Text is the decoded string for String, the literal for Number and Bool.
	Text    string
	Members []Member
	Elems   []*Node

	Parent *Node
	// Name is this node's key in its parent object; Index its position in
	// its parent array (or in the parent's member list).
	Name  string
	Index int
}

// Member is one key of an object with the key's own span.
type Member struct {
	Key     string
	KeySpan Span
	Value   *Node
}

// Get returns the value of the first member named key, or nil.
func (n *Node) Get(key string) *Node {
	if n == nil || n.Kind != Object {
		return nil
	}
	for i := range n.Members {
		if n.Members[i].Key == key {
			return n.Members[i].Value
		}
	}
	return nil
}

// Member returns the first member named key, or nil.
func (n *Node) Member(key string) *Member {
	if n == nil || n.Kind != Object {
		return nil
	}
	for i := range n.Members {
		if n.Members[i].Key == key {
			return &n.Members[i]
		}
	}
	return nil
}

// KeySpan returns the span of the key that holds n, or n's own span for an
// array element or the root.
func (n *Node) KeySpan() Span {
	if n.Parent != nil && n.Parent.Kind == Object {
		return n.Parent.Members[n.Index].KeySpan
	}
	return n.Span
}

// Pointer returns the RFC 6901 JSON pointer of n.
func (n *Node) Pointer() string {
	if n == nil || n.Parent == nil {
		return ""
	}
	var parts []string
	for c := n; c.Parent != nil; c = c.Parent {
		if c.Parent.Kind == Array {
			parts = append(parts, strconv.Itoa(c.Index))
		} else {
			parts = append(parts, escapePointer(c.Name))
		}
	}
	var b strings.Builder
	for i := len(parts) - 1; i >= 0; i-- {
		b.WriteByte('/')
		b.WriteString(parts[i])
	}
	return b.String()
}

func escapePointer(s string) string {
	if !strings.ContainsAny(s, "~/") {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

// Lookup finds the node at a JSON pointer, or the deepest node on the way
// when the rest does not exist.
func (n *Node) Lookup(pointer string) *Node {
	cur := n
	if pointer == "" || cur == nil {
		return cur
	}
	for _, tok := range strings.Split(pointer[1:], "/") {
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		var next *Node
		switch cur.Kind {
		case Object:
			next = cur.Get(tok)
		case Array:
			if i, err := strconv.Atoi(tok); err == nil && i >= 0 && i < len(cur.Elems) {
				next = cur.Elems[i]
			}
		}
		if next == nil {
			return cur
		}
		cur = next
	}
	return cur
}

// Walk calls fn for n and every node below it, depth first in source order.
func (n *Node) Walk(fn func(*Node)) {
	if n == nil {
		return
	}
	fn(n)
	for i := range n.Members {
		n.Members[i].Value.Walk(fn)
	}
	for _, e := range n.Elems {
		e.Walk(fn)
	}
}
