package source

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/bits"
	"strings"
	"sync"
	"unicode/utf8"
	"unsafe"

	"github.com/go-json-experiment/json/jsontext"
)

// Problem is a reason the bytes are not one well-formed JSON document.
type Problem struct {
	Span    Span
	Message string
}

// Document is a parsed file, or the policy embedded in one.
type Document struct {
	Path string
	Text []byte
	// Root is nil when the text is not a JSON document at all.
	Root     *Node
	Problems []Problem

	// For a document decoded from a JSON string inside another file, outer
	// is that file and offsets maps each byte of Text (and its end) to the
	// byte of the outer file that produced it.
	outer   *Document
	offsets []int
	lines   *Lines
	// arena, when set, holds the tree's nodes until Release.
	arena    *Arena
	arenaGen uint64
}

// Lines returns the line index of the file the document's spans refer to.
func (d *Document) Lines() *Lines {
	if d.outer != nil {
		return d.outer.Lines()
	}
	if d.lines == nil {
		d.lines = NewLines(d.Text)
	}
	return d.lines
}

// Outer returns the file this document was decoded from, or d itself.
func (d *Document) Outer() *Document {
	if d.outer != nil {
		return d.outer
	}
	return d
}

// Embedded reports whether the document lives inside a JSON string.
func (d *Document) Embedded() bool { return d.outer != nil }

// FileSpan converts a span of d.Text into a span of the outer file's bytes.
func (d *Document) FileSpan(s Span) Span {
	if d.outer == nil {
		return s
	}
	return Span{Start: d.fileOffset(s.Start), End: d.fileOffset(s.End)}
}

func (d *Document) fileOffset(o int) int {
	if o < 0 {
		o = 0
	}
	if o >= len(d.offsets) {
		o = len(d.offsets) - 1
	}
	return d.offsets[o]
}

// Parse reads text as one JSON document. It never fails: what is wrong is
// recorded in Problems, with the position where it was found. The document
// keeps and shares text, so the caller must not modify it afterwards.
func Parse(path string, text []byte) *Document {
	d := &Document{Path: path, Text: text}
	d.parse()
	return d
}

// ParseEmbedded decodes the JSON string node str of outer and parses its
// contents as a document whose spans map back into outer.
func ParseEmbedded(outer *Document, str *Node) *Document {
	raw := outer.Text[str.Span.Start:str.Span.End]
	text, offsets := unquoteWithOffsets(raw, str.Span.Start)
	return ParseMapped(outer, text, offsets)
}

// ParseMapped parses text that was decoded from outer's bytes, such as a
// Terraform heredoc, as a document whose spans map back into outer.
// offsets holds, for each byte of text and then for its end, the byte of
// outer that produced it. Like ParseEmbedded's, the document is Embedded.
func ParseMapped(outer *Document, text []byte, offsets []int) *Document {
	if len(offsets) != len(text)+1 {
		panic(fmt.Sprintf("source.ParseMapped: %d offsets for %d bytes of text", len(offsets), len(text)))
	}
	d := &Document{Path: outer.Path, Text: text, outer: outer, offsets: offsets}
	d.parse()
	return d
}

var bom = []byte{0xEF, 0xBB, 0xBF}

func (d *Document) problem(start, end int, format string, args ...any) {
	d.Problems = append(d.Problems, Problem{Span: Span{Start: start, End: end}, Message: fmt.Sprintf(format, args...)})
}

func (d *Document) parse() { d.parseWith(true) }

// parseWith parses d.Text, trying the fast path first when fast is set.
func (d *Document) parseWith(fast bool) {
	text := d.Text
	start := 0
	if bytes.HasPrefix(text, bom) {
		d.problem(0, 3, "file starts with a UTF-8 byte-order mark, which SES does not accept; save the file without it")
		start = 3
	}
	first := skipSpace(text, start)
	var root *Node
	if fast && first < len(text) {
		root = parseFast(text, first, d.arena)
	}
	// The fast path takes non-ASCII bytes only in strings, and checks
	// them there: a document it takes whole is valid UTF-8.
	if root == nil || skipSpace(text, root.Span.End) < len(text) {
		if i := invalidUTF8(text[start:]); i >= 0 {
			o := start + i
			d.problem(o, o+1, "invalid UTF-8 byte 0x%02x: a policy must be UTF-8 text (is this a binary file?)", text[o])
			return
		}
	}
	if first == len(text) {
		d.problem(first, first, "empty file: expected a JSON policy document")
		return
	}
	if root == nil {
		p := parser{doc: d, base: start}
		p.dec = decoders.Get().(*jsontext.Decoder)
		// A bytes.Buffer is read in place, without a copy.
		p.dec.Reset(bytes.NewBuffer(text[start:]), jsontext.AllowDuplicateNames(true))
		var err error
		root, err = p.value(nil, "", 0)
		p.dec.Reset(released)
		decoders.Put(p.dec)
		if err != nil {
			d.syntaxProblem(err, start)
			return
		}
	}
	d.Root = root
	if rest := skipSpace(text, root.Span.End); rest < len(text) {
		end := bytes.IndexAny(text[rest:], "\r\n")
		if end < 0 {
			end = len(text) - rest
		}
		d.problem(rest, rest+max(end, 1), "unexpected data after the end of the JSON document; a file holds exactly one policy")
	}
}

func (d *Document) syntaxProblem(err error, base int) {
	var se *jsontext.SyntacticError
	offset := len(d.Text)
	msg := err.Error()
	if errors.As(err, &se) {
		offset = base + int(se.ByteOffset)
		if se.Err != nil {
			err = se.Err
			msg = se.Err.Error()
		}
	}
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		// Point just after the last thing written, not at a blank last line.
		offset = len(bytes.TrimRight(d.Text, " \t\r\n"))
		msg = "unexpected end of file: the JSON document is incomplete"
	case strings.Contains(msg, "exceeded max depth"):
		msg = "JSON nested more than 10000 levels deep"
	default:
		msg = "invalid JSON: " + strings.TrimPrefix(msg, "jsontext: ")
	}
	offset = min(max(offset, 0), len(d.Text))
	end := offset
	if end < len(d.Text) {
		_, size := utf8.DecodeRune(d.Text[end:])
		end += size
	}
	d.problem(offset, end, "%s", msg)
}

type parser struct {
	doc  *Document
	dec  *jsontext.Decoder
	base int
	slab []Node
}

func (p *parser) node() *Node {
	if len(p.slab) == cap(p.slab) {
		p.slab = make([]Node, 0, 32)
	}
	p.slab = p.slab[:len(p.slab)+1]
	return &p.slab[len(p.slab)-1]
}

// offset is the position in the document's text just past the last token.
func (p *parser) offset() int { return p.base + int(p.dec.InputOffset()) }

func (p *parser) value(parent *Node, name string, index int) (*Node, error) {
	kind := p.dec.PeekKind()
	start := skipSeparators(p.doc.Text, p.offset())
	n := p.node()
	n.Parent, n.Name, n.Index = parent, name, index
	switch kind {
	case '{':
		n.Kind = Object
		if _, err := p.dec.ReadToken(); err != nil {
			return nil, err
		}
		for p.dec.PeekKind() == '"' {
			keyStart := skipSeparators(p.doc.Text, p.offset())
			raw, err := p.dec.ReadValue()
			if err != nil {
				return nil, err
			}
			keySpan := Span{Start: keyStart, End: p.offset()}
			child, err := p.value(n, p.str(raw), len(n.Members))
			if err != nil {
				return nil, err
			}
			n.Members = append(n.Members, Member{Key: child.Name, KeySpan: keySpan, Value: child})
		}
		if _, err := p.dec.ReadToken(); err != nil {
			return nil, err
		}
	case '[':
		n.Kind = Array
		if _, err := p.dec.ReadToken(); err != nil {
			return nil, err
		}
		for k := p.dec.PeekKind(); k != ']' && k != 0; k = p.dec.PeekKind() {
			child, err := p.value(n, "", len(n.Elems))
			if err != nil {
				return nil, err
			}
			n.Elems = append(n.Elems, child)
		}
		if _, err := p.dec.ReadToken(); err != nil {
			return nil, err
		}
	default:
		raw, err := p.dec.ReadValue()
		if err != nil {
			return nil, err
		}
		switch kind {
		case '"':
			n.Kind, n.Text = String, p.str(raw)
		case '0':
			n.Kind, n.Text = Number, alias(raw)
		case 't':
			n.Kind, n.Text = Bool, "true"
		case 'f':
			n.Kind, n.Text = Bool, "false"
		case 'n':
			n.Kind = Null
		}
	}
	n.Span = Span{Start: start, End: p.offset()}
	return n, nil
}

var decoders = sync.Pool{New: func() any { return new(jsontext.Decoder) }}

// released is what pooled decoders point at, so they keep no document alive.
var released = new(bytes.Buffer)

// str decodes a JSON string token. Strings without escapes alias the
// document's bytes (Parse owns its input and nothing writes to it), so the
// common case allocates nothing.
func (p *parser) str(raw []byte) string {
	body := raw[1 : len(raw)-1]
	if bytes.IndexByte(body, '\\') < 0 {
		return alias(body)
	}
	s, _ := jsontext.AppendUnquote(nil, raw)
	return string(s)
}

func alias(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

// spaceBits has bit c set for each JSON whitespace byte c.
// A uint64, so that it builds where int is 32 bits.
const spaceBits uint64 = 1<<' ' | 1<<'\t' | 1<<'\n' | 1<<'\r'

// skipSpace returns the index of the first byte at or after i that is not
// JSON whitespace. Pretty-printed JSON indents with runs of spaces, so
// after a space it skips the spaces that follow eight at a time: the
// lowest non-zero byte of the word XOR eight spaces is the first byte
// that is not a space.
func skipSpace(b []byte, i int) int {
	for ; i < len(b); i++ {
		c := b[i]
		if c > ' ' || spaceBits>>c&1 == 0 {
			return i
		}
		if c == ' ' && len(b)-i >= 9 {
			i += bits.TrailingZeros64(word(b, i+1)^(ones*' ')) / 8
		}
	}
	return i
}

func skipSeparators(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r' || b[i] == ',' || b[i] == ':') {
		i++
	}
	return i
}

// invalidUTF8 returns the index of the first byte that is not valid UTF-8,
// or -1.
func invalidUTF8(b []byte) int {
	if utf8.Valid(b) {
		return -1
	}
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return -1
}

// Subtree views one node of a file as a document of its own, sharing the
// file's bytes so spans need no mapping.
// The node is detached from its parent so pointers are relative to it.
func Subtree(file *Document, n *Node) *Document {
	n.Parent = nil
	return &Document{Path: file.Path, Text: file.Text, Root: n, lines: file.Lines()}
}
