package rules

import (
	"testing"

	"github.com/seslint/seslint/internal/awsdata"
)

// oldPrincipalType is principalType before the switch: a loop folding
// case against every type.
func oldPrincipalType(key string) string {
	for _, t := range awsdata.PrincipalTypes() {
		if equalFold(key, t) {
			return t
		}
	}
	return ""
}

// TestPrincipalTypeExact keeps principalType's switch in step with
// awsdata.PrincipalTypes.
func TestPrincipalTypeExact(t *testing.T) {
	for _, typ := range awsdata.PrincipalTypes() {
		if got := principalType(typ); got != typ {
			t.Errorf("principalType(%q) = %q", typ, got)
		}
	}
}

// FuzzPrincipalType holds principalType to the loop it shortcuts, on any
// key.
func FuzzPrincipalType(f *testing.F) {
	for _, s := range []string{"", "AWS", "aws", "Aws", "Service", "SERVICE", "\u017fervice", "Federated", "AWS ", "A"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, key string) {
		if got, want := principalType(key), oldPrincipalType(key); got != want {
			t.Fatalf("principalType(%q) = %q, before %q", key, got, want)
		}
	})
}
