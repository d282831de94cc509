package apply

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/seslint/seslint/internal/awsdata"
	"github.com/seslint/seslint/internal/policy"
)

// MaxPoliciesPerIdentity is SES's limit (Developer Guide, "Policy
// requirements").
const MaxPoliciesPerIdentity = 20

// Action is what the plan does with one policy.
type Action string

const (
	Create    Action = "create"
	Update    Action = "update"
	Unchanged Action = "unchanged"
	// Delete removes a policy on the identity that no file defines; only
	// with Options.Prune.
	Delete Action = "delete"
	// Unmanaged is a policy on the identity that no file defines, left
	// alone because pruning is off.
	Unmanaged Action = "unmanaged"
)

// Change is one policy in the plan.
type Change struct {
	Action   Action
	Identity string
	Name     string
	// File defines the policy; "" for Delete and Unmanaged.
	File string
	// Policy is the text to send (Create, Update).
	Policy string
	// PolicyIsFile: see Desired.
	PolicyIsFile bool
	// Current is the policy on SES (Update, Unchanged, Delete, Unmanaged).
	Current string
	// Diff is a unified diff of the normalised documents; "" when there is
	// nothing to show.
	Diff string
	// Widens lists the ways the change widens access (see Widens).
	Widens []string
	// Call is the AWS CLI command equivalent to the call apply makes, as
	// an argument vector (Create, Update, Delete).
	Call []string
}

// Pending reports whether the change calls SES.
func (c *Change) Pending() bool {
	return c.Action == Create || c.Action == Update || c.Action == Delete
}

// Problem is a reason the plan cannot be applied.
type Problem struct {
	Identity string
	File     string // "" when the problem is the identity's
	Message  string
}

func (p Problem) String() string {
	if p.File != "" {
		return p.File + ": " + p.Message
	}
	return p.Identity + ": " + p.Message
}

// Plan is what apply would do, and why it could not, if it could not.
type Plan struct {
	API     API
	Region  string // "" offline when no region was given
	Profile string
	Account string // "" offline
	// Offline plans were made without reading SES: every policy is a
	// create and nothing about the account was checked.
	Offline bool
	Prune   bool
	Changes []Change
	// Problems block the apply; a dry run shows them and fails.
	Problems []Problem
}

// Counts counts the changes by action.
func (p *Plan) Counts() map[Action]int {
	m := map[Action]int{}
	for i := range p.Changes {
		m[p.Changes[i].Action]++
	}
	return m
}

// PendingCount is the number of changes that call SES.
func (p *Plan) PendingCount() int {
	n := 0
	for i := range p.Changes {
		if p.Changes[i].Pending() {
			n++
		}
	}
	return n
}

// State is what SES holds, as read before planning.
type State struct {
	// Account is the caller's account.
	Account    string
	Identities map[string]*IdentityState
}

// IdentityState is one identity as SES reports it.
type IdentityState struct {
	Exists   bool
	Verified bool
	Status   string
	// Policies is name → text; nil when they could not be read (the
	// identity is missing or unverified).
	Policies map[string]string
}

// Options shape a plan.
type Options struct {
	API     API
	Region  string
	Profile string
	Prune   bool
}

// Build makes the plan for the desired policies against state, or an
// offline plan when state is nil. It is pure.
func Build(desired []Desired, state *State, o Options) *Plan {
	p := &Plan{API: cmp.Or(o.API, V1), Region: o.Region, Profile: o.Profile, Offline: state == nil, Prune: o.Prune}
	if state != nil {
		p.Account = state.Account
	}
	byIdentity := map[string][]Desired{}
	for _, d := range desired {
		byIdentity[d.Identity] = append(byIdentity[d.Identity], d)
	}
	for _, id := range slices.Sorted(maps.Keys(byIdentity)) {
		ds := byIdentity[id]
		var is *IdentityState
		if state != nil {
			is = state.Identities[id]
			if is == nil {
				is = &IdentityState{}
			}
			switch {
			case !is.Exists:
				p.problem(id, "", "identity %q does not exist in account %s in region %s; create and verify it first", id, state.Account, o.Region)
			case !is.Verified:
				p.problem(id, "", "identity %q is not verified in region %s (status %s); SES attaches policies to verified identities only", id, o.Region, cmp.Or(is.Status, "unknown"))
			}
		}
		for _, d := range ds {
			p.checkResources(d)
			p.addDesired(d, is)
		}
		if is != nil && is.Policies != nil {
			wanted := map[string]bool{}
			for _, d := range ds {
				wanted[d.Name] = true
			}
			for _, name := range slices.Sorted(maps.Keys(is.Policies)) {
				if wanted[name] {
					continue
				}
				c := Change{Action: Unmanaged, Identity: id, Name: name, Current: is.Policies[name]}
				if o.Prune {
					c.Action = Delete
					c.Diff = UnifiedDiff(sesLabel(id, name), "(deleted)", normalOrRaw(c.Current), "")
					c.Widens = Widens(c.Current, "")
					c.Call = p.command(c)
				}
				p.Changes = append(p.Changes, c)
			}
		}
		p.checkLimit(id, ds, is)
	}
	slices.SortStableFunc(p.Changes, func(a, b Change) int {
		return cmp.Or(cmp.Compare(a.Identity, b.Identity), cmp.Compare(a.Name, b.Name))
	})
	return p
}

func (p *Plan) problem(identity, file, format string, args ...any) {
	p.Problems = append(p.Problems, Problem{Identity: identity, File: file, Message: fmt.Sprintf(format, args...)})
}

func (p *Plan) addDesired(d Desired, is *IdentityState) {
	c := Change{Action: Create, Identity: d.Identity, Name: d.Name, File: d.File, Policy: d.Policy, PolicyIsFile: d.PolicyIsFile}
	newText := normalOrRaw(d.Policy)
	if is != nil && is.Policies != nil {
		if cur, ok := is.Policies[d.Name]; ok {
			c.Current = cur
			c.Action = Update
			if normalOrRaw(cur) == newText {
				c.Action = Unchanged
			}
		}
	}
	switch c.Action {
	case Create:
		c.Diff = UnifiedDiff("(none)", d.File, "", newText)
		c.Widens = Widens("", d.Policy)
	case Update:
		c.Diff = UnifiedDiff(sesLabel(d.Identity, d.Name), d.File, normalOrRaw(c.Current), newText)
		c.Widens = Widens(c.Current, d.Policy)
	}
	if c.Pending() {
		c.Call = p.command(c)
	}
	p.Changes = append(p.Changes, c)
}

func sesLabel(identity, name string) string { return "SES " + identity + " " + name }

func normalOrRaw(text string) string {
	if n, err := Normalize(text); err == nil {
		return n + "\n"
	}
	return text
}

// checkResources holds each statement's Resource, and the identity ARN the
// file may give, to the identity, the region and the caller's account.
func (p *Plan) checkResources(d Desired) {
	var partition string
	if pi, ok := awsdata.PartitionOfRegion(p.Region); ok && p.Region != "" {
		partition = pi.ID
	}
	check := func(what, s string) {
		a, ok := policy.ParseARN(s)
		name, isIdentity := a.IdentityName()
		if !ok || a.Service != "ses" || !isIdentity {
			p.problem(d.Identity, d.File, "%s %q is not the ARN of identity %q (arn:aws:ses:REGION:ACCOUNT:identity/%s)", what, s, d.Identity, d.Identity)
			return
		}
		if !strings.EqualFold(name, d.Identity) {
			p.problem(d.Identity, d.File, "%s %q names identity %q, but the policy is for %q", what, s, name, d.Identity)
		}
		if p.Region != "" && a.Region != "*" && a.Region != p.Region {
			p.problem(d.Identity, d.File, "%s %q is in region %q, but apply works in %q, where the identity must be verified", what, s, a.Region, p.Region)
		}
		if partition != "" && a.Partition != partition {
			p.problem(d.Identity, d.File, "%s %q is in partition %q, but region %s is in %q", what, s, a.Partition, p.Region, partition)
		}
		if p.Account != "" && a.Account != p.Account {
			p.problem(d.Identity, d.File, "%s %q belongs to account %q, but the credentials are for account %s", what, s, a.Account, p.Account)
		}
	}
	if d.IdentityARN != "" {
		check("identity", d.IdentityARN)
	}
	v, err := decode(d.Policy)
	if err != nil {
		return
	}
	seen := map[string]bool{}
	for _, g := range grants(v) {
		for _, r := range g.resources {
			if !seen[r.shown] {
				seen[r.shown] = true
				check("Resource", r.shown)
			}
		}
	}
}

// checkLimit counts the policies the identity would have after the apply.
func (p *Plan) checkLimit(id string, ds []Desired, is *IdentityState) {
	names := map[string]bool{}
	for _, d := range ds {
		names[d.Name] = true
	}
	if is != nil && !p.Prune {
		for n := range is.Policies {
			names[n] = true
		}
	}
	if n := len(names); n > MaxPoliciesPerIdentity {
		extra := ""
		if is != nil && len(is.Policies) > 0 && !p.Prune {
			extra = fmt.Sprintf(", counting the %d already on it (--prune deletes those no file defines)", len(is.Policies))
		}
		p.problem(id, "", "identity %q would have %d policies%s; SES allows at most %d", id, n, extra, MaxPoliciesPerIdentity)
	}
}

// command is the AWS CLI call equivalent to the change.
func (p *Plan) command(c Change) []string {
	var argv []string
	switch {
	case p.API == V2 && c.Action == Delete:
		argv = []string{"aws", "sesv2", "delete-email-identity-policy", "--email-identity", c.Identity, "--policy-name", c.Name}
	case p.API == V2 && c.Action == Update:
		argv = []string{"aws", "sesv2", "update-email-identity-policy", "--email-identity", c.Identity, "--policy-name", c.Name, "--policy", c.Policy}
	case p.API == V2:
		argv = []string{"aws", "sesv2", "create-email-identity-policy", "--email-identity", c.Identity, "--policy-name", c.Name, "--policy", c.Policy}
	case c.Action == Delete:
		argv = []string{"aws", "ses", "delete-identity-policy", "--identity", c.Identity, "--policy-name", c.Name}
	default:
		argv = []string{"aws", "ses", "put-identity-policy", "--identity", c.Identity, "--policy-name", c.Name, "--policy", c.Policy}
	}
	if p.Region != "" {
		argv = append(argv, "--region", p.Region)
	}
	if p.Profile != "" {
		argv = append(argv, "--profile", p.Profile)
	}
	return argv
}
