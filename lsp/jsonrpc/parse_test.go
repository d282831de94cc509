package jsonrpc

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"testing"
)

// refParse is how messages were read before members were found without
// a map: every body must read the same.
func refParse(body []byte) (*Message, error) {
	if !json.Valid(body) {
		return nil, &MessageError{Err: Errorf(ParseError, "message body is not valid JSON")}
	}
	switch trimmed := bytes.TrimLeft(body, " \t\r\n"); trimmed[0] {
	case '{':
	case '[':
		// LSP never batches; answering keeps the peer from waiting forever.
		return nil, &MessageError{Err: Errorf(InvalidRequest, "batch messages are not supported")}
	default:
		return nil, &MessageError{Err: Errorf(InvalidRequest, "message is not a JSON object")}
	}
	// A map, not a struct: encoding/json matches struct fields without
	// regard to case, and JSON-RPC member names are case-sensitive.
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(body, &fields); err != nil {
		return nil, &MessageError{Err: Errorf(ParseError, "message body is not valid JSON")}
	}
	invalid := func(id ID, response bool, format string, args ...any) (*Message, error) {
		return nil, &MessageError{ID: id, Response: response, Err: Errorf(InvalidRequest, format, args...)}
	}

	var m Message
	rawID, hasID := fields["id"]
	rawMethod, hasMethod := fields["method"]
	if hasID {
		// Only a response may carry a null id: it answers a request we sent
		// that the peer could not read.
		if !validID(rawID, !hasMethod) {
			return invalid(nil, !hasMethod, "id %s is not a number or a string", rawID)
		}
		m.ID = ID(rawID)
	}
	if v, ok := fields["jsonrpc"]; !ok || string(v) != `"2.0"` {
		return invalid(m.ID, !hasMethod, `"jsonrpc" must be "2.0"`)
	}

	if hasMethod {
		if err := json.Unmarshal(rawMethod, &m.Method); err != nil || rawMethod[0] != '"' {
			return invalid(m.ID, false, `"method" must be a string`)
		}
		if m.Method == "" {
			return invalid(m.ID, false, `"method" must not be empty`)
		}
		if p, ok := fields["params"]; ok {
			switch p[0] {
			case '{', '[':
				m.Params = p
			case 'n':
				// Some clients send "params": null for shutdown and exit.
			default:
				return invalid(m.ID, false, `"params" must be an object or an array`)
			}
		}
		return &m, nil
	}

	if !hasID {
		return invalid(nil, false, `message has neither "method" nor "id"`)
	}
	rawResult, hasResult := fields["result"]
	rawError, hasError := fields["error"]
	if hasResult == hasError {
		return invalid(m.ID, true, `response must have exactly one of "result" and "error"`)
	}
	if hasError {
		var e Error
		if err := json.Unmarshal(rawError, &e); err != nil || rawError[0] != '{' || !hasMember(rawError, "code", "message") {
			return invalid(m.ID, true, `"error" must be an object with an integer "code" and a string "message"`)
		}
		m.Error = &e
	} else {
		if string(m.ID) == "null" {
			return invalid(m.ID, true, "a successful response must carry the request's id")
		}
		m.Result = rawResult
	}
	return &m, nil
}

var parseSeeds = []string{
	`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null}}`,
	` { "method" : "x" , "jsonrpc" : "2.0" , "params" : [ 1 , { "a" : "}" } ] } `,
	`{"jsonrpc":"2.0","id":"a\u0041\"","result":{"s":"\"}"}}`,
	`{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"bad"}}`,
	`{"json\u0072pc":"2.0","\u0069d":7,"method":"m\u00e9"}`,
	`{"jsonrpc":"2.0","method":"a","method":"b","id":1,"id":"2"}`,
	"{\"jsonrpc\":\"2.0\",\"method\":\"\xff\"}", `{"JSONRPC":"2.0","method":"x"}`,
	`{"jsonrpc":"2.0","method":5}`, `{"jsonrpc":"2.0","method":null}`, `{"jsonrpc":"2.0","method":""}`,
	`{"jsonrpc":"2.0","id":1,"result":1,"error":{"code":1,"message":"m"}}`, `{}`, `[]`, `1`, `{"a":`,
	`{"jsonrpc":"2.0","id":true,"method":"x"}`, `{"jsonrpc":"2.0","id":1.5e3,"method":"x","params":"p"}`,
}

func TestParseMatchesMap(t *testing.T) {
	for _, s := range parseSeeds {
		sameParse(t, []byte(s))
	}
}

func FuzzParseMatchesMap(f *testing.F) {
	for _, s := range parseSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		sameParse(t, body)
	})
}

// seen interns across the calls of a test, as a Conn does across messages.
var seen = names{}

func sameParse(t *testing.T, body []byte) {
	t.Helper()
	got, err := parse(body, seen)
	want, werr := refParse(body)
	if (err != nil) != (werr != nil) {
		t.Fatalf("%q: got %+v, %v; want %+v, %v", body, got, err, want, werr)
	}
	if err != nil {
		var a, b *MessageError
		if !errors.As(err, &a) || !errors.As(werr, &b) || !bytes.Equal(a.ID, b.ID) || a.Response != b.Response ||
			a.Err.Code != b.Err.Code || a.Err.Message != b.Err.Message {
			t.Fatalf("%q: got error %#v, want %#v", body, err, werr)
		}
		return
	}
	if !equalMessage(got, want) || (got.ID == nil) != (want.ID == nil) || (got.Params == nil) != (want.Params == nil) {
		t.Fatalf("%q: got %+v, want %+v", body, got, want)
	}
}

// FuzzParseLength holds parseLength to the strconv.ParseInt it replaced.
func FuzzParseLength(f *testing.F) {
	for _, s := range []string{"0", "34", "-0", "-00", "-1", "+3", "", "-", "007", "9223372036854775807", "9223372036854775808", "1_000", "0x10", " 1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		want, err := strconv.ParseInt(v, 10, 64)
		wantOK := err == nil && want >= 0 && v[0] != '+'
		got, ok := parseLength([]byte(v))
		if ok != wantOK || ok && got != want {
			t.Fatalf("parseLength(%q) = %d, %v; want %d, %v", v, got, ok, want, wantOK)
		}
	})
}

// TestReadAllocs: reading a message costs its body and the Message, and
// nothing per member; a method name seen before is not copied again.
func TestReadAllocs(t *testing.T) {
	body := `{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///p.json","version":8},"contentChanges":[{"text":"{}"}]}}`
	c := NewConn(&loopReader{data: []byte(frame(body))}, io.Discard)
	if n := testing.AllocsPerRun(100, func() {
		if m, err := c.Read(); err != nil || m.Method != "textDocument/didChange" {
			t.Fatal(m, err)
		}
	}); n > 2 {
		t.Errorf("%v allocations to read a message, want 2", n)
	}
	for i := range 2 * maxNames {
		c := NewConn(strings.NewReader(frame(fmt.Sprintf(`{"jsonrpc":"2.0","method":"m%d"}`, i))), io.Discard)
		c.names = seen
		if m, err := c.Read(); err != nil || m.Method != fmt.Sprintf("m%d", i) {
			t.Fatalf("method %d: %+v, %v", i, m, err)
		}
	}
	if len(seen) > maxNames {
		t.Errorf("%d names kept, want at most %d", len(seen), maxNames)
	}
}
