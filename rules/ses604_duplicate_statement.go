package rules

import (
	"cmp"
	"fmt"
	"hash/maphash"
	"slices"
	"unicode"
	"unicode/utf8"

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
		stmts := p.Policy.Statements
		// Equal statements hash alike, so sorting by hash puts each next to
		// its duplicates and only those pairs are compared. The array keeps
		// ordinary policies from allocating.
		var buf [32]dupEntry
		es := buf[:0]
		if len(stmts) > len(buf) {
			es = make([]dupEntry, 0, len(stmts))
		}
		// The hash is a sum over the members, so it is taken in two parts:
		// the principals and actions first, which nearly always tell
		// statements apart, and the rest (resources, conditions) only for
		// statements that share the first part with another.
		for i, st := range stmts {
			es = append(es, dupEntry{hash: dupHashStatementPart(st.Node, true), index: i, prev: -1})
		}
		byHash := func(a, b dupEntry) int {
			return cmp.Or(cmp.Compare(a.hash, b.hash), cmp.Compare(a.index, b.index))
		}
		slices.SortFunc(es, byHash)
		shared := false
		for i := 0; i < len(es); {
			j := i + 1
			for j < len(es) && es[j].hash == es[i].hash {
				j++
			}
			if j-i > 1 {
				shared = true
				for k := i; k < j; k++ {
					es[k].hash += dupHashStatementPart(stmts[es[k].index].Node, false)
				}
			}
			i = j
		}
		if shared {
			slices.SortFunc(es, byHash)
		}
		budget := dupBudget
		found := false
		for i := range es {
			for j := i - 1; j >= 0 && es[j].hash == es[i].hash; j-- {
				// Only first occurrences are candidates, and at most one of
				// them can equal this statement: the earliest equal one.
				if es[j].prev < 0 && dupEqualStatements(stmts[es[j].index].Node, stmts[es[i].index].Node, &budget) {
					es[i].prev, found = es[j].index, true
					break
				}
			}
		}
		if !found {
			return
		}
		slices.SortFunc(es, func(a, b dupEntry) int { return cmp.Compare(a.index, b.index) })
		for _, e := range es {
			if e.prev < 0 {
				continue
			}
			st, prev := stmts[e.index], stmts[e.prev]
			p.Report(Diag{Span: dupStmtAnchor(st), Node: st.Node, Value: st.SidText(),
				Message: fmt.Sprintf("statement %d repeats statement %d apart from its Sid; remove one of them", st.Index+1, prev.Index+1),
				Related: []finding.Related{{Span: dupStmtAnchor(prev), Message: fmt.Sprintf("statement %d is here", prev.Index+1)}}})
		}
	},
}

type dupEntry struct {
	hash  uint64
	index int // in Policy.Statements
	prev  int // the first statement this one repeats, or -1
}

// dupBudget bounds the comparisons of one policy. Lists as sets make a
// comparison quadratic, which only crafted documents of nested lists could
// notice; past the budget, statements count as different.
const dupBudget = 1 << 20

// dupStmtAnchor is where a finding about a whole statement points: its Sid,
// or else its opening brace.
func dupStmtAnchor(st *policy.Statement) source.Span {
	if st.Sid != nil {
		return st.Sid.Span
	}
	return source.Span{Start: st.Node.Span.Start, End: st.Node.Span.Start + 1}
}

// dupFolds reports the elements whose strings compare in any case.
func dupFolds(key string) bool { return key == "Action" || key == "NotAction" }

// dupWildcardPrincipal reports "Principal": "*", which is {"AWS": "*"}.
func dupWildcardPrincipal(m *source.Member) bool {
	return (m.Key == "Principal" || m.Key == "NotPrincipal") && m.Value.Kind == source.String && m.Value.Text == "*"
}

// The hashes agree for equivalent values: objects sum their members,
// lists combine their elements with operations that ignore order and
// repeats, and a list whose elements all hash alike hashes as the element.
var (
	dupSeed = maphash.MakeSeed()
	// dupAWSWildcard is the hash of {"AWS": "*"}.
	dupAWSWildcard = dupMix(dupTagObject + dupPair("AWS", dupHashString("*", false)))
)

const (
	dupTagObject = 0x6f626a656374 // "object"
	dupTagList   = 0x6c697374     // "list"
	dupTagOther  = 0x6f74686572   // "other": numbers, booleans, null
)

// dupMix is splitmix64's finaliser.
func dupMix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	return x ^ x>>31
}

func dupPair(key string, value uint64) uint64 {
	return dupMix(maphash.String(dupSeed, key) ^ dupMix(value))
}

// dupHashStatement hashes a statement without its Sid.
func dupHashStatement(n *source.Node) uint64 {
	return dupHashStatementPart(n, true) + dupHashStatementPart(n, false)
}

// dupFirstPart reports the keys hashed first: the ones that usually differ
// between statements.
func dupFirstPart(key string) bool {
	switch key {
	case "Principal", "NotPrincipal", "Action", "NotAction":
		return true
	}
	return false
}

// dupHashStatementPart hashes the members of a statement, without its Sid,
// whose keys are in the first part or, without first, the others.
func dupHashStatementPart(n *source.Node, first bool) uint64 {
	var h uint64
	for i := range n.Members {
		m := &n.Members[i]
		switch {
		case m.Key == "Sid" || dupFirstPart(m.Key) != first:
		case dupWildcardPrincipal(m):
			h += dupPair(m.Key, dupAWSWildcard)
		default:
			h += dupPair(m.Key, dupHash(m.Value, dupFolds(m.Key)))
		}
	}
	return h
}

func dupHash(n *source.Node, fold bool) uint64 {
	switch n.Kind {
	case source.String:
		return dupHashString(n.Text, fold)
	case source.Object:
		h := uint64(dupTagObject)
		for i := range n.Members {
			h += dupPair(n.Members[i].Key, dupHash(n.Members[i].Value, fold))
		}
		return dupMix(h)
	case source.Array:
		if len(n.Elems) == 0 {
			return dupTagList
		}
		lo, hi, or, and := ^uint64(0), uint64(0), uint64(0), ^uint64(0)
		for _, e := range n.Elems {
			h := dupHash(e, fold)
			lo, hi, or, and = min(lo, h), max(hi, h), or|h, and&h
		}
		if lo == hi {
			return lo // one element, perhaps repeated
		}
		return dupMix(dupMix(lo^dupTagList)+hi) ^ dupMix(or+and)
	}
	return dupMix(maphash.String(dupSeed, n.Text) ^ dupTagOther)
}

// dupHashString hashes s, or with fold its lower-case form: the UTF-8 of
// its runes lower-cased as unicode.ToLower does (dupSameString's
// equality), packed eight bytes to a word. Action names are ASCII, so
// whole words of ASCII are lower-cased at once; a non-ASCII rune may lower
// to an ASCII one (the Kelvin sign), so from the first non-ASCII byte on,
// rune by rune.
func dupHashString(s string, fold bool) uint64 {
	if !fold {
		return maphash.String(dupSeed, s)
	}
	const hi = 0x8080808080808080
	var h dupFoldHash
	i := 0
	for ; i+8 <= len(s); i += 8 {
		b := s[i : i+8] // one bounds check, and the loads combine into one
		w := uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
			uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
		if w&hi != 0 {
			break
		}
		h.word(dupLowerASCII(w))
	}
	for i < len(s) {
		c := s[i]
		switch {
		case c < utf8.RuneSelf:
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			h.byte(c)
			i++
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			var enc [utf8.UTFMax]byte
			for _, c := range enc[:utf8.EncodeRune(enc[:], unicode.ToLower(r))] {
				h.byte(c)
			}
			i += size
		}
	}
	return h.sum()
}

// dupLowerASCII lower-cases the eight ASCII bytes of w: a byte's high bit
// is set after adding 0x80-'A' when it is at least 'A', and after adding
// 0x80-'Z'-1 when it is past 'Z' (ASCII bytes carry into no neighbour).
func dupLowerASCII(w uint64) uint64 {
	const ones, hi = 0x0101010101010101, 0x8080808080808080
	upper := (w + (0x80-'A')*ones) &^ (w + (0x80-'Z'-1)*ones) & hi
	return w | upper>>2 // 0x80>>2 is 'a'-'A'
}

// dupFoldHash packs bytes into little-endian words and mixes each full
// word into the hash; sum mixes in the last, partial word and the length.
type dupFoldHash struct {
	h, w uint64
	n    int // bytes so far
}

// word adds eight bytes; only before any byte, as whole words come first.
func (d *dupFoldHash) word(w uint64) {
	d.h = dupMix(d.h ^ w)
	d.n += 8
}

func (d *dupFoldHash) byte(c byte) {
	d.w |= uint64(c) << (8 * (d.n & 7))
	d.n++
	if d.n&7 == 0 {
		d.h, d.w = dupMix(d.h^d.w), 0
	}
}

func (d *dupFoldHash) sum() uint64 { return dupMix(dupMix(d.h^d.w) ^ uint64(d.n)) }

// dupEqualStatements reports whether a and b are equal apart from their
// Sids.
func dupEqualStatements(a, b *source.Node, budget *int) bool {
	if dupCountNonSid(a) != dupCountNonSid(b) {
		return false
	}
	for i := range a.Members {
		m := &a.Members[i]
		if m.Key == "Sid" {
			continue
		}
		o := dupCounterpart(a, i, b)
		if o == nil {
			return false
		}
		var eq bool
		switch wa, wb := dupWildcardPrincipal(m), dupWildcardPrincipal(o); {
		case wa && wb:
			eq = true
		case wa:
			eq = dupIsAWSWildcard(o.Value, budget)
		case wb:
			eq = dupIsAWSWildcard(m.Value, budget)
		default:
			eq = dupEqual(m.Value, o.Value, dupFolds(m.Key), budget)
		}
		if !eq {
			return false
		}
	}
	return *budget >= 0
}

func dupCountNonSid(n *source.Node) int {
	c := 0
	for i := range n.Members {
		if n.Members[i].Key != "Sid" {
			c++
		}
	}
	return c
}

// dupCounterpart returns the member of b that a.Members[i] is compared
// with: the one with the same key and, when a key repeats, the same rank
// among its repeats.
func dupCounterpart(a *source.Node, i int, b *source.Node) *source.Member {
	key := a.Members[i].Key
	rank := 0
	for _, m := range a.Members[:i] {
		if m.Key == key {
			rank++
		}
	}
	for j := range b.Members {
		if b.Members[j].Key == key {
			if rank == 0 {
				return &b.Members[j]
			}
			rank--
		}
	}
	return nil
}

// dupIsAWSWildcard reports whether n is equivalent to {"AWS": "*"}.
func dupIsAWSWildcard(n *source.Node, budget *int) bool {
	n = dupResolve(n, false, budget)
	if n.Kind != source.Object || len(n.Members) != 1 || n.Members[0].Key != "AWS" {
		return false
	}
	v := dupResolve(n.Members[0].Value, false, budget)
	return v.Kind == source.String && v.Text == "*"
}

// dupEqual compares two values; with fold, strings compare in any case.
func dupEqual(x, y *source.Node, fold bool, budget *int) bool {
	if *budget--; *budget < 0 {
		return false
	}
	x, y = dupResolve(x, fold, budget), dupResolve(y, fold, budget)
	switch x.Kind {
	case source.String:
		return y.Kind == source.String && dupSameString(x.Text, y.Text, fold)
	case source.Object:
		if y.Kind != source.Object || len(x.Members) != len(y.Members) {
			return false
		}
		for i := range x.Members {
			o := dupCounterpart(x, i, y)
			if o == nil || !dupEqual(x.Members[i].Value, o.Value, fold, budget) {
				return false
			}
		}
		return true
	case source.Array:
		return y.Kind == source.Array && dupSameSet(x.Elems, y.Elems, fold, budget)
	}
	// Numbers, booleans and null compare by their text.
	return y.Kind != source.String && y.Kind != source.Object && y.Kind != source.Array && x.Text == y.Text
}

// dupResolve returns the element of a list whose elements are all equal,
// repeatedly, so that ["a", "a"] and [["a"]] compare as "a".
func dupResolve(n *source.Node, fold bool, budget *int) *source.Node {
	for n.Kind == source.Array && len(n.Elems) > 0 {
		for _, e := range n.Elems[1:] {
			if !dupEqual(n.Elems[0], e, fold, budget) {
				return n
			}
		}
		n = n.Elems[0]
	}
	return n
}

// dupSameSet compares lists as sets.
func dupSameSet(xs, ys []*source.Node, fold bool, budget *int) bool {
	if len(xs) == len(ys) {
		// Duplicates usually list the same values in the same order.
		same := true
		for i := range xs {
			if !dupEqual(xs[i], ys[i], fold, budget) {
				same = false
				break
			}
		}
		if same {
			return true
		}
	}
	return dupSubset(xs, ys, fold, budget) && dupSubset(ys, xs, fold, budget)
}

func dupSubset(xs, ys []*source.Node, fold bool, budget *int) bool {
	for _, x := range xs {
		found := false
		for _, y := range ys {
			if dupEqual(x, y, fold, budget) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// dupSameString compares a and b, or with fold their lower-case forms as
// strings.ToLower gives them.
func dupSameString(a, b string, fold bool) bool {
	if a == b || !fold {
		return a == b
	}
	for a != "" && b != "" {
		ra, na := rune(a[0]), 1
		rb, nb := rune(b[0]), 1
		if ra >= utf8.RuneSelf || rb >= utf8.RuneSelf {
			// Some non-ASCII runes lower-case to ASCII ones (K, the Kelvin sign).
			ra, na = utf8.DecodeRuneInString(a)
			rb, nb = utf8.DecodeRuneInString(b)
		}
		if ra != rb && unicode.ToLower(ra) != unicode.ToLower(rb) {
			return false
		}
		a, b = a[na:], b[nb:]
	}
	return a == "" && b == ""
}
