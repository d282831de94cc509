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

// actions is the merged table, sorted by name; actionIndex finds each
// name's position in any case.
var actions, actionIndex = buildActions()

// buildActions runs at init, so it allocates arrays for the whole table
// (the actions, their condition keys, their lower-cased names) rather than
// an object, a key list and a name per action.
func buildActions() ([]Action, nameTable) {
	families := [...]struct {
		fam  Family
		rows []sarAction
	}{{FamilyV1, v1Actions}, {FamilyV2, v2Actions}, {FamilyMailManager, mailManagerActions}}
	nrows := 0
	for _, f := range families {
		nrows += len(f.rows)
	}
	n := nrows + len(pinpointEmailActions)
	list := make([]Action, 0, n)
	byName := make(map[string]int, n)
	room := make([]int, 0, n)          // per action: its rows' keys, repeats included
	rowAction := make([]int, 0, nrows) // per row: its action
	for _, f := range families {
		for _, r := range f.rows {
			i, ok := byName[r.name]
			if !ok {
				i = len(list)
				byName[r.name] = i
				list = append(list, Action{Name: r.name, Access: r.access})
				room = append(room, 0)
			}
			list[i].Families |= f.fam
			list[i].Identity = max(list[i].Identity, r.identity)
			room[i] += len(r.keys)
			rowAction = append(rowAction, i)
		}
	}
	// Pinpoint Email names are all v2 names (S3); the tests hold that true.
	for _, name := range pinpointEmailActions {
		if i, ok := byName[name]; ok {
			list[i].Families |= FamilyPinpointEmail
		} else {
			byName[name] = len(list)
			list = append(list, Action{Name: name, Families: FamilyPinpointEmail})
			room = append(room, 0)
		}
	}
	mark := func(names []string, set func(*Action)) {
		for _, name := range names {
			if i, ok := byName[name]; ok {
				set(&list[i])
			}
		}
	}
	mark(classicSendingActions, func(a *Action) { a.ClassicSending = true })
	mark(sendingActions, func(a *Action) { a.Sending = true })
	mark(sendsEmailActions, func(a *Action) { a.SendsEmail = true })
	mark(sesGuideActions, func(a *Action) { a.InSESGuide = true })

	// Each action's keys, the union of its rows' keys, go in its own part of
	// one array, sized so that appending never reallocates.
	total := 0
	for _, r := range room {
		total += r
	}
	shared := make([]string, total)
	for i, r := range room {
		list[i].ConditionKeys, shared = shared[:0:r], shared[r:]
	}
	row := 0
	for _, f := range families {
		for _, r := range f.rows {
			a := &list[rowAction[row]]
			row++
			for _, k := range r.keys {
				if !slices.Contains(a.ConditionKeys, k) {
					a.ConditionKeys = append(a.ConditionKeys, k)
				}
			}
		}
	}
	for i := range list {
		a := &list[i]
		if len(a.ConditionKeys) == 0 {
			a.ConditionKeys = nil
			continue
		}
		slices.Sort(a.ConditionKeys)
		a.ConditionKeys = slices.Clip(a.ConditionKeys)
	}

	slices.SortFunc(list, func(x, y Action) int { return strings.Compare(x.Name, y.Name) })
	return list, newNameTable(len(list), func(i int) string { return list[i].Name })
}

// LookupAction finds an action by its name without the "ses:" prefix, in any
// case: "sendemail" finds SendEmail. It does not allocate.
func LookupAction(name string) (Action, bool) {
	i, ok := actionIndex.find(name, true)
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
	// No action name holds a wildcard, so a name found is exact.
	if i, ok := actionIndex.find(name, true); ok {
		return actions[i : i+1 : i+1]
	}
	if strings.IndexByte(name, '*') < 0 && strings.IndexByte(name, '?') < 0 { // cheaper than ContainsAny
		return nil
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
