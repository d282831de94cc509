package rules

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/seslint/seslint/internal/input"
	"github.com/seslint/seslint/internal/policy"
	"github.com/seslint/seslint/internal/source"
)

// canonicalStatement is how SES604 used to compare statements: equal
// strings for equivalent statements. It is the reference the hash and
// the direct comparison must agree with.
func canonicalStatement(n *source.Node) string {
	var b strings.Builder
	b.WriteByte('{')
	ms := slices.Clone(n.Members)
	slices.SortStableFunc(ms, func(x, y source.Member) int { return strings.Compare(x.Key, y.Key) })
	for _, m := range ms {
		if m.Key == "Sid" {
			continue
		}
		b.WriteString(jsonQuoted(m.Key) + ":")
		if (m.Key == "Principal" || m.Key == "NotPrincipal") && m.Value.Kind == source.String && m.Value.Text == "*" {
			b.WriteString(`{"AWS":"*",}`)
		} else {
			b.WriteString(canonicalValue(m.Value, m.Key == "Action" || m.Key == "NotAction"))
		}
		b.WriteByte(',')
	}
	b.WriteByte('}')
	return b.String()
}

func canonicalValue(n *source.Node, fold bool) string {
	switch n.Kind {
	case source.String:
		if fold {
			return jsonQuoted(strings.ToLower(n.Text))
		}
		return jsonQuoted(n.Text)
	case source.Array:
		var elems []string
		for _, e := range n.Elems {
			elems = append(elems, canonicalValue(e, fold))
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
			b.WriteString(jsonQuoted(m.Key) + ":" + canonicalValue(m.Value, fold) + ",")
		}
		b.WriteByte('}')
		return b.String()
	}
	return n.Text
}

// dupGen makes statements from few values, so that many pairs are equal
// or nearly so.
type dupGen struct{ r *rand.Rand }

var dupGenStrings = []string{
	"a", "A", "*", "ses:SendEmail", "SES:sendemail", "ses:SendRawEmail",
	"k", "K", "\u212a", // the Kelvin sign lower-cases to "k"
	"σ", "Σ", "ς", // "ς" is not the lower case of "Σ", though EqualFold matches them
	"İ", "i", "",
}

func (g dupGen) value(depth int) *source.Node {
	switch k := g.r.IntN(10); {
	case k < 5 || depth > 2:
		return &source.Node{Kind: source.String, Text: dupGenStrings[g.r.IntN(len(dupGenStrings))]}
	case k == 5:
		return [...]*source.Node{
			{Kind: source.Number, Text: "1"}, {Kind: source.Number, Text: "1.0"},
			{Kind: source.Bool, Text: "true"}, {Kind: source.Null},
		}[g.r.IntN(4)]
	case k < 8:
		n := &source.Node{Kind: source.Array}
		for range g.r.IntN(4) {
			n.Elems = append(n.Elems, g.value(depth+1))
		}
		return n
	default:
		return g.object([]string{"AWS", "a", "b", "Sid"}, depth+1)
	}
}

func (g dupGen) object(keys []string, depth int) *source.Node {
	n := &source.Node{Kind: source.Object}
	for range g.r.IntN(4) {
		n.Members = append(n.Members, source.Member{Key: keys[g.r.IntN(len(keys))], Value: g.value(depth)})
	}
	return n
}

func (g dupGen) statement() *source.Node {
	keys := []string{"Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource"}
	n := &source.Node{Kind: source.Object}
	for range 1 + g.r.IntN(4) {
		m := source.Member{Key: keys[g.r.IntN(len(keys))]}
		switch {
		case (m.Key == "Principal" || m.Key == "NotPrincipal") && g.r.IntN(2) == 0:
			m.Value = [...]*source.Node{
				{Kind: source.String, Text: "*"},
				{Kind: source.Object, Members: []source.Member{{Key: "AWS", Value: &source.Node{Kind: source.String, Text: "*"}}}},
				{Kind: source.Array, Elems: []*source.Node{{Kind: source.String, Text: "*"}}},
			}[g.r.IntN(3)]
		default:
			m.Value = g.value(1)
		}
		n.Members = append(n.Members, m)
	}
	return n
}

// variant rewrites n in ways that usually keep it equivalent: members and
// elements reordered, values wrapped in lists and repeated.
func (g dupGen) variant(n *source.Node) *source.Node {
	c := *n
	switch n.Kind {
	case source.Object:
		c.Members = slices.Clone(n.Members)
		for i := range c.Members {
			c.Members[i].Value = g.variant(c.Members[i].Value)
		}
		g.r.Shuffle(len(c.Members), func(i, j int) { c.Members[i], c.Members[j] = c.Members[j], c.Members[i] })
	case source.Array:
		c.Elems = nil
		for _, e := range n.Elems {
			c.Elems = append(c.Elems, g.variant(e))
		}
		if len(c.Elems) > 0 && g.r.IntN(3) == 0 {
			c.Elems = append(c.Elems, c.Elems[g.r.IntN(len(c.Elems))])
		}
		g.r.Shuffle(len(c.Elems), func(i, j int) { c.Elems[i], c.Elems[j] = c.Elems[j], c.Elems[i] })
	}
	if g.r.IntN(6) == 0 {
		return &source.Node{Kind: source.Array, Elems: []*source.Node{&c}}
	}
	return &c
}

// The hash and the direct comparison agree with the canonical strings.
func TestDuplicateStatementMatchesCanonicalForm(t *testing.T) {
	g := dupGen{rand.New(rand.NewPCG(1, 604))}
	var stmts []*source.Node
	for range 400 {
		s := g.statement()
		stmts = append(stmts, s, g.variant(s))
	}
	canon := make([]string, len(stmts))
	for i, s := range stmts {
		canon[i] = canonicalStatement(s)
	}
	equal := 0
	for i, a := range stmts {
		for j, b := range stmts[:i] {
			want := canon[i] == canon[j]
			budget := dupBudget
			if got := dupEqualStatements(a, b, &budget); got != want {
				t.Fatalf("equal %v, want %v:\n%s\n%s", got, want, canon[i], canon[j])
			}
			if want {
				equal++
				if dupHashStatement(a) != dupHashStatement(b) {
					t.Fatalf("equal statements hash differently:\n%s", canon[i])
				}
			}
		}
	}
	if equal < 1000 {
		t.Errorf("only %d equal pairs: the generator no longer tests much", equal)
	}
}

// Telling statements apart costs no allocation.
func TestDuplicateStatementAllocates(t *testing.T) {
	g := dupGen{rand.New(rand.NewPCG(2, 604))}
	a := g.statement()
	b := g.variant(a)
	allocs := testing.AllocsPerRun(100, func() {
		budget := dupBudget
		dupHashStatement(a)
		dupHashStatement(b)
		dupEqualStatements(a, b, &budget)
	})
	if allocs != 0 {
		t.Errorf("%v allocations", allocs)
	}
}

// More statements than the rule's stack array: each repeat names the first
// statement it equals, in statement order, with that statement as related.
func TestDuplicateStatementManyStatements(t *testing.T) {
	const n, distinct = 70, 25
	var b strings.Builder
	b.WriteString(`{"Version": "2012-10-17", "Statement": [`)
	for i := range n {
		if i > 0 {
			b.WriteString(",\n")
		}
		fmt.Fprintf(&b, `{"Sid": "S%d", "Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "ses:Send%d", "Resource": "arn:aws:ses:us-east-1:444455556666:identity/example.com"}`, i, i%distinct)
	}
	b.WriteString("]}")
	u := input.Load(source.Parse("policy.json", []byte(b.String())), input.Hints{})
	p := Pass{Unit: u, Policy: policy.New(u.Policy.Root), rule: duplicateStatement, severity: duplicateStatement.Severity}
	duplicateStatement.Check(&p)
	if len(p.out) != n-distinct {
		t.Fatalf("%d findings, want %d", len(p.out), n-distinct)
	}
	for k, f := range p.out {
		i := distinct + k
		want := fmt.Sprintf("statement %d repeats statement %d apart from its Sid; remove one of them", i+1, i%distinct+1)
		if f.Message != want || f.Value != fmt.Sprintf("S%d", i) || len(f.Related) != 1 ||
			f.Related[0].Message != fmt.Sprintf("statement %d is here", i%distinct+1) {
			t.Errorf("finding %d: %q (value %q, related %v), want %q", k, f.Message, f.Value, f.Related, want)
		}
	}
}

// dupHashFoldFNV is the folded dupHashString before whole ASCII words were
// lower-cased at once: FNV-1a over the runes unicode.ToLower gives.
func dupHashFoldFNV(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		switch {
		case 'A' <= r && r <= 'Z':
			r += 'a' - 'A'
		case r >= utf8.RuneSelf:
			r, size = utf8.DecodeRuneInString(s[i:])
			r = unicode.ToLower(r)
		}
		h = (h ^ uint64(r)) * 1099511628211
		i += size
	}
	return dupMix(h)
}

// FuzzDupHashFold holds the folded dupHashString to the FNV hash it
// replaced: two strings hash alike under one exactly when they do under
// the other (both hash the lower-cased runes), and strings dupSameString
// calls equal always hash alike. b is also tried as a's case variants and
// with the non-ASCII runes that lower to ASCII ones.
func FuzzDupHashFold(f *testing.F) {
	f.Add("ses:SendRawEmail", "SES:sendrawemail")
	f.Add("ses:\u212Aey", "ses:key")
	f.Add("\xffabcdefghijklmnop", "\uFFFDABCDEFGHIJKLMNOP")
	f.Add("@[`{ AZaz", "@[`{ azAZ")
	f.Fuzz(func(t *testing.T, a, b string) {
		kelvin := strings.NewReplacer("k", "\u212A", "K", "\u212A", "s", "\u017F")
		for _, b := range []string{b, a, strings.ToUpper(a), strings.ToLower(a), kelvin.Replace(a), a + "\x00"} {
			old := dupHashFoldFNV(a) == dupHashFoldFNV(b)
			got := dupHashString(a, true) == dupHashString(b, true)
			if got != old {
				t.Fatalf("%q and %q: hash alike %v, the FNV hash says %v", a, b, got, old)
			}
			if dupSameString(a, b, true) && !got {
				t.Fatalf("%q and %q compare equal but hash apart", a, b)
			}
		}
	})
}
