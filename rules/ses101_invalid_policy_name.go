package rules

import (
	"fmt"

	"github.com/seslint/seslint/internal/finding"
	"github.com/seslint/seslint/internal/input"
)

// invalidPolicyName enforces PutIdentityPolicy's PolicyName rule: 1 to 64
// characters, only letters, digits, "-" and "_".
var invalidPolicyName = &Rule{
	ID: "SES101", Name: "invalid-policy-name", Severity: finding.Error, Precision: "very-high",
	Summary: "The policy name is empty, longer than 64 characters, or has characters other than letters, digits, - and _",
	Check: func(p *Pass) {
		f := p.Unit.PolicyName
		if !f.Known {
			return
		}
		problem := policyNameProblem(f.Value)
		if problem == "" {
			return
		}
		msg := fmt.Sprintf("policy name %q %s", f.Value, problem)
		if f.Node == nil {
			// Said only when the value is not written where the finding points.
			msg += fmt.Sprintf(" (the name comes from the %s)", originWords(f.Origin))
		}
		d := Diag{Doc: p.Unit.File, Message: msg, Value: f.Value}
		if f.Node != nil {
			d.Span, d.Node = f.Node.Span, f.Node
		}
		p.Report(d)
	},
}

func policyNameProblem(name string) string {
	switch {
	case name == "":
		return "is empty; a policy name needs 1 to 64 characters"
	case len(name) > 64:
		return fmt.Sprintf("is %d characters long; the limit is 64", len(name))
	}
	for _, r := range name {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return fmt.Sprintf("contains %q; only letters, digits, \"-\" and \"_\" are allowed", string(r))
		}
	}
	return ""
}

func originWords(o input.Origin) string {
	switch o {
	case input.FromFlag:
		return "--policy-name flag"
	case input.FromConfig:
		return "config file's mapping"
	case input.FromPath:
		return "file name"
	case input.FromTerraform:
		return "Terraform configuration"
	case input.FromPlan:
		return "Terraform plan"
	}
	return string(o)
}
