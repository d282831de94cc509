// Package protocol holds the Language Server Protocol types the seslint
// server uses, written by hand from the LSP 3.17 specification (with the
// 3.18 additions noted). JSON names follow the specification exactly.
//
// Only the subset the server needs is here. Members a client may send that
// are not modelled are ignored when decoding.
package protocol

import (
	"encoding/json"
	"strconv"
)

// DocumentURI is the URI of a text document, such as file:///a/policy.json.
type DocumentURI string

// URI is any other URI, such as a link to a rule's documentation.
type URI string

// Position is a zero-based line and character offset in a document. The
// unit of Character is the negotiated PositionEncodingKind (UTF-16 code
// units unless the client agreed otherwise).
type Position struct {
	Line      uint32 `json:"line"`
	Character uint32 `json:"character"`
}

// Range is a half-open span of a document: End is exclusive.
type Range struct {
	Start Position `json:"start"`
	End   Position `json:"end"`
}

// Location is a range inside a document.
type Location struct {
	URI   DocumentURI `json:"uri"`
	Range Range       `json:"range"`
}

// PositionEncodingKind names the unit of Position.Character.
type PositionEncodingKind string

// Position encodings. UTF-16 is the default and every client supports it.
const (
	PositionEncodingUTF8  PositionEncodingKind = "utf-8"
	PositionEncodingUTF16 PositionEncodingKind = "utf-16"
	PositionEncodingUTF32 PositionEncodingKind = "utf-32"
)

// TextDocumentIdentifier names a document.
type TextDocumentIdentifier struct {
	URI DocumentURI `json:"uri"`
}

// VersionedTextDocumentIdentifier names a document at a version.
type VersionedTextDocumentIdentifier struct {
	URI     DocumentURI `json:"uri"`
	Version int32       `json:"version"`
}

// TextDocumentItem is a document as the client opened it.
type TextDocumentItem struct {
	URI        DocumentURI `json:"uri"`
	LanguageID string      `json:"languageId"`
	Version    int32       `json:"version"`
	Text       string      `json:"text"`
}

// TextDocumentPositionParams is a position in a document.
type TextDocumentPositionParams struct {
	TextDocument TextDocumentIdentifier `json:"textDocument"`
	Position     Position               `json:"position"`
}

// TextEdit replaces Range with NewText.
type TextEdit struct {
	Range   Range  `json:"range"`
	NewText string `json:"newText"`
}

// WorkspaceEdit is a set of edits per document.
type WorkspaceEdit struct {
	Changes map[DocumentURI][]TextEdit `json:"changes,omitempty"`
}

// MarkupKind is the format of MarkupContent.
type MarkupKind string

// Markup kinds.
const (
	PlainText MarkupKind = "plaintext"
	Markdown  MarkupKind = "markdown"
)

// MarkupContent is text for people, in plain text or Markdown.
type MarkupContent struct {
	Kind  MarkupKind `json:"kind"`
	Value string     `json:"value"`
}

// IntegerOrString holds an LSP `integer | string` value, such as a
// diagnostic code, as text. It is written as a string; an integer is read
// as its decimal text, so that diagnostics from other servers, which
// clients echo back in code-action requests, still decode.
type IntegerOrString string

// UnmarshalJSON accepts a string or an integer.
func (v *IntegerOrString) UnmarshalJSON(data []byte) error {
	if len(data) > 0 && data[0] != '"' && string(data) != "null" {
		var n int64
		if err := json.Unmarshal(data, &n); err != nil {
			return err
		}
		*v = IntegerOrString(strconv.FormatInt(n, 10))
		return nil
	}
	var s string
	if err := json.Unmarshal(data, &s); err != nil {
		return err
	}
	*v = IntegerOrString(s)
	return nil
}

// CancelParams is the parameter of $/cancelRequest. ID is the raw
// `integer | string` id of the request to cancel.
type CancelParams struct {
	ID json.RawMessage `json:"id"`
}
