package rules

import (
	"fmt"
	"strings"

	"github.com/seslint/seslint/internal/awsdata"
	"github.com/seslint/seslint/internal/finding"
	"github.com/seslint/seslint/internal/source"
)

// invalidVersion reports a Version that is neither of the two policy
// language versions IAM knows. A Version that is not a string is SES003's.
var invalidVersion = &Rule{
	ID: "SES006", Name: "invalid-version", Severity: finding.Error, Precision: "high",
	Summary: `"Version" is not a policy language version: use "2012-10-17"`,
	Check: func(p *Pass) {
		if p.Policy == nil {
			return
		}
		v := p.Policy.Version
		if v == nil || v.Kind != source.String || docIsVersion(v.Text) {
			return
		}
		want := awsdata.CurrentPolicyVersion
		d := Diag{Span: v.Span, Node: v, Value: v.Text}
		if docNearVersion(v.Text) {
			d.Message = fmt.Sprintf("policy language version %q does not exist; did you mean %q?", v.Text, want)
			d.Fix = Replace(fmt.Sprintf("Change to %q", want), v, `"`+want+`"`)
		} else {
			d.Message = fmt.Sprintf("policy language version %q does not exist; the versions are %q and the outdated %q: use %q",
				v.Text, want, awsdata.LegacyPolicyVersion, want)
		}
		p.Report(d)
	},
}

func docIsVersion(s string) bool {
	for _, v := range awsdata.PolicyVersions() {
		if s == v {
			return true
		}
	}
	return false
}

// docNearVersion reports a value that is recognisably one of the versions
// written wrongly: surrounding space, other separators or order
// ("2012/10/17", "10-17-2012", "20121017"), or a typo of one or two
// characters ("2012-10-18", "2021-10-17").
func docNearVersion(s string) bool {
	if docIsVersion(strings.TrimSpace(s)) {
		return true
	}
	var groups []string
	for _, g := range strings.FieldsFunc(s, func(r rune) bool { return r < '0' || r > '9' }) {
		groups = append(groups, g)
	}
	switch len(groups) {
	case 1:
		if groups[0] == "20121017" || groups[0] == "20081017" {
			return true
		}
	case 3:
		if docHasGroups(groups, "2012", "10", "17") || docHasGroups(groups, "2008", "10", "17") {
			return true
		}
	}
	_, ok := awsdata.Suggest(s, awsdata.PolicyVersions())
	return ok
}

// docHasGroups reports whether got holds exactly want, in any order.
func docHasGroups(got []string, want ...string) bool {
	used := make([]bool, len(got))
	for _, w := range want {
		found := false
		for i, g := range got {
			if !used[i] && g == w {
				used[i], found = true, true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}
