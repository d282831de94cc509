package rules

import (
	"fmt"

	"github.com/seslint/seslint/internal/awsdata"
	"github.com/seslint/seslint/internal/finding"
	"github.com/seslint/seslint/internal/source"
)

// missingVersion reports a policy without a Version element: IAM then reads
// it as 2008-10-17, where policy variables are literal text.
var missingVersion = &Rule{
	ID: "SES007", Name: "missing-version", Severity: finding.Warning, Precision: "very-high",
	Summary: `The policy has no "Version"; add "Version": "2012-10-17"`,
	Check: func(p *Pass) {
		if p.Policy == nil || p.Policy.Root.Kind != source.Object || p.Policy.Root.Member("Version") != nil {
			return
		}
		root := p.Policy.Root
		at := root.Span.Start + 1
		text := fmt.Sprintf(`"Version": %q`, awsdata.CurrentPolicyVersion)
		if len(root.Members) > 0 {
			text += ", "
		}
		p.Report(Diag{
			Span: source.Span{Start: root.Span.Start, End: at}, Node: root,
			Message: fmt.Sprintf(`policy has no "Version", so it is read as %q, where policy variables such as ${aws:username} are plain text; add "Version": %q`,
				awsdata.LegacyPolicyVersion, awsdata.CurrentPolicyVersion),
			Fix: &finding.Fix{Title: fmt.Sprintf(`Add "Version": %q`, awsdata.CurrentPolicyVersion),
				Edits: []finding.Edit{{Span: source.Span{Start: at, End: at}, NewText: text}}},
		})
	},
}
