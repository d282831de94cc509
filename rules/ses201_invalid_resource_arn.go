package rules

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/seslint/seslint/internal/awsdata"
	"github.com/seslint/seslint/internal/finding"
	"github.com/seslint/seslint/internal/policy"
)

// invalidResourceARN reports a Resource that is not an SES identity ARN,
// arn:PARTITION:ses:REGION:ACCOUNT:identity/NAME. Wildcards are SES203's,
// except the "*" Region that SES Global endpoints use, which is valid.
var invalidResourceARN = &Rule{
	ID: "SES201", Name: "invalid-resource-arn", Severity: finding.Error, Precision: "very-high",
	Summary: "The Resource is not an SES identity ARN (arn:PARTITION:ses:REGION:ACCOUNT:identity/NAME)",
	Check: func(p *Pass) {
		if p.Policy == nil {
			return
		}
		for _, st := range p.Policy.Statements {
			for _, r := range st.Resource {
				if r.Text == "*" {
					continue // SES203's
				}
				msg, fixed := resARNProblem(p, r.Text, "resource", true)
				// Template text is SES009's; looked for only when something
				// is wrong, as nearly every resource is a valid ARN.
				if msg == "" || p.hasTemplate(r.Text) {
					continue
				}
				d := Diag{Span: r.Span, Node: r, Value: r.Text, Message: msg}
				if fixed != "" {
					d.Fix = Replace(fmt.Sprintf("Change to %q", fixed), r, resJSONString(fixed))
				}
				p.Report(d)
			}
		}
	},
}

// resARNForm is how messages spell the shape of an identity ARN.
const resARNForm = "arn:PARTITION:ses:REGION:ACCOUNT:identity/NAME"

// resARNProblem says what is wrong with s as an SES identity ARN, the
// most specific problem first, and gives the corrected ARN when the fix is
// certain. noun names s in the message ("resource", "identity"). With
// resource, parts holding a wildcard are left to SES203 and a "*" Region is
// accepted (SES Global endpoints); without it, both are problems.
func resARNProblem(p *Pass, s, noun string, resource bool) (msg, fixed string) {
	at := resSubject{noun, s}
	if !strings.HasPrefix(s, "arn:") {
		switch {
		case len(s) >= 4 && strings.EqualFold(s[:4], "arn:"):
			return fmt.Sprintf(`%s must start with lower-case "arn:"`, at), "arn:" + s[4:]
		case identIsName(s):
			return fmt.Sprintf("%s is an identity name, not its ARN; write arn:PARTITION:ses:REGION:ACCOUNT:identity/%s", at, s), ""
		case resource && hasWildcard(s):
			return "", ""
		}
		return fmt.Sprintf("%s is not an ARN; an SES identity ARN is %s", at, resARNForm), ""
	}
	a, ok := p.parseARN(s)
	if !ok {
		return fmt.Sprintf("%s has %d of the 6 colon-separated parts of %s", at, strings.Count(s, ":")+1, resARNForm), ""
	}
	skip := func(part string) bool { return resource && hasWildcard(part) }

	// Partition.
	switch known := awsdata.KnownPartition(a.Partition); {
	case a.Partition == "":
		return fmt.Sprintf(`%s has no partition; write "aws" (or "aws-us-gov", "aws-eusc") after "arn:"`, at), ""
	case skip(a.Partition), known:
	default:
		if sug, ok := awsdata.Suggest(a.Partition, resPartitionIDs()); ok {
			b := a
			b.Partition = sug
			return fmt.Sprintf("%s names unknown partition %q; did you mean %q?", at, a.Partition, sug), b.String()
		}
		return fmt.Sprintf("%s names unknown partition %q; the partitions are %s", at, a.Partition, tmplQuoteAll(resPartitionIDs())), ""
	}

	// Service.
	switch {
	case a.Service == "ses", skip(a.Service):
	case strings.EqualFold(a.Service, "ses"):
		b := a
		b.Service = "ses"
		return fmt.Sprintf(`%s must name the service in lower case, "ses"`, at), b.String()
	case a.Service == "":
		return fmt.Sprintf(`%s has no service; an identity ARN names "ses"`, at), ""
	default:
		return fmt.Sprintf(`%s names service %q; an SES identity ARN is %s`, at, a.Service, resARNForm), ""
	}

	// Region.
	if msg, fixed := resRegionProblem(a, at, resource); msg != "" {
		return msg, fixed
	}

	// Account.
	switch {
	case policy.IsAccountID(a.Account), skip(a.Account):
	case a.Account == "":
		return fmt.Sprintf("%s has no account ID; write the 12-digit account that owns the identity", at), ""
	case policy.IsAccountID(accountSeparators.Replace(a.Account)):
		b := a
		b.Account = accountSeparators.Replace(a.Account)
		return fmt.Sprintf("%s writes account %q with separators; an account ID is 12 digits with none", at, a.Account), b.String()
	case resIsAllDigits(a.Account):
		return fmt.Sprintf("%s names account %q, which has %d digits; an account ID has 12", at, a.Account, len(a.Account)), ""
	default:
		return fmt.Sprintf("%s names account %q; an account ID is 12 digits", at, a.Account), ""
	}

	// Resource type and name.
	typ, name, hasSlash := strings.Cut(a.Resource, "/")
	switch {
	case typ == "identity":
	case skip(typ):
		return "", ""
	case strings.EqualFold(typ, "identity") && hasSlash:
		b := a
		b.Resource = "identity/" + name
		return fmt.Sprintf(`%s must write the resource type in lower case, "identity/"`, at), b.String()
	case !hasSlash && identIsName(a.Resource):
		b := a
		b.Resource = "identity/" + a.Resource
		return fmt.Sprintf(`%s lacks "identity/" before the identity name`, at), b.String()
	case a.Resource == "":
		return fmt.Sprintf("%s has no resource part; end it with identity/NAME", at), ""
	default:
		return fmt.Sprintf(`%s names a %q resource; an identity policy applies to "identity/NAME"`, at, typ), ""
	}
	switch {
	case name == "":
		return fmt.Sprintf(`%s names no identity after "identity/"`, at), ""
	case !resource && hasWildcard(name):
		return fmt.Sprintf("%s has a wildcard in the identity name", at), ""
	}
	return "", ""
}

// resSubject is the value a message is about ("resource \"arn:...\""),
// formatted by fmt only once there is a problem: valid ARNs cost nothing.
type resSubject struct{ noun, s string }

func (r resSubject) String() string { return r.noun + " " + strconv.Quote(r.s) }

// resRegionProblem checks the Region part of an identity ARN.
func resRegionProblem(a policy.ARN, at resSubject, resource bool) (msg, fixed string) {
	r := a.Region
	switch {
	case r == "":
		if resource {
			return fmt.Sprintf(`%s has no Region; write the Region where the identity is verified, or "*" for SES Global endpoints`, at), ""
		}
		return fmt.Sprintf("%s has no Region; write the Region where the identity is verified", at), ""
	case r == "*" && resource, resource && hasWildcard(r):
		return "", ""
	case hasWildcard(r):
		return fmt.Sprintf("%s has a wildcard Region; an identity lives in one Region", at), ""
	}
	partID, ses, known := awsdata.LookupRegion(r)
	if !known {
		if sug, ok := awsdata.Suggest(r, resAllRegions()); ok {
			b := a
			b.Region = sug
			return fmt.Sprintf("%s names unknown Region %q; did you mean %q?", at, r, sug), b.String()
		}
		return fmt.Sprintf("%s names unknown Region %q (Regions known as of %s)", at, r, awsdata.PartitionsDate[:10]), ""
	}
	if partID != a.Partition && awsdata.KnownPartition(a.Partition) {
		b := a
		b.Partition = partID
		return fmt.Sprintf("%s names Region %q of partition %q under partition %q; did you mean %q?", at, r, partID, a.Partition, b.String()), b.String()
	}
	if !ses {
		part, _ := awsdata.PartitionOfRegion(r)
		if len(part.SESRegions) == 0 {
			return fmt.Sprintf("%s names Region %q, but SES is not offered in the %s partition, so no identity can exist there", at, r, part.ID), ""
		}
		return fmt.Sprintf("%s names Region %q, where SES is not offered, so no identity can exist there", at, r), ""
	}
	return "", ""
}

// resPartitionIDs returns the partition IDs, sorted.
func resPartitionIDs() []string {
	var ids []string
	for _, p := range awsdata.Partitions() {
		ids = append(ids, p.ID)
	}
	sort.Strings(ids)
	return ids
}

func resIsAllDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func resAllRegions() []string {
	var out []string
	for _, p := range awsdata.Partitions() {
		out = append(out, p.Regions...)
	}
	return out
}

// resJSONString writes s as a JSON string literal.
func resJSONString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// accountSeparators strips what people put between the digit groups of an
// account ID ("1234-5678-9012"); built once, it is safe for concurrent use.
var accountSeparators = strings.NewReplacer("-", "", " ", "")
