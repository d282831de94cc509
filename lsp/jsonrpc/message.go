// Package jsonrpc speaks JSON-RPC 2.0 over the Language Server Protocol's
// base protocol: Content-Length framed messages on a byte stream.
//
// It knows nothing of LSP methods; it reads and writes messages and answers
// input that is not JSON-RPC at all, so the server above it only ever sees
// well-formed requests, notifications and responses.
package jsonrpc

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"unicode/utf8"

	"github.com/seslint/seslint/lsp/internal/jsonenc"
)

// ErrorCode is a JSON-RPC error code.
type ErrorCode int64

// Codes from JSON-RPC 2.0 and the LSP specification.
const (
	ParseError     ErrorCode = -32700
	InvalidRequest ErrorCode = -32600
	MethodNotFound ErrorCode = -32601
	InvalidParams  ErrorCode = -32602
	InternalError  ErrorCode = -32603

	// ServerNotInitialized answers a request that arrives before initialize.
	ServerNotInitialized ErrorCode = -32002
	// RequestCancelled answers a request the client cancelled with $/cancelRequest.
	RequestCancelled ErrorCode = -32800
	// ContentModified answers a request whose document changed under it.
	ContentModified ErrorCode = -32801
)

// Error is the error object of a JSON-RPC response.
type Error struct {
	Code    ErrorCode       `json:"code"`
	Message string          `json:"message"`
	Data    json.RawMessage `json:"data,omitempty"`
}

// Errorf builds an Error with a formatted message.
func Errorf(code ErrorCode, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

func (e *Error) Error() string {
	return fmt.Sprintf("jsonrpc: %s (%d)", e.Message, e.Code)
}

// ID is a request id exactly as it appeared on the wire: a JSON number or
// string, or null in a response to a message whose id could not be read.
// It is kept raw so that a reply echoes the client's id byte for byte,
// whatever its type. A nil ID means the message has no id (a notification).
type ID []byte

// IntID returns the ID for a number.
func IntID(n int64) ID { return ID(strconv.AppendInt(nil, n, 10)) }

// StringID returns the ID for a string.
func StringID(s string) ID {
	b, _ := json.Marshal(s) // a string always marshals
	return ID(b)
}

// nullID is the id of an answer to a message whose own id is unknown.
var nullID = ID("null")

// String returns the id as JSON text, for logs and map keys.
func (id ID) String() string { return string(id) }

// MarshalJSON writes the id as it was read; a nil ID is written as null.
func (id ID) MarshalJSON() ([]byte, error) {
	if id == nil {
		return []byte("null"), nil
	}
	if !validID(id, true) {
		return nil, fmt.Errorf("jsonrpc: id %s is not a number, a string or null", id)
	}
	return id, nil
}

// UnmarshalJSON keeps the raw id after checking its type.
func (id *ID) UnmarshalJSON(data []byte) error {
	if !validID(data, true) {
		return fmt.Errorf("jsonrpc: id %s is not a number, a string or null", data)
	}
	*id = append(ID(nil), data...)
	return nil
}

// validID reports whether raw, a valid JSON value, is a number or a string
// (or null, when allowed).
func validID(raw []byte, allowNull bool) bool {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return false
	}
	switch c := raw[0]; {
	case c == '"':
		return json.Valid(raw)
	case c == '-' || ('0' <= c && c <= '9'):
		return json.Valid(raw)
	case c == 'n':
		return allowNull && string(raw) == "null"
	}
	return false
}

// Message is one JSON-RPC message. Which kind it is follows from its fields:
// a request has a Method and an ID, a notification a Method and no ID, and a
// response an ID with either a Result or an Error.
type Message struct {
	ID     ID
	Method string
	Params json.RawMessage
	Result json.RawMessage
	Error  *Error
}

// IsRequest reports whether m expects a response.
func (m *Message) IsRequest() bool { return m.Method != "" && m.ID != nil }

// IsNotification reports whether m is a method call without a response.
func (m *Message) IsNotification() bool { return m.Method != "" && m.ID == nil }

// IsResponse reports whether m answers an earlier request.
func (m *Message) IsResponse() bool { return m.Method == "" && m.ID != nil }

// MarshalJSON writes m as a JSON-RPC 2.0 message.
func (m Message) MarshalJSON() ([]byte, error) {
	var e encoder
	return e.appendMessage(nil, &m, nil, false)
}

// Appender is implemented by params and results that write their own JSON,
// exactly as json.Marshal would (compact, with <, > and & escaped), without
// reflection. The language server's diagnostics do, since they go out on
// every edit.
type Appender interface {
	AppendJSON(b []byte) ([]byte, error)
}

// encoder writes messages onto a byte slice, encoding each value once:
// straight into the message, not into a slice of its own that is then
// checked and copied again.
type encoder struct {
	buf []byte
	enc *json.Encoder // writes to buf, through Write
}

func (e *encoder) Write(p []byte) (int, error) {
	e.buf = append(e.buf, p...)
	return len(p), nil
}

// encodeError reports a params or result value that did not encode.
type encodeError struct{ err error }

func (e *encodeError) Error() string { return e.err.Error() }
func (e *encodeError) Unwrap() error { return e.err }

// value appends the JSON of v.
func (e *encoder) value(b []byte, v any) ([]byte, error) {
	if a, ok := v.(Appender); ok && !nilPointer(v) {
		b, err := a.AppendJSON(b)
		if err != nil {
			return b, &encodeError{err}
		}
		return b, nil
	}
	if e.enc == nil {
		// An Encoder rather than json.Marshal: it encodes into a pooled
		// buffer and hands over the bytes without allocating a copy.
		e.enc = json.NewEncoder(e)
	}
	e.buf = b
	err := e.enc.Encode(v)
	b, e.buf = e.buf, nil
	if err != nil {
		return b, &encodeError{err}
	}
	return b[:len(b)-1], nil // Encode ends the value with a newline
}

// nilPointer reports whether v is a nil pointer, which encodes as null.
func nilPointer(v any) bool {
	r := reflect.ValueOf(v)
	return r.Kind() == reflect.Pointer && r.IsNil()
}

// appendMessage appends m as a JSON-RPC 2.0 message. With hasValue, value
// is encoded in place of m's raw params (for a request or notification) or
// result (for a response); a nil value, or one that encodes as null, is no
// params rather than "params": null.
func (e *encoder) appendMessage(b []byte, m *Message, value any, hasValue bool) ([]byte, error) {
	response := m.Method == ""
	if m.ID != nil && !validID(m.ID, response) {
		return b, fmt.Errorf("jsonrpc: id %s is not a number or a string", m.ID)
	}
	if response {
		if m.Error == nil && (m.ID == nil || string(m.ID) == "null") {
			return b, fmt.Errorf("jsonrpc: a successful response needs the request's id")
		}
		if (m.Result != nil || hasValue) && m.Error != nil {
			return b, fmt.Errorf("jsonrpc: response %s has both a result and an error", m.ID)
		}
		if m.Params != nil {
			return b, fmt.Errorf("jsonrpc: response %s carries params", m.ID)
		}
	} else {
		if m.Result != nil || m.Error != nil {
			return b, fmt.Errorf("jsonrpc: %q carries a result or an error", m.Method)
		}
		if p := bytes.TrimSpace(m.Params); len(p) > 0 && p[0] != '{' && p[0] != '[' {
			return b, fmt.Errorf("jsonrpc: params of %q must be an object or an array", m.Method)
		}
	}
	var err error
	b = append(b, `{"jsonrpc":"2.0"`...)
	if m.ID != nil || response {
		id := m.ID
		if id == nil {
			id = nullID
		}
		b = append(b, `,"id":`...)
		if b, err = jsonenc.Raw(b, id); err != nil {
			return b, err
		}
	}
	switch {
	case !response:
		b = append(b, `,"method":`...)
		b = jsonenc.String(b, m.Method)
		if hasValue && value == nil || !hasValue && len(m.Params) == 0 {
			break
		}
		mark := len(b)
		b = append(b, `,"params":`...)
		if !hasValue {
			b, err = jsonenc.Raw(b, m.Params)
			break
		}
		if b, err = e.value(b, value); err != nil {
			break
		}
		switch p := b[mark+len(`,"params":`):]; {
		case string(p) == "null":
			b = b[:mark] // a typed nil is no params, not "params": null
		case p[0] != '{' && p[0] != '[':
			err = fmt.Errorf("jsonrpc: params of %q must be an object or an array", m.Method)
		}
	case m.Error != nil:
		b = append(b, `,"error":{"code":`...)
		b = strconv.AppendInt(b, int64(m.Error.Code), 10)
		b = append(b, `,"message":`...)
		b = jsonenc.String(b, m.Error.Message)
		if len(m.Error.Data) > 0 {
			b = append(b, `,"data":`...)
			b, err = jsonenc.Raw(b, m.Error.Data)
		}
		b = append(b, '}')
	default:
		b = append(b, `,"result":`...)
		switch {
		case hasValue:
			b, err = e.value(b, value)
		case len(m.Result) > 0:
			b, err = jsonenc.Raw(b, m.Result)
		default:
			b = append(b, "null"...) // JSON-RPC requires the member
		}
	}
	if err != nil {
		return b, err
	}
	return append(b, '}'), nil
}

// UnmarshalJSON reads and checks one JSON-RPC 2.0 message. Invalid input
// yields a *MessageError carrying the code to answer with.
func (m *Message) UnmarshalJSON(data []byte) error {
	msg, err := parse(data, nil)
	if err != nil {
		return err
	}
	*m = *msg
	return nil
}

// MessageError reports a message that was read in full but is not valid
// JSON-RPC. The stream is still in step, so reading may go on.
type MessageError struct {
	// ID is the message's id when it could be read, else nil.
	ID ID
	// Response reports that the message was a response, which is never answered.
	Response bool
	Err      *Error
}

func (e *MessageError) Error() string {
	if e.ID != nil {
		return fmt.Sprintf("message %s: %v", e.ID, e.Err)
	}
	return e.Err.Error()
}

func (e *MessageError) Unwrap() error { return e.Err }

// parse decodes and validates one message body. Method names are
// interned in names, which may be nil.
func parse(body []byte, names names) (*Message, error) {
	if !json.Valid(body) {
		return nil, &MessageError{Err: Errorf(ParseError, "message body is not valid JSON")}
	}
	trimmed := bytes.TrimLeft(body, " \t\r\n")
	switch trimmed[0] {
	case '{':
	case '[':
		// LSP never batches; answering keeps the peer from waiting forever.
		return nil, &MessageError{Err: Errorf(InvalidRequest, "batch messages are not supported")}
	default:
		return nil, &MessageError{Err: Errorf(InvalidRequest, "message is not a JSON object")}
	}
	// Member names are matched exactly: encoding/json would match struct
	// fields without regard to case, and JSON-RPC's are case-sensitive.
	f := readMembers(trimmed)
	invalid := func(id ID, response bool, format string, args ...any) (*Message, error) {
		return nil, &MessageError{ID: id, Response: response, Err: Errorf(InvalidRequest, format, args...)}
	}

	// The raw members stay slices of body, which is the message's own.
	var m Message
	hasID, hasMethod := f.id != nil, f.method != nil
	if hasID {
		// Only a response may carry a null id: it answers a request we sent
		// that the peer could not read.
		if !validID(f.id, !hasMethod) {
			return invalid(nil, !hasMethod, "id %s is not a number or a string", f.id)
		}
		m.ID = ID(f.id)
	}
	if string(f.jsonrpc) != `"2.0"` {
		return invalid(m.ID, !hasMethod, `"jsonrpc" must be "2.0"`)
	}

	if hasMethod {
		var method string
		switch raw := f.method; {
		case raw[0] != '"':
			return invalid(m.ID, false, `"method" must be a string`)
		case bytes.IndexByte(raw, '\\') < 0 && utf8.Valid(raw):
			method = names.intern(raw[1 : len(raw)-1])
		default:
			var decoded string // escapes or invalid UTF-8: rare
			if json.Unmarshal(raw, &decoded) != nil {
				return invalid(m.ID, false, `"method" must be a string`)
			}
			method = decoded
		}
		if method == "" {
			return invalid(m.ID, false, `"method" must not be empty`)
		}
		m.Method = method
		if p := f.params; p != nil {
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
	rawResult, rawError := f.result, f.error
	if (rawResult != nil) == (rawError != nil) {
		return invalid(m.ID, true, `response must have exactly one of "result" and "error"`)
	}
	if rawError != nil {
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

// names keeps the strings of the method names a Conn has read, so that
// reading a name seen before allocates nothing. A peer sends a handful of
// distinct ones; past maxNames the rest are not kept.
type names map[string]string

const maxNames = 64

func (n names) intern(b []byte) string {
	if s, ok := n[string(b)]; ok {
		return s
	}
	s := string(b)
	if n != nil && len(n) < maxNames {
		n[s] = s
	}
	return s
}

// members are the raw values of the members of a message that JSON-RPC
// defines; nil for one that is absent. As in encoding/json, the last of two
// members with the same name wins.
type members struct {
	jsonrpc, id, method, params, result, error []byte
}

// readMembers reads the members of obj, a valid JSON object.
func readMembers(obj []byte) members {
	var f members
	i := 1
	for {
		i = skipSpace(obj, i)
		if i >= len(obj) || obj[i] != '"' {
			return f // the closing brace of an empty object
		}
		keyEnd := valueEnd(obj, i)
		key := obj[i:keyEnd]
		i = skipSpace(obj, skipSpace(obj, keyEnd)+1) // past the colon
		end := valueEnd(obj, i)
		val := obj[i:end]
		name := key[1 : len(key)-1]
		if bytes.IndexByte(key, '\\') >= 0 || !utf8.Valid(key) {
			var decoded string // escapes or invalid UTF-8: rare
			_ = json.Unmarshal(key, &decoded)
			name = []byte(decoded)
		}
		// A switch on string(name) allocates nothing.
		switch string(name) {
		case "jsonrpc":
			f.jsonrpc = val
		case "id":
			f.id = val
		case "method":
			f.method = val
		case "params":
			f.params = val
		case "result":
			f.result = val
		case "error":
			f.error = val
		}
		i = skipSpace(obj, end)
		if i >= len(obj) || obj[i] != ',' {
			return f
		}
		i++
	}
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// valueEnd returns the end of the valid JSON value that starts at b[i].
func valueEnd(b []byte, i int) int {
	if i >= len(b) {
		return i
	}
	switch b[i] {
	case '"':
		return stringEnd(b, i)
	case '{', '[':
		depth := 0
		for i < len(b) {
			switch b[i] {
			case '"':
				i = stringEnd(b, i)
				continue
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return i + 1
				}
			}
			i++
		}
		return i
	}
	// A number, true, false or null.
	for i < len(b) {
		switch b[i] {
		case ',', '}', ']', ' ', '\t', '\n', '\r':
			return i
		}
		i++
	}
	return i
}

// stringEnd returns the index after the string that starts at b[i].
func stringEnd(b []byte, i int) int {
	for i++; i < len(b); i++ {
		switch b[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
	return i
}

// hasMember reports whether the JSON object obj has every named member.
func hasMember(obj []byte, names ...string) bool {
	var fields map[string]json.RawMessage
	if json.Unmarshal(obj, &fields) != nil {
		return false
	}
	for _, n := range names {
		if _, ok := fields[n]; !ok {
			return false
		}
	}
	return true
}
