package rules

import (
	"fmt"
	"iter"
	"strings"

	"github.com/seslint/seslint/internal/awsdata"
	"github.com/seslint/seslint/internal/finding"
	"github.com/seslint/seslint/internal/source"
)

// likeWithoutWildcard reports a StringLike or StringNotLike value with no
// "*" or "?": it matches exactly, as StringEquals would. AWS's SES guide
// described "StringLike": {"ses:FromDisplayName": "Marketing"} as allowing
// any display name that includes "Marketing".
var likeWithoutWildcard = &Rule{
	ID: "SES507", Name: "like-without-wildcard", Severity: finding.Note, Precision: "high",
	Summary: "A StringLike or StringNotLike value has no * or ?, so it matches the whole value exactly, like StringEquals",
	Check: func(p *Pass) {
		if p.Policy == nil {
			return
		}
		for _, st := range p.Policy.Statements {
			forEachOperatorBlock(p, st, func(m *source.Member, op *awsdata.Operator) {
				// ArnLike and ArnEquals are the same operator (S8), so a
				// wildcard-free ArnLike, as in AWS's Cognito example on
				// aws:SourceArn, means exactly what it says.
				if op.Base.Name != "StringLike" && op.Base.Name != "StringNotLike" {
					return
				}
				blockHasWildcard := false
				var exact []*source.Node
				for _, km := range m.Value.Members {
					anyWild := false
					for v := range conditionStrings(km.Value) {
						if hasLikeWildcard(v.Text) {
							anyWild = true
						}
					}
					if anyWild {
						blockHasWildcard = true
						continue
					}
					// A list that mixes exact values with patterns is
					// idiomatic; a value written as a regular expression
					// is SES506's, and template text is SES009's.
					for v := range conditionStrings(km.Value) {
						if len(regexConstructs(v.Text)) == 0 && !p.hasTemplate(v.Text) {
							exact = append(exact, v)
						}
					}
				}
				if len(exact) == 0 {
					return
				}
				equals := *op
				equals.Base, _ = awsdata.LookupOperator(strings.Replace(op.Base.Name, "Like", "Equals", 1))
				eqName := equals.String()
				for _, v := range exact {
					key := v.Name
					if v.Parent != nil && v.Parent.Kind == source.Array {
						key = v.Parent.Name
					}
					msg := fmt.Sprintf("%q value %q has no \"*\" or \"?\", so it matches only a %q of exactly %q, as %q would",
						m.Key, v.Text, key, v.Text, eqName)
					if v.Text != "" && !strings.Contains(v.Text, "@") {
						// A display name is where "includes" is meant.
						msg += fmt.Sprintf("; write %q to match values that include it", "*"+v.Text+"*")
					}
					d := Diag{Span: v.Span, Node: v, Value: v.Text, Message: msg}
					if !blockHasWildcard && noSiblingNamed(m, eqName) {
						d.Fix = renameKeyFix(fmt.Sprintf("Change to %q", eqName), m.KeySpan, eqName)
					}
					p.Report(d)
				}
			})
		}
	},
}

// conditionStrings yields the strings of a condition value: the string
// itself, or the strings of an array. An iterator, not a slice, so that
// the rules that walk every value allocate nothing.
func conditionStrings(n *source.Node) iter.Seq[*source.Node] {
	return func(yield func(*source.Node) bool) {
		switch n.Kind {
		case source.String:
			yield(n)
		case source.Array:
			for _, e := range n.Elems {
				if e.Kind == source.String && !yield(e) {
					return
				}
			}
		}
	}
}
