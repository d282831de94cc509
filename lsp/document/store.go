package document

import (
	"fmt"
	"slices"
	"sync"

	"github.com/seslint/seslint/lsp/protocol"
)

// Document is an open document at one version.
type Document struct {
	URI        protocol.DocumentURI
	LanguageID string
	Version    int32
	// Text is never changed in place: each edit builds a new slice, so a
	// Document is a snapshot that stays valid while edits go on. Do not
	// modify it.
	Text []byte
}

// ApplyChange returns text with change applied, its range read in enc. A
// change without a range replaces the whole text. The input is never
// modified.
func ApplyChange(text []byte, change protocol.TextDocumentContentChangeEvent, enc Encoding) ([]byte, error) {
	if change.Range == nil {
		return []byte(change.Text), nil
	}
	r := *change.Range
	if r.Start.Line > r.End.Line || (r.Start.Line == r.End.Line && r.Start.Character > r.End.Character) {
		return nil, fmt.Errorf("range %d:%d-%d:%d ends before it starts",
			r.Start.Line, r.Start.Character, r.End.Line, r.End.Character)
	}
	// As OffsetOf twice, but the end's line is looked for from the start's.
	start, end := len(text), len(text)
	startLine, ok := lineStart(text, 0, 0, r.Start.Line)
	if ok {
		var err error
		if start, err = column(text, startLine, r.Start, enc); err != nil {
			return nil, fmt.Errorf("range start: %w", err)
		}
		if endLine, ok := lineStart(text, startLine, r.Start.Line, r.End.Line); ok {
			if end, err = column(text, endLine, r.End, enc); err != nil {
				return nil, fmt.Errorf("range end: %w", err)
			}
		}
	}
	if start > end { // cannot happen for ordered positions; guard the slicing below anyway
		return nil, fmt.Errorf("range %d:%d-%d:%d ends before it starts",
			r.Start.Line, r.Start.Character, r.End.Line, r.End.Character)
	}
	out := make([]byte, 0, len(text)-(end-start)+len(change.Text))
	out = append(out, text[:start]...)
	out = append(out, change.Text...)
	return append(out, text[end:]...), nil
}

// Store holds the open documents. Its zero value is empty and reads
// positions in UTF-16; it is safe for concurrent use.
type Store struct {
	mu   sync.RWMutex
	enc  Encoding
	docs map[protocol.DocumentURI]Document // by value: an edit allocates only its text
}

// NewStore returns an empty store that reads positions in enc, the encoding
// negotiated at initialize.
func NewStore(enc Encoding) *Store {
	return &Store{enc: enc}
}

// Encoding returns the encoding the store reads positions in.
func (s *Store) Encoding() Encoding { return s.enc }

// Open stores a document the client opened. Opening a URI again replaces it,
// since the client's text is the truth.
func (s *Store) Open(item protocol.TextDocumentItem) Document {
	d := Document{URI: item.URI, LanguageID: item.LanguageID, Version: item.Version, Text: []byte(item.Text)}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.docs == nil {
		s.docs = make(map[protocol.DocumentURI]Document)
	}
	s.docs[item.URI] = d
	return d
}

// Apply applies the changes of a didChange notification in order, each to
// the text the previous one left, and records the new version. It is all or
// nothing: if any change is invalid the document is left as it was and the
// error says which change failed. The client then holds text the server
// does not, so the caller should report the error to the user.
func (s *Store) Apply(params protocol.DidChangeTextDocumentParams) (Document, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	uri := params.TextDocument.URI
	d, ok := s.docs[uri]
	if !ok {
		return Document{}, fmt.Errorf("change to %s, which is not open", uri)
	}
	text := d.Text
	for i, c := range params.ContentChanges {
		var err error
		if text, err = ApplyChange(text, c, s.enc); err != nil {
			return Document{}, fmt.Errorf("%s version %d, change %d: %w", uri, params.TextDocument.Version, i, err)
		}
	}
	next := Document{URI: uri, LanguageID: d.LanguageID, Version: params.TextDocument.Version, Text: text}
	s.docs[uri] = next
	return next, nil
}

// Close forgets a document and reports whether it was open.
func (s *Store) Close(uri protocol.DocumentURI) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.docs[uri]
	delete(s.docs, uri)
	return ok
}

// Get returns the open document at uri.
func (s *Store) Get(uri protocol.DocumentURI) (Document, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	d, ok := s.docs[uri]
	return d, ok
}

// URIs returns the open documents' URIs, sorted so that work done over all
// of them happens in the same order every time.
func (s *Store) URIs() []protocol.DocumentURI {
	s.mu.RLock()
	defer s.mu.RUnlock()
	uris := make([]protocol.DocumentURI, 0, len(s.docs))
	for u := range s.docs {
		uris = append(uris, u)
	}
	slices.Sort(uris)
	return uris
}
