package schemas

import (
	"fmt"
	"slices"
	"strings"

	"github.com/seslint/seslint/internal/policy"
	"github.com/seslint/seslint/internal/source"
)

// Check returns the structural problems of a policy: every way the root
// fails policy.schema.json, worded for a person. It is a typed pass that
// follows the schema keyword by keyword the way the JSON Schema validator
// does (a wrong type hides the node's other problems; objects are read as
// maps keeping the first of repeated keys). The validator itself is only a
// test dependency: FuzzStructureWordingAgrees holds the two to the same
// findings, so the published schema stays the contract.
func Check(root *source.Node) []Violation {
	var c checker
	c.policy(root)
	return sorted(c.out)
}

type checker struct{ out []Violation }

func (c *checker) add(n *source.Node, span source.Span, msg string) {
	c.out = append(c.out, Violation{Node: n, Span: span, Message: msg})
}

// kinds is a set of source.Kind, one bit each.
type kinds uint8

func kindSet(ks ...source.Kind) kinds {
	var s kinds
	for _, k := range ks {
		s |= 1 << k
	}
	return s
}

// The "type" keywords of policy.schema.json.
var (
	objectKind         = kindSet(source.Object)
	stringKind         = kindSet(source.String)
	arrayOrObject      = kindSet(source.Array, source.Object)
	stringOrArray      = kindSet(source.String, source.Array)
	stringOrObject     = kindSet(source.String, source.Object)
	scalarKinds        = kindSet(source.String, source.Number, source.Bool)
	scalarOrArrayKinds = scalarKinds | kindSet(source.Array)
)

// is checks a "type" keyword: want words the allowed types in the schema's
// order.
func (c *checker) is(n *source.Node, want string, ok kinds) bool {
	if ok&(1<<n.Kind) != 0 {
		return true
	}
	c.wrongType(n, want)
	return false
}

// wrongType is is's slow path, apart so that is inlines.
func (c *checker) wrongType(n *source.Node, want string) {
	c.add(n, n.Span, fmt.Sprintf("%s must be %s, not %s", describe(n), want, article(n.Kind)))
}

// required words a "required" keyword that failed; or names the second
// choice of an anyOf of two.
func (c *checker) required(n *source.Node, name, or string) {
	if or == "" {
		c.add(n, open(n), fmt.Sprintf("%s is missing the required element %q", describe(n), name))
		return
	}
	c.add(n, open(n), fmt.Sprintf("%s is missing the required element %q (or %q)", describe(n), name, or))
}

func (c *checker) unknown(parent *source.Node, m source.Member) {
	c.add(m.Value, m.KeySpan, unknownElement(parent, m.Key))
}

func (c *checker) nonEmptyList(n *source.Node) {
	if len(n.Elems) == 0 {
		c.add(n, n.Span, fmt.Sprintf("%s is an empty list; it needs at least one value", describe(n)))
	}
}

func (c *checker) policy(root *source.Node) {
	if !c.is(root, "an object", objectKind) {
		return
	}
	var hasStatement bool
	for i, m := range root.Members {
		if repeated(root, i) {
			continue
		}
		switch m.Key {
		case "Version", "Id":
			c.is(m.Value, "a string", stringKind)
		case "Statement":
			hasStatement = true
			c.statements(m.Value)
		default:
			c.unknown(root, m)
		}
	}
	if !hasStatement {
		c.required(root, "Statement", "")
	}
}

// statements is the Statement element: one statement or a non-empty array.
func (c *checker) statements(n *source.Node) {
	if !c.is(n, "an array or an object", arrayOrObject) {
		return
	}
	if n.Kind == source.Object {
		c.statement(n)
		return
	}
	c.nonEmptyList(n)
	for _, e := range n.Elems {
		c.statement(e)
	}
}

// statement checks one statement. The bits of the keys met so far tell a
// repeated key at once; only an unknown key is compared with the others.
func (c *checker) statement(n *source.Node) {
	if !c.is(n, "an object", objectKind) {
		return
	}
	var seen policy.StatementKey
	for i := range n.Members {
		m := &n.Members[i]
		key := policy.StatementKeyOf(m.Key)
		if key == 0 {
			if !repeated(n, i) {
				c.unknown(n, *m)
			}
			continue
		}
		if seen&key != 0 {
			continue
		}
		seen |= key
		switch v := m.Value; key {
		case policy.KeySid:
			c.is(v, "a string", stringKind)
		case policy.KeyEffect:
			c.effect(v)
		case policy.KeyPrincipal, policy.KeyNotPrincipal:
			c.principal(v)
		case policy.KeyAction, policy.KeyNotAction, policy.KeyResource, policy.KeyNotResource:
			c.stringOrStrings(v)
		case policy.KeyCondition:
			c.condition(v)
		}
	}
	// "required" asks for a key, whatever its value.
	if seen&policy.KeyEffect == 0 {
		c.required(n, "Effect", "")
	}
	if seen&(policy.KeyPrincipal|policy.KeyNotPrincipal) == 0 {
		c.required(n, "Principal", "NotPrincipal")
	}
	if seen&(policy.KeyAction|policy.KeyNotAction) == 0 {
		c.required(n, "Action", "NotAction")
	}
	if seen&(policy.KeyResource|policy.KeyNotResource) == 0 {
		c.required(n, "Resource", "NotResource")
	}
}

// effect is an enum with no type: any other value, of any type, fails it.
func (c *checker) effect(n *source.Node) {
	switch {
	case n.Kind != source.String:
		c.add(n, n.Span, fmt.Sprintf("%s must be \"Allow\" or \"Deny\"", describe(n)))
	case n.Text != "Allow" && n.Text != "Deny":
		c.add(n, n.Span, effectMessage(n))
	}
}

func (c *checker) stringOrStrings(n *source.Node) {
	if !c.is(n, "a string or an array", stringOrArray) || n.Kind == source.String {
		return
	}
	c.nonEmptyList(n)
	for _, e := range n.Elems {
		c.is(e, "a string", stringKind)
	}
}

func (c *checker) principal(n *source.Node) {
	if !c.is(n, "a string or an object", stringOrObject) || n.Kind == source.String {
		return
	}
	if len(n.Members) == 0 {
		c.add(n, n.Span, fmt.Sprintf("%s is empty; name at least one principal, such as {\"AWS\": \"123456789012\"}", describe(n)))
	}
	for i := range n.Members {
		if !repeated(n, i) {
			c.stringOrStrings(n.Members[i].Value)
		}
	}
}

// condition is operator → condition key → a scalar or an array of scalars.
func (c *checker) condition(n *source.Node) {
	if !c.is(n, "an object", objectKind) {
		return
	}
	for i := range n.Members {
		op := n.Members[i].Value
		if repeated(n, i) || !c.is(op, "an object", objectKind) {
			continue
		}
		for j := range op.Members {
			if !repeated(op, j) {
				c.conditionValue(op.Members[j].Value)
			}
		}
	}
}

func (c *checker) conditionValue(n *source.Node) {
	if !c.is(n, "a string or a number or a boolean or an array", scalarOrArrayKinds) || n.Kind != source.Array {
		return
	}
	for _, e := range n.Elems {
		c.is(e, "a string or a number or a boolean", scalarKinds)
	}
}

// sorted puts violations in source order, by message where two start
// together (a statement missing several elements).
func sorted(out []Violation) []Violation {
	slices.SortStableFunc(out, func(a, b Violation) int {
		if a.Span.Start != b.Span.Start {
			return a.Span.Start - b.Span.Start
		}
		return strings.Compare(a.Message, b.Message)
	})
	return out
}

// repeated reports a key seen earlier in the same object. The schema reads
// objects as maps keeping the first value, so later repeats are skipped
// here too; SES002 reports them.
func repeated(n *source.Node, i int) bool {
	key := n.Members[i].Key
	for j := 0; j < i; j++ {
		// The first bytes first: a call to compare the rest is dearer.
		if k := n.Members[j].Key; len(k) == len(key) && (key == "" || k[0] == key[0]) && k == key {
			return true
		}
	}
	return false
}
