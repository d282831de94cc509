package document

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/seslint/seslint/lsp/protocol"
)

func rng(sl, sc, el, ec uint32) *protocol.Range {
	return &protocol.Range{Start: pos(sl, sc), End: pos(el, ec)}
}

func edit(r *protocol.Range, text string) protocol.TextDocumentContentChangeEvent {
	return protocol.TextDocumentContentChangeEvent{Range: r, Text: text}
}

func TestApplyChange(t *testing.T) {
	tests := []struct {
		name   string
		text   string
		change protocol.TextDocumentContentChangeEvent
		enc    Encoding
		want   string
		err    string // a part of the error, or "" for none
	}{
		{"full replace", policy, edit(nil, "{}"), UTF16, "{}", ""},
		{"insert after the emoji, utf-16", `"Allow📧Send"`, edit(rng(0, 8, 0, 8), "!"), UTF16, `"Allow📧!Send"`, ""},
		{"insert after the emoji, utf-8", `"Allow📧Send"`, edit(rng(0, 10, 0, 10), "!"), UTF8, `"Allow📧!Send"`, ""},
		{"insert after the emoji, utf-32", `"Allow📧Send"`, edit(rng(0, 7, 0, 7), "!"), UTF32, `"Allow📧!Send"`, ""},
		{"replace the emoji", `"Allow📧Send"`, edit(rng(0, 6, 0, 8), "To"), UTF16, `"AllowToSend"`, ""},
		{"delete a CRLF line", "a\r\nb\r\nc", edit(rng(1, 0, 2, 0), ""), UTF16, "a\r\nc", ""},
		{"delete a line break", "a\r\nb", edit(rng(0, 1, 1, 0), ""), UTF16, "ab", ""},
		{"append past the end clamps", "a\nb", edit(rng(7, 0, 9, 9), "\n"), UTF16, "a\nb\n", ""},
		{"column past the line clamps", "ab\ncd", edit(rng(0, 50, 0, 99), "!"), UTF16, "ab!\ncd", ""},
		{"start after end on one line", "abcdef", edit(rng(0, 4, 0, 2), "x"), UTF16, "", "ends before it starts"},
		{"start after end across lines", "a\nb", edit(rng(1, 0, 0, 1), "x"), UTF16, "", "ends before it starts"},
		{"start after end, both clamped", "ab", edit(rng(0, 9, 0, 5), "x"), UTF16, "", "ends before it starts"},
		{"start splits the emoji", `"Allow📧Send"`, edit(rng(0, 7, 0, 8), ""), UTF16, "", "range start"},
		{"end splits the emoji", `"Allow📧Send"`, edit(rng(0, 6, 0, 7), ""), UTF16, "", "range end"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := []byte(tt.text)
			got, err := ApplyChange(in, tt.change, tt.enc)
			if string(in) != tt.text {
				t.Fatalf("the input was modified: %q", in)
			}
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("error: got %v, want one containing %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

const startPolicy = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "AllowSend",
      "Effect": "Allow"
    }
  ]
}`

// TestEditSequence replays edits as an editor sends them while a user types,
// each range in terms of the text the edit before it left.
func TestEditSequence(t *testing.T) {
	steps := []struct {
		version int32
		changes []protocol.TextDocumentContentChangeEvent
	}{
		// Type 📧 inside the Sid: line 4 is `      "Sid": "AllowSend",`, "Send" at 19.
		{2, []protocol.TextDocumentContentChangeEvent{edit(rng(4, 19, 4, 19), "📧")}},
		// Then "!" after it: the emoji took two UTF-16 columns.
		{3, []protocol.TextDocumentContentChangeEvent{edit(rng(4, 21, 4, 21), "!")}},
		// Select "Allow" in the Effect value and type "Deny".
		{4, []protocol.TextDocumentContentChangeEvent{edit(rng(5, 17, 5, 22), "Deny")}},
		// Paste a new line after it.
		{5, []protocol.TextDocumentContentChangeEvent{edit(rng(5, 22, 5, 22), ",\n      \"Action\": \"ses:SendEmail\"")}},
		// Two changes in one notification; the second counts lines after the first.
		{6, []protocol.TextDocumentContentChangeEvent{
			edit(rng(1, 0, 1, 0), "  \"Id\": \"p📧\",\n"),
			edit(rng(2, 14, 2, 24), "2008-10-17"),
		}},
		// Delete the Id line with the line break before it, its end column
		// far past the line.
		{7, []protocol.TextDocumentContentChangeEvent{edit(rng(0, 1, 1, 99), "")}},
	}
	const want = `{
  "Version": "2008-10-17",
  "Statement": [
    {
      "Sid": "Allow📧!Send",
      "Effect": "Deny",
      "Action": "ses:SendEmail"
    }
  ]
}`
	var s Store
	uri := protocol.DocumentURI("file:///w/policy.json")
	s.Open(protocol.TextDocumentItem{URI: uri, LanguageID: "json", Version: 1, Text: startPolicy})
	for _, st := range steps {
		if _, err := s.Apply(protocol.DidChangeTextDocumentParams{
			TextDocument:   protocol.VersionedTextDocumentIdentifier{URI: uri, Version: st.version},
			ContentChanges: st.changes,
		}); err != nil {
			t.Fatalf("version %d: %v", st.version, err)
		}
	}
	d, _ := s.Get(uri)
	if string(d.Text) != want {
		t.Errorf("got\n%s\nwant\n%s", d.Text, want)
	}
	if d.Version != 7 || d.LanguageID != "json" {
		t.Errorf("version %d, language %q", d.Version, d.LanguageID)
	}
}

// TestEditSequenceCRLF edits a document with Windows line endings.
func TestEditSequenceCRLF(t *testing.T) {
	text := strings.ReplaceAll(startPolicy, "\n", "\r\n")
	want := strings.ReplaceAll(`{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "Allow📧Send",
      "Effect": "Deny"
    }
  ]
}`, "\n", "\r\n")
	s := NewStore(UTF8)
	uri := protocol.DocumentURI("file:///w/crlf.json")
	s.Open(protocol.TextDocumentItem{URI: uri, Version: 1, Text: text})
	_, err := s.Apply(protocol.DidChangeTextDocumentParams{
		TextDocument: protocol.VersionedTextDocumentIdentifier{URI: uri, Version: 2},
		ContentChanges: []protocol.TextDocumentContentChangeEvent{
			edit(rng(4, 19, 4, 19), "📧"),
			// Replace from the end of line 5 (a column far past it) to the
			// start of line 6: the CRLF goes, then comes back.
			edit(rng(5, 17, 5, 999), "Deny\""),
			edit(rng(5, 99, 6, 0), "\r\n"),
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	if d, _ := s.Get(uri); string(d.Text) != want {
		t.Errorf("got %q\nwant %q", d.Text, want)
	}
}

func TestStoreApplyIsAllOrNothing(t *testing.T) {
	s := NewStore(UTF16)
	uri := protocol.DocumentURI("file:///p.json")
	s.Open(protocol.TextDocumentItem{URI: uri, Version: 1, Text: `"Allow📧Send"`})
	_, err := s.Apply(protocol.DidChangeTextDocumentParams{
		TextDocument: protocol.VersionedTextDocumentIdentifier{URI: uri, Version: 2},
		ContentChanges: []protocol.TextDocumentContentChangeEvent{
			edit(rng(0, 0, 0, 0), "x"),
			edit(rng(0, 8, 0, 8), "y"), // inside the emoji, now shifted by one
		},
	})
	if !errors.Is(err, ErrInsideCharacter) || !strings.Contains(err.Error(), "change 1") {
		t.Fatalf("error: got %v, want one naming change 1", err)
	}
	d, _ := s.Get(uri)
	if d.Version != 1 || string(d.Text) != `"Allow📧Send"` {
		t.Errorf("a failed change altered the document: version %d, %q", d.Version, d.Text)
	}
}

func TestStoreLifecycle(t *testing.T) {
	var s Store
	if _, ok := s.Get("file:///none"); ok {
		t.Error("Get found a document in an empty store")
	}
	if _, err := s.Apply(protocol.DidChangeTextDocumentParams{TextDocument: protocol.VersionedTextDocumentIdentifier{URI: "file:///none"}}); err == nil {
		t.Error("a change to a closed document was accepted")
	}
	for _, u := range []protocol.DocumentURI{"file:///c.json", "file:///a.json", "file:///b.json"} {
		s.Open(protocol.TextDocumentItem{URI: u, Version: 1, Text: string(u)})
	}
	// Reopening replaces.
	s.Open(protocol.TextDocumentItem{URI: "file:///a.json", Version: 5, Text: "new"})
	if d, ok := s.Get("file:///a.json"); !ok || d.Version != 5 || string(d.Text) != "new" {
		t.Errorf("reopened: %+v", d)
	}
	if got, want := s.URIs(), []protocol.DocumentURI{"file:///a.json", "file:///b.json", "file:///c.json"}; !slices.Equal(got, want) {
		t.Errorf("URIs: got %v, want %v", got, want)
	}
	if !s.Close("file:///b.json") || s.Close("file:///b.json") {
		t.Error("Close did not report whether the document was open")
	}
	if _, ok := s.Get("file:///b.json"); ok {
		t.Error("a closed document is still there")
	}
	if s.Encoding() != UTF16 {
		t.Errorf("the zero Store reads %s", s.Encoding())
	}
}

// TestStoreSnapshots checks that a Document keeps its text while edits go
// on, and that readers and writers do not race. Run with -race.
func TestStoreSnapshots(t *testing.T) {
	s := NewStore(UTF16)
	uri := protocol.DocumentURI("file:///p.json")
	first := s.Open(protocol.TextDocumentItem{URI: uri, Version: 1, Text: "x"})
	var wg sync.WaitGroup
	wg.Go(func() {
		for i := range 200 {
			if _, err := s.Apply(protocol.DidChangeTextDocumentParams{
				TextDocument:   protocol.VersionedTextDocumentIdentifier{URI: uri, Version: int32(i + 2)},
				ContentChanges: []protocol.TextDocumentContentChangeEvent{edit(rng(0, 0, 0, 0), "📧")},
			}); err != nil {
				t.Error(err)
			}
		}
	})
	for range 4 {
		wg.Go(func() {
			for range 200 {
				d, _ := s.Get(uri)
				if want := strings.Repeat("📧", int(d.Version-1)) + "x"; string(d.Text) != want {
					t.Errorf("version %d has %d bytes, want %d", d.Version, len(d.Text), len(want))
					return
				}
			}
		})
	}
	wg.Wait()
	if string(first.Text) != "x" {
		t.Errorf("the first snapshot changed to %q", first.Text)
	}
	if d, _ := s.Get(uri); d.Version != 201 {
		t.Errorf("final version %d", d.Version)
	}
}

func ExampleOffsetOf() {
	text := []byte(`{"Sid": "Allow📧Send"}`)
	// An editor's cursor before "Send", in UTF-16 code units.
	off, _ := OffsetOf(text, protocol.Position{Line: 0, Character: 16}, UTF16)
	fmt.Println(off, string(text[off:off+4]))
	// Output: 18 Send
}
