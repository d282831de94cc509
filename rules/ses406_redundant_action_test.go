package rules

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/seslint/seslint/internal/finding"
	"github.com/seslint/seslint/internal/input"
	"github.com/seslint/seslint/internal/policy"
	"github.com/seslint/seslint/internal/source"
)

// checkRedundantActionsAllPairs is checkRedundantActions before it passed
// over pairs of exact names of different actions: the reference
// FuzzRedundantActions holds it to.
func checkRedundantActionsAllPairs(p *Pass, list *source.Node, vals []actionValue) {
	for i, ev := range vals {
		if !ev.known() {
			continue
		}
		e := ev.Node
		var by *source.Node
		dup := false
		for j, ov := range vals {
			if j == i || !ov.known() {
				continue
			}
			o := ov.Node
			same := equalFold(o.Text, e.Text)
			switch {
			case j < i && same:
				by, dup = o, true
			case !same && actionCovers(o.Text, e.Text) && (j < i || !actionCovers(e.Text, o.Text)):
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

// FuzzRedundantActions holds SES406 to comparing every pair, on an Action
// and a NotAction array of the actions given one per line.
func FuzzRedundantActions(f *testing.F) {
	f.Add("ses:SendEmail\nses:sendemail\nses:Send*\nses:SendRawEmail\n*\nses:Send**\nSES:SendEmail\nſes:SendEmail\nses:Sen?Email\nses:X")
	f.Add("ses:GetAccount\nses:Get*\nses:SendBounce\nses:SENDBOUNCE\nses:SendEmail")
	f.Add("ses:*\nses:ListIdentities\nses:ListIdentities\nec2:RunInstances\nses:sendemaiL\nses:SendEmail")
	f.Fuzz(func(t *testing.T, lines string) {
		acts := strings.Split(lines, "\n")
		if len(acts) > 12 {
			acts = acts[:12]
		}
		text, err := json.Marshal(map[string]any{"Statement": []any{
			map[string]any{"Action": acts}, map[string]any{"NotAction": acts},
		}})
		if err != nil {
			return
		}
		u := input.Load(source.Parse("p.json", text), input.Hints{})
		if u.Policy == nil || u.Policy.Root == nil {
			return
		}
		pol := policy.New(u.Policy.Root)
		got := Pass{Unit: u, Policy: pol, rule: redundantAction, severity: redundantAction.Severity}
		redundantAction.Check(&got)
		want := Pass{Unit: u, Policy: pol, rule: redundantAction, severity: redundantAction.Severity}
		for _, st := range pol.Statements {
			vals := want.actions(st)
			if n := st.ActionNode; n != nil && n.Kind == source.Array {
				checkRedundantActionsAllPairs(&want, n, vals[:len(st.Action)])
			}
			if n := st.NotActionNode; n != nil && n.Kind == source.Array {
				checkRedundantActionsAllPairs(&want, n, vals[len(st.Action):])
			}
		}
		if !reflect.DeepEqual(got.out, want.out) {
			t.Errorf("%q:\n got %v\nwant %v", acts, got.out, want.out)
		}
	})
}
