package awsdata

import (
	"slices"
	"testing"
)

// TestResolveActions holds ResolveActions to LookupAction for names and to
// MatchActions for patterns, and to no allocation for the usual shapes.
func TestResolveActions(t *testing.T) {
	names := []string{"", "SendEmail", "sendemail", "SENDRAWEMAIL", "Nothing", "Send Email", "ſendEmail"}
	for _, a := range actions {
		names = append(names, a.Name)
	}
	for _, n := range names {
		got := ResolveActions(n)
		want, ok := LookupAction(n)
		if !ok {
			if got != nil {
				t.Errorf("ResolveActions(%q) = %d actions, want none", n, len(got))
			}
			continue
		}
		if len(got) != 1 || got[0].Name != want.Name {
			t.Errorf("ResolveActions(%q) = %v, want %s", n, got, want.Name)
		}
	}
	patterns := []string{"*", "Send*", "send*templatedEMAIL", "Get?mailIdentity", "*EmailIdentityPolic*", "Nothing*", "?", "*Email", "Put*", "List*s", "*Receipt*"}
	for _, pat := range patterns {
		got, want := ResolveActions(pat), MatchActions(pat)
		if !slices.EqualFunc(got, want, func(x, y Action) bool { return x.Name == y.Name }) {
			t.Errorf("ResolveActions(%q) = %d actions, want %d", pat, len(got), len(want))
		}
	}
	for _, n := range []string{"SendEmail", "sendrawemail", "Send*", "*", "Get?mailIdentity"} {
		if a := testing.AllocsPerRun(100, func() { ResolveActions(n) }); a != 0 {
			t.Errorf("ResolveActions(%q) allocates %v times, want 0", n, a)
		}
	}
}
