package apply

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/seslint/seslint/internal/awsdata"
	"github.com/seslint/seslint/internal/policy"
)

// Widens compares the policy on SES (old, "" when there is none) with the
// policy to put (new, "" for a delete) and returns, in the order of the new
// policy's statements, every way the change widens access:
//
//   - a new public grant: an Allow to "*" with no condition that pins down
//     the caller or the network (awsdata.CallerPinningKeys, SourceIPKeys);
//   - a new principal: one no Allow statement of the old policy names;
//   - a new action or resource for a principal that had others;
//   - a condition removed from, or loosened in, the grant that covered the
//     same principal, action and resource before;
//   - a Deny statement removed or changed, since a Deny takes access away;
//   - a statement with NotPrincipal, NotAction or NotResource that was not
//     there before, whose reach seslint does not work out.
//
// The analysis is conservative: it may call a narrowing change that it
// cannot prove narrow a widening, never the reverse. Documents that do not
// parse compare as an opaque replacement.
func Widens(old, new string) []string {
	var before, after []*grant
	if old != "" {
		v, err := decode(old)
		if err != nil {
			return []string{"the policy on SES is not valid JSON; seslint cannot tell what the change does"}
		}
		before = grants(v)
	}
	if new != "" {
		v, err := decode(new)
		if err != nil {
			return []string{"the new policy is not valid JSON"}
		}
		after = grants(v)
	}
	w := &widening{seen: map[string]bool{}}
	for _, s := range after {
		switch {
		case s.effect == "Allow" && s.hasNot:
			if !containsStatement(before, s) {
				w.add("%s uses %s; seslint cannot tell whose access it grants", s.label, s.notWhat)
			}
		case s.effect == "Allow":
			w.allow(s, before)
		}
	}
	for _, s := range before {
		if s.effect == "Deny" && !containsStatement(after, s) {
			if new == "" {
				w.add("deletes deny %s, which takes access away", s.label)
			} else {
				w.add("deny %s removed or changed", s.label)
			}
		}
	}
	return w.reasons
}

type widening struct {
	reasons []string
	seen    map[string]bool
}

func (w *widening) add(format string, args ...any) {
	r := fmt.Sprintf(format, args...)
	if !w.seen[r] {
		w.seen[r] = true
		w.reasons = append(w.reasons, r)
	}
}

// allow finds, for each principal, action and resource the new Allow
// statement grants, the old grants that covered it, and reports what is new.
func (w *widening) allow(s *grant, before []*grant) {
	public := s.isPublic()
	for _, p := range s.principals {
		for _, a := range s.actions {
			for _, r := range s.resources {
				var covering []*grant
				for _, o := range before {
					if o.effect == "Allow" && !o.hasNot && o.coversPrincipal(p) && covers(o.actions, a, true) && covers(o.resources, r, false) {
						covering = append(covering, o)
					}
				}
				if len(covering) == 0 {
					w.uncovered(s, p, a, r, public, before)
					continue
				}
				if slices.ContainsFunc(covering, func(o *grant) bool { return len(loosened(o, s)) == 0 }) {
					continue
				}
				if public && !slices.ContainsFunc(covering, (*grant).isPublic) {
					w.add("new public grant: %s lets anyone call %q (%s)", s.label, a.shown, strings.Join(loosened(covering[0], s), "; "))
					continue
				}
				for _, l := range loosened(covering[0], s) {
					w.add("%s in %s", l, s.label)
				}
			}
		}
	}
}

func (w *widening) uncovered(s *grant, p principalRef, a, r value, public bool, before []*grant) {
	if public {
		w.add("new public grant: %s lets anyone call %q", s.label, a.shown)
		return
	}
	hadPrincipal := slices.ContainsFunc(before, func(o *grant) bool {
		return o.effect == "Allow" && !o.hasNot && o.coversPrincipal(p)
	})
	if !hadPrincipal {
		w.add("new principal %s in %s", p.shown, s.label)
		return
	}
	hadAction := slices.ContainsFunc(before, func(o *grant) bool {
		return o.effect == "Allow" && !o.hasNot && o.coversPrincipal(p) && covers(o.actions, a, true)
	})
	if !hadAction {
		w.add("new action %q for %s in %s", a.shown, p.shown, s.label)
		return
	}
	w.add("new resource %q for %s in %s", r.shown, p.shown, s.label)
}

// grant is one statement, read for comparison.
type grant struct {
	label      string // `statement "Sid"` or `statement 2`
	effect     string
	principals []principalRef
	actions    []value
	resources  []value
	conditions []condition
	hasNot     bool
	notWhat    string
	// canon is the statement's canonical text without its Sid, to tell
	// whether a statement is still there.
	canon string
}

type value struct {
	match string // lower-cased for actions, as written otherwise
	shown string
}

type principalRef struct {
	key string // canonical: "*", "account:123456789012", "AWS:arn...", "Service:ses.amazonaws.com"
	// account is the account of an AWS principal given by account or ARN.
	account string
	shown   string
}

type condition struct {
	operator string
	key      string // lower-cased: IAM compares key names without case
	shownKey string
	values   []string
}

func grants(doc any) []*grant {
	root, _ := doc.(map[string]any)
	var stmts []any
	switch st := root["Statement"].(type) {
	case []any:
		stmts = st
	case map[string]any:
		stmts = []any{st}
	}
	var out []*grant
	for i, e := range stmts {
		m, ok := e.(map[string]any)
		if !ok {
			continue
		}
		g := &grant{label: fmt.Sprintf("statement %d", i+1)}
		if sid, ok := m["Sid"].(string); ok && sid != "" {
			g.label = fmt.Sprintf("statement %q", sid)
		}
		g.effect, _ = m["Effect"].(string)
		for _, k := range []string{"NotPrincipal", "NotAction", "NotResource"} {
			if _, ok := m[k]; ok {
				g.hasNot, g.notWhat = true, k
				break
			}
		}
		g.principals = principals(m["Principal"])
		for _, a := range stringList(m["Action"]) {
			g.actions = append(g.actions, value{match: strings.ToLower(a), shown: a})
		}
		for _, r := range stringList(m["Resource"]) {
			g.resources = append(g.resources, value{match: r, shown: r})
		}
		if len(g.resources) == 0 {
			// No Resource is invalid; read it as the widest, to stay
			// on the safe side.
			g.resources = []value{{match: "*", shown: "*"}}
		}
		if c, ok := m["Condition"].(map[string]any); ok {
			for op, kv := range c {
				keys, _ := kv.(map[string]any)
				for k, v := range keys {
					g.conditions = append(g.conditions, condition{operator: op, key: strings.ToLower(k), shownKey: k, values: scalarList(v)})
				}
			}
		}
		slices.SortFunc(g.conditions, func(a, b condition) int {
			return strings.Compare(a.operator+"\x00"+a.key, b.operator+"\x00"+b.key)
		})
		without := make(map[string]any, len(m))
		for k, v := range m {
			if k != "Sid" {
				without[k] = v
			}
		}
		g.canon = encodeCanonical(canonical(without))
		out = append(out, g)
	}
	return out
}

// principals reads a Principal element. "*" and {"AWS": "*"} are everyone;
// a bare account ID and the account's root ARN are the same principal.
func principals(v any) []principalRef {
	switch x := v.(type) {
	case string:
		if x == "*" {
			return []principalRef{{key: "*", shown: `"*"`}}
		}
		return []principalRef{{key: "?:" + x, shown: fmt.Sprintf("%q", x)}}
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		var out []principalRef
		for _, k := range keys {
			for _, id := range stringList(x[k]) {
				out = append(out, principalKey(k, id))
			}
		}
		return out
	}
	return nil
}

func principalKey(kind, id string) principalRef {
	shown := fmt.Sprintf("%s %q", kind, id)
	if kind == "AWS" {
		if id == "*" {
			return principalRef{key: "*", shown: shown}
		}
		if policy.IsAccountID(id) {
			return principalRef{key: "account:" + id, account: id, shown: shown}
		}
		if a, ok := policy.ParseARN(id); ok && (a.Service == "iam" || a.Service == "sts") {
			if a.Resource == "root" {
				return principalRef{key: "account:" + a.Account, account: a.Account, shown: shown}
			}
			return principalRef{key: kind + ":" + id, account: a.Account, shown: shown}
		}
	}
	if kind == "Service" {
		return principalRef{key: kind + ":" + strings.ToLower(id), shown: shown}
	}
	return principalRef{key: kind + ":" + id, shown: shown}
}

// coversPrincipal reports whether the statement names p, everyone, or p's
// account: an account principal trusts the account, which may pass the
// access on to any of its users and roles.
func (g *grant) coversPrincipal(p principalRef) bool {
	for _, q := range g.principals {
		if q.key == "*" || q.key == p.key || (strings.HasPrefix(q.key, "account:") && q.account == p.account) {
			return true
		}
	}
	return false
}

// isPublic reports an Allow to everyone that no condition pins down.
func (g *grant) isPublic() bool {
	if !slices.ContainsFunc(g.principals, func(p principalRef) bool { return p.key == "*" }) {
		return false
	}
	for _, c := range g.conditions {
		if restricting[c.key] {
			return false
		}
	}
	return true
}

var restricting = func() map[string]bool {
	m := map[string]bool{}
	for _, k := range append(awsdata.CallerPinningKeys(), awsdata.SourceIPKeys()...) {
		m[strings.ToLower(k)] = true
	}
	return m
}()

// covers reports whether one of the patterns grants v. Action and resource
// patterns honour "*" and "?". A pattern covers a value that holds
// wildcards itself only when it matches it as text with "*" alone, which is
// sound: whatever the value's "*" stands for, the pattern's "*" absorbs.
func covers(patterns []value, v value, fold bool) bool {
	for _, p := range patterns {
		pat, s := p.match, v.match
		if fold {
			pat, s = strings.ToLower(pat), strings.ToLower(s)
		}
		if pat == s {
			return true
		}
		if strings.ContainsRune(s, '*') || strings.ContainsRune(s, '?') {
			if !strings.ContainsRune(pat, '?') && glob(pat, s) {
				return true
			}
			continue
		}
		if glob(pat, s) {
			return true
		}
	}
	return false
}

// glob matches s against a pattern of literal characters, "*" (any run)
// and "?" (any one character).
func glob(pattern, s string) bool {
	p, t := []rune(pattern), []rune(s)
	pi, ti, star, mark := 0, 0, -1, 0
	for ti < len(t) {
		switch {
		case pi < len(p) && (p[pi] == '?' || p[pi] == t[ti]):
			pi++
			ti++
		case pi < len(p) && p[pi] == '*':
			star, mark = pi, ti
			pi++
		case star >= 0:
			pi = star + 1
			mark++
			ti = mark
		default:
			return false
		}
	}
	for pi < len(p) && p[pi] == '*' {
		pi++
	}
	return pi == len(p)
}

// loosened lists how the new statement's conditions are weaker than the
// old one's: each old condition must still be there, as strict or stricter.
// Conditions the new statement adds only narrow it.
func loosened(old, new *grant) []string {
	var out []string
	for _, oc := range old.conditions {
		i := slices.IndexFunc(new.conditions, func(nc condition) bool { return nc.operator == oc.operator && nc.key == oc.key })
		if i < 0 {
			if slices.ContainsFunc(new.conditions, func(nc condition) bool {
				return nc.operator == oc.operator+"IfExists" && nc.key == oc.key
			}) {
				out = append(out, fmt.Sprintf("condition %s %q loosened to %sIfExists, which passes when the key is absent", oc.operator, oc.shownKey, oc.operator))
				continue
			}
			out = append(out, fmt.Sprintf("condition %s %q removed", oc.operator, oc.shownKey))
			continue
		}
		nc := new.conditions[i]
		op, err := awsdata.ParseOperator(oc.operator)
		if err != nil {
			if !slices.Equal(oc.values, nc.values) {
				out = append(out, fmt.Sprintf("condition %s %q changed", oc.operator, oc.shownKey))
			}
			continue
		}
		if op.Base.Negated {
			// A negated operator allows what none of its values
			// matches: dropping a value lets it through.
			for _, v := range oc.values {
				if !slices.Contains(nc.values, v) {
					out = append(out, fmt.Sprintf("condition %s %q no longer excludes %q", oc.operator, oc.shownKey, v))
				}
			}
			continue
		}
		var patterns []value
		for _, v := range oc.values {
			patterns = append(patterns, value{match: v})
		}
		for _, v := range nc.values {
			var ok bool
			switch {
			case op.Base.Wildcards:
				ok = covers(patterns, value{match: v}, op.Base.IgnoreCase)
			case op.Base.IgnoreCase:
				ok = slices.ContainsFunc(oc.values, func(o string) bool { return strings.EqualFold(o, v) })
			default:
				ok = slices.Contains(oc.values, v)
			}
			if !ok {
				out = append(out, fmt.Sprintf("condition %s %q loosened: it now also accepts %q", oc.operator, oc.shownKey, v))
			}
		}
	}
	return out
}

func containsStatement(list []*grant, s *grant) bool {
	return slices.ContainsFunc(list, func(o *grant) bool { return o.canon == s.canon })
}

func stringList(v any) []string {
	switch x := v.(type) {
	case string:
		return []string{x}
	case []any:
		var out []string
		for _, e := range x {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// scalarList reads condition values: strings, numbers and booleans, as text.
func scalarList(v any) []string {
	one := func(e any) (string, bool) {
		switch x := e.(type) {
		case string:
			return x, true
		case json.Number:
			return string(x), true
		case bool:
			if x {
				return "true", true
			}
			return "false", true
		}
		return "", false
	}
	if list, ok := v.([]any); ok {
		var out []string
		for _, e := range list {
			if s, ok := one(e); ok {
				out = append(out, s)
			}
		}
		return out
	}
	if s, ok := one(v); ok {
		return []string{s}
	}
	return nil
}
