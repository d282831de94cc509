package jsonrpc

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"testing"
)

// refMarshal is how messages were written before they were encoded by
// hand: a struct with omitempty members, through json.Marshal. Writing
// must give the same bytes for every message it accepted.
func refMarshal(m *Message) ([]byte, error) {
	type wire struct {
		JSONRPC string          `json:"jsonrpc"`
		ID      json.RawMessage `json:"id,omitempty"`
		Method  string          `json:"method,omitempty"`
		Params  json.RawMessage `json:"params,omitempty"`
		Result  json.RawMessage `json:"result,omitempty"`
		Error   *Error          `json:"error,omitempty"`
	}
	w := wire{JSONRPC: "2.0", Method: m.Method, Params: m.Params}
	if m.ID != nil {
		if !validID(m.ID, m.Method == "") {
			return nil, fmt.Errorf("bad id")
		}
		w.ID = json.RawMessage(m.ID)
	}
	if m.Method == "" {
		if m.Error == nil && (m.ID == nil || string(m.ID) == "null") {
			return nil, fmt.Errorf("no id")
		}
		if m.Result != nil && m.Error != nil {
			return nil, fmt.Errorf("both")
		}
		if m.Params != nil {
			// Written as it was, params and all, before; now refused.
			return nil, fmt.Errorf("params in a response")
		}
		if w.ID == nil {
			w.ID = json.RawMessage(nullID)
		}
		w.Error, w.Result = m.Error, m.Result
		if m.Error == nil && m.Result == nil {
			w.Result = json.RawMessage("null")
		}
	} else {
		if m.Result != nil || m.Error != nil {
			return nil, fmt.Errorf("result in a call")
		}
		if p := bytes.TrimSpace(m.Params); len(p) > 0 && p[0] != '{' && p[0] != '[' {
			return nil, fmt.Errorf("scalar params")
		}
	}
	return json.Marshal(w)
}

// raw turns fuzz bytes into a raw member: nil when empty, since an empty
// but non-nil raw result was the one message written differently (it used
// to leave the result out; now it is null).
func raw(b []byte) json.RawMessage {
	if len(b) == 0 {
		return nil
	}
	return json.RawMessage(b)
}

func FuzzWriteMatchesMarshal(f *testing.F) {
	f.Add([]byte("1"), "textDocument/publishDiagnostics", []byte(`{"a": [1, "<&>"]}`), []byte(nil), false, int64(0), "", []byte(nil))
	f.Add([]byte(` "a\u0041" `), "", []byte(nil), []byte(" [ true ] "), false, int64(0), "", []byte(nil))
	f.Add([]byte("null"), "", []byte(nil), []byte(nil), true, int64(-32700), "bad \u2028 <x>", []byte(`{"k": "\u2029"}`))
	f.Add([]byte(nil), "m\xff\"", []byte("5"), []byte(nil), false, int64(1), "", []byte(nil))
	f.Fuzz(func(t *testing.T, id []byte, method string, params, result []byte, hasErr bool, code int64, msg string, data []byte) {
		m := &Message{ID: ID(raw(id)), Method: method, Params: raw(params), Result: raw(result)}
		if hasErr {
			m.Error = &Error{Code: ErrorCode(code), Message: msg, Data: raw(data)}
		}
		want, werr := refMarshal(m)
		got, err := m.MarshalJSON()
		if (err != nil) != (werr != nil) || err == nil && !bytes.Equal(got, want) {
			t.Fatalf("%+v:\ngot  %s, %v\nwant %s, %v", m, got, err, want, werr)
		}
		var out bytes.Buffer
		err = NewConn(nil, &out).Write(m)
		if (err != nil) != (werr != nil) || err == nil && out.String() != frame(string(want)) {
			t.Fatalf("Write(%+v):\ngot  %q, %v\nwant %q, %v", m, out.String(), err, frame(string(want)), werr)
		}
	})
}

// FuzzNotifyMatchesMarshal checks params given as a value, which are now
// encoded into the message instead of marshalled first.
func FuzzNotifyMatchesMarshal(f *testing.F) {
	f.Add("x", "<a href='&'>\u2028", 3)
	f.Add("", "\xff", 0)
	f.Fuzz(func(t *testing.T, method, s string, kind int) {
		var params any
		switch kind % 4 {
		case 0:
			params = map[string]any{"s": s, "n": kind}
		case 1:
			params = []string{s, method}
		case 2:
			params = s // not an object: refused
		case 3:
			params = (*struct{ S string })(nil)
		}
		ref := &Message{Method: method}
		wantErr := method == ""
		if b, err := json.Marshal(params); err != nil {
			t.Fatal(err)
		} else if string(b) != "null" {
			ref.Params = b
		}
		want, werr := refMarshal(ref)
		wantErr = wantErr || werr != nil
		var out bytes.Buffer
		err := NewConn(nil, &out).Notify(method, params)
		if (err != nil) != wantErr || err == nil && out.String() != frame(string(want)) {
			t.Fatalf("Notify(%q, %#v):\ngot  %q, %v\nwant %q, %v", method, params, out.String(), err, frame(string(want)), werr)
		}
		// A reply carries any value, scalars and null included.
		want, _ = json.Marshal(params)
		out.Reset()
		if err := NewConn(nil, &out).Reply(IntID(4), params); err != nil {
			t.Fatal(err)
		}
		if w := frame(`{"jsonrpc":"2.0","id":4,"result":` + string(want) + `}`); out.String() != w {
			t.Fatalf("Reply(%#v):\ngot  %q\nwant %q", params, out.String(), w)
		}
	})
}

// appendingParams writes its own JSON.
type appendingParams struct{ s string }

func (p appendingParams) AppendJSON(b []byte) ([]byte, error) {
	if p.s == "fail" {
		return append(b, "garbage"...), fmt.Errorf("cannot")
	}
	return append(b, `{"s":"`+p.s+`"}`...), nil
}

func TestWriteAppender(t *testing.T) {
	var out bytes.Buffer
	c := NewConn(nil, &out)
	if err := c.Notify("n", appendingParams{"a"}); err != nil {
		t.Fatal(err)
	}
	if err := c.Notify("n", &appendingParams{"b"}); err != nil {
		t.Fatal(err)
	}
	if err := c.Notify("n", (*appendingParams)(nil)); err != nil {
		t.Fatal(err)
	}
	if err := c.Notify("n", appendingParams{"fail"}); err == nil || !strings.Contains(err.Error(), "encode params for n: cannot") {
		t.Fatalf("failing AppendJSON: %v", err)
	}
	want := frame(`{"jsonrpc":"2.0","method":"n","params":{"s":"a"}}`) +
		frame(`{"jsonrpc":"2.0","method":"n","params":{"s":"b"}}`) +
		frame(`{"jsonrpc":"2.0","method":"n"}`)
	if out.String() != want {
		t.Errorf("got  %q\nwant %q", out.String(), want)
	}
}

// TestWriteReusesNothingLarge checks that a buffer grown by a huge message
// is not kept, and that frames after it are whole.
func TestWriteAfterLargeMessage(t *testing.T) {
	var out bytes.Buffer
	c := NewConn(nil, &out)
	big := strings.Repeat("x", 2*maxKeptBuffer)
	if err := c.Notify("big", []string{big}); err != nil {
		t.Fatal(err)
	}
	if cap(c.wbuf) > maxKeptBuffer {
		t.Errorf("kept a buffer of %d bytes", cap(c.wbuf))
	}
	if err := c.Notify("small", []int{1}); err != nil {
		t.Fatal(err)
	}
	msgs := readAll(t, out.Bytes())
	if len(msgs) != 2 || msgs[0].Method != "big" || msgs[1].Method != "small" || len(msgs[0].Params) != len(big)+4 {
		t.Fatalf("read %d messages", len(msgs))
	}
}

func TestWriteAllocs(t *testing.T) {
	c := NewConn(nil, io.Discard)
	p := benchPublish()
	c.Notify("warm", p)
	if n := testing.AllocsPerRun(100, func() { c.Notify("n", p) }); n > 1 {
		t.Errorf("%v allocations to write a publishDiagnostics, want at most 1 (the params boxed in an interface)", n)
	}
}
