package rules

import (
	"fmt"

	"github.com/seslint/seslint/internal/finding"
	"github.com/seslint/seslint/internal/source"
)

// redundantAction reports an action listed twice in one statement (in any
// case), or already covered by a wildcard of the same statement.
var redundantAction = &Rule{
	ID: "SES406", Name: "redundant-action", Severity: finding.Note, Precision: "very-high",
	Summary: `An action is listed twice in a statement, or is already covered by a wildcard there ("ses:Send*" with "ses:SendEmail")`,
	Check: func(p *Pass) {
		for _, st := range stmtsOf(p) {
			vals := p.actions(st)
			if n := st.ActionNode; n != nil && n.Kind == source.Array {
				checkRedundantActions(p, n, vals[:len(st.Action)])
			}
			if n := st.NotActionNode; n != nil && n.Kind == source.Array {
				checkRedundantActions(p, n, vals[len(st.Action):])
			}
		}
	},
}

// checkRedundantActions checks the array list, whose string elements are
// vals. Only SES actions and patterns matching one take part; anything else
// is SES401's.
func checkRedundantActions(p *Pass, list *source.Node, vals []actionValue) {
	for i, ev := range vals {
		if !ev.known() {
			continue
		}
		e := ev.Node
		var by *source.Node
		dup := false
		for j, ov := range vals {
			if j == i || !ov.known() {
				continue // an element neither repeats nor covers itself
			}
			// Two exact names of different actions neither repeat nor cover
			// each other: their names differ in ASCII case folding, so the
			// texts differ in any folding. Most pairs are such, and this
			// spares comparing their texts twice.
			if !ev.Wildcard && !ov.Wildcard && &ev.Matches[0] != &ov.Matches[0] {
				continue
			}
			o := ov.Node
			same := equalFold(o.Text, e.Text)
			switch {
			case j < i && same:
				by, dup = o, true
			case !same && actionCovers(o.Text, e.Text) && (j < i || !actionCovers(e.Text, o.Text)):
				// Two spellings that cover each other ("ses:Send*",
				// "ses:Send**") are the same: report the later one.
				by = o
			default:
				continue
			}
			break
		}
		if by == nil {
			continue
		}
		d := Diag{Span: e.Span, Node: e, Value: e.Text, Fix: removeElementFix(list, e)}
		if dup {
			d.Message = fmt.Sprintf("action %q is listed twice in this statement; remove the repeat", e.Text)
			d.Related = []finding.Related{{Span: by.Span, Message: "first listed here"}}
		} else {
			d.Message = fmt.Sprintf("action %q is already covered by %q in this statement; remove it", e.Text, by.Text)
			d.Related = []finding.Related{{Span: by.Span, Message: "the wildcard that covers it"}}
		}
		p.Report(d)
	}
}

// actionCovers reports whether every action the pattern b can match, now or
// in future, is matched by the pattern a, comparing the texts: a's "*"
// matches any run of b's characters, a's "?" any one character other than
// b's "*", and letters match without regard to case.
func actionCovers(a, b string) bool {
	if a == "*" {
		return true
	}
	if !hasWildcard(a) {
		// What globCovers works out one recursive call per character.
		return equalFoldASCII(a, b)
	}
	return globCovers(a, b)
}

func globCovers(a, b string) bool {
	if a == "" {
		return b == ""
	}
	switch a[0] {
	case '*':
		for k := 0; k <= len(b); k++ {
			if globCovers(a[1:], b[k:]) {
				return true
			}
		}
		return false
	case '?':
		return b != "" && b[0] != '*' && globCovers(a[1:], b[1:])
	}
	return b != "" && b[0] != '*' && b[0] != '?' && lowerASCIIByte(a[0]) == lowerASCIIByte(b[0]) && globCovers(a[1:], b[1:])
}

func lowerASCIIByte(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// removeElementFix removes e from the array list, with the comma that
// separates it from its neighbour.
func removeElementFix(list *source.Node, e *source.Node) *finding.Fix {
	i := e.Index
	var span source.Span
	switch {
	case len(list.Elems) < 2:
		return nil
	case i > 0:
		span = source.Span{Start: list.Elems[i-1].Span.End, End: e.Span.End}
	default:
		span = source.Span{Start: e.Span.Start, End: list.Elems[i+1].Span.Start}
	}
	return &finding.Fix{Title: fmt.Sprintf("Remove %q", e.Text), Edits: []finding.Edit{{Span: span, NewText: ""}}}
}

// equalFoldASCII reports whether a and b are equal with ASCII letters
// compared without regard to case.
func equalFoldASCII(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		if lowerASCIIByte(a[i]) != lowerASCIIByte(b[i]) {
			return false
		}
	}
	return true
}
