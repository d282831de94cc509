package source

import (
	"encoding/binary"
	"fmt"
	"math/bits"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzFastParse holds the fast path to the jsontext parser: for any input,
// the two give the same problems and the same tree, node for node.
//
// The seeds are in testdata/fuzz/FuzzFastParse (the examples and the test
// data) and below (the edges of the grammar).
func FuzzFastParse(f *testing.F) {
	for _, s := range []string{
		`{}`, `[]`, `[[],{}]`, `{"a":[1,-2.5e+3,0,true,false,null,"x"]}`, ` {"a" : 1 , "a":2} `,
		`"\u00e9\ud83d\udce7\n\"\\\/"`, `"\ud800"`, `"\x"`, "\"\t\"", `01`, `-`, `1.`, `.5`, `1e`, `1e+`, `-0`, `1E5`,
		`{"a":1,}`, `[1,]`, `{"a" 1}`, `{1:2}`, `[1 2]`, `{}x`, `{} {}`, `1x`, `tru`, `nul`, `{"a":`, `[`, `"abc`,
		"\ufeff{}", "{\"a\":\"\xff\"}", "{\"a\":1} \xff", "\"\xe2\x82\"", "{\"\u00e9\":\"\u20ac\xe2\x82\xac\"}", "\xff", "[\"\xc0\xaf\"]", "\ufeff\xfe",
		`{"Policy":"{\"a\":\"\\u00e9\"}"}`, `{"k":"v"}` + "\n\n",
		strings.Repeat("[", 10001) + strings.Repeat("]", 10001),
		strings.Repeat(`{"a":`, 300) + "1" + strings.Repeat("}", 300),
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fast := &Document{Path: "f.json", Text: data}
		fast.parseWith(true)
		slow := &Document{Path: "f.json", Text: data}
		slow.parseWith(false)
		if got, want := fmt.Sprint(fast.Problems), fmt.Sprint(slow.Problems); got != want {
			t.Fatalf("problems differ:\nfast %s\nslow %s", got, want)
		}
		if err := sameTree(fast.Root, slow.Root, nil, nil); err != nil {
			t.Fatalf("trees differ at %s", err)
		}
	})
}

func sameTree(a, b, pa, pb *Node) error {
	if (a == nil) != (b == nil) {
		return fmt.Errorf("root: fast %v, slow %v", a != nil, b != nil)
	}
	if a == nil {
		return nil
	}
	at := lazyPointer{b}
	if a.Kind != b.Kind || a.Span != b.Span || a.Text != b.Text || a.Name != b.Name || a.Index != b.Index {
		return fmt.Errorf("%v: fast {%v %v %q %q %d}, slow {%v %v %q %q %d}", at,
			a.Kind, a.Span, a.Text, a.Name, a.Index, b.Kind, b.Span, b.Text, b.Name, b.Index)
	}
	if a.Parent != pa || b.Parent != pb {
		return fmt.Errorf("%v: wrong parent", at)
	}
	if len(a.Members) != len(b.Members) || len(a.Elems) != len(b.Elems) {
		return fmt.Errorf("%v: fast has %d members and %d elements, slow %d and %d", at,
			len(a.Members), len(a.Elems), len(b.Members), len(b.Elems))
	}
	for i := range a.Members {
		ma, mb := a.Members[i], b.Members[i]
		if ma.Key != mb.Key || ma.KeySpan != mb.KeySpan {
			return fmt.Errorf("%v member %d: fast %q %v, slow %q %v", at, i, ma.Key, ma.KeySpan, mb.Key, mb.KeySpan)
		}
		if err := sameTree(ma.Value, mb.Value, a, b); err != nil {
			return err
		}
	}
	for i := range a.Elems {
		if err := sameTree(a.Elems[i], b.Elems[i], a, b); err != nil {
			return err
		}
	}
	return nil
}

// lazyPointer prints a node's pointer only when an error is printed: a
// pointer costs its depth, so one per node is quadratic in deep inputs.
type lazyPointer struct{ n *Node }

func (p lazyPointer) String() string { return p.n.Pointer() }

// The fast path takes well-formed policies; it leaves nothing to the slow
// path but problems.
func TestFastPathTakesPolicies(t *testing.T) {
	seeds, _ := filepath.Glob("../../testdata/clean/*/*.json")
	if len(seeds) == 0 {
		t.Fatal("no policies in testdata/clean")
	}
	for _, s := range seeds {
		b, err := os.ReadFile(s)
		if err != nil {
			t.Fatal(err)
		}
		if parseFast(b, skipSpace(b, 0), nil) == nil {
			t.Errorf("%s: the fast path gave up on a well-formed policy", s)
		}
	}
}

// stringStops finds the first quote, backslash, control character or
// non-ASCII byte of the eight bytes, and no other byte before it.
func TestStringStops(t *testing.T) {
	for c := range 256 {
		stop := c == '"' || c == '\\' || c < 0x20 || c >= 0x80
		for pos := range 8 {
			b := []byte("abcdefgh")
			b[pos] = byte(c)
			m := stringStops(binary.LittleEndian.Uint64(b))
			first := 8
			if m != 0 {
				first = bits.TrailingZeros64(m) / 8
			}
			if want := map[bool]int{true: pos, false: 8}[stop]; first != want {
				t.Fatalf("byte %#x at %d in % x: first stop at %d, want %d", c, pos, b, first, want)
			}
		}
	}
	// Every pair of bytes at every pair of positions: the first stop is
	// found, whatever follows it.
	isStop := func(c byte) bool { return c == '"' || c == '\\' || c < 0x20 || c >= 0x80 }
	for a := range 8 {
		for b := a + 1; b < 8; b++ {
			for ca := range 256 {
				for cb := range 256 {
					x := []byte("abcdefgh")
					x[a], x[b] = byte(ca), byte(cb)
					want := 8
					if isStop(x[a]) {
						want = a
					} else if isStop(x[b]) {
						want = b
					}
					if got := bits.TrailingZeros64(stringStops(binary.LittleEndian.Uint64(x))) / 8; got != want {
						t.Fatalf("% x: first stop at %d, want %d", x, got, want)
					}
				}
			}
		}
	}
}

// skipSpaceRef is skipSpace a byte at a time, as it was before it skipped
// runs of spaces eight at a time.
func skipSpaceRef(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// FuzzSkipSpace holds skipSpace to skipSpaceRef from every start.
func FuzzSkipSpace(f *testing.F) {
	for _, s := range []string{"", " ", "\n  \"a\"", "        x", "\n\t\r         ", " \x00 ", "{\n" + strings.Repeat(" ", 17) + "}"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for i := 0; i <= len(data); i++ {
			if got, want := skipSpace(data, i), skipSpaceRef(data, i); got != want {
				t.Fatalf("skipSpace(%q, %d) = %d, want %d", data, i, got, want)
			}
		}
	})
}
