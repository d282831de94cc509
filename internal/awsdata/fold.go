package awsdata

// maxFoldLen bounds the names the case-insensitive indexes are asked about.
// It is longer than every name in the tables (the longest action name has 46
// bytes, the longest condition key 32), so a longer input cannot match and is
// rejected without folding.
const maxFoldLen = 64

// foldASCII writes s into buf with the ASCII letters A-Z lower-cased. Other
// bytes, including every byte of a non-ASCII rune, are kept, so "ſ" never
// folds to "s". The sources say only that action and key names are
// case-insensitive (S11); every name in the tables is ASCII, so folding ASCII
// letters alone is enough to find them (INFERRED). The result aliases buf;
// used directly in a map index expression, m[string(b)], it costs no
// allocation.
func foldASCII(buf *[maxFoldLen]byte, s string) ([]byte, bool) {
	if len(s) > len(buf) {
		return nil, false
	}
	b := buf[:len(s)]
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	return b, true
}

// lowerASCII is foldASCII for building the indexes, where allocation is fine.
func lowerASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// lowerEach calls put with each of n names lower-cased as lowerASCII does,
// all cut from one string: the indexes are built at init, where one
// allocation beats two per name.
func lowerEach(n int, name func(int) string, put func(int, string)) {
	size := 0
	for i := range n {
		size += len(name(i))
	}
	b := make([]byte, 0, size)
	for i := range n {
		s := name(i)
		for j := 0; j < len(s); j++ {
			b = append(b, lowerByte(s[j]))
		}
	}
	all := string(b)
	for i := range n {
		l := len(name(i))
		put(i, all[:l])
		all = all[l:]
	}
}

// equalFoldASCII reports whether a and b are equal after ASCII case folding.
func equalFoldASCII(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		if lowerByte(a[i]) != lowerByte(b[i]) {
			return false
		}
	}
	return true
}

// lowerByte lower-cases one ASCII letter.
func lowerByte(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}
