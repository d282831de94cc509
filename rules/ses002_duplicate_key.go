package rules

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/seslint/seslint/internal/finding"
	"github.com/seslint/seslint/internal/source"
)

// duplicateKey reports keys repeated in one object, including keys that
// differ only in case: decoders keep one value and drop the other silently.
var duplicateKey = &Rule{
	ID: "SES002", Name: "duplicate-key", Severity: finding.Error, Precision: "very-high",
	Summary: "A key appears twice in one object, or twice with different case",
	Check: func(p *Pass) {
		docs := []*source.Document{p.Unit.File}
		if pol := p.Unit.Policy; pol != nil && pol.Embedded() {
			docs = append(docs, pol)
		}
		for _, doc := range docs {
			repeatedKeysIn(p, doc, doc.Root)
		}
	},
}

// repeatedKeysIn reports the repeated keys of n and of every node below it, in
// the order Walk visits them. It descends only into nodes with members or
// elements: most nodes are strings, and a call through Walk's function
// value for each of them cost more than the check.
func repeatedKeysIn(p *Pass, doc *source.Document, n *source.Node) {
	if n == nil {
		return
	}
	if n.Kind == source.Object && len(n.Members) >= 2 {
		repeatedKeysOf(p, doc, n)
	}
	for i := range n.Members {
		if v := n.Members[i].Value; v != nil && (len(v.Members) > 0 || len(v.Elems) > 0) {
			repeatedKeysIn(p, doc, v)
		}
	}
	for _, e := range n.Elems {
		if e != nil && (len(e.Members) > 0 || len(e.Elems) > 0) {
			repeatedKeysIn(p, doc, e)
		}
	}
}

// repeatedKeysOf reports the keys of object n that repeat an earlier one.
func repeatedKeysOf(p *Pass, doc *source.Document, n *source.Node) {
	// ASCII folding pairs only bytes that differ in 0x20, so a key whose
	// folded first byte no earlier key has repeats none of them, unless an
	// earlier key is empty or starts outside ASCII (where EqualFold may
	// pair "K" with the Kelvin sign). firsts holds the folded first bytes
	// seen, so most keys (Sid, Effect, Action...) need no look back at all.
	var firsts [2]uint64
	odd := false // an earlier key is empty or starts outside ASCII
	for i := range n.Members {
		m := &n.Members[i]
		if m.Key == "" || m.Key[0] >= utf8.RuneSelf {
			odd = true
		} else {
			c := m.Key[0] | 0x20
			bit := uint64(1) << (c & 63)
			seen := firsts[c>>6]&bit != 0
			firsts[c>>6] |= bit
			if !seen && !odd {
				continue
			}
		}
		repeatedKeyAt(p, doc, n, i)
	}
}

// repeatedKeyAt reports member i of object n when its key repeats an
// earlier one's.
func repeatedKeyAt(p *Pass, doc *source.Document, n *source.Node, i int) {
	m := &n.Members[i]
	for j := 0; j < i; j++ {
		first := &n.Members[j]
		if a, b := first.Key, m.Key; a != "" && b != "" && a[0]|b[0] < utf8.RuneSelf && a[0]|0x20 != b[0]|0x20 {
			continue // see repeatedKeysOf
		}
		if !strings.EqualFold(first.Key, m.Key) {
			continue
		}
		msg := fmt.Sprintf("duplicate key %q: SES keeps only one of the two values, so remove or merge one", m.Key)
		if first.Key != m.Key {
			msg = fmt.Sprintf("key %q repeats %q with different case: one of the two would be lost or rejected, so keep a single %q", m.Key, first.Key, first.Key)
		}
		p.Report(Diag{Doc: doc, Span: m.KeySpan, Node: m.Value, Message: msg, Value: m.Key,
			Related: []finding.Related{{Span: first.KeySpan, Message: fmt.Sprintf("first %q is here", first.Key)}}})
		return
	}
}
