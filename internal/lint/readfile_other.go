//go:build !unix

package lint

import "os"

// readFile is os.ReadFile where the plain system calls of readfile_unix.go
// are not available.
func readFile(path string, _ *[]byte) ([]byte, error) { return os.ReadFile(path) }

// readInto is readFile; the scratch buffer is not used.
func readInto(path string, _ *[]byte) ([]byte, error) { return os.ReadFile(path) }
