package jsonrpc

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"
)

// frame wraps body in a base-protocol header.
func frame(body string) string {
	return fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(body), body)
}

const ping = `{"jsonrpc":"2.0","method":"ping"}`

// readAll reads frames from out, failing the test on anything but io.EOF.
func readAll(t *testing.T, out []byte) []*Message {
	t.Helper()
	c := NewConn(bytes.NewReader(out), io.Discard)
	var msgs []*Message
	for {
		m, err := c.Read()
		if err == io.EOF {
			return msgs
		}
		if err != nil {
			t.Fatalf("reading what was written: %v\n%q", err, out)
		}
		msgs = append(msgs, m)
	}
}

func TestReadValid(t *testing.T) {
	tests := []struct {
		name  string
		input string
		want  Message
	}{
		{
			name:  "request",
			input: frame(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null}}`),
			want:  Message{ID: ID("1"), Method: "initialize", Params: json.RawMessage(`{"processId":null}`)},
		},
		{
			name:  "string id kept raw",
			input: frame(`{"jsonrpc":"2.0","id":"a\u0041","method":"shutdown"}`),
			want:  Message{ID: ID(`"a\u0041"`), Method: "shutdown"},
		},
		{
			name:  "notification with null params",
			input: frame(`{"jsonrpc":"2.0","method":"exit","params":null}`),
			want:  Message{Method: "exit"},
		},
		{
			name:  "response with result",
			input: frame(`{"jsonrpc":"2.0","id":7,"result":[1,2]}`),
			want:  Message{ID: ID("7"), Result: json.RawMessage(`[1,2]`)},
		},
		{
			name:  "response with null id and error",
			input: frame(`{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"bad"}}`),
			want:  Message{ID: ID("null"), Error: &Error{Code: ParseError, Message: "bad"}},
		},
		{
			name:  "header names in any case, utf8 charset, unknown header",
			input: "content-length: 33\r\nX-Trace: 1\r\nCONTENT-TYPE: application/vscode-jsonrpc; charset=utf8\r\n\r\n" + ping,
			want:  Message{Method: "ping"},
		},
		{
			name:  "bare newlines in the header",
			input: "Content-Length: 33\n\n" + ping,
			want:  Message{Method: "ping"},
		},
		{
			name:  "emoji in params",
			input: frame(`{"jsonrpc":"2.0","method":"x","params":{"Sid":"Allow📧Send"}}`),
			want:  Message{Method: "x", Params: json.RawMessage(`{"Sid":"Allow📧Send"}`)},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			c := NewConn(strings.NewReader(tt.input), &out)
			got, err := c.Read()
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			if !equalMessage(got, &tt.want) {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
			if _, err := c.Read(); err != io.EOF {
				t.Errorf("second Read: got %v, want io.EOF", err)
			}
			if out.Len() != 0 {
				t.Errorf("a valid message was answered: %q", out.String())
			}
		})
	}
}

func equalMessage(a, b *Message) bool {
	ja, _ := json.Marshal(a.Error)
	jb, _ := json.Marshal(b.Error)
	return bytes.Equal(a.ID, b.ID) && a.Method == b.Method &&
		bytes.Equal(a.Params, b.Params) && bytes.Equal(a.Result, b.Result) && bytes.Equal(ja, jb)
}

// TestReadBadMessage checks that a bad message is answered (or not) as
// JSON-RPC says, and that the stream stays usable after it.
func TestReadBadMessage(t *testing.T) {
	tests := []struct {
		name     string
		input    string
		code     ErrorCode
		answerID string // "" when no answer is expected
	}{
		{"invalid JSON", frame(`{"jsonrpc":"2.0",`), ParseError, "null"},
		{"empty body", "Content-Length: 0\r\n\r\n", ParseError, "null"},
		{"batch", frame(`[` + ping + `]`), InvalidRequest, "null"},
		{"empty batch", frame(`[]`), InvalidRequest, "null"},
		{"number body", frame(`42`), InvalidRequest, "null"},
		{"string body", frame(`"ping"`), InvalidRequest, "null"},
		{"no jsonrpc member", frame(`{"id":3,"method":"x"}`), InvalidRequest, "3"},
		{"wrong jsonrpc version", frame(`{"jsonrpc":"1.0","id":"q","method":"x"}`), InvalidRequest, `"q"`},
		{"member names are case-sensitive", frame(`{"JSONRPC":"2.0","method":"x"}`), InvalidRequest, "null"},
		{"object id", frame(`{"jsonrpc":"2.0","id":{},"method":"x"}`), InvalidRequest, "null"},
		{"boolean id", frame(`{"jsonrpc":"2.0","id":true,"method":"x"}`), InvalidRequest, "null"},
		{"null id in a request", frame(`{"jsonrpc":"2.0","id":null,"method":"x"}`), InvalidRequest, "null"},
		{"method not a string", frame(`{"jsonrpc":"2.0","id":1,"method":5}`), InvalidRequest, "1"},
		{"empty method", frame(`{"jsonrpc":"2.0","id":1,"method":""}`), InvalidRequest, "1"},
		{"params a string", frame(`{"jsonrpc":"2.0","id":1,"method":"x","params":"p"}`), InvalidRequest, "1"},
		{"neither method nor id", frame(`{"jsonrpc":"2.0"}`), InvalidRequest, "null"},
		{"response with result and error", frame(`{"jsonrpc":"2.0","id":1,"result":1,"error":{"code":1,"message":"m"}}`), InvalidRequest, ""},
		{"response with neither", frame(`{"jsonrpc":"2.0","id":1}`), InvalidRequest, ""},
		{"response with bad error", frame(`{"jsonrpc":"2.0","id":1,"error":{"code":"x","message":"m"}}`), InvalidRequest, ""},
		{"response error without message", frame(`{"jsonrpc":"2.0","id":1,"error":{"code":1}}`), InvalidRequest, ""},
		{"successful response with null id", frame(`{"jsonrpc":"2.0","id":null,"result":1}`), InvalidRequest, ""},
		{"charset other than utf-8", "Content-Length: 33\r\nContent-Type: application/vscode-jsonrpc; charset=utf-16\r\n\r\n" + ping, InvalidRequest, "null"},
		{"malformed content type", "Content-Length: 33\r\nContent-Type: ;;\r\n\r\n" + ping, InvalidRequest, "null"},
		{"over the size limit", frame(`{"jsonrpc":"2.0","id":1,"method":"x","params":{"pad":"` + strings.Repeat("x", 200) + `"}}`), InvalidRequest, "null"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			c := NewConn(strings.NewReader(tt.input+frame(ping)), &out, WithMaxMessageSize(128))
			_, err := c.Read()
			var me *MessageError
			if !errors.As(err, &me) {
				t.Fatalf("Read: got %v, want a *MessageError", err)
			}
			if me.Err.Code != tt.code {
				t.Errorf("code: got %d, want %d (%v)", me.Err.Code, tt.code, me)
			}
			answers := readAll(t, out.Bytes())
			switch {
			case tt.answerID == "" && len(answers) != 0:
				t.Errorf("a bad response was answered: %q", out.String())
			case tt.answerID != "" && len(answers) != 1:
				t.Errorf("got %d answers, want 1: %q", len(answers), out.String())
			case tt.answerID != "":
				a := answers[0]
				if string(a.ID) != tt.answerID || a.Error == nil || a.Error.Code != tt.code {
					t.Errorf("answer: got %q, want id %s and code %d", out.String(), tt.answerID, tt.code)
				}
			}
			m, err := c.Read()
			if err != nil || m.Method != "ping" {
				t.Fatalf("the message after the bad one: got %+v, %v", m, err)
			}
		})
	}
}

func TestReadFinalError(t *testing.T) {
	tests := []struct {
		name     string
		input    string
		want     error
		answered bool // a ParseError goes out before giving up
	}{
		{"empty stream", "", io.EOF, false},
		{"EOF in the header", "Content-Len", io.ErrUnexpectedEOF, false},
		{"EOF before the blank line", "Content-Length: 34\r\n", io.ErrUnexpectedEOF, false},
		{"EOF in the body", "Content-Length: 34\r\n\r\n{\"jsonrpc\"", io.ErrUnexpectedEOF, false},
		{"EOF in a skipped body", "Content-Length: 1000\r\n\r\n{}", io.ErrUnexpectedEOF, false},
		{"missing Content-Length", "Content-Type: application/vscode-jsonrpc\r\n\r\n" + ping, ErrFraming, true},
		{"no header at all", "\r\n" + ping, ErrFraming, true},
		{"Content-Length not a number", "Content-Length: ten\r\n\r\n" + ping, ErrFraming, true},
		{"Content-Length empty", "Content-Length:\r\n\r\n" + ping, ErrFraming, true},
		{"Content-Length negative", "Content-Length: -34\r\n\r\n" + ping, ErrFraming, true},
		{"Content-Length signed", "Content-Length: +34\r\n\r\n" + ping, ErrFraming, true},
		{"Content-Length overflows", "Content-Length: 99999999999999999999\r\n\r\n" + ping, ErrFraming, true},
		{"two Content-Lengths", "Content-Length: 34\r\nContent-Length: 35\r\n\r\n" + ping, ErrFraming, true},
		{"header line without colon", "Content-Length 34\r\n\r\n" + ping, ErrFraming, true},
		{"header line too long", "X: " + strings.Repeat("a", headerBufSize) + "\r\n", ErrFraming, true},
		{"too many header lines", strings.Repeat("X: 1\r\n", maxHeaderLines+1) + "\r\n", ErrFraming, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			c := NewConn(strings.NewReader(tt.input), &out, WithMaxMessageSize(100))
			m, err := c.Read()
			if !errors.Is(err, tt.want) {
				t.Fatalf("Read: got %+v, %v; want %v", m, err, tt.want)
			}
			var me *MessageError
			if errors.As(err, &me) {
				t.Errorf("a final error looks recoverable: %v", err)
			}
			answers := readAll(t, out.Bytes())
			if tt.answered != (len(answers) == 1) || len(answers) > 1 {
				t.Fatalf("answers: %q", out.String())
			}
			if tt.answered && (string(answers[0].ID) != "null" || answers[0].Error.Code != ParseError) {
				t.Errorf("answer: %q", out.String())
			}
		})
	}
}

func TestWriteFormat(t *testing.T) {
	tests := []struct {
		name string
		send func(c *Conn) error
		want string // the body; the header is checked by frame
	}{
		{"reply with result", func(c *Conn) error { return c.Reply(IntID(1), map[string]int{"a": 1}) },
			`{"jsonrpc":"2.0","id":1,"result":{"a":1}}`},
		{"reply with nil result keeps result", func(c *Conn) error { return c.Reply(IntID(1), nil) },
			`{"jsonrpc":"2.0","id":1,"result":null}`},
		{"reply echoes a raw string id", func(c *Conn) error { return c.Reply(ID(`"a\u0041"`), true) },
			`{"jsonrpc":"2.0","id":"a\u0041","result":true}`},
		{"error without id", func(c *Conn) error { return c.ReplyError(nil, Errorf(ServerNotInitialized, "not yet")) },
			`{"jsonrpc":"2.0","id":null,"error":{"code":-32002,"message":"not yet"}}`},
		{"notification without params", func(c *Conn) error { return c.Notify("exit", nil) },
			`{"jsonrpc":"2.0","method":"exit"}`},
		{"notification with typed nil params", func(c *Conn) error { return c.Notify("exit", (*struct{})(nil)) },
			`{"jsonrpc":"2.0","method":"exit"}`},
		{"request", func(c *Conn) error { return c.Request(StringID("r1"), "workspace/configuration", []int{}) },
			`{"jsonrpc":"2.0","id":"r1","method":"workspace/configuration","params":[]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			if err := tt.send(NewConn(strings.NewReader(""), &out)); err != nil {
				t.Fatal(err)
			}
			if got := out.String(); got != frame(tt.want) {
				t.Errorf("got  %q\nwant %q", got, frame(tt.want))
			}
		})
	}
}

func TestWriteRefusesInvalid(t *testing.T) {
	var out bytes.Buffer
	c := NewConn(strings.NewReader(""), &out)
	for name, send := range map[string]func() error{
		"request without id":        func() error { return c.Request(nil, "x", nil) },
		"scalar params":             func() error { return c.Notify("x", 5) },
		"bad id":                    func() error { return c.Write(&Message{ID: ID("{}"), Method: "x"}) },
		"result and error":          func() error { return c.Write(&Message{ID: IntID(1), Result: json.RawMessage("1"), Error: &Error{}}) },
		"result without id":         func() error { return c.Write(&Message{Result: json.RawMessage("1")}) },
		"method with result":        func() error { return c.Write(&Message{Method: "x", Result: json.RawMessage("1")}) },
		"invalid raw params":        func() error { return c.Write(&Message{Method: "x", Params: json.RawMessage("{")}) },
		"notification with null id": func() error { return c.Write(&Message{ID: ID("null"), Method: "x"}) },
	} {
		if err := send(); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	if out.Len() != 0 {
		t.Errorf("invalid messages were written: %q", out.String())
	}
}

func TestReplyUnencodableResult(t *testing.T) {
	var out bytes.Buffer
	c := NewConn(strings.NewReader(""), &out)
	if err := c.Reply(IntID(9), make(chan int)); err == nil {
		t.Fatal("no error for an unencodable result")
	}
	answers := readAll(t, out.Bytes())
	if len(answers) != 1 || string(answers[0].ID) != "9" || answers[0].Error == nil || answers[0].Error.Code != InternalError {
		t.Errorf("the request was not answered with InternalError: %q", out.String())
	}
}

type failWriter struct{ n int }

func (w *failWriter) Write(p []byte) (int, error) {
	w.n++
	return len(p) / 2, errors.New("broken pipe")
}

func TestWriteErrorIsSticky(t *testing.T) {
	w := &failWriter{}
	c := NewConn(strings.NewReader(""), w)
	if err := c.Notify("a", nil); err == nil {
		t.Fatal("no error from a failing writer")
	}
	if err := c.Notify("b", nil); err == nil {
		t.Fatal("no error after a failed write")
	}
	if w.n != 1 {
		t.Errorf("wrote again after a partial frame: %d writes", w.n)
	}
}

// TestConcurrentWrites checks that frames from many goroutines never
// interleave. Run with -race.
func TestConcurrentWrites(t *testing.T) {
	const writers, each = 16, 50
	var out bytes.Buffer
	c := NewConn(strings.NewReader(""), &out)
	var wg sync.WaitGroup
	for w := range writers {
		wg.Go(func() {
			for i := range each {
				// A long body makes a torn write likely if the lock were missing.
				p := map[string]any{"w": w, "i": i, "pad": strings.Repeat("📧", 100)}
				if err := c.Notify("n", p); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	msgs := readAll(t, out.Bytes())
	if len(msgs) != writers*each {
		t.Fatalf("read %d messages, want %d", len(msgs), writers*each)
	}
	next := make([]int, writers)
	for _, m := range msgs {
		var p struct{ W, I int }
		if err := json.Unmarshal(m.Params, &p); err != nil {
			t.Fatal(err)
		}
		if p.I != next[p.W] {
			t.Fatalf("writer %d: got message %d, want %d", p.W, p.I, next[p.W])
		}
		next[p.W]++
	}
}

func TestMessageKinds(t *testing.T) {
	req := Message{ID: IntID(1), Method: "m"}
	note := Message{Method: "m"}
	resp := Message{ID: IntID(1)}
	if !req.IsRequest() || req.IsNotification() || req.IsResponse() {
		t.Error("request misclassified")
	}
	if note.IsRequest() || !note.IsNotification() || note.IsResponse() {
		t.Error("notification misclassified")
	}
	if resp.IsRequest() || resp.IsNotification() || !resp.IsResponse() {
		t.Error("response misclassified")
	}
}

func TestIDJSON(t *testing.T) {
	var v struct{ ID ID }
	if err := json.Unmarshal([]byte(`{"ID":"x"}`), &v); err != nil || string(v.ID) != `"x"` {
		t.Errorf("string id: %q, %v", v.ID, err)
	}
	if err := json.Unmarshal([]byte(`{"ID":[1]}`), &v); err == nil {
		t.Error("an array id was accepted")
	}
	b, err := json.Marshal(struct{ ID ID }{IntID(-3)})
	if err != nil || string(b) != `{"ID":-3}` {
		t.Errorf("marshal: %s, %v", b, err)
	}
}
