package source

import (
	"fmt"
	"unicode/utf16"
	"unicode/utf8"
)

// unquoteWithOffsets decodes a JSON string token (quotes included, already
// validated by the parser) and records, for every decoded byte, the offset
// in the file of the character or escape that produced it. The last entry
// maps the end of the decoded text to the closing quote, so a half-open
// span of decoded bytes maps to a half-open span of the file.
func unquoteWithOffsets(raw []byte, base int) ([]byte, []int) {
	return appendUnquoted(make([]byte, 0, len(raw)), make([]int, 0, len(raw)+1), raw, base)
}

// appendUnquoted is unquoteWithOffsets appending to text and offsets.
func appendUnquoted(text []byte, offsets []int, raw []byte, base int) ([]byte, []int) {
	end := len(raw) - 1 // closing quote
	for i := 1; i < end; {
		at := base + i
		c := raw[i]
		if c != '\\' {
			_, size := utf8.DecodeRune(raw[i:end])
			text = append(text, raw[i:i+size]...)
			for range size {
				offsets = append(offsets, at)
			}
			i += size
			continue
		}
		var r rune
		n := 2
		switch raw[i+1] {
		case '"', '\\', '/':
			r = rune(raw[i+1])
		case 'b':
			r = '\b'
		case 'f':
			r = '\f'
		case 'n':
			r = '\n'
		case 'r':
			r = '\r'
		case 't':
			r = '\t'
		case 'u':
			r, n = hex4(raw[i+2:]), 6
			if utf16.IsSurrogate(r) && i+12 <= end && raw[i+6] == '\\' && raw[i+7] == 'u' {
				if pair := utf16.DecodeRune(r, hex4(raw[i+8:])); pair != utf8.RuneError {
					r, n = pair, 12
				}
			}
			if utf16.IsSurrogate(r) {
				r = utf8.RuneError
			}
		}
		before := len(text)
		text = utf8.AppendRune(text, r)
		for range len(text) - before {
			offsets = append(offsets, at)
		}
		i += n
	}
	offsets = append(offsets, base+end)
	return text, offsets
}

func hex4(b []byte) rune {
	var r rune
	for _, c := range b[:4] {
		r <<= 4
		switch {
		case c >= '0' && c <= '9':
			r |= rune(c - '0')
		case c >= 'a' && c <= 'f':
			r |= rune(c-'a') + 10
		case c >= 'A' && c <= 'F':
			r |= rune(c-'A') + 10
		}
	}
	return r
}

// EscapeStringContent escapes s for use inside a JSON string, without the
// surrounding quotes.
func EscapeStringContent(s string) string {
	b := make([]byte, 0, len(s)+8)
	for _, r := range s {
		switch r {
		case '"':
			b = append(b, '\\', '"')
		case '\\':
			b = append(b, '\\', '\\')
		case '\n':
			b = append(b, '\\', 'n')
		case '\r':
			b = append(b, '\\', 'r')
		case '\t':
			b = append(b, '\\', 't')
		default:
			if r < 0x20 {
				b = append(b, fmt.Sprintf(`\u%04x`, r)...)
			} else {
				b = utf8.AppendRune(b, r)
			}
		}
	}
	return string(b)
}
