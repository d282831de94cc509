// Package schemas embeds seslint's JSON Schemas (the policy and the JSON
// output) and checks a parsed policy against the policy schema, in sentences
// with positions.
package schemas

import (
	"embed"
	"fmt"
	"strconv"
	"strings"

	"github.com/seslint/seslint/internal/source"
)

// Files holds the published schemas, for `seslint schema` and tests.
//
//go:embed *.schema.json
var Files embed.FS

// PolicySchemaFile is the policy schema's file name, also what editors use.
const PolicySchemaFile = "policy.schema.json"

// Violation is one structural problem, with the node it is about.
type Violation struct {
	Node *source.Node
	// Span is where to point: a key, a value, or the opening brace of an
	// object that lacks an element.
	Span    source.Span
	Message string
}

func effectMessage(n *source.Node) string {
	return fmt.Sprintf("%s must be \"Allow\" or \"Deny\", not %q", describe(n), n.Text)
}

func open(n *source.Node) source.Span {
	return source.Span{Start: n.Span.Start, End: min(n.Span.Start+1, n.Span.End)}
}

var allowed = map[string]string{
	"":          `"Version", "Id" and "Statement"`,
	"statement": `"Sid", "Effect", "Principal", "Action", "Resource" and "Condition"`,
}

func unknownElement(parent *source.Node, name string) string {
	switch level(parent) {
	case "root":
		return fmt.Sprintf("unknown element %q in the policy; allowed are %s", name, allowed[""])
	case "statement":
		if fix, ok := caseFix(name); ok {
			return fmt.Sprintf("unknown element %q in %s; element names are case-sensitive: did you mean %q?", name, describe(parent), fix)
		}
		return fmt.Sprintf("unknown element %q in %s; allowed are %s", name, describe(parent), allowed["statement"])
	}
	return fmt.Sprintf("unknown element %q in %s", name, describe(parent))
}

var statementKeys = []string{"Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"}

func caseFix(name string) (string, bool) {
	for _, k := range statementKeys {
		if strings.EqualFold(k, name) {
			return k, true
		}
	}
	return "", false
}

// level names what kind of place n is in a policy.
func level(n *source.Node) string {
	switch {
	case n.Parent == nil:
		return "root"
	case n.Parent.Parent == nil && n.Name == "Statement" && n.Kind == source.Object:
		return "statement"
	case n.Parent.Parent == nil:
		return "element"
	case n.Parent.Kind == source.Array && n.Parent.Parent != nil && n.Parent.Parent.Parent == nil && n.Parent.Name == "Statement":
		return "statement"
	}
	return "inner"
}

// describe names a node for a person: "the policy", "statement 2",
// "Principal of statement 1".
func describe(n *source.Node) string {
	switch level(n) {
	case "root":
		return "the policy"
	case "statement":
		if n.Parent.Kind == source.Array {
			return "statement " + strconv.Itoa(n.Index+1)
		}
		return "the statement"
	case "element":
		return strconv.Quote(n.Name)
	}
	// Find the enclosing statement and the element under it.
	var path []*source.Node
	for c := n; c != nil; c = c.Parent {
		path = append(path, c)
		if level(c) == "statement" {
			elem := path[len(path)-2]
			where := describe(c)
			switch {
			case len(path) == 2:
				return fmt.Sprintf("%q of %s", n.Name, where)
			case elem.Name == "Condition" && len(path) == 3:
				return fmt.Sprintf("condition operator %q of %s", n.Name, where)
			case elem.Name == "Condition":
				key := path[len(path)-4]
				return fmt.Sprintf("condition key %q of %s", key.Name, where)
			case elem.Name == "Principal" || elem.Name == "NotPrincipal":
				if len(path) >= 3 {
					return fmt.Sprintf("%q in the %s of %s", path[len(path)-3].Name, elem.Name, where)
				}
			}
			return fmt.Sprintf("a value in %q of %s", elem.Name, where)
		}
	}
	return "value at " + n.Pointer()
}

func articleName(t string) string {
	switch t {
	case "array", "object":
		return "an " + t
	case "integer":
		return "a number"
	case "null":
		return "null"
	}
	return "a " + t
}

func article(k source.Kind) string { return articleName(k.String()) }
