// Package rules holds the engine, the registry and one file per rule. The
// engine never prints and keeps no global state: the command line and the
// language server both call it and get the same findings.
package rules

import (
	"fmt"
	"slices"
	"strings"
	"unsafe"

	"github.com/seslint/seslint/internal/finding"
	"github.com/seslint/seslint/internal/input"
	"github.com/seslint/seslint/internal/policy"
	"github.com/seslint/seslint/internal/source"
)

// HelpBase is where the rule pages are published.
const HelpBase = "https://github.com/seslint/seslint/blob/main/rules/docs/"

// Rule is a rule's metadata and its check.
type Rule struct {
	ID       string // SESnnn, never reused or changed in meaning
	Name     string // kebab-case
	Severity finding.Severity
	Summary  string
	// Security rules carry the SARIF tag "security" and a score.
	Security         bool
	SecuritySeverity string
	// Precision is SARIF's: very-high, high, medium or low.
	Precision string

	// Check runs on one unit; CheckSet on all units together, for rules
	// about the set of files (duplicate names, too many policies).
	Check    func(*Pass)
	CheckSet func(*SetPass)
}

// HelpURI is the rule's page.
func (r *Rule) HelpURI() string { return HelpBase + r.ID + ".md" }

// Options tune rules; the zero value means defaults.
type Options struct {
	// NearSizeRatio is the share of the 4,096-byte limit above which
	// SES005 reports; 0 means 0.9.
	NearSizeRatio float64
}

// Diag is what a check reports. Spans are in the coordinates of Doc, which
// defaults to the policy document (or the file when there is none).
type Diag struct {
	Doc     *source.Document
	Span    source.Span
	Node    *source.Node
	Message string
	// Value is the offending value, used for stable fingerprints.
	Value   string
	Related []finding.Related
	Fix     *finding.Fix
	// Severity, when set, reports this finding below the rule's severity
	// (a public principal limited only by network is a warning, not an
	// error). It is honoured only when lower than the configured severity.
	Severity finding.Severity
}

// Pass is one rule's view of one unit.
type Pass struct {
	Unit    *input.Unit
	Policy  *policy.Policy
	Options Options

	rule     *Rule
	severity finding.Severity
	out      []finding.Finding
	cache    *unitCache
}

// unitCache holds what several rules derive from one unit's policy,
// computed by the first rule that asks. Each LintUnit call has its own
// (reset, from the engine's pool) and runs the rules in turn, so it needs
// no lock.
type unitCache struct {
	policy *policy.Policy
	// actions holds every statement's resolved Action and NotAction
	// values (Pass.actions), operators the parsed keys of every
	// statement's Condition object (Pass.operators), condKeys every
	// statement's condition keys looked up (Pass.conditionKeys).
	actions   stmtRuns[actionValue]
	operators stmtRuns[parsedOperator]
	condKeys  stmtRuns[condKey]
	// arns remembers the first nARNs strings Pass.parseARN was asked for.
	arns  [16]parsedARN
	nARNs int
	// tmplText is what Pass.textMayHoldTemplate found, once asked.
	tmplText tmplTextState
}

// parsedARN is a string and what policy.ParseARN gives for it.
type parsedARN struct {
	s   string
	arn policy.ARN
	ok  bool
}

// parseARN is policy.ParseARN, remembered for the unit: six rules parse the
// same Resource and principal ARNs, some thirty parses a policy. A string
// that does not start "arn:" is turned down at once, so it is not
// remembered; past len(arns) strings nothing more is, so that a policy of
// many ARNs costs no allocation and no long search.
//
// The rules pass the nodes' own texts, so a string is first looked for by
// where its bytes are and its length: comparing the bytes of the many
// same-length account ARNs cost more than the parse they saved. Only a
// string not seen at that address is compared by its bytes (statements
// repeat their Resource), and is then remembered at its address too.
func (p *Pass) parseARN(s string) (policy.ARN, bool) {
	if !strings.HasPrefix(s, "arn:") {
		return policy.ARN{}, false
	}
	c := p.unitCache()
	seen := c.arns[:c.nARNs]
	at := unsafe.StringData(s)
	for i := range seen {
		if e := &seen[i]; unsafe.StringData(e.s) == at && len(e.s) == len(s) {
			return e.arn, e.ok
		}
	}
	e := parsedARN{s: s}
	found := false
	for i := range seen {
		if seen[i].s == s {
			e.arn, e.ok, found = seen[i].arn, seen[i].ok, true
			break
		}
	}
	if !found {
		e.arn, e.ok = policy.ParseARN(s)
	}
	if c.nARNs < len(c.arns) {
		c.arns[c.nARNs] = e
		c.nARNs++
	}
	return e.arn, e.ok
}

// unitCache returns the pass's cache, making one when the pass has none or
// it belongs to another policy (a Pass built outside the engine).
func (p *Pass) unitCache() *unitCache {
	if p.cache == nil || p.cache.policy != p.Policy {
		p.cache = &unitCache{policy: p.Policy}
	}
	return p.cache
}

// Report records a finding.
func (p *Pass) Report(d Diag) {
	doc := d.Doc
	if doc == nil {
		doc = p.Unit.Policy
		if doc == nil {
			doc = p.Unit.File
		}
	}
	sev := p.severity
	if d.Severity != finding.None && d.Severity < sev {
		sev = d.Severity
	}
	f := finding.Finding{
		RuleID:   p.rule.ID,
		RuleName: p.rule.Name,
		Severity: sev,
		File:     p.Unit.Path,
		Span:     doc.FileSpan(d.Span),
		Message:  d.Message,
		Value:    d.Value,
	}
	if d.Node != nil {
		f.Pointer = d.Node.Pointer()
		if doc == p.Unit.Policy && p.Policy != nil {
			if st := p.Policy.StatementOf(d.Node); st != nil {
				f.Sid = st.SidText()
			}
		}
	}
	for _, r := range d.Related {
		r.Span = doc.FileSpan(r.Span)
		f.Related = append(f.Related, r)
	}
	if d.Fix != nil {
		f.Fix = fileFix(doc, d.Fix)
	}
	p.out = append(p.out, f)
}

// At reports at a node's value.
func (p *Pass) At(n *source.Node, format string, args ...any) {
	p.Report(Diag{Span: n.Span, Node: n, Message: fmt.Sprintf(format, args...), Value: n.Text})
}

// AtKey reports at the key that holds n.
func (p *Pass) AtKey(n *source.Node, format string, args ...any) {
	p.Report(Diag{Span: n.KeySpan(), Node: n, Message: fmt.Sprintf(format, args...), Value: n.Name})
}

// Replace is a fix that replaces n's whole value with JSON text.
func Replace(title string, n *source.Node, json string) *finding.Fix {
	return &finding.Fix{Title: title, Edits: []finding.Edit{{Span: n.Span, NewText: json}}}
}

// fileFix moves a fix into file coordinates. Text inserted into a policy
// that lives inside a JSON string must itself be escaped as string content.
func fileFix(doc *source.Document, fx *finding.Fix) *finding.Fix {
	out := &finding.Fix{Title: fx.Title}
	for _, e := range fx.Edits {
		text := e.NewText
		if doc.Embedded() {
			text = source.EscapeStringContent(text)
		}
		out.Edits = append(out.Edits, finding.Edit{Span: doc.FileSpan(e.Span), NewText: text})
	}
	return out
}

// stmtRuns holds what fill appends for each statement of a policy,
// statement after statement, computed on the first call of of, with each
// statement's run cut out once, so that a lookup is an index.
type stmtRuns[T any] struct {
	done bool
	vals []T
	runs [][]T // runs[i] is pol.Statements[i]'s, cut from vals
	// vals and runs are cut from these when they fit, saving allocations,
	// else from moreVals and moreRuns, grown to the largest policy yet and
	// kept from unit to unit (see unitCache.reset).
	valBuf   [8]T
	runBuf   [4][]T
	moreVals []T
	moreRuns [][]T
}

// reset clears r for another unit, keeping the arrays it grew. Of its own
// arrays it clears the part the unit used, so that it holds on to nothing
// of the unit's: clearing all of them cost more than the look-ups they
// cache.
func (r *stmtRuns[T]) reset() {
	clear(r.valBuf[:min(len(r.vals), len(r.valBuf))])
	clear(r.runBuf[:min(len(r.runs), len(r.runBuf))])
	r.done, r.vals, r.runs = false, nil, nil
}

// reset clears c for another unit, keeping the arrays its runs grew: a
// policy linted leaves no garbage. Like stmtRuns.reset, it clears only what
// the unit used of its arrays; TestUnitCacheReset holds it to clearing the
// whole cache.
func (c *unitCache) reset() {
	c.actions.reset()
	c.operators.reset()
	c.condKeys.reset()
	clear(c.arns[:c.nARNs])
	c.policy, c.nARNs, c.tmplText = nil, 0, 0
}

// of returns st's run, filling the runs of pol's statements on first use
// (count says how many values fill appends for a statement). A statement
// of another policy gets a slice of its own.
func (r *stmtRuns[T]) of(pol *policy.Policy, st *policy.Statement,
	count func(*policy.Statement) int, fill func([]T, *policy.Statement) []T) []T {
	if !r.done {
		r.fill(pol, count, fill)
	}
	// A statement's Index, its place in the Statement array, is its place
	// in pol.Statements unless the array holds something other than
	// objects; only then is it searched for.
	i := st.Index
	if i >= len(pol.Statements) || pol.Statements[i] != st {
		if i = slices.Index(pol.Statements, st); i < 0 {
			return fill(nil, st)
		}
	}
	return r.runs[i]
}

func (r *stmtRuns[T]) fill(pol *policy.Policy, count func(*policy.Statement) int, fill func([]T, *policy.Statement) []T) {
	r.done = true
	n := 0
	for _, s := range pol.Statements {
		n += count(s)
	}
	r.vals = r.valBuf[:0:len(r.valBuf)]
	if n > len(r.valBuf) {
		r.vals = grown(&r.moreVals, n)
	}
	r.runs = r.runBuf[:0:len(r.runBuf)]
	if len(pol.Statements) > len(r.runBuf) {
		r.runs = grown(&r.moreRuns, len(pol.Statements))
	}
	for _, s := range pol.Statements {
		start := len(r.vals)
		r.vals = fill(r.vals, s)
		r.runs = append(r.runs, r.vals[start:len(r.vals):len(r.vals)])
	}
}

// grown returns (*arr)[:0:n], growing *arr to n first when it is shorter.
func grown[T any](arr *[]T, n int) []T {
	if len(*arr) < n {
		*arr = make([]T, n)
	}
	return (*arr)[:0:n]
}

func actionCount(st *policy.Statement) int    { return len(st.Action) + len(st.NotAction) }
func operatorCount(st *policy.Statement) int  { return len(conditionMembers(st)) }
func conditionCount(st *policy.Statement) int { return len(st.Conditions) }
