//go:build unix

package lint

import (
	"bytes"
	"io/fs"
	"syscall"
)

// readFile reads a whole file with plain system calls: open, read until
// the end, close. os.ReadFile makes ten calls for a small file (it also
// sets the descriptor non-blocking, tries to register it with the poller,
// which refuses regular files, and stats it for a size hint); here it is
// four (docs/performance.md). scratch is the worker's buffer, reused
// between files; the text returned is a fresh copy, since parsed strings
// share it.
func readFile(path string, scratch *[]byte) ([]byte, error) {
	text, err := readInto(path, scratch)
	if err != nil {
		return nil, err
	}
	return bytes.Clone(text), nil
}

// readInto is readFile without the copy: the text it returns is scratch's
// and valid until scratch is used again.
func readInto(path string, scratch *[]byte) ([]byte, error) {
	if cap(*scratch) == 0 {
		*scratch = make([]byte, 0, 64<<10)
	}
	var fd int
	var err error
	for fd, err = open(path, scratch); err == syscall.EINTR; {
		fd, err = open(path, scratch)
	}
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: path, Err: err}
	}
	defer syscall.Close(fd)
	buf := (*scratch)[:0]
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)] // grow
		}
		n, err := syscall.Read(fd, buf[len(buf):cap(buf)])
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			*scratch = buf
			return nil, &fs.PathError{Op: "read", Path: path, Err: err}
		}
		if n == 0 {
			break
		}
		buf = buf[:len(buf)+n]
	}
	*scratch = buf
	return buf, nil
}
