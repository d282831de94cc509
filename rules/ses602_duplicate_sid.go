package rules

import (
	"fmt"

	"github.com/seslint/seslint/internal/finding"
	"github.com/seslint/seslint/internal/source"
)

// duplicateSid reports a Sid used by an earlier statement. IAM requires
// unique Sids in its own policies; whether SES does is unverified, but a
// repeated Sid also makes an ignore in .seslint.yaml ambiguous.
var duplicateSid = &Rule{
	ID: "SES602", Name: "duplicate-sid", Severity: finding.Warning, Precision: "very-high",
	Summary: "Two statements have the same Sid",
	Check: func(p *Pass) {
		if p.Policy == nil {
			return
		}
		first := map[string]int{}
		for i, st := range p.Policy.Statements {
			sid := st.Sid
			if sid == nil || sid.Kind != source.String || sid.Text == "" {
				continue
			}
			j, seen := first[sid.Text]
			if !seen {
				first[sid.Text] = i
				continue
			}
			prev := p.Policy.Statements[j]
			p.Report(Diag{Span: sid.Span, Node: sid, Value: sid.Text,
				Message: fmt.Sprintf("Sid %q is already used by statement %d; give each statement its own Sid (IAM requires unique Sids, and ignores in .seslint.yaml name statements by Sid)", sid.Text, prev.Index+1),
				Related: []finding.Related{{Span: prev.Sid.Span, Message: fmt.Sprintf("statement %d's Sid %q is here", prev.Index+1, sid.Text)}}})
		}
	},
}
