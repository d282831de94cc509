package lint

import (
	"strings"
	"syscall"
	"unsafe"
)

// atFDCWD is AT_FDCWD, the same on every Linux architecture: openat then
// resolves a relative path against the working directory, as open does.
const atFDCWD = -100

// open opens path for reading as syscall.Open does, with the openat system
// call, but hands the kernel the path NUL-terminated in scratch (which
// readInto then overwrites with the text): syscall.Open copies each path
// into a new allocation, garbage of every file read.
func open(path string, scratch *[]byte) (int, error) {
	if strings.IndexByte(path, 0) >= 0 {
		return -1, syscall.EINVAL // syscall.Open's answer: the kernel would stop at the NUL
	}
	buf := append(append((*scratch)[:0], path...), 0)
	*scratch = buf[:0]
	dir := atFDCWD
	fd, _, errno := syscall.Syscall6(syscall.SYS_OPENAT, uintptr(dir), uintptr(unsafe.Pointer(&buf[0])),
		uintptr(syscall.O_RDONLY|syscall.O_CLOEXEC|syscall.O_LARGEFILE), 0, 0, 0)
	if errno != 0 {
		return -1, errno
	}
	return int(fd), nil
}
