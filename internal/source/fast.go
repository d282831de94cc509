package source

import (
	"math/bits"
	"sync"
	"unicode/utf8"
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
	// nodes, memberBatch and elemBatch are batches of zeroed memory taken
	// from the arena, one take per batch instead of one per node, object
	// or array; nodes[next:] are the nodes not used yet, and so on. (The
	// parser moves indexes, not slices: storing a slice in p costs a
	// write barrier check.)
	nodes       []Node
	next        int
	memberBatch []Member
	nextMember  int
	elemBatch   []*Node
	nextElem    int
}

var fastParsers = sync.Pool{New: func() any { return new(fastParser) }}

// parseFast parses the JSON value at text[start:] (start is its first
// byte) with nodes from a (or fresh memory when a is nil), or returns nil
// when the slow path must run.
func parseFast(text []byte, start int, a *Arena) *Node {
	p := fastParsers.Get().(*fastParser)
	p.text, p.depth, p.a = text, 0, a
	if a == nil {
		p.a = &p.own
	}
	root, _ := p.value(start, nil, "", 0)
	// Keep the scratch stacks for the next document, but nothing that
	// points into this one.
	clear(p.members[:cap(p.members)])
	clear(p.elems[:cap(p.elems)])
	p.members, p.elems = p.members[:0], p.elems[:0]
	p.text, p.a = nil, nil
	p.nodes, p.memberBatch, p.elemBatch = nil, nil, nil
	p.next, p.nextMember, p.nextElem = 0, 0, 0
	p.own.nodes.forget()
	p.own.members.forget()
	p.own.elems.forget()
	fastParsers.Put(p)
	return root
}

// nodeBatch divides chunkLen, so that batches fill chunks without gaps.
const nodeBatch = 16

// refill takes the next batch of nodes; it is out of line, as it runs
// once in nodeBatch nodes.
//
//go:noinline
func (p *fastParser) refill() {
	p.nodes, p.next = p.a.nodes.take(nodeBatch), 0
}

const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// stringStops marks, by the high bit of its byte, each of the eight bytes
// of x that could end the plain run of a string: a quote, a backslash, a
// control character (which JSON forbids there) or a byte of a non-ASCII
// character (which must be checked for valid UTF-8). It uses the
// has-less-than test of Bit Twiddling Hacks, (v - n*0x01..01) &^ v &
// 0x80..80, for the bytes of v below n: bytes above a marked one may be
// marked wrongly, but the lowest marked byte is always a stop, and none
// below it is. With x's bytes XOR 2, the quote (0x22) becomes 0x20 and
// the control characters stay below 0x20, so one test (below 0x21) finds
// both.
func stringStops(x uint64) uint64 {
	q := x ^ (ones * 2)
	b := x ^ (ones * '\\')
	return ((q-ones*0x21)&^q | (b-ones)&^b | x) & highs
}

// value parses the value at text[i:] (whitespace already skipped) and
// returns it with the index just past it; it returns nil when the fast
// path gives up.
func (p *fastParser) value(i int, parent *Node, name string, index int) (*Node, int) {
	t := p.text
	if i >= len(t) {
		return nil, i
	}
	if p.next == len(p.nodes) {
		p.refill()
	}
	n := &p.nodes[p.next]
	p.next++
	n.Parent, n.Name, n.Index = parent, name, index
	start := i
	ok := false
	switch t[i] {
	case '{':
		i, ok = p.object(n, i)
	case '[':
		i, ok = p.array(n, i)
	case '"':
		n.Kind = String
		n.Text, i, ok = p.str(i)
	case 't':
		n.Kind, n.Text = Bool, "true"
		i, ok = literal(t, i, "true")
	case 'f':
		n.Kind, n.Text = Bool, "false"
		i, ok = literal(t, i, "false")
	case 'n':
		n.Kind = Null
		i, ok = literal(t, i, "null")
	default:
		n.Kind = Number
		i, ok = number(t, i)
		n.Text = alias(t[start:i])
	}
	if !ok {
		return nil, i
	}
	n.Span = Span{Start: start, End: i}
	return n, i
}

// object parses the object whose "{" is text[i].
func (p *fastParser) object(n *Node, i int) (int, bool) {
	n.Kind = Object
	if p.depth++; p.depth > maxDepth {
		return i, false
	}
	t := p.text
	mark := len(p.members)
	i = skipSpace(t, i+1)
	if i < len(t) && t[i] == '}' {
		p.depth--
		return i + 1, true
	}
	for closed := false; !closed; {
		if i >= len(t) || t[i] != '"' {
			return i, false
		}
		keyStart := i
		var key string
		var ok bool
		if key, i, ok = p.str(i); !ok {
			return i, false
		}
		keySpan := Span{Start: keyStart, End: i}
		if len(t)-i > 2 && t[i] == ':' && t[i+1] == ' ' && t[i+2] > ' ' {
			i += 2 // `": "`, as pretty-printers write it
		} else if i, ok = colon(t, i); !ok {
			return i, false
		}
		var child *Node
		if child, i = p.value(i, n, key, len(p.members)-mark); child == nil {
			return i, false
		}
		p.members = append(p.members, Member{Key: key, KeySpan: keySpan, Value: child})
		if i < len(t) && t[i] == ',' {
			i = skipSpace(t, i+1) // most members: the comma right after them
		} else if i, closed, ok = separator(t, i, '}'); !ok {
			return i, false
		}
	}
	n.Members = p.cutMembers(mark)
	p.depth--
	return i, true
}

// array parses the array whose "[" is text[i].
func (p *fastParser) array(n *Node, i int) (int, bool) {
	n.Kind = Array
	if p.depth++; p.depth > maxDepth {
		return i, false
	}
	t := p.text
	mark := len(p.elems)
	i = skipSpace(t, i+1)
	if i < len(t) && t[i] == ']' {
		p.depth--
		return i + 1, true
	}
	for closed, ok := false, false; !closed; {
		var child *Node
		if child, i = p.value(i, n, "", len(p.elems)-mark); child == nil {
			return i, false
		}
		p.elems = append(p.elems, child)
		if i < len(t) && t[i] == ',' {
			i = skipSpace(t, i+1)
		} else if i, closed, ok = separator(t, i, ']'); !ok {
			return i, false
		}
	}
	n.Elems = p.cutElems(mark)
	p.depth--
	return i, true
}

// colon reads what follows a key at text[i:], a colon and space, and
// returns the index after them.
func colon(t []byte, i int) (int, bool) {
	if i = skipSpace(t, i); i >= len(t) || t[i] != ':' {
		return i, false
	}
	return skipSpace(t, i+1), true
}

// separator reads what follows a member or an element at text[i:]: a comma
// (and the space after it) or the closing byte; anything else fails the
// fast path. It returns the index after what it read.
func separator(t []byte, i int, closing byte) (next int, closed, ok bool) {
	if i = skipSpace(t, i); i < len(t) {
		switch t[i] {
		case closing:
			return i + 1, true, true
		case ',':
			return skipSpace(t, i+1), false, true
		}
	}
	return i, false, false
}

// listBatch is the least the parser takes from the arena for the members
// or the elements of its containers at once.
const listBatch = 32

// cutMembers moves the members above mark into a slice of their own,
// capped so that appending to it cannot reach its neighbours.
func (p *fastParser) cutMembers(mark int) []Member {
	src := p.members[mark:]
	k := len(src)
	if len(p.memberBatch)-p.nextMember < k {
		p.memberBatch, p.nextMember = p.a.members.take(max(k, listBatch)), 0
	}
	j := p.nextMember
	out := p.memberBatch[j : j+k : j+k]
	p.nextMember += k
	// A loop, not copy: most objects have a few members, too few to pay
	// for a call.
	for i := range out {
		out[i] = src[i]
	}
	p.members = p.members[:mark] // parseFast clears the stack once, at the end
	return out
}

func (p *fastParser) cutElems(mark int) []*Node {
	src := p.elems[mark:]
	k := len(src)
	if len(p.elemBatch)-p.nextElem < k {
		p.elemBatch, p.nextElem = p.a.elems.take(max(k, listBatch)), 0
	}
	j := p.nextElem
	out := p.elemBatch[j : j+k : j+k]
	p.nextElem += k
	for i := range out {
		out[i] = src[i]
	}
	p.elems = p.elems[:mark]
	return out
}

// str reads the string whose opening quote is text[i] and returns its
// text and the index past its closing quote, or false when the fast path
// does not take it. A string without escapes is its bytes, found in one
// pass: eight bytes at a time to the first quote, backslash, control
// character or non-ASCII byte, which for most strings is the closing
// quote.
func (p *fastParser) str(i int) (string, int, bool) {
	t := p.text
	j := i + 1
	for ; len(t)-j >= 8; j += 8 {
		if m := stringStops(word(t, j)); m != 0 {
			j += bits.TrailingZeros64(m) / 8
			if t[j] != '"' {
				break
			}
			// t[j] is the closing quote, so t[i+1] exists even when the
			// string is empty.
			return unsafe.String(&t[i+1], j-i-1), j + 1, true
		}
	}
	return strFrom(t, i, j)
}

// strFrom reads the rest of the string whose opening quote is t[i], from
// its byte j on, a byte at a time: the last few bytes of the text,
// non-ASCII characters, or escapes, which jsontext decodes and checks. A
// control character, invalid UTF-8 or the end of the text fails.
func strFrom(t []byte, i, j int) (string, int, bool) {
	escaped := false
	for ; j < len(t); j++ {
		switch c := t[j]; {
		case c == '"':
			s, ok := decode(t[i:j+1], escaped)
			return s, j + 1, ok
		case c == '\\':
			escaped = true
			j++
		case c < 0x20:
			return "", j, false
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRune(t[j:])
			if r == utf8.RuneError && size == 1 {
				return "", j, false
			}
			j += size - 1
		}
	}
	return "", j, false
}

// decode returns the text of the string token raw.
func decode(raw []byte, escaped bool) (string, bool) {
	if !escaped {
		return alias(raw[1 : len(raw)-1]), true
	}
	s, err := jsontext.AppendUnquote(nil, raw)
	if err != nil {
		return "", false
	}
	if len(s) == 0 {
		return "", true
	}
	// s is ours and never written again.
	return unsafe.String(&s[0], len(s)), true
}

// literal moves past word at t[i:].
func literal(t []byte, i int, word string) (int, bool) {
	if len(t)-i < len(word) || string(t[i:i+len(word)]) != word {
		return i, false
	}
	return i + len(word), true
}

// number moves past a number of RFC 8259's grammar at t[i:]:
// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func number(t []byte, i int) (int, bool) {
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
		return i, false
	}
	if i < len(t) && t[i] == '.' {
		i++
		d := i
		for ; i < len(t) && t[i] >= '0' && t[i] <= '9'; i++ {
		}
		if i == d {
			return i, false
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
			return i, false
		}
	}
	return i, true
}
