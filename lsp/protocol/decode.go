package protocol

import (
	"bytes"
	"encoding/json"
	"math"
	"unicode/utf8"
)

// UnmarshalJSON decodes didChange params, which arrive with every
// keystroke, without reflection when they have the shape editors send;
// anything else goes through encoding/json, with the same result.
func (p *DidChangeTextDocumentParams) UnmarshalJSON(data []byte) error {
	// Only into a zero value: encoding/json merges into what is there.
	if p.TextDocument == (VersionedTextDocumentIdentifier{}) && p.ContentChanges == nil {
		var q DidChangeTextDocumentParams
		if decodeDidChange(data, &q) {
			*p = q
			return nil
		}
	}
	type plain DidChangeTextDocumentParams // without this method
	return json.Unmarshal(data, (*plain)(p))
}

// decodeDidChange reads data as encoding/json would, or reports false for
// anything it does not handle: a member it does not know or that appears
// twice (encoding/json matches names without regard to case, and merges
// repeats), null, a value of another type, a number that is not a plain
// integer in range, a string with invalid UTF-8, and anything not valid
// JSON. FuzzDecodeDidChange holds it to encoding/json.
func decodeDidChange(data []byte, p *DidChangeTextDocumentParams) bool {
	r := reader{b: data}
	var seen uint8
	return r.object(func(key []byte) bool {
		switch string(key) {
		case "textDocument":
			return once(&seen, 1) && r.versionedID(&p.TextDocument)
		case "contentChanges":
			return once(&seen, 2) && r.changes(&p.ContentChanges)
		}
		return false
	}) && r.end()
}

// once sets bit in seen and reports whether it was clear.
func once(seen *uint8, bit uint8) bool {
	if *seen&bit != 0 {
		return false
	}
	*seen |= bit
	return true
}

// reader reads JSON from b[i:]. Its methods report false for anything they
// do not expect, and the caller gives up.
type reader struct {
	b []byte
	i int
}

func (r *reader) space() {
	for r.i < len(r.b) {
		switch r.b[r.i] {
		case ' ', '\t', '\n', '\r':
			r.i++
		default:
			return
		}
	}
}

// next skips space and reports whether the next byte is c, consuming it.
func (r *reader) next(c byte) bool {
	r.space()
	if r.i < len(r.b) && r.b[r.i] == c {
		r.i++
		return true
	}
	return false
}

// end reports whether only space is left.
func (r *reader) end() bool {
	r.space()
	return r.i == len(r.b)
}

// object reads an object, calling member for each member with the reader
// at its value.
func (r *reader) object(member func(key []byte) bool) bool {
	if !r.next('{') {
		return false
	}
	if r.next('}') {
		return true
	}
	for {
		r.space()
		key, ok := r.plainString()
		if !ok || !r.next(':') {
			return false
		}
		r.space()
		if !member(key) {
			return false
		}
		if r.next(',') {
			continue
		}
		return r.next('}')
	}
}

// plainString reads a string without escapes or control characters, in
// valid UTF-8, and returns its bytes.
func (r *reader) plainString() ([]byte, bool) {
	if r.i >= len(r.b) || r.b[r.i] != '"' {
		return nil, false
	}
	start := r.i + 1
	end := bytes.IndexByte(r.b[start:], '"')
	if end < 0 {
		return nil, false
	}
	s := r.b[start : start+end]
	for _, c := range s {
		if c < ' ' || c == '\\' {
			return nil, false
		}
	}
	if !utf8.Valid(s) {
		return nil, false
	}
	r.i = start + end + 1
	return s, true
}

// string reads a string. One with escapes is decoded by encoding/json.
func (r *reader) string() (string, bool) {
	if s, ok := r.plainString(); ok {
		return string(s), true
	}
	if r.i >= len(r.b) || r.b[r.i] != '"' {
		return "", false
	}
	end := r.i + 1
	for end < len(r.b) && r.b[end] != '"' {
		if r.b[end] == '\\' {
			end++
		}
		end++
	}
	if end >= len(r.b) {
		return "", false
	}
	var s string
	if json.Unmarshal(r.b[r.i:end+1], &s) != nil {
		return "", false
	}
	r.i = end + 1
	return s, true
}

// digits reads a non-negative JSON integer: no sign, fraction, exponent or
// leading zero.
func (r *reader) digits() (uint64, bool) {
	start := r.i
	var n uint64
	for r.i < len(r.b) && '0' <= r.b[r.i] && r.b[r.i] <= '9' {
		if n > math.MaxUint32 {
			return 0, false // out of every range read here
		}
		n = n*10 + uint64(r.b[r.i]-'0')
		r.i++
	}
	digits := r.i - start
	if digits == 0 || digits > 1 && r.b[start] == '0' {
		return 0, false
	}
	if r.i < len(r.b) {
		switch r.b[r.i] {
		case '.', 'e', 'E':
			return 0, false
		}
	}
	return n, true
}

func (r *reader) uint32() (uint32, bool) {
	n, ok := r.digits()
	return uint32(n), ok && n <= math.MaxUint32
}

func (r *reader) int32() (int32, bool) {
	neg := r.i < len(r.b) && r.b[r.i] == '-'
	if neg {
		r.i++
	}
	n, ok := r.digits()
	switch {
	case !ok, neg && n == 0: // "-0" is left to encoding/json
		return 0, false
	case neg && n <= -math.MinInt32:
		return int32(-int64(n)), true
	case !neg && n <= math.MaxInt32:
		return int32(n), true
	}
	return 0, false
}

func (r *reader) versionedID(v *VersionedTextDocumentIdentifier) bool {
	var seen uint8
	return r.object(func(key []byte) bool {
		var ok bool
		switch string(key) {
		case "uri":
			var s string
			s, ok = r.string()
			v.URI = DocumentURI(s)
			return once(&seen, 1) && ok
		case "version":
			v.Version, ok = r.int32()
			return once(&seen, 2) && ok
		}
		return false
	})
}

func (r *reader) changes(out *[]TextDocumentContentChangeEvent) bool {
	if !r.next('[') {
		return false
	}
	changes := []TextDocumentContentChangeEvent{} // [] is empty, not nil
	if !r.next(']') {
		for {
			r.space()
			var c TextDocumentContentChangeEvent
			if !r.change(&c) {
				return false
			}
			changes = append(changes, c)
			if r.next(',') {
				continue
			}
			if !r.next(']') {
				return false
			}
			break
		}
	}
	*out = changes
	return true
}

func (r *reader) change(c *TextDocumentContentChangeEvent) bool {
	var seen uint8
	return r.object(func(key []byte) bool {
		switch string(key) {
		case "range":
			c.Range = new(Range)
			return once(&seen, 1) && r.rng(c.Range)
		case "rangeLength":
			n, ok := r.uint32()
			c.RangeLength = &n
			return once(&seen, 2) && ok
		case "text":
			var ok bool
			c.Text, ok = r.string()
			return once(&seen, 4) && ok
		}
		return false
	})
}

func (r *reader) rng(v *Range) bool {
	var seen uint8
	return r.object(func(key []byte) bool {
		switch string(key) {
		case "start":
			return once(&seen, 1) && r.position(&v.Start)
		case "end":
			return once(&seen, 2) && r.position(&v.End)
		}
		return false
	})
}

func (r *reader) position(p *Position) bool {
	var seen uint8
	return r.object(func(key []byte) bool {
		var ok bool
		switch string(key) {
		case "line":
			p.Line, ok = r.uint32()
			return once(&seen, 1) && ok
		case "character":
			p.Character, ok = r.uint32()
			return once(&seen, 2) && ok
		}
		return false
	})
}
