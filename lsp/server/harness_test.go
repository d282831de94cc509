package server

import (
	"encoding/json"
	"io"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/seslint/seslint/lsp/document"
	"github.com/seslint/seslint/lsp/jsonrpc"
	"github.com/seslint/seslint/lsp/protocol"
)

// hang bounds every wait of the harness. Nothing waits for time to pass:
// each wait ends on a message, and this only turns a bug that would hang
// the test into a failure.
const hang = 20 * time.Second

// client is the test's side of an in-process session: a JSON-RPC peer on a
// pipe to a Server running in its own goroutine.
type client struct {
	t    testing.TB
	srv  *Server
	conn *jsonrpc.Conn
	raw  io.Writer // the pipe into the server, for malformed frames

	mu       sync.Mutex
	nextID   int
	pending  map[string]chan *jsonrpc.Message
	requests []*jsonrpc.Message // requests the server sent

	notes     chan *jsonrpc.Message                  // notifications, in order
	published chan protocol.PublishDiagnosticsParams // from Options.OnPublish
	exit      chan int                               // Serve's exit code
	closeIn   func()
}

// newClient starts a server with o and connects a client to it.
func newClient(t testing.TB, o Options) *client {
	t.Helper()
	toClient, fromServer := io.Pipe()
	toServer, fromClient := io.Pipe()
	c := &client{
		t: t, raw: fromClient,
		pending:   map[string]chan *jsonrpc.Message{},
		notes:     make(chan *jsonrpc.Message, 1000),
		published: make(chan protocol.PublishDiagnosticsParams, 1000),
		exit:      make(chan int, 1),
		closeIn:   func() { fromClient.Close() },
	}
	o.OnPublish = func(p protocol.PublishDiagnosticsParams) {
		select {
		case c.published <- p:
		default: // a long benchmark does not read them
		}
	}
	c.srv = New(o)
	go func() {
		code := c.srv.Serve(toServer, fromServer)
		fromServer.Close()
		c.exit <- code
	}()
	c.conn = jsonrpc.NewConn(toClient, fromClient)
	go c.readLoop()
	t.Cleanup(func() {
		fromClient.Close()
		select {
		case <-c.exit:
		case <-time.After(hang):
			t.Error("the server did not stop after its input closed")
		}
	})
	return c
}

// readLoop reads everything the server writes. Anything that is not a valid
// frame fails the test: the server must write nothing but protocol.
func (c *client) readLoop() {
	defer close(c.notes)
	for {
		m, err := c.conn.Read()
		if err != nil {
			if err != io.EOF {
				c.t.Errorf("the server wrote something that is not a valid message: %v", err)
			}
			return
		}
		switch {
		case m.IsResponse():
			c.mu.Lock()
			ch := c.pending[string(m.ID)]
			delete(c.pending, string(m.ID))
			c.mu.Unlock()
			if ch == nil {
				// An answer to a malformed frame the test sent raw.
				c.notes <- m
				continue
			}
			ch <- m
		case m.IsRequest():
			c.mu.Lock()
			c.requests = append(c.requests, m)
			c.mu.Unlock()
			// Not on this goroutine: the pipes have no buffer, and the
			// server may be writing to us while we write to it.
			go func() { _ = c.conn.Reply(m.ID, nil) }()
		default:
			c.notes <- m
		}
	}
}

// call sends a request and returns its response.
func (c *client) call(method string, params any) *jsonrpc.Message {
	c.t.Helper()
	c.mu.Lock()
	c.nextID++
	id := jsonrpc.IntID(int64(c.nextID))
	ch := make(chan *jsonrpc.Message, 1)
	c.pending[string(id)] = ch
	c.mu.Unlock()
	if err := c.conn.Request(id, method, params); err != nil {
		c.t.Fatalf("%s: %v", method, err)
	}
	select {
	case m := <-ch:
		return m
	case <-time.After(hang):
		c.t.Fatalf("%s: no answer", method)
	}
	return nil
}

// result calls method and decodes its result into out (which may be nil),
// failing on an error response.
func (c *client) result(method string, params, out any) {
	c.t.Helper()
	m := c.call(method, params)
	if m.Error != nil {
		c.t.Fatalf("%s: error %d %s", method, m.Error.Code, m.Error.Message)
	}
	if out != nil {
		if err := json.Unmarshal(m.Result, out); err != nil {
			c.t.Fatalf("%s: decoding %s: %v", method, m.Result, err)
		}
	}
}

func (c *client) notify(method string, params any) {
	c.t.Helper()
	if err := c.conn.Notify(method, params); err != nil {
		c.t.Fatalf("%s: %v", method, err)
	}
}

// sync makes a round trip. The server handles messages in order and writes
// the publications a message causes before it reads the next one, so once
// the answer is in, every notification caused by what was sent before it
// is in c.notes.
func (c *client) sync() {
	c.t.Helper()
	m := c.call("seslint/sync", nil)
	if m.Error == nil || m.Error.Code != jsonrpc.MethodNotFound {
		c.t.Fatalf("sync: %+v", m)
	}
}

// drain returns the notifications received so far.
func (c *client) drain() []*jsonrpc.Message {
	var out []*jsonrpc.Message
	for {
		select {
		case m, ok := <-c.notes:
			if !ok {
				return out
			}
			out = append(out, m)
		default:
			return out
		}
	}
}

// publications returns the publishDiagnostics received so far for uri.
func (c *client) publications(uri protocol.DocumentURI) []protocol.PublishDiagnosticsParams {
	c.t.Helper()
	c.sync()
	var out []protocol.PublishDiagnosticsParams
	for _, m := range c.drain() {
		if m.Method != protocol.MethodPublishDiagnostics {
			continue
		}
		var p protocol.PublishDiagnosticsParams
		if err := json.Unmarshal(m.Params, &p); err != nil {
			c.t.Fatal(err)
		}
		if p.URI == uri {
			out = append(out, p)
		}
	}
	return out
}

// waitPublish waits for the next publishDiagnostics for uri, skipping other
// notifications.
func (c *client) waitPublish(uri protocol.DocumentURI) protocol.PublishDiagnosticsParams {
	c.t.Helper()
	for {
		select {
		case m, ok := <-c.notes:
			if !ok {
				c.t.Fatal("the server closed the stream")
			}
			if m.Method != protocol.MethodPublishDiagnostics {
				continue
			}
			var p protocol.PublishDiagnosticsParams
			if err := json.Unmarshal(m.Params, &p); err != nil {
				c.t.Fatal(err)
			}
			if p.URI == uri {
				return p
			}
		case <-time.After(hang):
			c.t.Fatalf("no diagnostics published for %s", uri)
		}
	}
}

// initialize runs initialize and initialized with the given capabilities.
func (c *client) initialize(caps protocol.ClientCapabilities, extra ...func(*protocol.InitializeParams)) protocol.InitializeResult {
	c.t.Helper()
	p := protocol.InitializeParams{Capabilities: caps, ClientInfo: &protocol.ClientInfo{Name: "harness"}}
	for _, f := range extra {
		f(&p)
	}
	var res protocol.InitializeResult
	c.result(protocol.MethodInitialize, p, &res)
	c.notify(protocol.MethodInitialized, struct{}{})
	return res
}

// open opens a document and returns the client's copy of it.
func (c *client) open(uri protocol.DocumentURI, text string) *clientDoc {
	c.t.Helper()
	c.notify(protocol.MethodDidOpen, protocol.DidOpenTextDocumentParams{TextDocument: protocol.TextDocumentItem{
		URI: uri, LanguageID: "json", Version: 1, Text: text,
	}})
	return &clientDoc{c: c, uri: uri, version: 1, text: []byte(text)}
}

// shutdown ends the session properly and returns the exit code.
func (c *client) shutdown() int {
	c.t.Helper()
	c.result(protocol.MethodShutdown, nil, nil)
	c.notify(protocol.MethodExit, nil)
	select {
	case code := <-c.exit:
		c.exit <- code // for Cleanup
		return code
	case <-time.After(hang):
		c.t.Fatal("no exit after exit")
	}
	return -1
}

// clientDoc is the client's copy of an open document. Edits are applied
// to it with the same code as the server's (document.ApplyChange) in the
// negotiated encoding, and sent as incremental changes.
type clientDoc struct {
	c       *client
	uri     protocol.DocumentURI
	version int32
	text    []byte
}

// edit applies edits (non-overlapping, in any order, as a WorkspaceEdit
// holds them) and sends them as one didChange.
func (d *clientDoc) edit(enc document.Encoding, edits ...protocol.TextEdit) {
	d.c.t.Helper()
	// Apply from the last to the first so earlier ranges stay valid, and
	// send them in the same order: each change applies to the text the
	// previous one left.
	sorted := append([]protocol.TextEdit(nil), edits...)
	for i := 1; i < len(sorted); i++ {
		for j := i; j > 0 && before(sorted[j-1].Range.Start, sorted[j].Range.Start); j-- {
			sorted[j-1], sorted[j] = sorted[j], sorted[j-1]
		}
	}
	var changes []protocol.TextDocumentContentChangeEvent
	for _, e := range sorted {
		r := e.Range
		ch := protocol.TextDocumentContentChangeEvent{Range: &r, Text: e.NewText}
		text, err := document.ApplyChange(d.text, ch, enc)
		if err != nil {
			d.c.t.Fatalf("client cannot apply %+v: %v", e, err)
		}
		d.text = text
		changes = append(changes, ch)
	}
	d.version++
	d.c.notify(protocol.MethodDidChange, protocol.DidChangeTextDocumentParams{
		TextDocument:   protocol.VersionedTextDocumentIdentifier{URI: d.uri, Version: d.version},
		ContentChanges: changes,
	})
}

func before(a, b protocol.Position) bool {
	return a.Line < b.Line || (a.Line == b.Line && a.Character < b.Character)
}

// rng builds a range.
func rng(l1, c1, l2, c2 uint32) protocol.Range {
	return protocol.Range{Start: protocol.Position{Line: l1, Character: c1}, End: protocol.Position{Line: l2, Character: c2}}
}

func rangeString(r protocol.Range) string {
	return strconv.Itoa(int(r.Start.Line)) + ":" + strconv.Itoa(int(r.Start.Character)) + "-" +
		strconv.Itoa(int(r.End.Line)) + ":" + strconv.Itoa(int(r.End.Character))
}

// summary renders diagnostics one per line as "CODE range", sorted as sent.
func summary(ds []protocol.Diagnostic) string {
	var b strings.Builder
	for _, d := range ds {
		b.WriteString(string(d.Code) + " " + rangeString(d.Range) + "\n")
	}
	return b.String()
}

// errCode returns the error code of a response, or 0.
func errCode(m *jsonrpc.Message) jsonrpc.ErrorCode {
	if m.Error == nil {
		return 0
	}
	return m.Error.Code
}

// fakeClock runs scheduled functions only when the test fires them.
type fakeClock struct {
	mu     sync.Mutex
	timers []*fakeTimer
}

type fakeTimer struct {
	clock   *fakeClock
	d       time.Duration
	f       func()
	stopped bool
	fired   bool
}

func (c *fakeClock) AfterFunc(d time.Duration, f func()) Timer {
	c.mu.Lock()
	defer c.mu.Unlock()
	t := &fakeTimer{clock: c, d: d, f: f}
	c.timers = append(c.timers, t)
	return t
}

func (t *fakeTimer) Stop() bool {
	t.clock.mu.Lock()
	defer t.clock.mu.Unlock()
	was := !t.stopped && !t.fired
	t.stopped = true
	return was
}

// pending returns the timers that are neither stopped nor fired.
func (c *fakeClock) pending() []*fakeTimer {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []*fakeTimer
	for _, t := range c.timers {
		if !t.stopped && !t.fired {
			out = append(out, t)
		}
	}
	return out
}

// fire runs every pending timer, as if its delay had passed.
func (c *fakeClock) fire() int {
	ts := c.pending()
	for _, t := range ts {
		c.mu.Lock()
		t.fired = true
		c.mu.Unlock()
		t.f()
	}
	return len(ts)
}
