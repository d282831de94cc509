package document

import (
	"bytes"
	"sort"

	"github.com/seslint/seslint/lsp/protocol"
)

// Index converts many byte offsets of one text into positions without
// scanning the text from its start for each: it finds the line by binary
// search and counts only within it. It finds line starts only as far down
// as the offsets asked for, so findings near the top of a long document
// cost only the lines above them. The positions are exactly those of
// PositionOf. An Index is not safe for concurrent use.
type Index struct {
	text   []byte
	enc    Encoding
	starts []int // where each line found so far starts
	done   bool  // starts holds every line
	first  [16]int
}

// NewIndex indexes text for positions in enc.
func NewIndex(text []byte, enc Encoding) *Index {
	x := &Index{text: text, enc: enc}
	x.starts = append(x.first[:0], 0) // the first lines need no allocation
	return x
}

// extend finds line starts until one lies past offset or the text ends.
func (x *Index) extend(offset int) {
	for !x.done && x.starts[len(x.starts)-1] <= offset {
		last := x.starts[len(x.starts)-1]
		i, n := nextTerminator(x.text[last:])
		if i < 0 {
			x.done = true
			return
		}
		if len(x.starts) == cap(x.starts) {
			// Room for a line per terminator byte left (a \r\n counts
			// twice): one allocation rather than one per doubling.
			rest := x.text[last:]
			more := bytes.Count(rest, []byte{'\n'}) + bytes.Count(rest, []byte{'\r'})
			x.starts = append(make([]int, 0, len(x.starts)+more), x.starts...)
		}
		x.starts = append(x.starts, last+i+n)
	}
}

// Position is PositionOf(text, offset, enc).
func (x *Index) Position(offset int) protocol.Position {
	offset = max(0, min(offset, len(x.text)))
	x.extend(offset)
	line := sort.SearchInts(x.starts, offset+1) - 1
	start := x.starts[line]
	return protocol.Position{Line: uint32(line), Character: columnOf(x.text, start, offset, x.enc)}
}

// Range is RangeOf(text, start, end, enc).
func (x *Index) Range(start, end int) protocol.Range {
	return protocol.Range{Start: x.Position(start), End: x.Position(end)}
}
