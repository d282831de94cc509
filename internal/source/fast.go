package source

import (
	"encoding/binary"
	"math/bits"
	"sync"
	"unsafe"

	"github.com/go-json-experiment/json/jsontext"
)

// The fast path parses well-formed JSON in one pass over the bytes, with
// no tokenizer in between; it gives up at the first thing it does not
// accept, and the jsontext parser then reads the document again to find
// and word the problem. It must build exactly the tree the jsontext parser
// builds (FuzzFastParse holds the two together), so that which one ran is
// never visible: the same nodes, spans, names, texts and indexes.
//
// Most files are well formed, and jsontext's token API spends most of its
// time on bookkeeping a parser that keeps every value does not need: the
// fast path is about four times faster (BenchmarkParse).

// maxDepth is jsontext's nesting limit; deeper documents go to the slow
// path, which reports them.
const maxDepth = 10000

type fastParser struct {
	text  []byte
	i     int
	depth int
	a     *Arena
	// own serves parses without an arena: its chunks go with the tree,
	// its lists stay for the next parse.
	own Arena
	// members and elems are the children of the open containers, copied
	// into exactly sized slices cut from the arena when each container
	// closes.
	members []Member
	elems   []*Node
}

var fastParsers = sync.Pool{New: func() any { return new(fastParser) }}

// parseFast parses the JSON value at text[start:] (start is its first
// byte) with nodes from a (or fresh memory when a is nil), or returns nil
// when the slow path must run.
func parseFast(text []byte, start int, a *Arena) *Node {
	p := fastParsers.Get().(*fastParser)
	p.text, p.i, p.depth, p.a = text, start, 0, a
	if a == nil {
		p.a = &p.own
	}
	root := p.value(nil, "", 0)
	// Keep the scratch stacks for the next document, but nothing that
	// points into this one.
	clear(p.members[:cap(p.members)])
	clear(p.elems[:cap(p.elems)])
	p.members, p.elems = p.members[:0], p.elems[:0]
	p.text, p.a = nil, nil
	p.own.nodes.forget()
	p.own.members.forget()
	p.own.elems.forget()
	fastParsers.Put(p)
	return root
}

func (p *fastParser) node() *Node { return &p.a.nodes.take(1)[0] }

func (p *fastParser) skipSpace() {
	t, i := p.text, p.i
	for i < len(t) {
		switch t[i] {
		case ' ', '\n', '\t', '\r':
			i++
		default:
			p.i = i
			return
		}
	}
	p.i = i
}

const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// stringStops marks, by the high bit of its byte, each of the eight bytes
// of x that could end the plain run of a string: a quote, a backslash or a
// control character (which JSON forbids there). It is the has-zero-byte
// test of Bit Twiddling Hacks, (v - 0x01..01) &^ v & 0x80..80, once for
// each: bytes above a marked one may be marked wrongly, but the lowest
// marked byte is always one of them, and none below it is.
func stringStops(x uint64) uint64 {
	q := x ^ (ones * '"')
	b := x ^ (ones * '\\')
	return ((q-ones)&^q | (b-ones)&^b | (x-ones*0x20)&^x) & highs
}

// value parses the value at p.i (whitespace already skipped).
func (p *fastParser) value(parent *Node, name string, index int) *Node {
	if p.i >= len(p.text) {
		return nil
	}
	start := p.i
	n := p.node()
	n.Parent, n.Name, n.Index = parent, name, index
	switch c := p.text[p.i]; c {
	case '{':
		if !p.object(n) {
			return nil
		}
	case '[':
		if !p.array(n) {
			return nil
		}
	case '"':
		end, escaped := p.scanString()
		if end < 0 {
			return nil
		}
		s, ok := p.decode(start, end, escaped, false)
		if !ok {
			return nil
		}
		n.Kind, n.Text = String, s
	case 't':
		if !p.literal("true") {
			return nil
		}
		n.Kind, n.Text = Bool, "true"
	case 'f':
		if !p.literal("false") {
			return nil
		}
		n.Kind, n.Text = Bool, "false"
	case 'n':
		if !p.literal("null") {
			return nil
		}
		n.Kind = Null
	default:
		if c != '-' && (c < '0' || c > '9') || !p.number() {
			return nil
		}
		n.Kind, n.Text = Number, alias(p.text[start:p.i])
	}
	n.Span = Span{Start: start, End: p.i}
	return n
}

func (p *fastParser) object(n *Node) bool {
	n.Kind = Object
	if p.depth++; p.depth > maxDepth {
		return false
	}
	p.i++ // {
	mark := len(p.members)
	p.skipSpace()
	if p.i < len(p.text) && p.text[p.i] == '}' {
		p.i++
		p.depth--
		return true
	}
	for {
		if p.i >= len(p.text) || p.text[p.i] != '"' {
			return false
		}
		keyStart := p.i
		end, escaped := p.scanString()
		if end < 0 {
			return false
		}
		key, ok := p.decode(keyStart, end, escaped, true)
		if !ok {
			return false
		}
		keySpan := Span{Start: keyStart, End: p.i}
		p.skipSpace()
		if p.i >= len(p.text) || p.text[p.i] != ':' {
			return false
		}
		p.i++
		p.skipSpace()
		child := p.value(n, key, len(p.members)-mark)
		if child == nil {
			return false
		}
		p.members = append(p.members, Member{Key: key, KeySpan: keySpan, Value: child})
		if closed, ok := p.separator('}'); !ok {
			return false
		} else if closed {
			break
		}
	}
	n.Members = p.cutMembers(mark)
	p.depth--
	return true
}

func (p *fastParser) array(n *Node) bool {
	n.Kind = Array
	if p.depth++; p.depth > maxDepth {
		return false
	}
	p.i++ // [
	mark := len(p.elems)
	p.skipSpace()
	if p.i < len(p.text) && p.text[p.i] == ']' {
		p.i++
		p.depth--
		return true
	}
	for {
		child := p.value(n, "", len(p.elems)-mark)
		if child == nil {
			return false
		}
		p.elems = append(p.elems, child)
		if closed, ok := p.separator(']'); !ok {
			return false
		} else if closed {
			break
		}
	}
	n.Elems = p.cutElems(mark)
	p.depth--
	return true
}

// separator reads what follows a member or an element: a comma (and the
// space after it) or the closing byte; anything else fails the fast path.
func (p *fastParser) separator(closing byte) (closed, ok bool) {
	p.skipSpace()
	if p.i >= len(p.text) {
		return false, false
	}
	switch p.text[p.i] {
	case closing:
		p.i++
		return true, true
	case ',':
		p.i++
		p.skipSpace()
		return false, true
	}
	return false, false
}

// cutMembers moves the members above mark into a slice of their own,
// capped so that appending to it cannot reach its neighbours.
func (p *fastParser) cutMembers(mark int) []Member {
	out := p.a.members.take(len(p.members) - mark)
	copy(out, p.members[mark:])
	p.members = p.members[:mark] // parseFast clears the stack once, at the end
	return out
}

func (p *fastParser) cutElems(mark int) []*Node {
	out := p.a.elems.take(len(p.elems) - mark)
	copy(out, p.elems[mark:])
	p.elems = p.elems[:mark]
	return out
}

// scanString moves past the string at p.i and returns the index of its
// closing quote, or -1 when it is not well formed as far as the fast path
// checks: a control character, or an end of input. Escapes are checked
// when decoded.
func (p *fastParser) scanString() (end int, escaped bool) {
	t, j := p.text, p.i+1
	for {
		// Eight bytes at a time to the first byte that may stop the run.
		for j+8 <= len(t) {
			if m := stringStops(binary.LittleEndian.Uint64(t[j:])); m != 0 {
				j += bits.TrailingZeros64(m) / 8
				break
			}
			j += 8
		}
		if j >= len(t) {
			return -1, false
		}
		switch c := t[j]; {
		case c == '"':
			p.i = j + 1
			return j, escaped
		case c == '\\':
			escaped = true
			j += 2
		case c < 0x20:
			return -1, false
		default:
			j++
		}
	}
}

// decode returns the text of the string token text[start:end+1]. The
// text is valid UTF-8 (Parse checks it first), so a string without
// escapes is its bytes; one with escapes is decoded by jsontext, which
// also rejects bad escapes.
func (p *fastParser) decode(start, end int, escaped, key bool) (string, bool) {
	if !escaped {
		body := p.text[start+1 : end]
		if key {
			if k, ok := knownKey(body); ok {
				return k, true
			}
		}
		return alias(body), true
	}
	s, err := jsontext.AppendUnquote(nil, p.text[start:end+1])
	if err != nil {
		return "", false
	}
	if len(s) == 0 {
		return "", true
	}
	// s is ours and never written again.
	return unsafe.String(&s[0], len(s)), true
}

func (p *fastParser) literal(word string) bool {
	if len(p.text)-p.i < len(word) || string(p.text[p.i:p.i+len(word)]) != word {
		return false
	}
	p.i += len(word)
	return true
}

// number moves past a number of RFC 8259's grammar:
// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func (p *fastParser) number() bool {
	t, i := p.text, p.i
	if i < len(t) && t[i] == '-' {
		i++
	}
	switch {
	case i < len(t) && t[i] == '0':
		i++
	case i < len(t) && t[i] >= '1' && t[i] <= '9':
		for i++; i < len(t) && t[i] >= '0' && t[i] <= '9'; i++ {
		}
	default:
		return false
	}
	if i < len(t) && t[i] == '.' {
		i++
		d := i
		for ; i < len(t) && t[i] >= '0' && t[i] <= '9'; i++ {
		}
		if i == d {
			return false
		}
	}
	if i < len(t) && (t[i] == 'e' || t[i] == 'E') {
		i++
		if i < len(t) && (t[i] == '+' || t[i] == '-') {
			i++
		}
		d := i
		for ; i < len(t) && t[i] >= '0' && t[i] <= '9'; i++ {
		}
		if i == d {
			return false
		}
	}
	p.i = i
	return true
}

// knownKey returns the shared string of an element name of policies and
// requests (knownKeys, as a switch: no hashing).
func knownKey(b []byte) (string, bool) {
	switch string(b) {
	case "Version":
		return "Version", true
	case "Id":
		return "Id", true
	case "Statement":
		return "Statement", true
	case "Sid":
		return "Sid", true
	case "Effect":
		return "Effect", true
	case "Principal":
		return "Principal", true
	case "NotPrincipal":
		return "NotPrincipal", true
	case "Action":
		return "Action", true
	case "NotAction":
		return "NotAction", true
	case "Resource":
		return "Resource", true
	case "NotResource":
		return "NotResource", true
	case "Condition":
		return "Condition", true
	case "AWS":
		return "AWS", true
	case "Service":
		return "Service", true
	case "Identity":
		return "Identity", true
	case "PolicyName":
		return "PolicyName", true
	case "Policy":
		return "Policy", true
	}
	return "", false
}
