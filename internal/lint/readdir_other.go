//go:build !linux

package lint

import (
	"os"
	"path/filepath"
)

// dirReader reads folders with os.ReadDir; readdir_linux.go reads them
// without a DirEntry and a name string per entry.
type dirReader struct{}

type dirEnt = os.DirEntry

func (r *dirReader) read(path string) ([]dirEnt, error) { return os.ReadDir(path) }
func (r *dirReader) mark() dirMark                      { return dirMark{} }
func (r *dirReader) release(dirMark)                    {}

// dirMark is the Linux reader's; here there is nothing to release.
type dirMark struct{}

// join is the path of an entry of the folder path, which prefix is put
// before its names by (see childPrefix).
func (r *dirReader) join(path, prefix string, e dirEnt) string {
	if slashOS {
		return prefix + e.Name()
	}
	return filepath.Join(path, e.Name())
}
