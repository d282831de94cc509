package rules

import (
	"fmt"
	"strings"

	"github.com/seslint/seslint/internal/awsdata"
	"github.com/seslint/seslint/internal/finding"
)

// unsupportedAction reports a real SES action that an identity policy cannot
// grant: one that does not act on an identity resource, so the policy's one
// Resource, the identity, never matches it.
var unsupportedAction = &Rule{
	ID: "SES402", Name: "unsupported-action", Severity: finding.Error, Precision: "high",
	Summary: "An SES action that does not act on an identity, so an identity policy cannot grant it (ses:ListIdentities, ses:PutIdentityPolicy, ...)",
	Check: func(p *Pass) {
		for _, st := range stmtsOf(p) {
			verb := "cannot be granted by an identity policy"
			if stmtDenies(st) {
				verb = "has no effect in an identity policy"
			}
			for _, a := range p.actions(st) {
				if !a.known() || identityActionIn(a.Matches) {
					continue
				}
				v := a.Node
				if !a.Wildcard {
					p.At(v, "action %q %s: %s", v.Text, verb, whyNotIdentity(a.Matches[0]))
					continue
				}
				p.At(v, "action pattern %q %s: it matches only actions that do not act on an identity (%s)", v.Text, verb, actionSample(a.Matches))
			}
		}
	},
}

// identityActionIn reports whether some action can be granted by an
// identity policy: it accepts the identity resource, or the SES Developer
// Guide lists it for identity policies (the four export-job actions, which
// the SAR gives no identity resource; the guide is taken at its word).
func identityActionIn(as []awsdata.Action) bool {
	for _, a := range as {
		if a.Identity != awsdata.IdentityNo || a.InSESGuide {
			return true
		}
	}
	return false
}

func whyNotIdentity(a awsdata.Action) string {
	if alt, ok := awsdata.IdentityPolicyAlternative(a.Name); ok {
		return fmt.Sprintf(`since 2022 it takes only "Resource": "*", not an identity; use %q, which acts on the identity`, awsdata.ActionPrefix+":"+alt)
	}
	if awsdata.ActsOnAccount(a.Name) {
		return "it acts on the caller's own account, not on an identity; the delegate's own IAM policy grants it"
	}
	return "it does not act on an identity resource; remove it, or grant it with an IAM policy in the account that owns what it acts on"
}

// actionSample names up to three actions, sorted, and how many more.
func actionSample(as []awsdata.Action) string {
	var names []string
	for i, a := range as {
		if i == 3 {
			names = append(names, fmt.Sprintf("and %d more", len(as)-3))
			break
		}
		names = append(names, a.FullName())
	}
	return strings.Join(names, ", ")
}
