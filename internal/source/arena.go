package source

// An Arena holds the nodes of the documents parsed with ParseIn, so that a
// caller that parses documents one after another and drops each tree
// before the next (the lint driver's workers) reuses one set of memory
// instead of allocating and collecting some 12 KB a document.
//
// Reuse is safe by default: the arena reuses its memory only when every
// document parsed since the last reuse was given back with Release. A
// document that is kept (never released) keeps its nodes: the arena
// leaves them to it and takes fresh memory.
//
// An Arena is not safe for concurrent use; the zero value is ready.
type Arena struct {
	nodes   chunks[Node]
	members chunks[Member]
	elems   chunks[*Node]
	// gen numbers the documents parsed with the arena; held is set while
	// the latest one is not released.
	gen  uint64
	held bool
}

// ParseIn is Parse with the document's nodes taken from a (see Arena).
// Only well-formed documents use the arena; a document with problems is
// read by the slow path, which allocates its own.
func ParseIn(a *Arena, path string, text []byte) *Document {
	d := new(Document)
	ParseInto(d, a, path, text)
	return d
}

// ParseInto is ParseIn parsing into *d, whatever it held: a caller that
// drops each document before the next (the lint driver's workers) reuses
// the Document too, not only its nodes. Nothing may use what d held.
func ParseInto(d *Document, a *Arena, path string, text []byte) {
	a.begin()
	*d = Document{Path: path, Text: text, arena: a, arenaGen: a.gen}
	d.parseWith(true)
}

// An Embedding is what ParseEmbeddedIn reuses from one embedded document
// to the next: the document, its decoded text and offsets, and an arena
// for its nodes. The zero value is ready.
type Embedding struct {
	doc     Document
	arena   Arena
	text    []byte
	offsets []int
}

// ParseEmbeddedIn is ParseEmbedded building the document in e: a caller
// that drops each document before the next (the lint driver's workers)
// reuses its memory. The document, its text included, is valid until e is
// used again; its tree until it is released.
func ParseEmbeddedIn(e *Embedding, outer *Document, str *Node) *Document {
	raw := outer.Text[str.Span.Start:str.Span.End]
	e.text, e.offsets = appendUnquoted(e.text[:0], e.offsets[:0], raw, str.Span.Start)
	e.arena.begin()
	e.doc = Document{Path: outer.Path, Text: e.text, outer: outer, offsets: e.offsets, arena: &e.arena, arenaGen: e.arena.gen}
	e.doc.parse()
	return &e.doc
}

// Release says that nothing will use d's tree (its nodes and their
// members and elements) again, so that its arena may reuse the memory.
// The text and line index stay valid. It does nothing for a document
// parsed without an arena.
func (d *Document) Release() {
	if a := d.arena; a != nil {
		d.arena, d.Root = nil, nil
		if d.arenaGen == a.gen {
			a.held = false
		}
	}
}

// begin readies the arena for a document: its memory is reused if the
// previous document was released, and left to it otherwise.
func (a *Arena) begin() {
	if a.held {
		a.nodes, a.members, a.elems = chunks[Node]{}, chunks[Member]{}, chunks[*Node]{}
	} else {
		a.nodes.reuse()
		a.members.reuse()
		a.elems.reuse()
	}
	a.gen++
	a.held = true
}

// chunks hands out slices of T from chunks allocated once and reused.
type chunks[T any] struct {
	list [][]T // every chunk, filled up to its length
	cur  int   // the chunk being filled
}

const chunkLen = 64

// take returns k zeroed elements, capped at k so that appending to them
// cannot reach their neighbours.
func (c *chunks[T]) take(k int) []T {
	if c.cur < len(c.list) {
		if ch := c.list[c.cur]; cap(ch)-len(ch) >= k {
			c.list[c.cur] = ch[:len(ch)+k]
			return ch[len(ch) : len(ch)+k : len(ch)+k]
		}
		c.cur++
	}
	if c.cur == len(c.list) {
		c.list = append(c.list, make([]T, 0, max(chunkLen, k)))
	} else if cap(c.list[c.cur]) < k {
		c.list[c.cur] = make([]T, 0, k)
	}
	ch := c.list[c.cur]
	c.list[c.cur] = ch[:k]
	return ch[:k:k]
}

// reuse zeroes what was handed out and starts again from the first chunk.
func (c *chunks[T]) reuse() {
	for i := 0; i <= c.cur && i < len(c.list); i++ {
		clear(c.list[i])
		c.list[i] = c.list[i][:0]
	}
	c.cur = 0
}

// forget leaves every chunk to the trees that use it, keeping the list.
func (c *chunks[T]) forget() {
	clear(c.list)
	c.list, c.cur = c.list[:0], 0
}
