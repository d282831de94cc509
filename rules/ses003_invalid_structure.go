package rules

import (
	"fmt"

	"github.com/seslint/seslint/internal/finding"
	"github.com/seslint/seslint/internal/input"
	"github.com/seslint/seslint/internal/source"
	"github.com/seslint/seslint/schemas"
)

// invalidStructure checks the document against the policy JSON Schema and
// a request file against the shape of a PutIdentityPolicy call.
var invalidStructure = &Rule{
	ID: "SES003", Name: "invalid-structure", Severity: finding.Error, Precision: "very-high",
	Summary: "The policy does not have the structure SES requires (elements, types, required keys)",
	Check: func(p *Pass) {
		if p.Unit.Shape == input.Request {
			checkRequest(p)
		}
		pol := p.Unit.Policy
		if pol == nil || pol.Root == nil {
			return
		}
		for _, v := range schemas.Check(pol.Root) {
			d := Diag{Span: v.Span, Node: v.Node, Message: v.Message}
			if v.Node != nil {
				d.Value = v.Node.Text
				if v.Node.Name == "Effect" && v.Node.Kind == source.String {
					if fixed, ok := effectFix(v.Node.Text); ok {
						d.Fix = Replace(fmt.Sprintf("Change to %q", fixed), v.Node, `"`+fixed+`"`)
						d.Message += fmt.Sprintf("; did you mean %q?", fixed)
					}
				}
			}
			p.Report(d)
		}
	},
}

func effectFix(s string) (string, bool) {
	switch {
	case equalFold(s, "allow"):
		return "Allow", true
	case equalFold(s, "deny"):
		return "Deny", true
	}
	return "", false
}

var requestMembers = []string{"Identity", "PolicyName", "Policy"}

func checkRequest(p *Pass) {
	root := p.Unit.File.Root
	for _, name := range requestMembers {
		n := root.Get(name)
		switch {
		case n == nil:
			p.Report(Diag{Doc: p.Unit.File, Span: source.Span{Start: root.Span.Start, End: root.Span.Start + 1}, Node: root,
				Message: fmt.Sprintf("the PutIdentityPolicy request is missing the required member %q", name)})
		case name == "Policy" && n.Kind == source.Object:
			p.Report(Diag{Doc: p.Unit.File, Span: n.Span, Node: n,
				Message: `"Policy" must be the policy document encoded as a JSON string, not an object; SES rejects the request as it is`})
		case n.Kind != source.String:
			p.Report(Diag{Doc: p.Unit.File, Span: n.Span, Node: n,
				Message: fmt.Sprintf("%q must be a string, not %s", name, kindArticle(n.Kind))})
		}
	}
	for _, m := range root.Members {
		if !contains(requestMembers, m.Key) {
			p.Report(Diag{Doc: p.Unit.File, Span: m.KeySpan, Node: m.Value, Value: m.Key,
				Message: fmt.Sprintf("unknown member %q in a PutIdentityPolicy request; allowed are \"Identity\", \"PolicyName\" and \"Policy\"", m.Key)})
		}
	}
}

func kindArticle(k source.Kind) string {
	switch k {
	case source.Object, source.Array:
		return "an " + k.String()
	case source.Null:
		return "null"
	}
	return "a " + k.String()
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
