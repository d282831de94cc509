package rules

import (
	"fmt"
	"strings"
	"sync"

	"github.com/seslint/seslint/internal/finding"
	"github.com/seslint/seslint/internal/input"
	"github.com/seslint/seslint/internal/policy"
)

// Settings choose rules and their severities.
type Settings struct {
	// Disable and Enable name rules by ID or name; Enable wins, so a config
	// can turn everything off and a flag turn one rule back on.
	Disable []string
	Enable  []string
	// Severity overrides a rule's default; finding.None turns it off.
	Severity map[string]finding.Severity
	Options  Options
}

type active struct {
	rule     *Rule
	severity finding.Severity
}

// Engine runs the enabled rules. It is safe for concurrent use.
type Engine struct {
	active  []active
	options Options
}

// Lookup finds a rule by ID (any case) or name.
func Lookup(idOrName string) (*Rule, bool) {
	for _, r := range All() {
		if strings.EqualFold(r.ID, idOrName) || r.Name == idOrName {
			return r, true
		}
	}
	return nil, false
}

// UnknownRuleError names a rule that does not exist.
type UnknownRuleError struct{ Name string }

func (e *UnknownRuleError) Error() string {
	return fmt.Sprintf("unknown rule %q (see `seslint rules`)", e.Name)
}

// New builds an engine; an unknown rule name is an error, never ignored.
func New(s Settings) (*Engine, error) {
	sev := map[string]finding.Severity{}
	for _, r := range All() {
		sev[r.ID] = r.Severity
	}
	for name, v := range s.Severity {
		r, ok := Lookup(name)
		if !ok {
			return nil, &UnknownRuleError{name}
		}
		sev[r.ID] = v
	}
	for _, list := range []struct {
		names []string
		on    bool
	}{{s.Disable, false}, {s.Enable, true}} {
		for _, name := range list.names {
			r, ok := Lookup(name)
			if !ok {
				return nil, &UnknownRuleError{name}
			}
			switch {
			case !list.on:
				sev[r.ID] = finding.None
			case sev[r.ID] == finding.None:
				sev[r.ID] = r.Severity
				if v, ok := s.Severity[r.ID]; ok && v != finding.None {
					sev[r.ID] = v
				}
			}
		}
	}
	e := &Engine{options: s.Options}
	for _, r := range All() {
		if sev[r.ID] != finding.None {
			e.active = append(e.active, active{r, sev[r.ID]})
		}
	}
	return e, nil
}

// Enabled reports whether the rule with this ID runs, and at what severity.
func (e *Engine) Enabled(id string) (finding.Severity, bool) {
	for _, a := range e.active {
		if a.rule.ID == id {
			return a.severity, true
		}
	}
	return finding.None, false
}

// LintUnit runs the per-unit rules on u. Findings are not yet sorted.
func (e *Engine) LintUnit(u *input.Unit) []finding.Finding {
	run := runs.Get().(*unitRun)
	defer func() {
		run.pass = Pass{} // the findings are the caller's now
		run.cache.reset()
		runs.Put(run)
	}()
	var pol *policy.Policy
	if u.Policy != nil && u.Policy.Root != nil {
		pol = policy.NewIn(&run.buf, u.Policy.Root)
	}
	run.cache.policy = pol // the rest is clear: the deferred call cleared it
	// One Pass serves every rule in turn: one per rule would be one
	// allocation per rule per file (a pass escapes to the heap, as the
	// check is called through a function value). Checks only read its
	// fields and append findings, so only the rule changes between them.
	p := &run.pass
	*p = Pass{Unit: u, Policy: pol, Options: e.options, cache: &run.cache}
	for _, a := range e.active {
		if a.rule.Check == nil {
			continue
		}
		p.rule, p.severity = a.rule, a.severity
		a.rule.Check(p)
	}
	return p.out
}

// unitRun is what LintUnit needs for one unit besides the findings it
// returns: the pass, the per-unit cache and the typed policy. None of it
// outlives the call, so it is pooled: a policy linted is 4 KB less garbage.
type unitRun struct {
	pass  Pass
	cache unitCache
	buf   policy.Buffer
}

var runs = sync.Pool{New: func() any { return new(unitRun) }}

// LintSet runs the rules that look across units.
func (e *Engine) LintSet(units SetUnits) []finding.Finding {
	var out []finding.Finding
	var groups []identGroup
	for _, a := range e.active {
		if a.rule.CheckSet == nil {
			continue
		}
		p := SetPass{Units: units, rule: a.rule, severity: a.severity, out: out, groups: &groups}
		a.rule.CheckSet(&p)
		out = p.out
	}
	return out
}
