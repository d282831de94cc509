package document

import (
	"bytes"
	"sort"

	"github.com/seslint/seslint/lsp/protocol"
)

// Index converts many byte offsets of one text into positions without
// scanning the text from its start for each: it finds the line by binary
// search and counts only within it. The positions are exactly those of
// PositionOf.
type Index struct {
	text   []byte
	enc    Encoding
	starts []int // where each line starts
}

// NewIndex indexes text for positions in enc.
func NewIndex(text []byte, enc Encoding) *Index {
	// Room for a line per terminator byte (a \r\n counts twice): one
	// allocation, where growing by append took nine for 4 KB.
	starts := make([]int, 1, 1+bytes.Count(text, []byte{'\n'})+bytes.Count(text, []byte{'\r'}))
	for start := 0; ; {
		i, n := nextTerminator(text[start:])
		if i < 0 {
			break
		}
		start += i + n
		starts = append(starts, start)
	}
	return &Index{text: text, enc: enc, starts: starts}
}

// Position is PositionOf(text, offset, enc).
func (x *Index) Position(offset int) protocol.Position {
	offset = max(0, min(offset, len(x.text)))
	line := sort.SearchInts(x.starts, offset+1) - 1
	start := x.starts[line]
	return protocol.Position{Line: uint32(line), Character: columnOf(x.text, start, offset, x.enc)}
}

// Range is RangeOf(text, start, end, enc).
func (x *Index) Range(start, end int) protocol.Range {
	return protocol.Range{Start: x.Position(start), End: x.Position(end)}
}
