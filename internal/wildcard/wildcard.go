// Package wildcard matches IAM patterns, where "*" stands for any run of
// characters and "?" for exactly one, as in Action and Resource elements and
// the Like condition operators. It is shared by the domain tables and the
// rules so the one matcher is tested once.
package wildcard

// Match reports whether s matches pattern. With fold, ASCII letters compare
// without regard to case, as IAM compares action names. A "*" or "?" in s
// is an ordinary character, so "ses:*" matches "ses:Send*".
func Match(pattern, s string, fold bool) bool {
	p, n := 0, 0
	star, mark := -1, 0
	for n < len(s) {
		switch {
		case p < len(pattern) && pattern[p] == '*':
			star, mark = p, n
			p++
		case p < len(pattern) && (pattern[p] == '?' || same(pattern[p], s[n], fold)):
			p++
			n++
		case star >= 0:
			// Let the last star swallow one more character and retry.
			p = star + 1
			mark++
			n = mark
		default:
			return false
		}
	}
	for p < len(pattern) && pattern[p] == '*' {
		p++
	}
	return p == len(pattern)
}

func same(a, b byte, fold bool) bool {
	if a == b {
		return true
	}
	if !fold {
		return false
	}
	if 'A' <= a && a <= 'Z' {
		a += 'a' - 'A'
	}
	if 'A' <= b && b <= 'Z' {
		b += 'a' - 'A'
	}
	return a == b
}
