//go:build 386 || amd64 || arm || arm64 || loong64 || mips64le || mipsle || ppc64le || riscv64 || wasm

package source

import "unsafe"

// word returns the eight bytes b[i:i+8] as a little-endian number; the
// caller makes sure that i+8 <= len(b). On a little-endian machine that
// is one load, without the bounds checks and the slicing of
// binary.LittleEndian.Uint64(b[i:]): the scanners of strings and spaces
// run it once for every eight bytes of most documents.
func word(b []byte, i int) uint64 {
	return *(*uint64)(unsafe.Add(unsafe.Pointer(unsafe.SliceData(b)), i))
}
