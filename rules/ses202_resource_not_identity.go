package rules

import (
	"fmt"
	"iter"

	"github.com/seslint/seslint/internal/finding"
	"github.com/seslint/seslint/internal/input"
	"github.com/seslint/seslint/internal/policy"
	"github.com/seslint/seslint/internal/source"
)

// resourceNotIdentity reports a Resource naming another identity than the
// one the policy is attached to, or statements naming different identities.
var resourceNotIdentity = &Rule{
	ID: "SES202", Name: "resource-not-identity", Severity: finding.Error, Precision: "high",
	Summary: "The Resource names another identity, Region or account than the one the policy is attached to",
	Check: func(p *Pass) {
		if p.Policy == nil {
			return
		}
		if f := p.Unit.Identity; f.Known {
			want, ok := identParse(f.Value)
			if !ok {
				return // SES102's finding
			}
			for r := range resIdentities(p) {
				what := resMismatch(r.ref, want)
				if what == "" {
					continue
				}
				d := Diag{Span: r.node.Span, Node: r.node, Value: r.node.Text,
					Message: fmt.Sprintf("resource %s, but the policy is attached to %q (%s); SES requires the ARN of the policy's own identity",
						what, f.Value, identOriginWords(f.Origin))}
				if want.IsARN {
					d.Fix = Replace(fmt.Sprintf("Change to %q", f.Value), r.node, resJSONString(f.Value))
				}
				p.Report(d)
			}
			return
		}
		// No identity known: the statements must at least agree.
		var first resIdentity
		for r := range resIdentities(p) {
			if first.node == nil {
				first = r
				continue
			}
			if r.st == first.st {
				continue // several resources in one statement are SES204's
			}
			if what := resMismatch(r.ref, first.ref); what != "" {
				p.Report(Diag{Span: r.node.Span, Node: r.node, Value: r.node.Text,
					Message: fmt.Sprintf("resource %s, but statement %d names %q; a policy is attached to one identity, and every statement must name it",
						what, first.st.Index+1, first.node.Text)})
			}
		}
	},
}

type resIdentity struct {
	node *source.Node
	st   *policy.Statement
	ref  identRef
}

// resIdentities yields the Resource values that are SES identity ARNs
// with a name free of wildcards; the others are SES201's and SES203's.
// Yielding rather than collecting them keeps SES202 and SES203 from
// allocating.
func resIdentities(p *Pass) iter.Seq[resIdentity] {
	return func(yield func(resIdentity) bool) {
		for _, st := range p.Policy.Statements {
			for _, r := range st.Resource {
				a, ok := p.parseARN(r.Text)
				if !ok || a.Service != "ses" || p.hasTemplate(r.Text) {
					continue
				}
				name, ok := a.IdentityName()
				if !ok || name == "" || hasWildcard(name) {
					continue
				}
				if !yield(resIdentity{node: r, st: st,
					ref: identRef{Name: name, Partition: a.Partition, Region: a.Region, Account: a.Account, IsARN: true}}) {
					return
				}
			}
		}
	}
}

// resMismatch says how got differs from want, or "". Parts holding a
// wildcard, and parts want does not know, match anything.
func resMismatch(got, want identRef) string {
	if !identSameName(got.Name, want.Name) {
		return fmt.Sprintf("names identity %q", got.Name)
	}
	if !want.IsARN {
		return ""
	}
	differ := func(a, b string) bool { return a != b && !hasWildcard(a) && !hasWildcard(b) }
	switch {
	case differ(got.Partition, want.Partition):
		return fmt.Sprintf("is in partition %q", got.Partition)
	case differ(got.Region, want.Region):
		return fmt.Sprintf("is in Region %q", got.Region)
	case differ(got.Account, want.Account):
		return fmt.Sprintf("is in account %q", got.Account)
	}
	return ""
}

func identOriginWords(o input.Origin) string {
	switch o {
	case input.FromRequest:
		return "the request's Identity"
	case input.FromFlag:
		return "from the --identity flag"
	case input.FromConfig:
		return "from the config file's mapping"
	case input.FromPath:
		return "from the folder name"
	case input.FromTerraform:
		return "from the Terraform configuration"
	case input.FromPlan:
		return "from the Terraform plan"
	}
	return string(o)
}
