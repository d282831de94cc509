package jsonrpc

import (
	"errors"
	"io"
	"strings"
	"testing"
)

// TestResync checks that a Conn made WithResync answers a broken frame and
// then finds the next message, for every kind of header Read cannot trust.
func TestResync(t *testing.T) {
	tests := []struct {
		name  string
		input string
		want  error // what the first Read reports
	}{
		{"missing Content-Length", "Content-Type: application/vscode-jsonrpc\r\n\r\n" + ping, ErrFraming},
		{"no header at all", "\r\n" + ping, ErrFraming},
		{"Content-Length not a number", "Content-Length: ten\r\n\r\n" + ping, ErrFraming},
		{"Content-Length negative", "Content-Length: -34\r\n\r\n" + ping, ErrFraming},
		{"Content-Length overflows", "Content-Length: 99999999999999999999\r\n\r\n" + ping, ErrFraming},
		{"header line without colon", "Content-Length 34\r\n\r\n" + ping, ErrFraming},
		{"header line too long", "X: " + strings.Repeat("a", 3*headerBufSize) + "\r\n\r\n", ErrFraming},
		{"garbage before the header", "hello\r\n", ErrFraming},
		{"huge length, short body", "Content-Length: 9223372036854775807\r\n\r\n{}", nil},
		{"over the limit", frame(`{"jsonrpc":"2.0","id":1,"method":"x","params":{"pad":"` + strings.Repeat("x", 200) + `"}}`), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out strings.Builder
			// The good message's header is written in lower case and glued
			// to what precedes it, as a body without a newline would be.
			input := tt.input + strings.ToLower(frame(ping)[:len("Content-Length:")]) + frame(ping)[len("Content-Length:"):]
			c := NewConn(strings.NewReader(input), &out, WithMaxMessageSize(128), WithResync())
			_, err := c.Read()
			var me *MessageError
			switch {
			case tt.want != nil && !errors.Is(err, tt.want):
				t.Fatalf("first Read: got %v, want %v", err, tt.want)
			case tt.want == nil && !errors.As(err, &me):
				t.Fatalf("first Read: got %v, want a *MessageError", err)
			}
			m, err := c.Read()
			if err != nil || m.Method != "ping" {
				t.Fatalf("the message after the broken one: got %+v, %v", m, err)
			}
			if _, err := c.Read(); err != io.EOF {
				t.Errorf("third Read: got %v, want io.EOF", err)
			}
			answers := readAll(t, []byte(out.String()))
			if len(answers) != 1 || answers[0].Error == nil || string(answers[0].ID) != "null" {
				t.Errorf("answers: %q", out.String())
			}
		})
	}
}

// TestResyncEndsCleanly checks that garbage at the end of the stream is a
// clean end, not a hang or an unexpected EOF.
func TestResyncEndsCleanly(t *testing.T) {
	c := NewConn(strings.NewReader("nonsense\r\n\r\nmore nonsense"), io.Discard, WithResync())
	if _, err := c.Read(); !errors.Is(err, ErrFraming) {
		t.Fatalf("first Read: %v", err)
	}
	if _, err := c.Read(); err != io.EOF {
		t.Fatalf("second Read: got %v, want io.EOF", err)
	}
}

// TestResyncSplitMarker feeds the input a byte at a time, so the marker is
// always cut across reads.
func TestResyncSplitMarker(t *testing.T) {
	input := "junk\r\n" + frame(ping)
	c := NewConn(&oneByteReader{s: input}, io.Discard, WithResync())
	if _, err := c.Read(); !errors.Is(err, ErrFraming) {
		t.Fatalf("first Read: %v", err)
	}
	m, err := c.Read()
	if err != nil || m.Method != "ping" {
		t.Fatalf("got %+v, %v", m, err)
	}
}

type oneByteReader struct{ s string }

func (r *oneByteReader) Read(p []byte) (int, error) {
	if r.s == "" {
		return 0, io.EOF
	}
	if len(p) == 0 {
		return 0, nil
	}
	p[0] = r.s[0]
	r.s = r.s[1:]
	return 1, nil
}

// FuzzReadResync reads arbitrary input with resync on: Read never panics,
// every call consumes input, and the stream always ends in io.EOF or
// io.ErrUnexpectedEOF rather than a loop.
func FuzzReadResync(f *testing.F) {
	f.Add([]byte("Content-Length: 9223372036854775807\r\n\r\n{}" + frame(ping)))
	f.Add([]byte("junk\r\n\r\n" + frame(ping) + "Content-Length: x\r\n\r\n"))
	f.Add([]byte("content-length:content-length:content-length: 2\r\n\r\n{}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c := NewConn(strings.NewReader(string(data)), io.Discard, WithMaxMessageSize(1<<10), WithResync())
		for range len(data) + 2 {
			_, err := c.Read()
			var me *MessageError
			switch {
			case err == nil, errors.As(err, &me), errors.Is(err, ErrFraming):
				continue
			case err == io.EOF, errors.Is(err, io.ErrUnexpectedEOF):
				return
			default:
				t.Fatalf("unexpected error: %v", err)
			}
		}
		t.Fatalf("%d Reads of %d bytes did not reach the end", len(data)+2, len(data))
	})
}
