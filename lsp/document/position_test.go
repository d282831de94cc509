package document

import (
	"errors"
	"testing"

	"github.com/seslint/seslint/lsp/protocol"
)

func pos(line, char uint32) protocol.Position {
	return protocol.Position{Line: line, Character: char}
}

// policy has an astral character on line 1. Its bytes there:
//
//	0-9 `  "Sid": "`, 10-14 `Allow`, 15-18 📧 (2 UTF-16 units, 1 code point), 19-22 `Send`, 23-24 `",`
//
// so "Send" starts at column 19 in UTF-8, 17 in UTF-16 and 16 in UTF-32.
const policy = "{\n  \"Sid\": \"Allow📧Send\",\n  \"Effect\": \"Allow\"\n}"

const line1 = 2 // byte offset where line 1 starts

func TestOffsetOf(t *testing.T) {
	tests := []struct {
		name string
		text string
		pos  protocol.Position
		enc  Encoding
		want int
		err  error
	}{
		{"start", policy, pos(0, 0), UTF16, 0, nil},
		{"before the emoji, utf-16", policy, pos(1, 15), UTF16, line1 + 15, nil},
		{"after the emoji, utf-16", policy, pos(1, 17), UTF16, line1 + 19, nil},
		{"after the emoji, utf-8", policy, pos(1, 19), UTF8, line1 + 19, nil},
		{"after the emoji, utf-32", policy, pos(1, 16), UTF32, line1 + 19, nil},
		{"end of the line, utf-16", policy, pos(1, 23), UTF16, line1 + 25, nil},
		{"inside the surrogate pair", policy, pos(1, 16), UTF16, 0, ErrInsideCharacter},
		{"inside the utf-8 sequence", policy, pos(1, 17), UTF8, 0, ErrInsideCharacter},
		{"column past the line clamps to the line end", policy, pos(1, 100), UTF16, line1 + 25, nil},
		{"line past the text clamps to the text end", policy, pos(9, 0), UTF16, len(policy), nil},
		{"last line", policy, pos(3, 1), UTF16, len(policy), nil},
		{"CRLF: second line", "a\r\nb📧\rc\n", pos(1, 0), UTF16, 3, nil},
		{"CRLF: column past the line stops before \\r\\n", "a\r\nb📧\rc\n", pos(0, 5), UTF16, 1, nil},
		{"lone CR ends a line", "a\r\nb📧\rc\n", pos(2, 0), UTF16, 9, nil},
		{"lone CR: line end", "a\r\nb📧\rc\n", pos(1, 9), UTF16, 8, nil},
		{"empty line after the final newline", "a\r\nb📧\rc\n", pos(3, 0), UTF16, 11, nil},
		{"past the empty last line", "a\r\nb📧\rc\n", pos(4, 2), UTF16, 11, nil},
		{"LF CR is two line ends", "a\n\rb", pos(2, 0), UTF16, 3, nil},
		{"empty text", "", pos(0, 4), UTF16, 0, nil},
		{"empty text, later line", "", pos(3, 0), UTF8, 0, nil},
		{"invalid UTF-8 counts one unit a byte", "\xf0\x9f\x93x", pos(0, 3), UTF16, 3, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := OffsetOf([]byte(tt.text), tt.pos, tt.enc)
			if !errors.Is(err, tt.err) {
				t.Fatalf("error: got %v, want %v", err, tt.err)
			}
			if err == nil && got != tt.want {
				t.Errorf("got %d, want %d", got, tt.want)
			}
		})
	}
}

func TestPositionOf(t *testing.T) {
	tests := []struct {
		name   string
		text   string
		offset int
		enc    Encoding
		want   protocol.Position
	}{
		{"start", policy, 0, UTF16, pos(0, 0)},
		{"after the emoji, utf-16", policy, line1 + 19, UTF16, pos(1, 17)},
		{"after the emoji, utf-8", policy, line1 + 19, UTF8, pos(1, 19)},
		{"after the emoji, utf-32", policy, line1 + 19, UTF32, pos(1, 16)},
		{"inside the emoji moves back to its start", policy, line1 + 17, UTF16, pos(1, 15)},
		{"end of the line", policy, line1 + 25, UTF16, pos(1, 23)},
		{"start of the next line", policy, line1 + 26, UTF16, pos(2, 0)},
		{"end of the text", policy, len(policy), UTF16, pos(3, 1)},
		{"past the end clamps", policy, len(policy) + 10, UTF16, pos(3, 1)},
		{"negative clamps", policy, -1, UTF16, pos(0, 0)},
		{"between CR and LF moves back", "a\r\nb", 2, UTF16, pos(0, 1)},
		{"after CRLF", "a\r\nb", 3, UTF16, pos(1, 0)},
		{"after lone CR", "a\rb", 2, UTF16, pos(1, 0)},
		{"final empty line", "a\r\nb📧\rc\n", 11, UTF16, pos(3, 0)},
		{"invalid UTF-8 counts one unit a byte", "\xf0\x9f\x93x", 3, UTF16, pos(0, 3)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := PositionOf([]byte(tt.text), tt.offset, tt.enc); got != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestRangeOf(t *testing.T) {
	// The diagnostic range of the Sid value "Allow📧Send", quotes included.
	start, end := line1+9, line1+24
	want := protocol.Range{Start: pos(1, 9), End: pos(1, 22)}
	if got := RangeOf([]byte(policy), start, end, UTF16); got != want {
		t.Errorf("got %+v, want %+v", got, want)
	}
}

func TestNegotiate(t *testing.T) {
	tests := []struct {
		offered []protocol.PositionEncodingKind
		want    Encoding
	}{
		{nil, UTF16},
		{[]protocol.PositionEncodingKind{"utf-16"}, UTF16},
		{[]protocol.PositionEncodingKind{"utf-32", "utf-16"}, UTF16},
		{[]protocol.PositionEncodingKind{"utf-16", "utf-8"}, UTF8},
		{[]protocol.PositionEncodingKind{"latin-1"}, UTF16},
	}
	for _, tt := range tests {
		if got := Negotiate(tt.offered); got != tt.want {
			t.Errorf("Negotiate(%q) = %s, want %s", tt.offered, got, tt.want)
		}
	}
	for enc, kind := range map[Encoding]protocol.PositionEncodingKind{UTF8: "utf-8", UTF16: "utf-16", UTF32: "utf-32"} {
		if enc.Kind() != kind {
			t.Errorf("%d.Kind() = %q, want %q", enc, enc.Kind(), kind)
		}
	}
}
