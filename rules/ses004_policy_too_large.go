package rules

import (
	"fmt"

	"github.com/seslint/seslint/internal/finding"
)

// MaxPolicyBytes is PutIdentityPolicy's limit ("cannot exceed 4 KB"),
// counted as UTF-8 bytes of the text exactly as it would be sent.
const MaxPolicyBytes = 4096

// policyTooLarge reports policies SES would reject for their size.
var policyTooLarge = &Rule{
	ID: "SES004", Name: "policy-too-large", Severity: finding.Error, Precision: "very-high",
	Summary: "The policy is larger than the 4,096 bytes SES accepts",
	Check: func(p *Pass) {
		if p.Unit.Size <= MaxPolicyBytes || p.Unit.Policy == nil {
			return
		}
		p.Report(sizeDiag(p, fmt.Sprintf("policy is %s bytes, over the %s-byte limit of PutIdentityPolicy; shorten it or split it into several policies (up to 20 per identity)",
			thousands(p.Unit.Size), thousands(MaxPolicyBytes))))
	},
}

// sizeDiag points at the start of the policy: the Policy string of a
// request, or the first byte of a policy file.
func sizeDiag(p *Pass, msg string) Diag {
	if f := p.Unit.PolicyField; f != nil {
		return Diag{Doc: p.Unit.File, Span: f.Span, Node: f, Message: msg}
	}
	d := Diag{Doc: p.Unit.File, Message: msg}
	if root := p.Unit.File.Root; root != nil {
		d.Span.Start, d.Span.End = root.Span.Start, root.Span.Start+1
		d.Node = root
	}
	return d
}

func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
