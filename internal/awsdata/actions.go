package awsdata

import (
	"slices"
	"strings"

	"github.com/seslint/seslint/internal/wildcard"
)

// ActionPrefix is the IAM service prefix of every action in this package. The
// v1, v2, Pinpoint Email and Mail Manager APIs all use it (S1 to S4, S6).
const ActionPrefix = "ses"

// Where the action table comes from. The four SAR pages give the names,
// access levels, resource types and condition keys; the SES Developer Guide
// gives the list of actions an identity policy may contain.
const (
	ActionsSource = "S1, S2, S3, S4 (SAR, one page per API family); S6 (API models, shared prefix); S14 (SES DG action list)"
	ActionsDate   = "2026-06-14 (SAR snapshot); 2026-11-26 (SES DG copy read)"
)

// Family is a set of the SES API families that define an action name. One
// ses: action string covers the operation of that name in every family that
// has it: "ses:SendEmail" grants both the v1 and the v2 SendEmail (S6).
type Family uint8

// The API families that share the ses: prefix.
const (
	FamilyV1            Family = 1 << iota // SES v1 API (S1)
	FamilyV2                               // SES v2 API (S2)
	FamilyPinpointEmail                    // legacy Amazon Pinpoint Email API (S3)
	FamilyMailManager                      // SES Mail Manager (S4)
)

var familyNames = [...]string{"v1", "v2", "pinpoint-email", "mail-manager"}

// Has reports whether f holds every family in g.
func (f Family) Has(g Family) bool { return g != 0 && f&g == g }

// String returns the families joined by "+", such as "v1+v2".
func (f Family) String() string {
	if f == 0 {
		return "none"
	}
	var parts []string
	for i, name := range familyNames {
		if f&(1<<i) != 0 {
			parts = append(parts, name)
		}
	}
	return strings.Join(parts, "+")
}

// AccessLevel is the SAR's classification of an action.
type AccessLevel uint8

// The SAR access levels.
const (
	AccessUnknown AccessLevel = iota
	AccessList
	AccessRead
	AccessWrite
	AccessPermissionsManagement
	AccessTagging
)

var accessNames = [...]string{"unknown", "List", "Read", "Write", "Permissions management", "Tagging"}

// String returns the level as the SAR writes it ("Permissions management").
func (l AccessLevel) String() string {
	if int(l) < len(accessNames) {
		return accessNames[l]
	}
	return "unknown"
}

// IdentityResource says whether an action accepts the SES identity resource
// type (arn:${Partition}:ses:${Region}:${Account}:identity/${IdentityName}).
type IdentityResource uint8

// How an action relates to the identity resource type, ordered from weakest
// to strongest.
const (
	IdentityNo       IdentityResource = iota // the action does not take an identity ARN
	IdentityOptional                         // identity is one of several optional resource types
	IdentityRequired                         // identity is a required resource type
)

var identityNames = [...]string{"no", "optional", "required"}

// String returns "no", "optional" or "required".
func (r IdentityResource) String() string {
	if int(r) < len(identityNames) {
		return identityNames[r]
	}
	return "unknown"
}

// Action is one ses: action name with what every family that defines it says
// about it, merged. A linter cannot tell from an Action string which family is
// meant (only the ses:ApiVersion key can), so the merge takes the union: the
// families, the strongest identity relation and every condition key of every
// family (S1 to S4, merged as the reference table 1.3 advises).
type Action struct {
	// Name is the canonical spelling without the prefix, such as "SendEmail".
	Name string
	// Families lists the API families that define the name.
	Families Family
	// Access is the SAR access level. The families that share a name agree
	// on it (checked by the tests).
	Access AccessLevel
	// Identity is the strongest relation to the identity resource type
	// across the families: SendCustomVerificationEmail requires an identity
	// in v1 and takes none in v2, so it is IdentityRequired here.
	Identity IdentityResource
	// ClassicSending marks the four sending-authorization actions of the
	// SES Developer Guide: SendEmail, SendRawEmail, SendTemplatedEmail and
	// SendBulkTemplatedEmail (S14, S16).
	ClassicSending bool
	// Sending marks the actions that send mail on behalf of an identity
	// under a sending-authorization policy: the four classic ones and the
	// v2 SendBulkEmail. Whether SES honours SendBulkEmail in an identity
	// policy is UNVERIFIED: the SES DG does not list it (S14).
	Sending bool
	// SendsEmail marks every action that sends an email: the Sending ones,
	// SendBounce and SendCustomVerificationEmail.
	SendsEmail bool
	// InSESGuide marks the actions that the SES Developer Guide lists as
	// valid in an identity policy's Action element (S14). Four of them, the
	// export-job actions, take no identity resource in the SAR: a
	// documentation inconsistency, recorded as found.
	InSESGuide bool
	// ConditionKeys is the sorted union of the condition keys the families
	// list for the action, as the SAR writes them: tag keys appear as
	// "aws:RequestTag/${TagKey}" and resolve through LookupConditionKey.
	ConditionKeys []string
}

// FullName returns the action with its prefix, such as "ses:SendEmail".
func (a Action) FullName() string { return ActionPrefix + ":" + a.Name }

// HasConditionKey reports whether key (any case; a tag key such as
// "aws:ResourceTag/Project" counts as its family) is one of the action's
// condition keys.
func (a Action) HasConditionKey(key string) bool {
	k, ok := LookupConditionKey(key)
	if !ok {
		return false
	}
	for _, name := range a.ConditionKeys {
		if name == k.Name {
			return true
		}
	}
	return false
}

// sarAction is one row of a SAR actions table.
type sarAction struct {
	name     string
	access   AccessLevel
	identity IdentityResource
	keys     []string
}

// The action sets of the SES Developer Guide and of this package's flags.
var (
	classicSendingActions = []string{"SendBulkTemplatedEmail", "SendEmail", "SendRawEmail", "SendTemplatedEmail"}
	sendingActions        = append(slices.Clip(classicSendingActions), "SendBulkEmail")
	sendsEmailActions     = append(slices.Clip(sendingActions), "SendBounce", "SendCustomVerificationEmail")

	// sesGuideActions is the "Action" valid-values list of the current SES
	// DG policy-anatomy page (S14, read 2026-11-26): the four classic
	// sending actions, 17 identity-management actions and four export-job
	// actions. The narrower list of 17 "identity control" actions on the
	// identity-policy examples page (S15) is the same minus the sending and
	// export-job actions.
	sesGuideActions = []string{
		"SendEmail", "SendRawEmail", "SendTemplatedEmail", "SendBulkTemplatedEmail",
		"BatchGetMetricData", "CreateDeliverabilityTestReport", "CreateEmailIdentityPolicy",
		"DeleteEmailIdentity", "DeleteEmailIdentityPolicy", "GetDomainStatisticsReport",
		"GetEmailIdentity", "GetEmailIdentityPolicies", "ListRecommendations",
		"PutEmailIdentityConfigurationSetAttributes", "PutEmailIdentityDkimAttributes",
		"PutEmailIdentityDkimSigningAttributes", "PutEmailIdentityFeedbackAttributes",
		"PutEmailIdentityMailFromAttributes", "TagResource", "UntagResource",
		"UpdateEmailIdentityPolicy",
		"CancelExportJob", "CreateExportJob", "GetExportJob", "ListExportJobs",
	}
)

// actions is the merged table, sorted by name; actionIndex maps each
// lower-cased name to its position.
var actions, actionIndex = buildActions()

func buildActions() ([]Action, map[string]int) {
	byName := make(map[string]*Action)
	add := func(fam Family, rows []sarAction) {
		for _, r := range rows {
			a := byName[r.name]
			if a == nil {
				a = &Action{Name: r.name, Access: r.access}
				byName[r.name] = a
			}
			a.Families |= fam
			a.Identity = max(a.Identity, r.identity)
			for _, k := range r.keys {
				if !slices.Contains(a.ConditionKeys, k) {
					a.ConditionKeys = append(a.ConditionKeys, k)
				}
			}
		}
	}
	add(FamilyV1, v1Actions)
	add(FamilyV2, v2Actions)
	add(FamilyMailManager, mailManagerActions)
	// Pinpoint Email names are all v2 names (S3); the tests hold that true.
	for _, name := range pinpointEmailActions {
		if a := byName[name]; a != nil {
			a.Families |= FamilyPinpointEmail
		} else {
			byName[name] = &Action{Name: name, Families: FamilyPinpointEmail}
		}
	}
	mark := func(names []string, set func(*Action)) {
		for _, name := range names {
			if a := byName[name]; a != nil {
				set(a)
			}
		}
	}
	mark(classicSendingActions, func(a *Action) { a.ClassicSending = true })
	mark(sendingActions, func(a *Action) { a.Sending = true })
	mark(sendsEmailActions, func(a *Action) { a.SendsEmail = true })
	mark(sesGuideActions, func(a *Action) { a.InSESGuide = true })

	list := make([]Action, 0, len(byName))
	for _, a := range byName {
		slices.Sort(a.ConditionKeys)
		a.ConditionKeys = slices.Clip(a.ConditionKeys)
		list = append(list, *a)
	}
	slices.SortFunc(list, func(x, y Action) int { return strings.Compare(x.Name, y.Name) })
	index := make(map[string]int, len(list))
	for i, a := range list {
		index[lowerASCII(a.Name)] = i
	}
	return list, index
}

// LookupAction finds an action by its name without the "ses:" prefix, in any
// case: "sendemail" finds SendEmail. It does not allocate.
func LookupAction(name string) (Action, bool) {
	var buf [maxFoldLen]byte
	b, ok := foldASCII(&buf, name)
	if !ok {
		return Action{}, false
	}
	i, ok := actionIndex[string(b)]
	if !ok {
		return Action{}, false
	}
	return actions[i], true
}

// Actions returns every ses: action, sorted by name.
func Actions() []Action { return slices.Clone(actions) }

// IdentityPolicyActions returns the actions that accept the identity resource
// type, sorted by name: the only ones an identity policy, whose one resource
// is the identity, can grant (reference table 1.5).
func IdentityPolicyActions() []Action {
	var out []Action
	for _, a := range actions {
		if a.Identity != IdentityNo {
			out = append(out, a)
		}
	}
	return out
}

// MatchActions returns the actions whose name matches pattern, sorted by
// name. The pattern is the part after "ses:" and uses IAM's action wildcards:
// "*" for any run of characters and "?" for one, compared without regard to
// case (S11, Action element). "Send*" matches the seven Send actions.
func MatchActions(pattern string) []Action {
	var out []Action
	for _, a := range actions {
		if wildcard.Match(pattern, a.Name, true) {
			out = append(out, a)
		}
	}
	return out
}

// ResolveActions returns the actions name (the part after "ses:") stands
// for: the one action of an exact name in any case, as LookupAction finds
// it, or every action a pattern with "*" or "?" matches, as MatchActions
// finds them; nil when there are none. The linter resolves every action of
// every policy, so the result is a view of the package's table whenever the
// matches are adjacent in it (an exact name, "Send*", "*") and costs no
// allocation; like an Action's ConditionKeys, it must not be modified.
func ResolveActions(name string) []Action {
	if !strings.ContainsAny(name, "*?") {
		var buf [maxFoldLen]byte
		b, ok := foldASCII(&buf, name)
		if !ok {
			return nil
		}
		i, ok := actionIndex[string(b)]
		if !ok {
			return nil
		}
		return actions[i : i+1 : i+1]
	}
	lo, hi := -1, -1
	for i := range actions {
		if !wildcard.Match(name, actions[i].Name, true) {
			continue
		}
		if lo >= 0 && hi != i {
			return MatchActions(name) // matches with gaps: a copy
		}
		if lo < 0 {
			lo = i
		}
		hi = i + 1
	}
	if lo < 0 {
		return nil
	}
	return actions[lo:hi:hi]
}
