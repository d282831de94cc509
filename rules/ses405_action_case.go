package rules

import (
	"fmt"
	"strings"

	"github.com/seslint/seslint/internal/awsdata"
	"github.com/seslint/seslint/internal/finding"
)

// actionCase reports an SES action not written in its canonical case. IAM
// matches actions without regard to case, so this is a note: the canonical
// spelling is what AWS documents, searches find and reviewers expect.
var actionCase = &Rule{
	ID: "SES405", Name: "action-case", Severity: finding.Note, Precision: "very-high",
	Summary: `An SES action is not in canonical case ("SES:SendEmail", "ses:sendemail" for "ses:SendEmail")`,
	Check: func(p *Pass) {
		for _, st := range stmtsOf(p) {
			for _, a := range p.actions(st) {
				v := a.Node
				if !a.known() || v.Text == "*" || spelledCanonically(v.Text, a.sesAction) {
					continue
				}
				canon := awsdata.ActionPrefix + ":" + canonicalActionName(a.sesAction)
				d := Diag{Span: v.Span, Node: v, Value: v.Text,
					Message: fmt.Sprintf("action %q is not in canonical case; write %q", v.Text, canon),
					Fix:     Replace(fmt.Sprintf("Change to %q", canon), v, fmt.Sprintf("%q", canon))}
				p.Report(d)
			}
		}
	},
}

// spelledCanonically reports whether s is "ses:" and a's canonical name,
// comparing in parts so that the usual, canonical case builds no string.
func spelledCanonically(s string, a sesAction) bool {
	name, star := canonicalActionParts(a)
	rest, ok := strings.CutPrefix(s, awsdata.ActionPrefix+":")
	if ok && star {
		rest, ok = strings.CutSuffix(rest, "*")
	}
	return ok && rest == name
}
