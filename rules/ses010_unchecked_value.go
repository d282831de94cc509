package rules

import "github.com/seslint/seslint/internal/finding"

// uncheckedValue reports what the loader could not know statically, such as
// a Terraform variable or another resource's attribute. Rules that need the
// value stay silent rather than guess, so without this note a policy that
// was never checked would pass with nothing said.
var uncheckedValue = &Rule{
	ID: "SES010", Name: "unchecked-value", Severity: finding.Note, Precision: "very-high",
	Summary: "A value is not known until Terraform plans it (a variable, another resource's attribute), so the checks that need it were skipped",
	Check: func(p *Pass) {
		for _, n := range p.Unit.Notes {
			p.Report(Diag{Doc: p.Unit.File, Span: n.Span, Message: n.Message})
		}
	},
}
