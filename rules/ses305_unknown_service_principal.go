package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/seslint/seslint/internal/awsdata"
	"github.com/seslint/seslint/internal/finding"
	"github.com/seslint/seslint/internal/source"
)

// unknownServicePrincipal reports a well-formed service principal that is
// not documented as sending through SES, with a did-you-mean for typos.
var unknownServicePrincipal = &Rule{
	ID: "SES305", Name: "unknown-service-principal", Severity: finding.Warning, Precision: "medium",
	Summary: "A service principal is not one known to send through SES, or is a misspelling of one",
	Check: func(p *Pass) {
		for _, st := range stmtsOf(p) {
			principalValues(st, "Service", func(v *source.Node) {
				if !awsdata.ValidServicePrincipalForm(v.Text) || awsdata.KnownSESServicePrincipal(v.Text) {
					return // SES301's, or fine
				}
				d := Diag{Span: v.Span, Node: v, Value: v.Text}
				if strings.HasSuffix(v.Text, chinaServiceSuffix) {
					d.Message = fmt.Sprintf("service principal %q belongs to the China partition, where SES is not offered; remove it", v.Text)
				} else if sug, ok := suggestServicePrincipal(v.Text); ok {
					d.Message = fmt.Sprintf("service principal %q is not known to send through SES; did you mean %q?", v.Text, sug)
					if awsdata.EditDistance(v.Text, sug) <= 2 {
						d.Fix = Replace(fmt.Sprintf("Change to %q", sug), v, fmt.Sprintf("%q", sug))
					}
				} else {
					d.Message = fmt.Sprintf("service principal %q is not known to send through SES (documented: %s); check that the service sends as this identity, or remove it", v.Text, knownServicePrincipals())
				}
				p.Report(d)
			})
		}
	},
}

// chinaServiceSuffix ends the service principals of the aws-cn partition,
// which has no SES Region (reference table 5).
const chinaServiceSuffix = ".amazonaws.com.cn"

// suggestServicePrincipal finds a documented principal close to s: a
// misspelt name, or a Regional Cognito form with a misspelt Region.
func suggestServicePrincipal(s string) (string, bool) {
	var names []string
	for _, sp := range awsdata.ServicePrincipals() {
		if sp.Regional {
			head, tail, _ := strings.Cut(sp.Name, "<region>")
			if mid, ok := strings.CutPrefix(s, head); ok {
				if region, ok := strings.CutSuffix(mid, tail); ok {
					if r, ok := awsdata.Suggest(region, allRegionIDs()); ok {
						return head + r + tail, true
					}
				}
			}
			continue
		}
		names = append(names, sp.Name)
	}
	return awsdata.Suggest(s, names)
}

func knownServicePrincipals() string {
	var q []string
	for _, sp := range awsdata.ServicePrincipals() {
		q = append(q, fmt.Sprintf("%q", sp.Name))
	}
	slices.Sort(q)
	return strings.Join(q, ", ")
}

func allRegionIDs() []string {
	var out []string
	for _, p := range awsdata.Partitions() {
		out = append(out, p.Regions...)
	}
	return out
}
