package rules

import (
	"fmt"

	"github.com/seslint/seslint/internal/finding"
	"github.com/seslint/seslint/internal/policy"
	"github.com/seslint/seslint/internal/source"
)

// duplicateSid reports a Sid used by an earlier statement. IAM requires
// unique Sids in its own policies; whether SES does is unverified, but a
// repeated Sid also makes an ignore in .seslint.yaml ambiguous.
var duplicateSid = &Rule{
	ID: "SES602", Name: "duplicate-sid", Severity: finding.Warning, Precision: "very-high",
	Summary: "Two statements have the same Sid",
	Check: func(p *Pass) {
		if p.Policy == nil {
			return
		}
		stmts := p.Policy.Statements
		var first map[string]int // only for policies of many statements
		if len(stmts) > sidScanMax {
			first = make(map[string]int, len(stmts))
		}
		for i, st := range stmts {
			sid, ok := sidText(st)
			if !ok {
				continue
			}
			j := earlierSid(stmts, i, sid, first)
			if j < 0 {
				continue
			}
			prev := stmts[j]
			p.Report(Diag{Span: st.Sid.Span, Node: st.Sid, Value: sid,
				Message: fmt.Sprintf("Sid %q is already used by statement %d; give each statement its own Sid (IAM requires unique Sids, and ignores in .seslint.yaml name statements by Sid)", sid, prev.Index+1),
				Related: []finding.Related{{Span: prev.Sid.Span, Message: fmt.Sprintf("statement %d's Sid %q is here", prev.Index+1, sid)}}})
		}
	},
}

// sidScanMax is the most statements whose Sids are compared one by one: a
// policy has a few, for which a map cost more than the compares.
const sidScanMax = 16

// sidText is st's Sid when it is a non-empty string.
func sidText(st *policy.Statement) (string, bool) {
	if sid := st.Sid; sid != nil && sid.Kind == source.String && sid.Text != "" {
		return sid.Text, true
	}
	return "", false
}

// earlierSid is the first statement before stmts[i] with Sid sid, or -1.
// With first, the first statement of each Sid seen so far, it looks there
// and records stmts[i] when it is the first; without, it compares the
// earlier statements' Sids.
func earlierSid(stmts []*policy.Statement, i int, sid string, first map[string]int) int {
	if first == nil {
		for j, st := range stmts[:i] {
			if s, ok := sidText(st); ok && s == sid {
				return j
			}
		}
		return -1
	}
	if j, ok := first[sid]; ok {
		return j
	}
	first[sid] = i
	return -1
}
