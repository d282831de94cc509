//go:build !(386 || amd64 || arm || arm64 || loong64 || mips64le || mipsle || ppc64le || riscv64 || wasm)

package source

import "encoding/binary"

// word returns the eight bytes b[i:i+8] as a little-endian number.
func word(b []byte, i int) uint64 { return binary.LittleEndian.Uint64(b[i:]) }
