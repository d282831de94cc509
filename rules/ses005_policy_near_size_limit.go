package rules

import (
	"fmt"

	"github.com/seslint/seslint/internal/finding"
)

// defaultNearSizeRatio is SES005's threshold when Options.NearSizeRatio
// is not set: 90% of MaxPolicyBytes.
const defaultNearSizeRatio = 0.9

// policyNearSizeLimit warns before a policy grows past SES's size limit.
var policyNearSizeLimit = &Rule{
	ID: "SES005", Name: "policy-near-size-limit", Severity: finding.Note, Precision: "very-high",
	Summary: "The policy uses more than 90% (configurable) of the 4,096 bytes SES accepts",
	Check: func(p *Pass) {
		size := p.Unit.Size
		// Over the limit is SES004's finding; say it once.
		if p.Unit.Policy == nil || size > MaxPolicyBytes {
			return
		}
		ratio := p.Options.NearSizeRatio
		if ratio <= 0 || ratio > 1 {
			ratio = defaultNearSizeRatio
		}
		if float64(size) <= ratio*MaxPolicyBytes {
			return
		}
		p.Report(sizeDiag(p, fmt.Sprintf("policy is %s bytes, %d%% of the %s-byte limit of PutIdentityPolicy (%s bytes left); plan to split it before it grows",
			thousands(size), size*100/MaxPolicyBytes, thousands(MaxPolicyBytes), thousands(MaxPolicyBytes-size))))
	},
}
