package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/seslint/seslint/internal/finding"
	"github.com/seslint/seslint/internal/policy"
	"github.com/seslint/seslint/internal/source"
)

// duplicateStatement reports a statement identical to an earlier one apart
// from its Sid: compared with keys in any order, a scalar equal to a
// one-element list, lists as sets, and action names in any case.
var duplicateStatement = &Rule{
	ID: "SES604", Name: "duplicate-statement", Severity: finding.Note, Precision: "very-high",
	Summary: "Two statements are the same apart from their Sid",
	Check: func(p *Pass) {
		if p.Policy == nil || len(p.Policy.Statements) < 2 {
			return
		}
		// Canonical forms cost allocations; only statements that agree on
		// cheap facts can be duplicates, and in most policies none do.
		shapes := map[dupShape]int{}
		for _, st := range p.Policy.Statements {
			shapes[dupShapeOf(st)]++
		}
		first := map[string]*policy.Statement{}
		for _, st := range p.Policy.Statements {
			if shapes[dupShapeOf(st)] < 2 {
				continue
			}
			key := dupCanonicalStatement(st.Node)
			prev, seen := first[key]
			if !seen {
				first[key] = st
				continue
			}
			p.Report(Diag{Span: dupStmtAnchor(st), Node: st.Node, Value: st.SidText(),
				Message: fmt.Sprintf("statement %d repeats statement %d apart from its Sid; remove one of them", st.Index+1, prev.Index+1),
				Related: []finding.Related{{Span: dupStmtAnchor(prev), Message: fmt.Sprintf("statement %d is here", prev.Index+1)}}})
		}
	},
}

// dupShape is what equal statements must share: their Effect, how many
// elements they have apart from the Sid, and how many conditions.
type dupShape struct {
	effect     string
	members    int
	conditions int
}

func dupShapeOf(st *policy.Statement) dupShape {
	sh := dupShape{members: len(st.Node.Members), conditions: len(st.Conditions)}
	if st.Effect != nil {
		sh.effect = st.Effect.Text
	}
	if st.Sid != nil {
		sh.members--
	}
	return sh
}

// dupStmtAnchor is where a finding about a whole statement points: its Sid,
// or else its opening brace.
func dupStmtAnchor(st *policy.Statement) source.Span {
	if st.Sid != nil {
		return st.Sid.Span
	}
	return source.Span{Start: st.Node.Span.Start, End: st.Node.Span.Start + 1}
}

// dupCanonicalStatement renders a statement without its Sid in a form where
// equivalent statements are equal strings.
func dupCanonicalStatement(n *source.Node) string {
	var b strings.Builder
	b.WriteByte('{')
	ms := slices.Clone(n.Members)
	slices.SortStableFunc(ms, func(x, y source.Member) int { return strings.Compare(x.Key, y.Key) })
	for _, m := range ms {
		if m.Key == "Sid" {
			continue
		}
		v := m.Value
		b.WriteString(jsonQuoted(m.Key) + ":")
		switch {
		case (m.Key == "Principal" || m.Key == "NotPrincipal") && v.Kind == source.String && v.Text == "*":
			// "*" is the same as {"AWS": "*"}.
			b.WriteString(`{"AWS":"*",}`) // as dupCanonicalValue writes the object
		default:
			b.WriteString(dupCanonicalValue(v, m.Key == "Action" || m.Key == "NotAction"))
		}
		b.WriteByte(',')
	}
	b.WriteByte('}')
	return b.String()
}

// dupCanonicalValue renders a JSON value with sorted keys, lists as sorted
// sets, a one-element list as its element, and strings folded to lower
// case when fold is set (action names are case-insensitive).
func dupCanonicalValue(n *source.Node, fold bool) string {
	switch n.Kind {
	case source.String:
		if fold {
			return jsonQuoted(strings.ToLower(n.Text))
		}
		return jsonQuoted(n.Text)
	case source.Array:
		var elems []string
		for _, e := range n.Elems {
			elems = append(elems, dupCanonicalValue(e, fold))
		}
		slices.Sort(elems)
		elems = slices.Compact(elems)
		if len(elems) == 1 {
			return elems[0]
		}
		return "[" + strings.Join(elems, ",") + "]"
	case source.Object:
		ms := slices.Clone(n.Members)
		slices.SortStableFunc(ms, func(x, y source.Member) int { return strings.Compare(x.Key, y.Key) })
		var b strings.Builder
		b.WriteByte('{')
		for _, m := range ms {
			b.WriteString(jsonQuoted(m.Key) + ":" + dupCanonicalValue(m.Value, fold) + ",")
		}
		b.WriteByte('}')
		return b.String()
	}
	return n.Text
}
