package wildcard

import "testing"

func TestMatch(t *testing.T) {
	for _, tc := range []struct {
		pattern, s string
		fold, want bool
	}{
		{"ses:Send*", "ses:SendEmail", false, true},
		{"ses:send*", "SES:SendEmail", false, false},
		{"ses:send*", "SES:SendEmail", true, true},
		{"ses:Send?mail", "ses:SendEmail", false, true},
		{"ses:Send?mail", "ses:SendEEmail", false, false},
		{"ses:Send?mail", "ses:SendXmail", false, true},
		{"*", "", false, true},
		{"", "", false, true},
		{"a", "", false, false},
		{"*@example.com", "a@b@example.com", false, true},
		{"a*b*c", "axxbyyc", false, true},
		{"a*b*c", "axxbyy", false, false},
		{"ses:*", "ses:Send*", false, true},
		{"ses:SendEmail", "ses:Send*", false, false},
	} {
		if got := Match(tc.pattern, tc.s, tc.fold); got != tc.want {
			t.Errorf("Match(%q, %q, %v) = %v, want %v", tc.pattern, tc.s, tc.fold, got, tc.want)
		}
	}
}
