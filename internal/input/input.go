// Package input turns a parsed file into a lint unit: it detects whether the
// file is a plain policy document or a PutIdentityPolicy request, finds the
// policy inside it, and settles the identity and policy name. Units of
// Terraform sources and plans are built by internal/terraform.
package input

import (
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/seslint/seslint/internal/source"
)

// Shape is the kind of file.
type Shape int

const (
	// PolicyDocument is {"Version": ..., "Statement": [...]}.
	PolicyDocument Shape = iota
	// Request is {"Identity", "PolicyName", "Policy": "<json string>"}, as
	// read by `aws ses put-identity-policy --cli-input-json`.
	Request
	// Terraform is one aws_ses_identity_policy or
	// aws_sesv2_email_identity_policy resource of a Terraform module: File
	// is the module's .tf files laid end to end (see Parts) and Policy is
	// built from the HCL, so no fix can be applied to it as it is.
	Terraform
	// Plan is one such resource's planned value in the JSON of
	// `terraform show -json PLANFILE`: Policy is the string in the plan.
	Plan
)

func (s Shape) String() string {
	switch s {
	case Request:
		return "request"
	case Terraform:
		return "terraform"
	case Plan:
		return "plan"
	}
	return "policy"
}

// Origin says where a field's value came from.
type Origin string

const (
	FromRequest Origin = "request"
	FromFlag    Origin = "flag"
	FromConfig  Origin = "config"
	FromPath    Origin = "path"
	// FromTerraform is a value written in a Terraform resource (or a
	// literal it references); FromPlan is a value in a Terraform plan.
	FromTerraform Origin = "terraform"
	FromPlan      Origin = "plan"
)

// Field is a value that may be unknown. Node is set when the value is
// written in the file itself.
type Field struct {
	Value  string
	Known  bool
	Origin Origin
	Node   *source.Node
}

// Hints are values given from outside the file, in order of precedence:
// flags first, then the config's mapping. The path convention comes last.
type Hints struct {
	Identity, PolicyName             string
	IdentityOrigin, PolicyNameOrigin Origin
}

// Unit is one policy to lint, with everything known about where it goes.
type Unit struct {
	Path string
	// File is the whole file as parsed.
	File *source.Document
	// Policy is the policy document: File itself, the document decoded
	// from a request's Policy string, or nil when there is none to lint.
	Policy *source.Document
	Shape  Shape
	// PolicyField is the request's "Policy" member value, when a request;
	// for Terraform, the resource's policy argument (or the plan's string).
	PolicyField *source.Node

	Identity   Field
	PolicyName Field
	// Size is the policy's length in bytes of UTF-8 as SES would receive it.
	Size int

	// Address is the Terraform resource address, such as
	// "aws_ses_identity_policy.example", for Terraform and Plan units.
	Address string
	// Parts, when set, says that File.Text is several files laid end to
	// end (the .tf files of a module); Locate moves a span to its file.
	// Units that share Path share Parts.
	Parts []Part
	// Notes say what could not be checked because it is not known
	// statically (a variable, another resource's attribute); spans are in
	// File's coordinates.
	Notes []Note
}

// Part is one file inside a unit's File text: bytes [Start, End).
type Part struct {
	Path       string
	Start, End int
}

// Note is something a unit could not check, with where it is written.
type Note struct {
	Span    source.Span
	Message string
}

// Locate returns the file a span of u's File falls in, and the span in
// that file's own bytes. Without Parts it is u.Path and the span itself.
func (u *Unit) Locate(s source.Span) (string, source.Span) {
	for _, p := range u.Parts {
		if s.Start >= p.Start && s.Start <= p.End {
			return p.Path, source.Span{Start: s.Start - p.Start, End: min(s.End, p.End) - p.Start}
		}
	}
	return u.Path, s
}

// requestKeys are the members of a PutIdentityPolicy request.
var requestKeys = []string{"Identity", "PolicyName", "Policy"}

// Load builds the unit for a parsed file.
func Load(doc *source.Document, hints Hints) *Unit {
	u := new(Unit)
	LoadInto(u, nil, doc, hints)
	return u
}

// LoadInto is Load building the unit in *u, whatever it held, and a
// request's policy in embed when it is not nil: the lint driver's workers
// reuse both for the files whose units they drop. The policy is then valid
// until embed is used again.
func LoadInto(u *Unit, embed *source.Embedding, doc *source.Document, hints Hints) {
	*u = Unit{Path: doc.Path, File: doc}
	root := doc.Root
	if root != nil && isRequest(root) {
		u.Shape = Request
		u.loadRequest(root, embed)
		return
	}
	u.Policy = doc
	u.Size = len(doc.Text)
	if len(doc.Text) >= 3 && doc.Text[0] == 0xEF && doc.Text[1] == 0xBB && doc.Text[2] == 0xBF {
		u.Size -= 3
	}
	u.resolveFromHints(hints)
}

func isRequest(root *source.Node) bool {
	if root.Kind != source.Object || root.Get("Statement") != nil {
		return false
	}
	for _, k := range requestKeys {
		if root.Get(k) != nil {
			return true
		}
	}
	return false
}

func (u *Unit) loadRequest(root *source.Node, embed *source.Embedding) {
	if n := root.Get("Identity"); n != nil && n.Kind == source.String {
		u.Identity = Field{Value: n.Text, Known: true, Origin: FromRequest, Node: n}
	}
	if n := root.Get("PolicyName"); n != nil && n.Kind == source.String {
		u.PolicyName = Field{Value: n.Text, Known: true, Origin: FromRequest, Node: n}
	}
	p := root.Get("Policy")
	u.PolicyField = p
	switch {
	case p == nil:
	case p.Kind == source.String:
		if embed != nil {
			u.Policy = source.ParseEmbeddedIn(embed, u.File, p)
		} else {
			u.Policy = source.ParseEmbedded(u.File, p)
		}
		u.Size = len(u.Policy.Text)
	case p.Kind == source.Object:
		// Wrong, and reported as such, but still worth linting as a policy.
		u.Policy = source.Subtree(u.File, p)
		u.Size = p.Span.End - p.Span.Start
	}
}

func (u *Unit) resolveFromHints(h Hints) {
	if h.Identity != "" {
		u.Identity = Field{Value: h.Identity, Known: true, Origin: orDefault(h.IdentityOrigin, FromFlag)}
	}
	if h.PolicyName != "" {
		u.PolicyName = Field{Value: h.PolicyName, Known: true, Origin: orDefault(h.PolicyNameOrigin, FromFlag)}
	}
	if u.Identity.Known && u.PolicyName.Known {
		return
	}
	id, name, ok := FromPathConvention(u.Path)
	if !ok {
		return
	}
	if !u.Identity.Known {
		u.Identity = Field{Value: id, Known: true, Origin: FromPath}
	}
	if !u.PolicyName.Known {
		u.PolicyName = Field{Value: name, Known: true, Origin: FromPath}
	}
}

func orDefault(o, d Origin) Origin {
	if o == "" {
		return d
	}
	return o
}

// IsDomain reports whether s is a domain name SES could verify: one or more
// labels of 1 to 63 letters, digits and hyphens, not starting or ending
// with a hyphen, each followed by a dot, then a top-level domain of 2 to 63
// letters. Letters are matched in any case. It is a scanner rather than a
// regular expression so that package init compiles nothing; the tests hold
// it to the expression it replaced.
func IsDomain(s string) bool { return len(s) <= 253 && isDomainName(s) }

// IsEmail reports whether s is an email address identity: a local part
// without "@" or ASCII white space, "@", and a domain as IsDomain reads it
// (without its length limit).
func IsEmail(s string) bool {
	if len(s) > 320 {
		return false
	}
	at := strings.IndexByte(s, '@')
	if at <= 0 {
		return false
	}
	for i := 0; i < at; i++ {
		switch s[i] {
		case '\t', '\n', '\f', '\r', ' ': // RE2's \s: no \v, nothing beyond ASCII
			return false
		}
	}
	return isDomainName(s[at+1:])
}

func isDomainName(s string) bool {
	labels := 0
	for {
		dot := strings.IndexByte(s, '.')
		if dot < 0 {
			return labels > 0 && isTopLevel(s)
		}
		if !isLabel(s[:dot]) {
			return false
		}
		labels++
		s = s[dot+1:]
	}
}

// isLabel: 1 to 63 runes of letters, digits and "-", not starting or
// ending with "-". Lengths count runes, as the expression did.
func isLabel(l string) bool {
	if l == "" || l[0] == '-' || l[len(l)-1] == '-' {
		return false
	}
	// Nearly every label is ASCII letters, digits and "-": a table look-up
	// a byte passes them, each one rune, and only the rest is decoded.
	i := 0
	for i < len(l) && labelASCII[l[i]] {
		i++
	}
	for n := i; ; n++ {
		if i == len(l) {
			return n <= 63
		}
		if w := letterWidth(l[i:]); w > 0 {
			i += w
		} else if c := l[i]; c >= '0' && c <= '9' || c == '-' {
			i++
		} else {
			return false
		}
	}
}

// labelASCII marks the ASCII bytes a label may hold: letters, digits, "-".
var labelASCII = func() (t [256]bool) {
	for c := range utf8.RuneSelf {
		t[c] = c|0x20 >= 'a' && c|0x20 <= 'z' || c >= '0' && c <= '9' || c == '-'
	}
	return t
}()

// isTopLevel: 2 to 63 letters.
func isTopLevel(l string) bool {
	n := 0
	for i := 0; i < len(l); n++ {
		w := letterWidth(l[i:])
		if w == 0 {
			return false
		}
		i += w
	}
	return n >= 2 && n <= 63
}

// letterWidth is the byte length of the letter s starts with, or 0. The
// case-insensitive [a-z] of Go's regexp takes, besides A-Z and a-z, the two
// runes Unicode simple case folding joins to s and k: U+017F (long s) and
// U+212A (Kelvin sign).
func letterWidth(s string) int {
	switch c := s[0]; {
	case c|0x20 >= 'a' && c|0x20 <= 'z':
		return 1
	case strings.HasPrefix(s, "\u017f"):
		return 2
	case strings.HasPrefix(s, "\u212a"):
		return 3
	}
	return 0
}

// FromPathConvention reads `<identity>/<PolicyName>.json`: the parent folder
// names the identity when it is a domain or an email address, and the file
// stem is the policy name.
func FromPathConvention(path string) (identity, policyName string, ok bool) {
	slashed := filepath.ToSlash(path)
	dir := slashed[:max(strings.LastIndexByte(slashed, '/'), 0)]
	parent := dir[strings.LastIndexByte(dir, '/')+1:]
	if !IsDomain(parent) && !IsEmail(parent) {
		return "", "", false
	}
	base := slashed[strings.LastIndexByte(slashed, '/')+1:]
	stem := strings.TrimSuffix(base, filepath.Ext(base))
	return parent, stem, stem != ""
}
