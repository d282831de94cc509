package rules

import (
	"fmt"

	"github.com/seslint/seslint/internal/awsdata"
	"github.com/seslint/seslint/internal/finding"
	"github.com/seslint/seslint/internal/source"
)

// outdatedVersion reports the 2008-10-17 policy language, which has no
// policy variables.
var outdatedVersion = &Rule{
	ID: "SES008", Name: "outdated-version", Severity: finding.Note, Precision: "very-high",
	Summary: `"Version" is the outdated "2008-10-17"; use "2012-10-17"`,
	Check: func(p *Pass) {
		if p.Policy == nil {
			return
		}
		v := p.Policy.Version
		if v == nil || v.Kind != source.String || v.Text != awsdata.LegacyPolicyVersion {
			return
		}
		want := awsdata.CurrentPolicyVersion
		p.Report(Diag{
			Span: v.Span, Node: v, Value: v.Text,
			Message: fmt.Sprintf("policy language version %q is outdated: policy variables such as ${aws:username} are plain text under it; use %q",
				v.Text, want),
			Fix: Replace(fmt.Sprintf("Change to %q", want), v, `"`+want+`"`),
		})
	},
}
