package policy

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// ParseARN agrees with splitting on the first five colons.
func TestParseARN(t *testing.T) {
	for _, s := range []string{
		"arn:aws:ses:us-east-1:123456789012:identity/example.com",
		"arn:aws:iam::123456789012:role/a:b/c", "arn:aws:ses:::", "arn:::::", "arn:a:b:c:d",
		"arn:", "arn", "", "ARN:aws:ses:r:a:x", "arn:aws-cn:ses:cn-north-1:1:identity/📧@example.com",
	} {
		got, ok := ParseARN(s)
		parts := strings.SplitN(s, ":", 6)
		wantOK := strings.HasPrefix(s, "arn:") && len(parts) == 6
		if ok != wantOK {
			t.Errorf("%q: ok %v, want %v", s, ok, wantOK)
			continue
		}
		if ok {
			want := ARN{Partition: parts[1], Service: parts[2], Region: parts[3], Account: parts[4], Resource: parts[5]}
			if got != want || got.String() != s {
				t.Errorf("%q: got %+v, want %+v", s, got, want)
			}
		}
	}
}

func BenchmarkParseARN(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, ok := ParseARN("arn:aws:ses:eu-west-1:345678901234:identity/example.com"); !ok {
			b.Fatal("not an ARN")
		}
	}
}

// The word-at-a-time colon search agrees with SplitN wherever the colons
// fall, near bytes that differ from ':' in one bit or in the high bit.
func TestParseARNColonsAnywhere(t *testing.T) {
	alphabet := []byte{':', 'a', ':' ^ 0x80, ':' ^ 1, ';', 0, 0xff, '9'}
	r := rand.New(rand.NewPCG(1, 2))
	for range 50000 {
		b := []byte("arn:")
		for range r.IntN(40) {
			b = append(b, alphabet[r.IntN(len(alphabet))])
		}
		s := string(b)
		got, ok := ParseARN(s)
		parts := strings.SplitN(s, ":", 6)
		if ok != (len(parts) == 6) {
			t.Fatalf("%q: ok %v", s, ok)
		}
		if ok {
			want := ARN{Partition: parts[1], Service: parts[2], Region: parts[3], Account: parts[4], Resource: parts[5]}
			if got != want {
				t.Fatalf("%q: got %+v, want %+v", s, got, want)
			}
		}
	}
}

// isAccountIDLoop is IsAccountID as it was, byte by byte: the reference
// FuzzIsAccountID holds the word-at-a-time test to.
func isAccountIDLoop(s string) bool {
	if len(s) != 12 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func FuzzIsAccountID(f *testing.F) {
	for _, s := range []string{"", "123456789012", "12345678901", "1234567890123", "12345678901a", "a23456789012",
		"123456/89012", "12345678:012", "\xfa23456789012", "1234567\xff9012", "０12345678901", "1234567890１"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := IsAccountID(s), isAccountIDLoop(s); got != want {
			t.Errorf("IsAccountID(%q) = %v, want %v", s, got, want)
		}
	})
}

// TestIsAccountIDEveryByte puts every byte value at every place of a
// twelve-digit string.
func TestIsAccountIDEveryByte(t *testing.T) {
	for i := range 12 {
		for c := range 256 {
			b := []byte("123456789012")
			b[i] = byte(c)
			if got, want := IsAccountID(string(b)), isAccountIDLoop(string(b)); got != want {
				t.Errorf("IsAccountID(%q) = %v, want %v", b, got, want)
			}
		}
	}
}
