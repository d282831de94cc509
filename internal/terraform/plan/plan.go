// Package plan reads the JSON of `terraform show -json PLANFILE` and makes
// a lint unit of every planned create or update of an SES identity policy,
// with the values Terraform will send. The policy is the string in the plan,
// parsed in place, so findings point into the plan file; the unit's Address
// names the resource, since a plan does not record where it was written.
package plan

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/seslint/seslint/internal/input"
	"github.com/seslint/seslint/internal/source"
	"github.com/seslint/seslint/internal/terraform"
)

// resources maps the policy resource types to their identity and name.
var resources = map[string][2]string{
	"aws_ses_identity_policy":         {"identity", "name"},
	"aws_sesv2_email_identity_policy": {"email_identity", "policy_name"},
}

// Is reports whether a parsed JSON file is Terraform's JSON output (a plan,
// or a state, which has no changes to lint): an object with format_version
// and terraform_version.
func Is(doc *source.Document) bool {
	root := doc.Root
	return root != nil && root.Kind == source.Object &&
		root.Get("format_version") != nil && root.Get("terraform_version") != nil
}

// Load returns a unit for each policy resource the plan creates or updates.
// A file that cannot be read as a plan gets one unit with no policy whose
// problem says why.
func Load(doc *source.Document) []*input.Unit {
	root := doc.Root
	fail := func(n *source.Node, format string, args ...any) []*input.Unit {
		doc.Problems = append(doc.Problems, source.Problem{Span: head(n), Message: fmt.Sprintf(format, args...)})
		return []*input.Unit{{Path: doc.Path, File: doc, Shape: input.Plan}}
	}
	v := root.Get("format_version")
	major, ok := majorVersion(v)
	if !ok || major > 1 {
		return fail(v, "Terraform JSON format_version %s is not one seslint reads (0.x and 1.x); update seslint, or produce the plan with a Terraform that writes format 1", doc.Text[v.Span.Start:v.Span.End])
	}
	changes := root.Get("resource_changes")
	if changes == nil {
		if root.Get("planned_values") == nil {
			return fail(root, "this is Terraform JSON without resource_changes, such as a state; seslint reads plans: terraform show -json PLANFILE")
		}
		return nil // a plan that changes nothing
	}
	if changes.Kind != source.Array {
		return fail(changes, "resource_changes must be an array in a Terraform plan")
	}
	var units []*input.Unit
	for _, rc := range changes.Elems {
		if u := load(doc, rc); u != nil {
			units = append(units, u)
		}
	}
	return units
}

// load builds the unit of one resource change, or nil when it is not a
// policy resource that will be created or updated.
func load(doc *source.Document, rc *source.Node) *input.Unit {
	args, ok := resources[text(rc.Get("type"))]
	if !ok || text(rc.Get("mode")) != "managed" {
		return nil
	}
	change := rc.Get("change")
	if !writes(change.Get("actions")) {
		return nil
	}
	addr := text(rc.Get("address"))
	if addr == "" {
		addr = text(rc.Get("type")) + "." + text(rc.Get("name"))
	}
	u := &input.Unit{Path: doc.Path, File: doc, Shape: input.Plan, Address: addr}
	after := change.Get("after")
	u.Identity = field(after.Get(args[0]))
	u.PolicyName = field(after.Get(args[1]))
	p := after.Get("policy")
	switch {
	case p != nil && p.Kind == source.String:
		u.PolicyField = p
		u.Policy = source.ParseEmbedded(doc, p)
		if u.Policy.Root != nil {
			u.Size = terraform.NormalizedSize(u.Policy.Root)
		}
	case isTrue(change.Get("after_unknown").Get("policy")):
		u.Notes = append(u.Notes, input.Note{Span: head(rc), Message: fmt.Sprintf("the policy of %s is known only when the plan is applied; it is not checked", addr)})
	default:
		doc.Problems = append(doc.Problems, source.Problem{Span: head(rc),
			Message: fmt.Sprintf("the planned change of %s has no policy string in change.after", addr)})
	}
	return u
}

// writes reports whether the actions create or update the object
// (a replace is a delete and a create).
func writes(actions *source.Node) bool {
	if actions == nil {
		return false
	}
	for _, a := range actions.Elems {
		if a.Kind == source.String && (a.Text == "create" || a.Text == "update") {
			return true
		}
	}
	return false
}

func isTrue(n *source.Node) bool { return n != nil && n.Kind == source.Bool && n.Text == "true" }

func field(n *source.Node) input.Field {
	if n == nil || n.Kind != source.String {
		return input.Field{}
	}
	return input.Field{Value: n.Text, Known: true, Origin: input.FromPlan, Node: n}
}

// text is a node's string value, or "" (nil-safe).
func text(n *source.Node) string {
	if n == nil || n.Kind != source.String {
		return ""
	}
	return n.Text
}

// head is a short span at the start of n, for problems about all of it.
func head(n *source.Node) source.Span {
	if n == nil {
		return source.Span{}
	}
	if n.Kind == source.Object || n.Kind == source.Array {
		return source.Span{Start: n.Span.Start, End: n.Span.Start + 1}
	}
	return n.Span
}

func majorVersion(v *source.Node) (int, bool) {
	if v == nil || v.Kind != source.String {
		return 0, false
	}
	major, _, _ := strings.Cut(v.Text, ".")
	n, err := strconv.Atoi(major)
	return n, err == nil && n >= 0
}
