package rules

import (
	"fmt"
	"strings"

	"github.com/seslint/seslint/internal/finding"
	"github.com/seslint/seslint/internal/policy"
)

// wildcardResource reports "*" or a wildcard in a Resource. SES requires
// the exact ARN of the identity the policy is attached to; the one
// documented exception is a "*" Region, which SES Global endpoints use.
var wildcardResource = &Rule{
	ID: "SES203", Name: "wildcard-resource", Severity: finding.Error, Precision: "very-high",
	Summary: `The Resource is "*" or has a wildcard; SES requires the exact ARN of the policy's identity`,
	Check: func(p *Pass) {
		if p.Policy == nil {
			return
		}
		// The fix is worked out at the first wildcard: most policies have none.
		exact, exactKnown := "", false
		for _, st := range p.Policy.Statements {
			for _, r := range st.Resource {
				where := resWildcardParts(r.Text)
				if where == "" {
					continue
				}
				if !exactKnown {
					exact, exactKnown = resExactARN(p), true
				}
				msg := fmt.Sprintf("resource %q has a wildcard %s; SES requires the exact ARN of the identity the policy is attached to", r.Text, where)
				if r.Text == "*" {
					msg = `"Resource": "*" matches every identity; SES requires the exact ARN of the identity the policy is attached to`
				}
				d := Diag{Span: r.Span, Node: r, Value: r.Text, Message: msg}
				if exact != "" {
					d.Message += fmt.Sprintf(": %q", exact)
					d.Fix = Replace(fmt.Sprintf("Change to %q", exact), r, resJSONString(exact))
				} else {
					d.Message += fmt.Sprintf(" (%s)", resARNForm)
				}
				p.Report(d)
			}
		}
	},
}

// resWildcardParts names the parts of s that hold a wildcard ("in the
// identity name"), or "" when there is none. A "*" Region alone is the
// documented form for SES Global endpoints and does not count.
func resWildcardParts(s string) string {
	if !hasWildcard(s) {
		return ""
	}
	a, ok := policy.ParseARN(s)
	if !ok {
		return "in place of an ARN"
	}
	var parts []string
	add := func(v, name string) {
		if hasWildcard(v) {
			parts = append(parts, name)
		}
	}
	add(a.Partition, "partition")
	add(a.Service, "service")
	if a.Region != "*" {
		add(a.Region, "Region")
	}
	add(a.Account, "account")
	typ, name, _ := strings.Cut(a.Resource, "/")
	add(typ, "resource type")
	add(name, "identity name")
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return "in the " + parts[0]
	}
	return "in the " + strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

// resExactARN is the identity ARN a wildcard resource should be replaced
// with, when seslint knows it: the Identity itself when given as an ARN,
// else the one exact identity ARN the policy's other statements all name
// (and which matches the known identity name).
func resExactARN(p *Pass) string {
	f := p.Unit.Identity
	var want identRef
	known := false
	if f.Known {
		ref, ok := identParse(f.Value)
		if !ok {
			return ""
		}
		if ref.IsARN {
			return f.Value
		}
		want, known = ref, true
	}
	exact := ""
	for r := range resIdentities(p) {
		if hasWildcard(r.node.Text) || (known && !identSameName(r.ref.Name, want.Name)) {
			return ""
		}
		if exact != "" && exact != r.node.Text {
			return ""
		}
		exact = r.node.Text
	}
	return exact
}
