// Package schemas embeds seslint's JSON Schemas (the policy, the JSON output
// and the config) and checks a parsed policy against the policy schema,
// turning the validator's errors into sentences with positions.
package schemas

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/seslint/seslint/internal/source"
)

// Files holds the published schemas, for `seslint schema` and tests.
//
//go:embed *.schema.json
var Files embed.FS

// PolicySchemaFile is the policy schema's file name, also what editors use.
const PolicySchemaFile = "policy.schema.json"

var (
	compileOnce sync.Once
	compiled    *jsonschema.Schema
	compileErr  error
)

// Compile returns the compiled schema of the named embedded file.
func Compile(name string) (*jsonschema.Schema, error) {
	data, err := Files.ReadFile(name)
	if err != nil {
		return nil, err
	}
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	url := "https://github.com/seslint/seslint/schemas/" + name
	if err := c.AddResource(url, bytes.NewReader(data)); err != nil {
		return nil, err
	}
	return c.Compile(url)
}

func policySchema() (*jsonschema.Schema, error) {
	compileOnce.Do(func() { compiled, compileErr = Compile(PolicySchemaFile) })
	return compiled, compileErr
}

// Violation is one structural problem, with the node it is about.
type Violation struct {
	Node *source.Node
	// Span is where to point: a key, a value, or the opening brace of an
	// object that lacks an element.
	Span    source.Span
	Message string
}

// Check validates a policy root against the policy schema.
func Check(root *source.Node) []Violation {
	var badEffects []*source.Node
	if valid(root, &badEffects) {
		// Valid, or valid but for Effect values: the mistake of someone
		// typing "allow", on every keystroke in an editor. The validator
		// would say exactly this, one enum error per Effect
		// (FuzzEffectWordingAgrees), at a hundred times the cost.
		var out []Violation
		for _, n := range badEffects {
			out = append(out, Violation{Node: n, Span: n.Span, Message: effectMessage(n)})
		}
		return out
	}
	return checkWithValidator(root)
}

func effectMessage(n *source.Node) string {
	return fmt.Sprintf("%s must be \"Allow\" or \"Deny\", not %q", describe(n), n.Text)
}

// checkWithValidator words a document's problems from the JSON Schema
// validator's errors.
func checkWithValidator(root *source.Node) []Violation {
	sch, err := policySchema()
	if err != nil {
		// The schema is embedded and tested; failing here is a build defect.
		panic(fmt.Sprintf("seslint: embedded policy schema does not compile: %v", err))
	}
	err = sch.Validate(ToValue(root))
	ve, ok := err.(*jsonschema.ValidationError)
	if !ok {
		return nil
	}
	var out []Violation
	collect(root, ve, &out)
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Span.Start != out[j].Span.Start {
			return out[i].Span.Start < out[j].Span.Start
		}
		return out[i].Message < out[j].Message
	})
	// Drop repeats: several branches can reach the same conclusion.
	dedup := out[:0]
	for _, v := range out {
		if len(dedup) > 0 && dedup[len(dedup)-1].Span == v.Span && dedup[len(dedup)-1].Message == v.Message {
			continue
		}
		dedup = append(dedup, v)
	}
	return dedup
}

// ToValue converts a node to the plain Go value the validator reads.
// Duplicate keys keep their first value, as Node.Get does.
func ToValue(n *source.Node) any {
	switch n.Kind {
	case source.Object:
		m := make(map[string]any, len(n.Members))
		for _, mem := range n.Members {
			if _, dup := m[mem.Key]; !dup {
				m[mem.Key] = ToValue(mem.Value)
			}
		}
		return m
	case source.Array:
		a := make([]any, len(n.Elems))
		for i, e := range n.Elems {
			a[i] = ToValue(e)
		}
		return a
	case source.String:
		return n.Text
	case source.Number:
		return json.Number(n.Text)
	case source.Bool:
		return n.Text == "true"
	}
	return nil
}

func keyword(ve *jsonschema.ValidationError) string {
	k := ve.KeywordLocation
	return k[strings.LastIndexByte(k, '/')+1:]
}

func collect(root *source.Node, ve *jsonschema.ValidationError, out *[]Violation) {
	node := root.Lookup(ve.InstanceLocation)
	switch keyword(ve) {
	case "anyOf":
		if names := anyOfRequired(ve); names != nil {
			*out = append(*out, Violation{Node: node, Span: open(node),
				Message: fmt.Sprintf("%s is missing the required element %q (or %q)", describe(node), names[0], names[1])})
			return
		}
	case "required":
		for _, name := range quoted(ve.Message) {
			*out = append(*out, Violation{Node: node, Span: open(node),
				Message: fmt.Sprintf("%s is missing the required element %q", describe(node), name)})
		}
		return
	case "additionalProperties":
		// The names come from the node, in source order, not from the
		// validator's message: it lists them in map order, and a name may
		// itself contain a quote.
		known := allowedKeys[level(node)]
		for i, m := range node.Members {
			if contains(known, m.Key) || repeated(node, i) {
				continue
			}
			*out = append(*out, Violation{Node: m.Value, Span: m.KeySpan, Message: unknownElement(node, m.Key)})
		}
		return
	case "type":
		*out = append(*out, Violation{Node: node, Span: node.Span,
			Message: fmt.Sprintf("%s must be %s, not %s", describe(node), expected(ve.Message), article(node.Kind))})
		return
	case "enum":
		msg := fmt.Sprintf("%s must be \"Allow\" or \"Deny\"", describe(node))
		if node.Kind == source.String {
			msg = effectMessage(node)
		}
		*out = append(*out, Violation{Node: node, Span: node.Span, Message: msg})
		return
	case "minItems":
		*out = append(*out, Violation{Node: node, Span: node.Span, Message: fmt.Sprintf("%s is an empty list; it needs at least one value", describe(node))})
		return
	case "minProperties":
		*out = append(*out, Violation{Node: node, Span: node.Span, Message: fmt.Sprintf("%s is empty; name at least one principal, such as {\"AWS\": \"123456789012\"}", describe(node))})
		return
	}
	if len(ve.Causes) == 0 {
		*out = append(*out, Violation{Node: node, Span: node.Span, Message: fmt.Sprintf("%s is not valid: %s", describe(node), ve.Message)})
		return
	}
	for _, c := range ve.Causes {
		collect(root, c, out)
	}
}

// anyOfRequired recognises anyOf[required A, required B] and returns A, B.
func anyOfRequired(ve *jsonschema.ValidationError) []string {
	var names []string
	for _, c := range ve.Causes {
		if keyword(c) != "required" {
			return nil
		}
		q := quoted(c.Message)
		if len(q) != 1 {
			return nil
		}
		names = append(names, q[0])
	}
	if len(names) != 2 {
		return nil
	}
	return names
}

// quoted extracts the 'quoted' names from a validator message.
func quoted(msg string) []string {
	var out []string
	for {
		i := strings.IndexByte(msg, '\'')
		if i < 0 {
			return out
		}
		j := strings.IndexByte(msg[i+1:], '\'')
		if j < 0 {
			return out
		}
		out = append(out, msg[i+1:i+1+j])
		msg = msg[i+j+2:]
	}
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

// allowedKeys are the elements policy.schema.json allows where it sets
// additionalProperties to false: the policy and a statement.
var allowedKeys = map[string][]string{
	"root":      {"Version", "Id", "Statement"},
	"statement": statementKeys,
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

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

func expected(msg string) string {
	// The validator says "expected string or array, but got object".
	msg = strings.TrimPrefix(msg, "expected ")
	if i := strings.Index(msg, ", but got"); i >= 0 {
		msg = msg[:i]
	}
	parts := strings.Split(msg, " or ")
	for i, p := range parts {
		parts[i] = articleName(strings.TrimSpace(p))
	}
	return strings.Join(parts, " or ")
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
