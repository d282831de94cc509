package source

import (
	"fmt"
	"testing"

	"github.com/seslint/seslint/internal/bench/gen"
)

func dump(n *Node) string {
	s := ""
	n.Walk(func(m *Node) { s += fmt.Sprintf("%s %v %v %q|", m.Pointer(), m.Kind, m.Span, m.Text) })
	return s
}

// A document that is not released keeps its nodes when the arena parses
// the next one; a released one gives them back.
func TestArenaKeepsUnreleased(t *testing.T) {
	a := new(Arena)
	p1, p2 := gen.Example(1500, ""), gen.Example(900, "")
	kept := ParseIn(a, "a.json", p1.Text)
	want := dump(kept.Root)
	for range 3 {
		d := ParseIn(a, "b.json", p2.Text)
		if d.Root == nil {
			t.Fatal(d.Problems)
		}
		d.Release()
		if d.Root != nil {
			t.Fatal("a released document keeps its root")
		}
	}
	if got := dump(kept.Root); got != want {
		t.Fatalf("the kept document changed:\n%s\n%s", got, want)
	}
	// Releasing an old document late must not free the memory of a newer
	// one still in use.
	newer := ParseIn(a, "c.json", p2.Text)
	wantNewer := dump(newer.Root)
	kept.Release()
	ParseIn(a, "d.json", p1.Text)
	if got := dump(newer.Root); got != wantNewer {
		t.Fatal("releasing an old document freed a newer one")
	}
}

// Trees from a reused arena are the trees Parse builds, and a document
// with problems (the slow path) is the same with or without an arena.
func TestArenaSameTree(t *testing.T) {
	a := new(Arena)
	for i, text := range [][]byte{
		gen.Example(1500, "").Text, gen.Example(2500, "").Text, gen.Example(600, "").Text,
		gen.Example(1500, "truncated").Text, gen.Example(1500, "").Text,
	} {
		d := ParseIn(a, "x.json", text)
		want := Parse("x.json", text)
		if fmt.Sprint(d.Problems) != fmt.Sprint(want.Problems) {
			t.Fatalf("%d: problems %v, want %v", i, d.Problems, want.Problems)
		}
		if err := sameTree(d.Root, want.Root, nil, nil); err != nil {
			t.Fatalf("%d: %v", i, err)
		}
		d.Release()
	}
}

// A document parsed into one that held another is the document ParseIn
// builds: none of the first's problems, line index or tree is left over.
func TestParseIntoResets(t *testing.T) {
	var a Arena
	var d Document
	ParseInto(&d, &a, "bad.json", gen.Example(1500, "truncated").Text)
	if len(d.Problems) == 0 || d.Lines().Count() < 2 {
		t.Fatalf("the truncated file parsed without problems or lines: %v", d.Problems)
	}
	d.Release()
	text := []byte(`{"Version": "2012-10-17"}`)
	ParseInto(&d, &a, "good.json", text)
	want := Parse("good.json", text)
	if d.Path != want.Path || len(d.Problems) != 0 || d.Lines().Count() != 1 || string(d.Text) != string(text) {
		t.Fatalf("parsed into a used document: %s %v, %d lines", d.Path, d.Problems, d.Lines().Count())
	}
	if err := sameTree(d.Root, want.Root, nil, nil); err != nil {
		t.Fatal(err)
	}
}

// FuzzParseEmbeddedIn holds ParseEmbeddedIn, in an Embedding that decoded
// another string first, to ParseEmbedded: the same text, problems, tree
// and mapping of every offset back into the outer file.
func FuzzParseEmbeddedIn(f *testing.F) {
	f.Add(`{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\"}]}`, `{\"a\": \"\\u00e9\\ud83d\\ude00\", \"b\": [1, true]}`)
	f.Add(`{\"Statement\": [{\"Sid\": \"a long one to grow the buffers\"}, {}, {}]}`, `{`)
	f.Add(`[]`, `{\"k\": \"\\\"quoted\\\"\\n\"}`)
	f.Fuzz(func(t *testing.T, first, second string) {
		var e Embedding
		for i, s := range []string{first, second} {
			text := []byte(`{"Policy": "` + s + `"}`)
			outer := Parse("r.json", text)
			str := outer.Root.Get("Policy")
			if str == nil || str.Kind != String {
				return // not a JSON string once quoted
			}
			got, want := ParseEmbeddedIn(&e, outer, str), ParseEmbedded(outer, str)
			if string(got.Text) != string(want.Text) || fmt.Sprint(got.Problems) != fmt.Sprint(want.Problems) || !got.Embedded() {
				t.Fatalf("%d: text %q problems %v, want %q %v", i, got.Text, got.Problems, want.Text, want.Problems)
			}
			if err := sameTree(got.Root, want.Root, nil, nil); err != nil {
				t.Fatalf("%d: %v", i, err)
			}
			for o := 0; o <= len(want.Text); o++ {
				if g, w := got.FileSpan(Span{Start: o, End: o}), want.FileSpan(Span{Start: o, End: o}); g != w {
					t.Fatalf("%d: offset %d maps to %v, want %v", i, o, g, w)
				}
			}
			got.Release()
		}
	})
}
