package awsdata

// lowerASCII lower-cases the ASCII letters A-Z of s and keeps every other
// byte, including every byte of a non-ASCII rune, so "ſ" never folds to
// "s". The sources say only that action and key names are case-insensitive
// (S11); every name in the tables is ASCII, so folding ASCII letters alone
// is enough to find them (INFERRED).
func lowerASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
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
