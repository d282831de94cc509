package apply

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/seslint/seslint/internal/input"
	"github.com/seslint/seslint/internal/policy"
	"github.com/seslint/seslint/internal/source"
)

// Desired is one policy the files ask for.
type Desired struct {
	// File is the path of the file, as shown.
	File string
	// Identity is the identity's name.
	Identity string
	// IdentityARN is set when the file names the identity by its ARN.
	IdentityARN string
	Name        string
	// Policy is the text sent to SES: the file as it is (without a
	// byte-order mark) for a policy document, the decoded Policy string for
	// a request. What seslint linted and measured is what it sends.
	Policy string
	// PolicyIsFile says that Policy is the whole file, byte for byte, so
	// that `--policy file://FILE` is the same call.
	PolicyIsFile bool
}

// DesiredFromUnits reads what each lint unit asks for. Every unit must name
// its identity and policy and hold a policy that parses, and no two units
// may define the same policy on the same identity; the error lists every
// unit that falls short, one per line.
func DesiredFromUnits(units []*input.Unit) ([]Desired, error) {
	var out []Desired
	var problems []string
	bad := func(path, format string, args ...any) {
		problems = append(problems, path+": "+fmt.Sprintf(format, args...))
	}
	for _, u := range units {
		d := Desired{File: u.Path}
		switch {
		case u.Shape == input.Terraform || u.Shape == input.Plan:
			bad(u.Path, "%s is Terraform's to apply (terraform apply), not seslint's; name the JSON policy files, or exclude the .tf files in .seslint.yaml", u.Address)
			continue
		case !u.Identity.Known:
			bad(u.Path, "no identity to apply the policy to; put the file in a folder named after the identity (example.com/%s), map it in .seslint.yaml, or pass --identity", cmp.Or(stem(u.Path), "Name")+".json")
			continue
		case !u.PolicyName.Known:
			bad(u.Path, "no policy name; name the file after the policy, map it in .seslint.yaml, or pass --policy-name")
			continue
		case u.Policy == nil || (u.Shape == input.Request && (u.PolicyField == nil || u.PolicyField.Kind != source.String)):
			bad(u.Path, "the request has no \"Policy\" string to apply")
			continue
		case u.Policy.Root == nil || len(u.Policy.Problems) > 0:
			bad(u.Path, "the policy is not valid JSON")
			continue
		}
		d.Identity, d.Name = u.Identity.Value, u.PolicyName.Value
		if a, ok := policy.ParseARN(d.Identity); ok {
			name, isIdentity := a.IdentityName()
			if a.Service != "ses" || !isIdentity || name == "" {
				bad(u.Path, "identity %q is not an SES identity ARN (arn:aws:ses:REGION:ACCOUNT:identity/NAME)", d.Identity)
				continue
			}
			d.IdentityARN, d.Identity = d.Identity, name
		}
		d.Policy = string(u.Policy.Text)
		if u.Shape == input.PolicyDocument {
			d.Policy = strings.TrimPrefix(d.Policy, "\uFEFF")
			d.PolicyIsFile = len(d.Policy) == len(u.File.Text)
		}
		out = append(out, d)
	}
	slices.SortFunc(out, func(a, b Desired) int {
		return cmp.Or(cmp.Compare(a.Identity, b.Identity), cmp.Compare(a.Name, b.Name), cmp.Compare(a.File, b.File))
	})
	for i := 1; i < len(out); i++ {
		if out[i].Identity == out[i-1].Identity && out[i].Name == out[i-1].Name {
			bad(out[i].File, "policy %q on %q is also defined by %s; each policy must come from one file", out[i].Name, out[i].Identity, out[i-1].File)
		}
	}
	if len(problems) > 0 {
		slices.Sort(problems)
		return nil, errors.New(strings.Join(problems, "\n"))
	}
	return out, nil
}

func stem(path string) string {
	base := path[strings.LastIndexAny(path, `/\`)+1:]
	if i := strings.LastIndexByte(base, '.'); i > 0 {
		base = base[:i]
	}
	return base
}
