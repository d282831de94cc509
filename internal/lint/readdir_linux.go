package lint

import (
	"bytes"
	"encoding/binary"
	"io/fs"
	"os"
	"slices"
	"syscall"
)

// dirReader reads folders as os.ReadDir does (the same entries, sorted by
// name), with the getdents64 system call into buffers that one walk
// reuses: os.ReadDir makes a DirEntry and a name string for every entry,
// garbage of a walk over 10,000 files that stays in the peak memory of a
// run (docs/performance.md, memory). Only the paths the walker keeps are
// allocated.
//
// The entries and names of the folders being walked are kept on two
// stacks: a folder's are above its parent's, and are dropped when the
// walker leaves it (release).
type dirReader struct {
	block []byte   // getdents64's buffer, and the path open hands the kernel
	names []byte   // the names of the entries on the stack
	ents  []dirEnt // the entries of the folders being walked
}

// dirEnt is an entry of a folder: its name is names[off:end].
type dirEnt struct {
	off, end int
	typ      fs.FileMode // the type bits only, as fs.DirEntry.Type
}

func (e dirEnt) IsDir() bool       { return e.typ.IsDir() }
func (e dirEnt) Type() fs.FileMode { return e.typ }

// dirMark is the height of the stacks, taken before reading a folder.
type dirMark struct{ ents, names int }

func (r *dirReader) mark() dirMark        { return dirMark{len(r.ents), len(r.names)} }
func (r *dirReader) release(m dirMark)    { r.ents, r.names = r.ents[:m.ents], r.names[:m.names] }
func (r *dirReader) name(e dirEnt) []byte { return r.names[e.off:e.end] }

// join is the path of an entry of a folder: prefix and its name (Linux
// is slashOS).
func (r *dirReader) join(_, prefix string, e dirEnt) string {
	return prefix + string(r.name(e))
}

// The layout of struct linux_dirent64, the same on every architecture.
const (
	direntReclen = 16
	direntType   = 18
	direntName   = 19
)

// read returns the entries of the folder at path, valid until the mark
// taken before it is released. Like os.ReadDir, on an error it returns
// the entries read before it.
func (r *dirReader) read(path string) ([]dirEnt, error) {
	if r.block == nil {
		r.block = make([]byte, 0, 8<<10) // os.ReadDir's size
	}
	fd, err := open(path, &r.block)
	for err == syscall.EINTR {
		fd, err = open(path, &r.block)
	}
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: path, Err: err}
	}
	defer syscall.Close(fd)
	start := len(r.ents)
	for {
		n, err := syscall.Getdents(fd, r.block[:cap(r.block)])
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return r.sorted(start), &fs.PathError{Op: "readdirent", Path: path, Err: err}
		}
		if n <= 0 {
			return r.sorted(start), nil
		}
		if err := r.parse(path, r.block[:n]); err != nil {
			return r.sorted(start), err
		}
	}
}

// parse adds the entries of a block of records, skipping "." and "..".
// An entry of unknown type (a file system without d_type) is looked up,
// and skipped when it has gone since, as os.ReadDir does; by its path,
// since syscall has no fstatat on every architecture.
func (r *dirReader) parse(path string, buf []byte) error {
	for len(buf) >= direntName {
		reclen := int(binary.NativeEndian.Uint16(buf[direntReclen:]))
		if reclen < direntName || reclen > len(buf) {
			return nil // a malformed record ends the folder, as in os.ReadDir
		}
		rec := buf[:reclen]
		buf = buf[reclen:]
		name := rec[direntName:]
		if i := bytes.IndexByte(name, 0); i >= 0 {
			name = name[:i]
		}
		if string(name) == "." || string(name) == ".." {
			continue
		}
		typ, ok := direntMode(rec[direntType])
		if !ok {
			info, err := os.Lstat(path + "/" + string(name))
			if os.IsNotExist(err) {
				continue
			}
			if err != nil {
				return err
			}
			typ = info.Mode().Type()
		}
		off := len(r.names)
		r.names = append(r.names, name...)
		r.ents = append(r.ents, dirEnt{off: off, end: len(r.names), typ: typ})
	}
	return nil
}

// sorted sorts the entries from start on by name, as os.ReadDir does, and
// returns them.
func (r *dirReader) sorted(start int) []dirEnt {
	ents := r.ents[start:]
	slices.SortFunc(ents, func(a, b dirEnt) int { return bytes.Compare(r.name(a), r.name(b)) })
	return ents
}

// direntMode is the fs.FileMode type of a d_type, as os.ReadDir has it;
// ok is false for DT_UNKNOWN.
func direntMode(t byte) (fs.FileMode, bool) {
	switch t {
	case syscall.DT_REG:
		return 0, true
	case syscall.DT_DIR:
		return fs.ModeDir, true
	case syscall.DT_LNK:
		return fs.ModeSymlink, true
	case syscall.DT_CHR:
		return fs.ModeDevice | fs.ModeCharDevice, true
	case syscall.DT_BLK:
		return fs.ModeDevice, true
	case syscall.DT_FIFO:
		return fs.ModeNamedPipe, true
	case syscall.DT_SOCK:
		return fs.ModeSocket, true
	}
	return 0, false
}
