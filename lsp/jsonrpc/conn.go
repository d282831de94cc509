package jsonrpc

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"mime"
	"strconv"
	"strings"
	"sync"
)

// DefaultMaxMessageSize caps a message body. A policy document is a few
// kilobytes; the cap is there so that a wrong Content-Length cannot make the
// server allocate gigabytes.
const DefaultMaxMessageSize = 64 << 20

const (
	headerBufSize  = 4096 // the longest header line accepted
	maxHeaderLines = 32
	bodyChunk      = 64 << 10 // the body buffer grows as bytes arrive, from this size
)

// ErrFraming reports a header the stream cannot be recovered from: without a
// trustworthy Content-Length there is no telling where the next message starts.
var ErrFraming = errors.New("jsonrpc: broken framing")

// Option configures a Conn.
type Option func(*Conn)

// WithMaxMessageSize sets the largest body Read accepts; larger messages are
// skipped and answered with an error.
func WithMaxMessageSize(n int64) Option {
	return func(c *Conn) { c.max = n }
}

// WithResync makes a broken header recoverable, for a server that must keep
// serving whatever it is sent. After Read reports ErrFraming, the next Read
// first discards input up to the next "Content-Length:" header (matched in
// any case, anywhere in a line, since a body glued to the next header ends
// without a newline). A Content-Length over the size limit is treated the
// same way instead of skipping the bytes it announces: a length that large
// is more likely a lie than a message, and skipping it would swallow every
// message that follows or wait for bytes that never come.
func WithResync() Option {
	return func(c *Conn) { c.resyncOn = true }
}

// Conn reads and writes framed JSON-RPC messages. Read must be called from
// one goroutine at a time; the write methods are safe for concurrent use.
type Conn struct {
	r   *bufio.Reader
	max int64

	resyncOn bool  // WithResync
	resync   bool  // the next Read skips to the next header first
	names    names // method names read so far

	wmu  sync.Mutex
	w    io.Writer
	werr error   // once a write fails the peer may hold half a frame, so stop writing
	wbuf []byte  // the frame being written, kept for the next one
	enc  encoder // encodes into wbuf
}

// NewConn returns a Conn reading from r and writing to w. Each message is
// written with a single call to w.Write.
func NewConn(r io.Reader, w io.Writer, opts ...Option) *Conn {
	c := &Conn{r: bufio.NewReaderSize(r, headerBufSize), w: w, max: DefaultMaxMessageSize, names: names{}}
	for _, o := range opts {
		o(c)
	}
	return c
}

// Read returns the next valid message.
//
// A message that is read in full but is not valid JSON-RPC (bad JSON, a
// batch, a wrong type, a body over the size cap, a charset other than UTF-8)
// is answered with an error response, as JSON-RPC requires, and reported as
// a *MessageError: the stream is still in step and the caller may read on.
// Any other error is final: io.EOF at a clean end of the stream,
// io.ErrUnexpectedEOF inside a message, ErrFraming for a header that cannot
// be trusted (unless the Conn was made WithResync), or an error from the
// reader or, when answering, the writer.
func (c *Conn) Read() (*Message, error) {
	if c.resync {
		c.resync = false
		if err := c.skipToHeader(); err != nil {
			return nil, err
		}
	}
	h, err := c.readHeader()
	if err != nil {
		if errors.Is(err, ErrFraming) {
			// Tell the peer why the message was dropped (or, without
			// resync, why the server is about to stop). Best effort.
			_ = c.Write(&Message{ID: nullID, Error: Errorf(ParseError, "%v", err)})
			c.resync = c.resyncOn
		}
		return nil, err
	}
	if h.length > c.max {
		if c.resyncOn {
			c.resync = true
		} else if _, err := io.CopyN(io.Discard, c.r, h.length); err != nil {
			return nil, unexpected(err)
		}
		return nil, c.answer(&MessageError{Err: Errorf(InvalidRequest,
			"message of %d bytes is over the limit of %d bytes", h.length, c.max)})
	}
	body, err := readBody(c.r, h.length)
	if err != nil {
		return nil, err
	}
	if h.badType != "" {
		return nil, c.answer(&MessageError{Err: Errorf(InvalidRequest, "%s", h.badType)})
	}
	m, err := parse(body, c.names)
	if err != nil {
		return nil, c.answer(err.(*MessageError))
	}
	return m, nil
}

// answer sends the error response for a bad message, unless the message was
// itself a response, and returns what Read should report.
func (c *Conn) answer(me *MessageError) error {
	if me.Response {
		return me
	}
	id := me.ID
	if id == nil {
		id = nullID
	}
	if err := c.Write(&Message{ID: id, Error: me.Err}); err != nil {
		return err
	}
	return me
}

// headerMarker is what skipToHeader looks for, in lower case.
const headerMarker = "content-length:"

// skipToHeader discards input up to the next "Content-Length:", in any case.
// It reads only what has arrived, so it never waits for bytes a peer has not
// sent while a marker is already buffered.
func (c *Conn) skipToHeader() error {
	for {
		if c.r.Buffered() == 0 {
			if _, err := c.r.Peek(1); err != nil {
				return err // io.EOF here is a clean end: only garbage was left
			}
		}
		buf, _ := c.r.Peek(c.r.Buffered())
		if i := indexFold(buf, headerMarker); i >= 0 {
			_, err := c.r.Discard(i)
			return err
		}
		// Keep a tail that may be the start of a marker cut in two.
		keep := min(len(buf), len(headerMarker)-1)
		if len(buf) > keep {
			if _, err := c.r.Discard(len(buf) - keep); err != nil {
				return err
			}
			continue
		}
		if _, err := c.r.Peek(len(buf) + 1); err != nil {
			return err
		}
	}
}

// indexFold returns the index of the lower-case ASCII marker in b, compared
// without regard to ASCII case, or -1.
func indexFold(b []byte, marker string) int {
	for i := 0; i+len(marker) <= len(b); i++ {
		j := 0
		for j < len(marker) {
			c := b[i+j]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != marker[j] {
				break
			}
			j++
		}
		if j == len(marker) {
			return i
		}
	}
	return -1
}

type header struct {
	length  int64
	badType string // why the Content-Type is refused, if it is
}

func (c *Conn) readHeader() (header, error) {
	var h header
	haveLength := false
	for i := 0; ; i++ {
		line, err := c.r.ReadSlice('\n')
		if err != nil {
			switch {
			case errors.Is(err, bufio.ErrBufferFull):
				return h, fmt.Errorf("%w: header line longer than %d bytes", ErrFraming, headerBufSize)
			case err == io.EOF && i == 0 && len(line) == 0:
				return h, io.EOF
			}
			return h, unexpected(err)
		}
		// The specification ends lines with \r\n; a bare \n costs nothing to accept.
		line = line[:len(line)-1]
		if n := len(line); n > 0 && line[n-1] == '\r' {
			line = line[:n-1]
		}
		if len(line) == 0 {
			break
		}
		if i >= maxHeaderLines {
			return h, fmt.Errorf("%w: more than %d header lines", ErrFraming, maxHeaderLines)
		}
		colon := bytes.IndexByte(line, ':')
		if colon < 0 {
			return h, fmt.Errorf("%w: header line %q has no colon", ErrFraming, line)
		}
		name, value := bytes.TrimSpace(line[:colon]), bytes.TrimSpace(line[colon+1:])
		switch {
		case bytes.EqualFold(name, []byte("Content-Length")):
			n, ok := parseLength(value)
			if !ok {
				return h, fmt.Errorf("%w: Content-Length %q is not a byte count", ErrFraming, value)
			}
			if haveLength && n != h.length {
				return h, fmt.Errorf("%w: two different Content-Length headers", ErrFraming)
			}
			h.length, haveLength = n, true
		case bytes.EqualFold(name, []byte("Content-Type")):
			h.badType = checkContentType(string(value))
		}
	}
	if !haveLength {
		return h, fmt.Errorf("%w: missing Content-Length header", ErrFraming)
	}
	return h, nil
}

// parseLength reads a Content-Length: decimal digits, at most
// math.MaxInt64. A minus sign is accepted before zeros only, as
// strconv.ParseInt read "-0" before this was written without a string.
func parseLength(v []byte) (int64, bool) {
	digits := v
	if len(v) > 1 && v[0] == '-' {
		digits = v[1:]
	}
	if len(digits) == 0 {
		return 0, false
	}
	var n int64
	for _, c := range digits {
		if c < '0' || c > '9' {
			return 0, false
		}
		d := int64(c - '0')
		if n > (math.MaxInt64-d)/10 {
			return 0, false
		}
		n = n*10 + d
	}
	if n != 0 && len(digits) < len(v) {
		return 0, false // negative
	}
	return n, true
}

// checkContentType returns why a Content-Type is refused, or "". The body
// must be UTF-8; "utf8" is accepted because older clients sent it.
func checkContentType(v string) string {
	_, params, err := mime.ParseMediaType(v)
	if err != nil {
		return fmt.Sprintf("malformed Content-Type %q", v)
	}
	switch cs := params["charset"]; {
	case cs == "", strings.EqualFold(cs, "utf-8"), strings.EqualFold(cs, "utf8"):
		return ""
	default:
		return fmt.Sprintf("charset %q is not supported; use utf-8", cs)
	}
}

// readBody reads n bytes, growing the buffer as they arrive, so a peer that
// announces a large body and then stops costs memory only for what it sent.
func readBody(r io.Reader, n int64) ([]byte, error) {
	buf := make([]byte, 0, min(n, bodyChunk))
	for int64(len(buf)) < n {
		if len(buf) == cap(buf) {
			grown := make([]byte, len(buf), min(n, 2*int64(cap(buf))))
			copy(grown, buf)
			buf = grown
		}
		k, err := io.ReadFull(r, buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+k]
		if err != nil {
			return nil, unexpected(err)
		}
	}
	return buf, nil
}

// unexpected turns an end of input inside a message into io.ErrUnexpectedEOF.
func unexpected(err error) error {
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}

// headerRoom is kept free before each body for the longest header.
const headerRoom = len("Content-Length: 9223372036854775807\r\n\r\n")

// maxKeptBuffer is the largest write buffer kept for the next message, so
// that one huge message does not pin its memory for the session.
const maxKeptBuffer = 1 << 20

// Write sends one message.
func (c *Conn) Write(m *Message) error {
	return c.send(m, nil, false)
}

// send encodes m (with value as its params or result, if hasValue) after
// room for the header, puts the header in front and writes the frame with
// one call. The buffer is reused: io.Writer implementations must not keep
// what they are given.
func (c *Conn) send(m *Message, value any, hasValue bool) error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	if cap(c.wbuf) < headerRoom {
		c.wbuf = make([]byte, 0, 1024)
	}
	b, err := c.enc.appendMessage(c.wbuf[:headerRoom], m, value, hasValue)
	defer func() {
		if cap(b) <= maxKeptBuffer {
			c.wbuf = b[:0]
		} else {
			c.wbuf = nil
		}
	}()
	if err != nil {
		return err
	}
	if c.werr != nil {
		return c.werr
	}
	var h [headerRoom]byte
	header := append(strconv.AppendInt(append(h[:0], "Content-Length: "...), int64(len(b)-headerRoom), 10), "\r\n\r\n"...)
	start := headerRoom - len(header)
	copy(b[start:], header)
	if _, err := c.w.Write(b[start:]); err != nil {
		c.werr = fmt.Errorf("jsonrpc: write: %w", err)
		return c.werr
	}
	return nil
}

// Reply answers the request id with result. If result cannot be encoded the
// request is answered with InternalError, so the client is not left waiting,
// and the encoding error is returned.
func (c *Conn) Reply(id ID, result any) error {
	err := c.send(&Message{ID: id}, result, true)
	if err == nil {
		return nil
	}
	var ee *encodeError
	if errors.As(err, &ee) {
		if werr := c.ReplyError(id, Errorf(InternalError, "cannot encode the result")); werr != nil {
			return werr
		}
		return fmt.Errorf("jsonrpc: encode result for %s: %w", id, ee.err)
	}
	return err
}

// ReplyError answers the request id with an error.
func (c *Conn) ReplyError(id ID, e *Error) error {
	if id == nil {
		id = nullID
	}
	return c.Write(&Message{ID: id, Error: e})
}

// Notify sends a notification. Nil params are left out.
func (c *Conn) Notify(method string, params any) error {
	if method == "" {
		return fmt.Errorf("jsonrpc: a notification needs a method")
	}
	return paramsError(method, c.send(&Message{Method: method}, params, true))
}

// Request sends a request. Matching its response to id is the caller's job.
func (c *Conn) Request(id ID, method string, params any) error {
	if id == nil {
		return fmt.Errorf("jsonrpc: request %s needs an id", method)
	}
	if method == "" {
		return fmt.Errorf("jsonrpc: request %s needs a method", id)
	}
	return paramsError(method, c.send(&Message{ID: id, Method: method}, params, true))
}

// paramsError says which method's params did not encode.
func paramsError(method string, err error) error {
	if err == nil {
		return nil
	}
	var ee *encodeError
	if errors.As(err, &ee) {
		return fmt.Errorf("jsonrpc: encode params for %s: %w", method, ee.err)
	}
	return err
}
