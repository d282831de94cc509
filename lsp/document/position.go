// Package document keeps the text of the documents a client has open and
// converts between LSP positions and byte offsets.
//
// Byte offsets are the truth everywhere else in seslint; an LSP position is
// a line and a column counted in the unit negotiated at initialize. Every
// conversion goes through OffsetOf and PositionOf so that unit is never
// guessed.
package document

import (
	"bytes"
	"errors"
	"fmt"
	"unicode/utf8"

	"github.com/seslint/seslint/lsp/protocol"
)

// Encoding is the unit of a position's column.
type Encoding uint8

// Encodings. The zero value is UTF-16, the LSP default.
const (
	UTF16 Encoding = iota // UTF-16 code units: an astral character such as 📧 counts 2
	UTF8                  // bytes
	UTF32                 // Unicode code points
)

// Kind returns the name of e used on the wire.
func (e Encoding) Kind() protocol.PositionEncodingKind {
	switch e {
	case UTF8:
		return protocol.PositionEncodingUTF8
	case UTF32:
		return protocol.PositionEncodingUTF32
	}
	return protocol.PositionEncodingUTF16
}

func (e Encoding) String() string { return string(e.Kind()) }

// Negotiate picks the encoding to use from those a client offers. UTF-8 is
// preferred because byte offsets are what the rest of seslint computes;
// otherwise UTF-16, which every client must support.
func Negotiate(offered []protocol.PositionEncodingKind) Encoding {
	for _, k := range offered {
		if k == protocol.PositionEncodingUTF8 {
			return UTF8
		}
	}
	return UTF16
}

// ErrInsideCharacter reports a position that falls between the units of one
// character, such as between the two halves of a UTF-16 surrogate pair.
// Editing there would split the character, so it is refused.
var ErrInsideCharacter = errors.New("position falls inside a character")

// OffsetOf returns the byte offset of pos in text, with its column counted
// in enc. As the specification says, a column past the end of its line
// means the end of the line (before the line terminator), and a line past
// the last line means the end of the text. Line terminators are \n, \r\n
// and \r.
func OffsetOf(text []byte, pos protocol.Position, enc Encoding) (int, error) {
	start, ok := lineStart(text, 0, 0, pos.Line)
	if !ok {
		return len(text), nil
	}
	return column(text, start, pos, enc)
}

// lineStart returns where line starts, counting on from the start of
// fromLine at offset from; ok is false when the text ends before it.
func lineStart(text []byte, from int, fromLine, line uint32) (start int, ok bool) {
	start = from
	for range line - fromLine {
		i, n := nextTerminator(text[start:])
		if i < 0 {
			return len(text), false
		}
		start += i + n
	}
	return start, true
}

// column returns the offset of pos.Character in the line of pos, which
// starts at start.
func column(text []byte, start int, pos protocol.Position, enc Encoding) (int, error) {
	end := start + lineLength(text[start:])
	col := uint32(0)
	for i := start; i < end; {
		if col == pos.Character {
			return i, nil
		}
		if text[i] < utf8.RuneSelf { // one unit in every encoding
			col++
			i++
			continue
		}
		_, size := utf8.DecodeRune(text[i:end])
		w := width(text[i:i+size], enc)
		if col+w > pos.Character {
			return 0, fmt.Errorf("line %d, column %d (%s): %w", pos.Line, pos.Character, enc, ErrInsideCharacter)
		}
		col += w
		i += size
	}
	return end, nil
}

// PositionOf returns the position of the byte offset in text, with its
// column counted in enc. An offset out of range is clamped to the text, one
// between \r and \n moves back to the end of its line, and one inside a
// character moves back to the start of that character.
func PositionOf(text []byte, offset int, enc Encoding) protocol.Position {
	offset = max(0, min(offset, len(text)))
	var pos protocol.Position
	start := 0
	for {
		i, n := nextTerminator(text[start:])
		if i < 0 || start+i+n > offset {
			break
		}
		start += i + n
		pos.Line++
	}
	pos.Character = columnOf(text, start, offset, enc)
	return pos
}

// columnOf counts the units of enc from start, the start of a line, to
// offset, stopping at the line's end and at the start of a character that
// offset falls inside.
func columnOf(text []byte, start, offset int, enc Encoding) uint32 {
	lineEnd := start + lineLength(text[start:])
	end := min(offset, lineEnd)
	var col uint32
	for i := start; i < end; {
		if text[i] < utf8.RuneSelf { // one unit in every encoding
			col++
			i++
			continue
		}
		_, size := utf8.DecodeRune(text[i:lineEnd])
		if i+size > end {
			break
		}
		col += width(text[i:i+size], enc)
		i += size
	}
	return col
}

// RangeOf returns the range of the bytes text[start:end].
func RangeOf(text []byte, start, end int, enc Encoding) protocol.Range {
	return protocol.Range{Start: PositionOf(text, start, enc), End: PositionOf(text, end, enc)}
}

// nextTerminator returns the index and length of the first line terminator
// in b, or -1.
func nextTerminator(b []byte) (int, int) {
	// Two IndexByte calls, which use vector instructions, rather than
	// IndexAny, which looks at one byte at a time.
	i := bytes.IndexByte(b, '\n')
	before := b
	if i >= 0 {
		before = b[:i]
	}
	if r := bytes.IndexByte(before, '\r'); r >= 0 {
		if r+1 == i {
			return r, 2
		}
		return r, 1
	}
	if i < 0 {
		return -1, 0
	}
	return i, 1
}

// lineLength returns the number of bytes before the first terminator in b.
func lineLength(b []byte) int {
	if i, _ := nextTerminator(b); i >= 0 {
		return i
	}
	return len(b)
}

// width returns how many units of enc the character r (one rune, or one
// byte of invalid UTF-8) takes. Text from the client is valid UTF-8, since
// it arrives as a JSON string; an invalid byte counts as one unit, like the
// U+FFFD it stands for.
func width(r []byte, enc Encoding) uint32 {
	switch enc {
	case UTF8:
		return uint32(len(r))
	case UTF32:
		return 1
	}
	if len(r) == 4 { // only runes above U+FFFF take four bytes, and two UTF-16 units
		return 2
	}
	return 1
}
