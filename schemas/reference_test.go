package schemas

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/seslint/seslint/internal/source"
)

// This file is the reference Check is held to: the JSON Schema validator
// run on the embedded schema, its errors worded with the same sentences.
// It is test-only so that the validator, which compiles its meta-schemas
// when the program starts, is not linked into seslint.

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

var policySchema = sync.OnceValues(func() (*jsonschema.Schema, error) { return Compile(PolicySchemaFile) })

// validBySchema is the validator's verdict alone.
func validBySchema(t testing.TB, root *source.Node) bool {
	sch, err := policySchema()
	if err != nil {
		t.Fatal(err)
	}
	return sch.Validate(ToValue(root)) == nil
}

// checkWithValidator words a document's problems from the JSON Schema
// validator's errors.
func checkWithValidator(t testing.TB, root *source.Node) []Violation {
	sch, err := policySchema()
	if err != nil {
		t.Fatal(err)
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
	// Drop repeats, in case several branches reach the same conclusion.
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
	// The validator percent-escapes names in instance locations (a space,
	// a non-ASCII letter) on top of RFC 6901's escapes.
	loc, err := url.PathUnescape(ve.InstanceLocation)
	if err != nil {
		panic(err)
	}
	node := root.Lookup(loc)
	// An empty message marks a wrapper around several errors of one
	// schema; its keyword location is that schema's, such as
	// ".../additionalProperties" for a condition operator, not a keyword
	// that failed.
	if ve.Message == "" {
		for _, c := range ve.Causes {
			collect(root, c, out)
		}
		return
	}
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

// expected words the validator's "expected string or array, but got
// object" as "a string or an array".
func expected(msg string) string {
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
