package server

// The tolerant scan reads the text before the cursor, which while typing is
// almost never valid JSON, and works out where in a policy the cursor is:
// the keys of the objects around it, and whether it is where a key or a
// value goes. It never fails; text it cannot make sense of just gives less
// context.

// arrayStep stands for an array in a cursor path.
const arrayStep = "[]"

// cursorContext is where the cursor is.
type cursorContext struct {
	// Path is the keys from the root to the container the cursor is in,
	// with arrayStep for each array on the way: inside
	// {"Statement":[{"Action":[| it is ["Statement", "[]", "Action", "[]"].
	Path []string
	// Kind says what goes at the cursor.
	Kind slotKind
	// Start is the byte offset where the text being typed starts (the
	// opening quote when Quoted); the text from Start to the cursor is what
	// a completion replaces.
	Start int
	// Quoted is set when the cursor is inside a string.
	Quoted bool
	// Prefix is what has been typed of the key or value, without quotes.
	Prefix string
}

type slotKind int

const (
	slotNone  slotKind = iota
	slotKey            // an object key goes here
	slotValue          // a value goes here (after a colon, or in an array)
)

// Key returns the key whose value the cursor is in, skipping arrays:
// "Action" both in "Action": "| and in "Action": ["|.
func (c cursorContext) Key() string {
	for i := len(c.Path) - 1; i >= 0; i-- {
		if c.Path[i] != arrayStep {
			return c.Path[i]
		}
	}
	return ""
}

// Keys returns the path without arrays.
func (c cursorContext) Keys() []string {
	var out []string
	for _, k := range c.Path {
		if k != arrayStep {
			out = append(out, k)
		}
	}
	return out
}

// frame is an open object or array.
type frame struct {
	object bool
	key    string // the object's current key (once read)
	state  objState
}

type objState int

const (
	wantKey   objState = iota // after { or ,
	wantColon                 // after a key
	wantValue                 // after :
	haveValue                 // after a value
)

// scanContext scans text[:cursor].
func scanContext(text []byte, cursor int) cursorContext {
	cursor = max(0, min(cursor, len(text)))
	var stack []frame
	ctx := cursorContext{}
	top := func() *frame {
		if len(stack) == 0 {
			return nil
		}
		return &stack[len(stack)-1]
	}
	// valueDone records that a value ended in the current container.
	valueDone := func() {
		if f := top(); f != nil && f.object {
			f.state = haveValue
		}
	}
	i := 0
	for i < cursor {
		c := text[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case c == '{' || c == '[':
			stack = append(stack, frame{object: c == '{'})
			i++
		case c == '}' || c == ']':
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
			valueDone()
			i++
		case c == ':':
			if f := top(); f != nil && f.object {
				f.state = wantValue
			}
			i++
		case c == ',':
			if f := top(); f != nil && f.object {
				f.state, f.key = wantKey, ""
			}
			i++
		case c == '"':
			end, closed, s := scanString(text, i, cursor)
			if !closed {
				ctx.Quoted, ctx.Start, ctx.Prefix = true, i, s
				if f := top(); f != nil && f.object && f.state != wantValue {
					f.state = wantKey
				}
				return finish(ctx, stack)
			}
			// In an object, a string anywhere but after a colon is a key:
			// after a key or a value it means a comma or colon is missing,
			// and the newest key is the one being written.
			if f := top(); f != nil && f.object && f.state != wantValue {
				f.key, f.state = s, wantColon
			} else {
				valueDone()
			}
			i = end
		default:
			// A literal (number, true, null) or a bare word being typed.
			j := i
			for j < cursor && !isDelimiter(text[j]) {
				j++
			}
			if j == cursor {
				ctx.Start, ctx.Prefix = i, string(text[i:j])
				return finish(ctx, stack)
			}
			valueDone()
			i = j
		}
	}
	ctx.Start = cursor
	return finish(ctx, stack)
}

// finish fills in the path and the slot from the open containers.
func finish(ctx cursorContext, stack []frame) cursorContext {
	for _, f := range stack {
		if !f.object {
			ctx.Path = append(ctx.Path, arrayStep)
			continue
		}
		if f.state == wantValue || f.state == haveValue {
			ctx.Path = append(ctx.Path, f.key)
		}
	}
	if len(stack) == 0 {
		// Nothing open: the start of a document, where a value goes.
		ctx.Kind = slotValue
		return ctx
	}
	f := stack[len(stack)-1]
	switch {
	case !f.object:
		ctx.Kind = slotValue
	case f.state == wantKey:
		ctx.Kind = slotKey
	case f.state == wantValue:
		ctx.Kind = slotValue
	}
	// After a complete key or value there is nothing to complete; the path
	// then ends in the key of the value just read, which is dropped.
	if ctx.Kind == slotNone && f.object && f.state == haveValue && len(ctx.Path) > 0 {
		ctx.Path = ctx.Path[:len(ctx.Path)-1]
	}
	return ctx
}

// scanString reads the string starting at the quote at text[start], up to
// limit. It returns the offset after the closing quote, whether there was
// one before limit, and the string's content with the common escapes
// decoded (enough for keys and values of a policy).
func scanString(text []byte, start, limit int) (end int, closed bool, s string) {
	var b []byte
	i := start + 1
	for i < limit {
		c := text[i]
		switch c {
		case '"':
			return i + 1, true, string(b)
		case '\\':
			if i+1 >= limit {
				return limit, false, string(b)
			}
			switch e := text[i+1]; e {
			case 'n':
				b = append(b, '\n')
			case 't':
				b = append(b, '\t')
			case 'r':
				b = append(b, '\r')
			case 'b', 'f', 'u':
				// Rare in a policy; keep the escape as written.
				b = append(b, '\\', e)
			default:
				b = append(b, e)
			}
			i += 2
		case '\n', '\r':
			// JSON strings do not span lines: this one was never closed.
			// Treat the line break as its end so the next lines still scan.
			return i, true, string(b)
		default:
			b = append(b, c)
			i++
		}
	}
	return limit, false, string(b)
}

func isDelimiter(c byte) bool {
	switch c {
	case ' ', '\t', '\n', '\r', '{', '}', '[', ']', ':', ',', '"':
		return true
	}
	return false
}
