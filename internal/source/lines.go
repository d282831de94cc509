package source

import (
	"bytes"
	"sort"
	"unicode/utf8"
)

// Lines indexes the starts of lines so an offset becomes a line and column.
// A line ends at "\n", "\r\n" or a lone "\r", as LSP counts them.
type Lines struct {
	text   []byte
	starts []int
}

// NewLines indexes text.
func NewLines(text []byte) *Lines {
	if bytes.IndexByte(text, '\r') >= 0 {
		return &Lines{text: text, starts: lineStarts(text)}
	}
	// Most files end their lines with "\n" alone: IndexByte finds each
	// many bytes at a time, and Count sizes the index exactly.
	starts := make([]int, 1, bytes.Count(text, newline)+1)
	for i := 0; ; {
		j := bytes.IndexByte(text[i:], '\n')
		if j < 0 {
			break
		}
		i += j + 1
		starts = append(starts, i)
	}
	return &Lines{text: text, starts: starts}
}

var newline = []byte{'\n'}

// lineStarts indexes the lines of text a byte at a time, for texts with
// "\r\n" or a lone "\r" among their line ends.
func lineStarts(text []byte) []int {
	starts := make([]int, 1, 16)
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '\n':
			starts = append(starts, i+1)
		case '\r':
			if i+1 < len(text) && text[i+1] == '\n' {
				i++
			}
			starts = append(starts, i+1)
		}
	}
	return starts
}

// Pos is a position in three column units. Line and columns are 1-based.
type Pos struct {
	Offset int
	Line   int
	// Column counts Unicode code points (what people and text output use).
	Column int
	// Column16 counts UTF-16 code units (what SARIF and LSP require).
	Column16 int
	// Column8 counts bytes.
	Column8 int
}

// Count is the number of lines.
func (l *Lines) Count() int { return len(l.starts) }

// LineStart returns the offset where 1-based line n starts.
func (l *Lines) LineStart(n int) int { return l.starts[n-1] }

// LineText returns line n (1-based) without its terminator.
func (l *Lines) LineText(n int) []byte {
	start := l.starts[n-1]
	end := len(l.text)
	if n < len(l.starts) {
		end = l.starts[n]
	}
	for end > start && (l.text[end-1] == '\n' || l.text[end-1] == '\r') {
		end--
	}
	return l.text[start:end]
}

// Position converts a byte offset, clamped to the text, into a position.
// Offsets inside a multi-byte character count as that character's start.
func (l *Lines) Position(offset int) Pos {
	if offset < 0 {
		offset = 0
	}
	if offset > len(l.text) {
		offset = len(l.text)
	}
	line := sort.Search(len(l.starts), func(i int) bool { return l.starts[i] > offset })
	start := l.starts[line-1]
	p := Pos{Offset: offset, Line: line, Column: 1, Column16: 1, Column8: offset - start + 1}
	for i := start; i < offset; {
		r, size := utf8.DecodeRune(l.text[i:])
		if i+size > offset {
			break
		}
		i += size
		p.Column++
		p.Column16++
		if r >= 0x10000 && r != utf8.RuneError {
			p.Column16++
		}
	}
	return p
}
