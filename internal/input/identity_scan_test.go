package input

import (
	"regexp"
	"strings"
	"testing"
)

// The expressions IsDomain and IsEmail replaced. They stay here, and only
// here, as the specification the scanners must match byte for byte.
var (
	oldDomainRe = regexp.MustCompile(`(?i)^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$`)
	oldEmailRe  = regexp.MustCompile(`(?i)^[^@\s]+@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$`)
)

func oldIsDomain(s string) bool { return len(s) <= 253 && oldDomainRe.MatchString(s) }
func oldIsEmail(s string) bool  { return len(s) <= 320 && oldEmailRe.MatchString(s) }

// identityScanCases are the edges of the two languages: label and TLD
// lengths in bytes and in runes, hyphens, the case-folded runes ſ and K,
// other look-alikes, white space RE2's \s does and does not take, invalid
// UTF-8 and the overall length limits.
func identityScanCases() []string {
	l63 := strings.Repeat("a", 63)
	cases := []string{
		"", ".", "..", "a.", ".com", "a.b", "a.bc", "a.b1", "a..com", "a.com.",
		"example.com", "EXAMPLE.COM", "Mail.Example.CoM", "xn--bcher-kva.example",
		"-a.com", "a-.com", "a-b.com", "a--b.com", "1.com", "123.456", "a.c-m",
		"a_b.com", "a b.com", "a.com ", " a.com", "a.com\n", "a.\u017fe", "\u017f.com",
		"a.\u212ao", "\u212a.com", "\u212a\u212a.\u212a\u212a", "a.K", "a.\u0131x", "a.\u0130x",
		"a.\u00e9t", "\u00e9.com", "a.\xffx", "\xff.com", "a.\xc5", "a.\xc5\xbfx", "a.\xe2\x84",
		"a.\xe2\x84\xaa", "a.co\x00",
		l63 + ".com", l63 + "a.com", "a." + l63, "a." + l63 + "b",
		strings.Repeat("\u017f", 63) + ".com", strings.Repeat("\u017f", 64) + ".com",
		"a." + strings.Repeat("\u212a", 63), "a." + strings.Repeat("\u212a", 64),
		strings.Repeat(l63+".", 3) + strings.Repeat("b", 61), // 253 bytes
		strings.Repeat(l63+".", 3) + strings.Repeat("b", 62), // 254 bytes
		"user@example.com", "User@Example.COM", "a+b@example.co.uk", "@example.com",
		"user@", "user@@example.com", "us@er@example.com", "a b@example.com",
		"a\tb@example.com", "a\vb@example.com", "a\fb@example.com", "a\rb@example.com",
		"a\nb@example.com", "a\u00a0b@example.com", "\xff@example.com", "\u017f@\u017f.\u017f\u017f",
		"user@example", "user@-x.com", "user@x-.com", "user.name@example.com",
		"user@example.com.", "user@.example.com", "\"quoted\"@example.com", "<a>@example.com",
		strings.Repeat("u", 320-len("@example.com")) + "@example.com",
		strings.Repeat("u", 321-len("@example.com")) + "@example.com",
		strings.Repeat("u", 10) + "@" + strings.Repeat(l63+".", 4) + "com",
	}
	return cases
}

func TestIdentityScannersMatchExpressions(t *testing.T) {
	for _, s := range identityScanCases() {
		if got, want := IsDomain(s), oldIsDomain(s); got != want {
			t.Errorf("IsDomain(%q) = %v, the expression says %v", s, got, want)
		}
		if got, want := IsEmail(s), oldIsEmail(s); got != want {
			t.Errorf("IsEmail(%q) = %v, the expression says %v", s, got, want)
		}
	}
}

// FuzzIdentityScanners compares IsDomain and IsEmail with the expressions
// they replaced.
func FuzzIdentityScanners(f *testing.F) {
	for _, s := range identityScanCases() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := IsDomain(s), oldIsDomain(s); got != want {
			t.Errorf("IsDomain(%q) = %v, the expression says %v", s, got, want)
		}
		if got, want := IsEmail(s), oldIsEmail(s); got != want {
			t.Errorf("IsEmail(%q) = %v, the expression says %v", s, got, want)
		}
	})
}

func BenchmarkIsDomain(b *testing.B) {
	for b.Loop() {
		IsDomain("tailspin0.co.uk")
		IsEmail("tailspin0.co.uk")
	}
}
