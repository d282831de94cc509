package jsonrpc

import (
	"bytes"
	"errors"
	"io"
	"runtime"
	"testing"
)

// FuzzReadMessage reads every frame of arbitrary input. It checks that Read
// never panics, always makes progress, returns only valid messages, answers
// with frames that Read itself accepts, and allocates in proportion to the
// input rather than to what a Content-Length header claims.
func FuzzReadMessage(f *testing.F) {
	const limit = 1 << 20
	f.Fuzz(func(t *testing.T, data []byte) {
		var out bytes.Buffer
		c := NewConn(bytes.NewReader(data), &out, WithMaxMessageSize(limit))

		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		// Every Read consumes at least one byte, so this bounds the loop.
		for range len(data) + 1 {
			m, err := c.Read()
			var me *MessageError
			if errors.As(err, &me) {
				continue
			}
			if err != nil {
				break
			}
			if !m.IsRequest() && !m.IsNotification() && !m.IsResponse() {
				t.Fatalf("Read returned a message of no kind: %+v", m)
			}
			if _, err := m.MarshalJSON(); err != nil {
				t.Fatalf("Read returned a message it cannot write: %+v: %v", m, err)
			}
		}
		runtime.ReadMemStats(&after)
		// Parsing JSON costs a multiple of the input; a body buffer sized by
		// the header alone would cost up to the limit.
		if got, budget := after.TotalAlloc-before.TotalAlloc, uint64(64*len(data)+256<<10); got > budget {
			t.Fatalf("allocated %d bytes for %d bytes of input (budget %d)", got, len(data), budget)
		}

		answers := NewConn(bytes.NewReader(out.Bytes()), io.Discard)
		for {
			m, err := answers.Read()
			if err != nil {
				if err != io.EOF {
					t.Fatalf("an answer cannot be read back: %v\n%q", err, out.Bytes())
				}
				break
			}
			if !m.IsResponse() || m.Error == nil {
				t.Fatalf("an answer is not an error response: %+v", m)
			}
		}
	})
}
