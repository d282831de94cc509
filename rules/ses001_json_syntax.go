package rules

import "github.com/seslint/seslint/internal/finding"

// jsonSyntax reports what kept the bytes from being one JSON document:
// syntax errors, invalid UTF-8, a byte-order mark, data after the end.
var jsonSyntax = &Rule{
	ID: "SES001", Name: "json-syntax", Severity: finding.Error, Precision: "very-high",
	Summary: "The file, or the policy inside a request, is not one well-formed JSON document",
	Check: func(p *Pass) {
		for _, pr := range p.Unit.File.Problems {
			p.Report(Diag{Doc: p.Unit.File, Span: pr.Span, Message: pr.Message})
		}
		if pol := p.Unit.Policy; pol != nil && pol.Embedded() {
			for _, pr := range pol.Problems {
				p.Report(Diag{Doc: pol, Span: pr.Span, Message: "in the Policy string: " + pr.Message})
			}
		}
	},
}
