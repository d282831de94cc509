package document

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/seslint/seslint/lsp/protocol"
)

// refLines splits text into lines with a method independent of the code
// under test: normalise \r\n and \r to \n, then split.
func refLines(text []byte) []string {
	s := strings.ReplaceAll(string(text), "\r\n", "\n")
	return strings.Split(strings.ReplaceAll(s, "\r", "\n"), "\n")
}

// refUnits counts s in enc the way a client would: []rune turns each
// invalid byte into one U+FFFD, as a JSON decoder does.
func refUnits(s string, enc Encoding) uint32 {
	switch enc {
	case UTF8:
		return uint32(len(s))
	case UTF32:
		return uint32(len([]rune(s)))
	}
	return uint32(len(utf16.Encode([]rune(s))))
}

// boundaries returns the offsets a position can name: the start of every
// character and the end of the text, but not the middle of a \r\n.
func boundaries(text []byte) []int {
	var b []int
	for i := 0; i < len(text); {
		if i == 0 || text[i-1] != '\r' || text[i] != '\n' {
			b = append(b, i)
		}
		_, size := utf8.DecodeRune(text[i:])
		i += size
	}
	return append(b, len(text))
}

// checkPositions compares PositionOf with the reference at every offset and
// checks that OffsetOf inverts it at every boundary.
func checkPositions(t *testing.T, text []byte, enc Encoding) {
	t.Helper()
	bs := boundaries(text)
	floor := 0 // index in bs of the largest boundary at or before the offset
	for off := 0; off <= len(text); off++ {
		for floor+1 < len(bs) && bs[floor+1] <= off {
			floor++
		}
		b := bs[floor]
		lines := refLines(text[:b])
		want := protocol.Position{Line: uint32(len(lines) - 1), Character: refUnits(lines[len(lines)-1], enc)}
		got := PositionOf(text, off, enc)
		if got != want {
			t.Fatalf("%s: PositionOf(%q, %d) = %+v, want %+v", enc, text, off, got, want)
		}
		if off == b {
			back, err := OffsetOf(text, got, enc)
			if err != nil || back != off {
				t.Fatalf("%s: OffsetOf(%q, %+v) = %d, %v; want %d", enc, text, got, back, err, off)
			}
		}
	}
}

// clampRef is the position that p means in text, per the specification.
func clampRef(text []byte, p protocol.Position, enc Encoding) protocol.Position {
	lines := refLines(text)
	if int(p.Line) >= len(lines) {
		last := len(lines) - 1
		return protocol.Position{Line: uint32(last), Character: refUnits(lines[last], enc)}
	}
	return protocol.Position{Line: p.Line, Character: min(p.Character, refUnits(lines[p.Line], enc))}
}

// FuzzApply applies edits decoded from ops to text. It checks that nothing
// panics, that an edit either fails cleanly or splices exactly the bytes its
// range names, and that positions and offsets agree with a reference model
// and round-trip after every edit.
func FuzzApply(f *testing.F) {
	f.Add([]byte(policy), []byte{1, 17, 1, 17, 2, '!', '!'}, uint8(0))
	f.Add([]byte("a\r\nb📧\rc\n"), []byte{1, 2, 2, 0, 1, '\r', 0, 0, 9, 9, 0}, uint8(1))
	f.Add([]byte("\r\r\n\n📧\xf0\x9f"), []byte{0, 3, 3, 1, 4, 0xf0, 0x9f, 0x93, 0xa7}, uint8(2))
	f.Fuzz(func(t *testing.T, text, ops []byte, e uint8) {
		if len(text) > 1<<10 || len(ops) > 1<<8 {
			return // the checks are quadratic; small inputs find the same bugs
		}
		enc := Encoding(e % 3)
		checkPositions(t, text, enc)
		for len(ops) >= 5 {
			// Lines and columns a little past the text, to reach the clamps.
			lines := uint32(len(refLines(text)))
			start := protocol.Position{Line: uint32(ops[0]) % (lines + 2), Character: uint32(ops[1]) % 40}
			end := protocol.Position{Line: uint32(ops[2]) % (lines + 2), Character: uint32(ops[3]) % 40}
			n := min(int(ops[4])%8, len(ops)-5)
			insert := string(ops[5 : 5+n])
			ops = ops[5+n:]

			change := protocol.TextDocumentContentChangeEvent{Range: &protocol.Range{Start: start, End: end}, Text: insert}
			got, err := ApplyChange(text, change, enc)
			s, serr := OffsetOf(text, start, enc)
			en, eerr := OffsetOf(text, end, enc)
			if err != nil {
				reversed := start.Line > end.Line || start.Line == end.Line && start.Character > end.Character
				if !reversed && !errors.Is(err, ErrInsideCharacter) {
					t.Fatalf("unexpected error for %+v: %v", change.Range, err)
				}
				continue
			}
			if serr != nil || eerr != nil || s > en {
				t.Fatalf("ApplyChange accepted %+v: offsets %d, %d (%v, %v)", change.Range, s, en, serr, eerr)
			}
			for _, p := range []protocol.Position{start, end} {
				o, _ := OffsetOf(text, p, enc)
				if back := PositionOf(text, o, enc); back != clampRef(text, p, enc) {
					t.Fatalf("%s: position %+v is offset %d, which maps back to %+v, want %+v", enc, p, o, back, clampRef(text, p, enc))
				}
			}
			want := append(append(append([]byte(nil), text[:s]...), insert...), text[en:]...)
			if !bytes.Equal(got, want) {
				t.Fatalf("ApplyChange(%q, %+v) = %q, want %q", text, change.Range, got, want)
			}
			text = got
			checkPositions(t, text, enc)
		}
	})
}
