package awsdata

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
)

var sourceKeyRE = regexp.MustCompile(`\bS\d{1,2}\b`)

func TestSources(t *testing.T) {
	for i, s := range Sources() {
		if want := fmt.Sprintf("S%d", i+1); s.Key != want {
			t.Errorf("source %d has key %q, want %q", i, s.Key, want)
		}
		if s.What == "" || s.Where == "" || s.Date == "" {
			t.Errorf("source %s is missing a field: %+v", s.Key, s)
		}
		if got, ok := LookupSource(s.Key); !ok || got != s {
			t.Errorf("LookupSource(%q) = %+v, %v", s.Key, got, ok)
		}
	}
	if _, ok := LookupSource("S20"); ok {
		t.Error(`LookupSource("S20") found a source that does not exist`)
	}

	dateRE := regexp.MustCompile(`\b\d{4}-\d{2}-\d{2}\b`)
	tables := []struct{ name, source, date string }{
		{"actions", ActionsSource, ActionsDate},
		{"condition keys", ConditionKeysSource, ConditionKeysDate},
		{"operators", OperatorsSource, OperatorsDate},
		{"partitions", PartitionsSource, PartitionsDate},
		{"service principals", ServicePrincipalsSource, ServicePrincipalsDate},
		{"sample accounts", SampleAccountsSource, SampleAccountsDate},
	}
	for _, tb := range tables {
		keys := sourceKeyRE.FindAllString(tb.source, -1)
		if len(keys) == 0 {
			t.Errorf("%s: source %q names no S-key", tb.name, tb.source)
		}
		for _, k := range keys {
			if _, ok := LookupSource(k); !ok {
				t.Errorf("%s: source %q names unknown %s", tb.name, tb.source, k)
			}
		}
		if !dateRE.MatchString(tb.date) {
			t.Errorf("%s: date %q holds no YYYY-MM-DD date", tb.name, tb.date)
		}
	}
	for _, p := range ServicePrincipals() {
		for _, k := range sourceKeyRE.FindAllString(p.Source, -1) {
			if _, ok := LookupSource(k); !ok {
				t.Errorf("service principal %s names unknown %s", p.Name, k)
			}
		}
	}
}

func TestActionCounts(t *testing.T) {
	all := Actions()
	perFamily := map[Family]int{}
	for _, a := range all {
		for _, f := range []Family{FamilyV1, FamilyV2, FamilyPinpointEmail, FamilyMailManager} {
			if a.Families.Has(f) {
				perFamily[f]++
			}
		}
	}
	tests := []struct {
		name       string
		raw, union int
		want       int
	}{
		{"v1", len(v1Actions), perFamily[FamilyV1], 71},
		{"v2", len(v2Actions), perFamily[FamilyV2], 112},
		{"pinpoint-email", len(pinpointEmailActions), perFamily[FamilyPinpointEmail], 42},
		{"mail-manager", len(mailManagerActions), perFamily[FamilyMailManager], 61},
	}
	for _, tt := range tests {
		if tt.raw != tt.want || tt.union != tt.want {
			t.Errorf("%s: table has %d rows and the union %d actions of the family, want %d", tt.name, tt.raw, tt.union, tt.want)
		}
	}
	if len(all) != 227 {
		t.Errorf("union has %d actions, want 227", len(all))
	}
}

func TestActionNamesUniqueAndSorted(t *testing.T) {
	tables := map[string][]string{"pinpoint-email": pinpointEmailActions, "union": actionNames}
	for name, rows := range map[string][]sarAction{"v1": v1Actions, "v2": v2Actions, "mail-manager": mailManagerActions} {
		for _, r := range rows {
			tables[name] = append(tables[name], r.name)
		}
	}
	for name, names := range tables {
		seen := map[string]string{}
		for _, n := range names {
			if prev, dup := seen[strings.ToLower(n)]; dup {
				t.Errorf("%s: %q and %q are the same action", name, prev, n)
			}
			seen[strings.ToLower(n)] = n
		}
	}
	if !slices.IsSorted(actionNames) {
		t.Error("Actions() is not sorted by name")
	}
}

func TestPinpointEmailNamesAreV2Names(t *testing.T) {
	for _, n := range pinpointEmailActions {
		a, ok := LookupAction(n)
		if !ok || !a.Families.Has(FamilyV2|FamilyPinpointEmail) {
			t.Errorf("Pinpoint Email action %s is not also a v2 action (families %v)", n, a.Families)
		}
	}
}

func TestFamiliesAgreeOnAccessLevel(t *testing.T) {
	for name, rows := range map[string][]sarAction{"v1": v1Actions, "v2": v2Actions, "mail-manager": mailManagerActions} {
		for _, r := range rows {
			a, _ := LookupAction(r.name)
			if a.Access != r.access {
				t.Errorf("%s %s: access %v, but the merged action has %v", name, r.name, r.access, a.Access)
			}
		}
	}
	for _, a := range Actions() {
		if a.Access == AccessUnknown {
			t.Errorf("%s has no access level", a.Name)
		}
	}
}

func TestActionConditionKeysExist(t *testing.T) {
	for _, a := range Actions() {
		if !slices.IsSorted(a.ConditionKeys) {
			t.Errorf("%s: condition keys not sorted: %v", a.Name, a.ConditionKeys)
		}
		for _, key := range a.ConditionKeys {
			k, ok := LookupConditionKey(key)
			if !ok || k.Name != key {
				t.Errorf("%s: condition key %q is not in the key table under that name (found %q)", a.Name, key, k.Name)
			}
		}
	}
}

func TestLookupAction(t *testing.T) {
	type want struct {
		name                                     string
		families                                 Family
		access                                   AccessLevel
		identity                                 IdentityResource
		classic, sending, sendsEmail, inSESGuide bool
		hasKeys, lacksKeys                       []string
	}
	tests := []struct {
		in    string
		found bool
		want  want
	}{
		{"sendemail", true, want{"SendEmail", FamilyV1 | FamilyV2 | FamilyPinpointEmail, AccessWrite, IdentityRequired, true, true, true, true,
			[]string{"ses:FromAddress", "ses:Recipients", "ses:TenantName", "ses:ApiVersion"}, []string{"aws:TagKeys"}}},
		{"SENDRAWEMAIL", true, want{"SendRawEmail", FamilyV1, AccessWrite, IdentityRequired, true, true, true, true,
			[]string{"ses:FeedbackAddress"}, []string{"ses:TenantName"}}},
		{"SendBulkEmail", true, want{"SendBulkEmail", FamilyV2, AccessWrite, IdentityRequired, false, true, true, false,
			[]string{"ses:TenantName"}, []string{"ses:FromAddress", "ses:Recipients"}}},
		{"SendBounce", true, want{"SendBounce", FamilyV1, AccessWrite, IdentityRequired, false, false, true, false,
			[]string{"ses:FromAddress"}, []string{"ses:Recipients"}}},
		// v1 requires the identity, v2 takes a template instead: the union
		// keeps the v1 identity and the v1 address keys.
		{"SendCustomVerificationEmail", true, want{"SendCustomVerificationEmail", FamilyV1 | FamilyV2, AccessWrite, IdentityRequired, false, false, true, false,
			[]string{"ses:FromAddress"}, nil}},
		{"tagresource", true, want{"TagResource", FamilyV2 | FamilyPinpointEmail | FamilyMailManager, AccessTagging, IdentityOptional, false, false, false, true,
			[]string{"aws:TagKeys", "aws:RequestTag/${TagKey}"}, []string{"aws:ResourceTag/${TagKey}"}}},
		{"CancelExportJob", true, want{"CancelExportJob", FamilyV2, AccessWrite, IdentityNo, false, false, false, true,
			[]string{"ses:ExportSourceType"}, nil}},
		{"ListReceiptFilters", true, want{"ListReceiptFilters", FamilyV1, AccessRead, IdentityNo, false, false, false, false, nil, nil}},
		{"ReplicateEmailIdentityDkimSigningKey", true, want{"ReplicateEmailIdentityDkimSigningKey", FamilyV2, AccessPermissionsManagement, IdentityRequired, false, false, false, false,
			[]string{"ses:ReplicaRegion"}, []string{"ses:ApiVersion"}}},
		{"CreateIngressPoint", true, want{"CreateIngressPoint", FamilyMailManager, AccessWrite, IdentityNo, false, false, false, false,
			[]string{"ses:MailManagerRuleSetArn", "ses:MailManagerIngressPointType"}, []string{"ses:ApiVersion"}}},
		{"ses:SendEmail", false, want{}},
		{"SendEmails", false, want{}},
		{"Send*", false, want{}},
		{"", false, want{}},
		{strings.Repeat("SendEmail", 10), false, want{}},
		{"SendEmaıl", false, want{}}, // dotless ı does not fold to i
	}
	for _, tt := range tests {
		a, ok := LookupAction(tt.in)
		if ok != tt.found {
			t.Errorf("LookupAction(%q) found = %v, want %v", tt.in, ok, tt.found)
			continue
		}
		if !ok {
			continue
		}
		w := tt.want
		got := want{a.Name, a.Families, a.Access, a.Identity, a.ClassicSending, a.Sending, a.SendsEmail, a.InSESGuide, nil, nil}
		if got.name != w.name || got.families != w.families || got.access != w.access || got.identity != w.identity ||
			got.classic != w.classic || got.sending != w.sending || got.sendsEmail != w.sendsEmail || got.inSESGuide != w.inSESGuide {
			t.Errorf("LookupAction(%q) = %+v, want %+v", tt.in, got, w)
		}
		for _, k := range w.hasKeys {
			if !slices.Contains(a.ConditionKeys, k) {
				t.Errorf("LookupAction(%q): keys %v lack %s", tt.in, a.ConditionKeys, k)
			}
		}
		for _, k := range w.lacksKeys {
			if slices.Contains(a.ConditionKeys, k) {
				t.Errorf("LookupAction(%q): keys %v hold %s", tt.in, a.ConditionKeys, k)
			}
		}
	}
}

func TestSendingSets(t *testing.T) {
	var classic, sending, sends []string
	for _, a := range Actions() {
		if a.ClassicSending {
			classic = append(classic, a.Name)
		}
		if a.Sending {
			sending = append(sending, a.Name)
		}
		if a.SendsEmail {
			sends = append(sends, a.Name)
		}
	}
	checks := []struct {
		name      string
		got, want []string
	}{
		{"ClassicSending", classic, []string{"SendBulkTemplatedEmail", "SendEmail", "SendRawEmail", "SendTemplatedEmail"}},
		{"Sending", sending, []string{"SendBulkEmail", "SendBulkTemplatedEmail", "SendEmail", "SendRawEmail", "SendTemplatedEmail"}},
		{"SendsEmail", sends, []string{"SendBounce", "SendBulkEmail", "SendBulkTemplatedEmail", "SendCustomVerificationEmail", "SendEmail", "SendRawEmail", "SendTemplatedEmail"}},
	}
	for _, c := range checks {
		if !slices.Equal(c.got, c.want) {
			t.Errorf("%s actions = %v, want %v", c.name, c.got, c.want)
		}
	}
}

func TestIdentityPolicyActions(t *testing.T) {
	// Reference table 1.5: every action whose SAR entry accepts identity.
	want := []string{
		"BatchGetMetricData", "CreateDeliverabilityTestReport", "CreateEmailIdentity", "CreateEmailIdentityPolicy",
		"CreateTenantResourceAssociation", "DeleteEmailIdentity", "DeleteEmailIdentityPolicy", "DeleteTenantResourceAssociation",
		"GetDomainStatisticsReport", "GetEmailIdentity", "GetEmailIdentityPolicies", "ListRecommendations",
		"ListResourceTenants", "ListTagsForResource", "PutEmailIdentityConfigurationSetAttributes", "PutEmailIdentityDkimAttributes",
		"PutEmailIdentityDkimSigningAttributes", "PutEmailIdentityFeedbackAttributes", "PutEmailIdentityMailFromAttributes",
		"ReplicateEmailIdentityDkimSigningKey", "SendBounce", "SendBulkEmail", "SendBulkTemplatedEmail",
		"SendCustomVerificationEmail", "SendEmail", "SendRawEmail", "SendTemplatedEmail", "TagResource", "UntagResource",
		"UpdateEmailIdentityPolicy",
	}
	ids := IdentityPolicyActions()
	var names, guide []string
	for _, a := range ids {
		names = append(names, a.Name)
	}
	if !slices.Equal(names, want) {
		t.Errorf("IdentityPolicyActions() = %v, want %v", names, want)
	}
	for _, a := range ids {
		if a.Identity == IdentityNo {
			t.Errorf("%s takes no identity but is listed", a.Name)
		}
		if a.InSESGuide {
			guide = append(guide, a.Name)
		}
	}
	if len(guide) != 21 {
		t.Errorf("%d identity actions are in the SES DG list, want 21: %v", len(guide), guide)
	}
	var guideOnly []string
	for _, a := range Actions() {
		if a.InSESGuide && a.Identity == IdentityNo {
			guideOnly = append(guideOnly, a.Name)
		}
	}
	if want := []string{"CancelExportJob", "CreateExportJob", "GetExportJob", "ListExportJobs"}; !slices.Equal(guideOnly, want) {
		t.Errorf("actions in the SES DG list without an identity resource = %v, want %v", guideOnly, want)
	}
	if len(sesGuideActions) != 25 {
		t.Errorf("SES DG list has %d actions, want 25", len(sesGuideActions))
	}
	for _, n := range sesGuideActions {
		if _, ok := LookupAction(n); !ok {
			t.Errorf("SES DG action %s is not in the action table", n)
		}
	}
}

func TestMatchActions(t *testing.T) {
	names := func(as []Action) []string {
		var out []string
		for _, a := range as {
			out = append(out, a.Name)
		}
		return out
	}
	tests := []struct {
		pattern string
		want    []string
		count   int
	}{
		{"Send*", []string{"SendBounce", "SendBulkEmail", "SendBulkTemplatedEmail", "SendCustomVerificationEmail", "SendEmail", "SendRawEmail", "SendTemplatedEmail"}, 7},
		{"send*templatedEMAIL", []string{"SendBulkTemplatedEmail", "SendTemplatedEmail"}, 2},
		{"Get?mailIdentity", []string{"GetEmailIdentity"}, 1},
		{"*EmailIdentityPolic*", []string{"CreateEmailIdentityPolicy", "DeleteEmailIdentityPolicy", "GetEmailIdentityPolicies", "UpdateEmailIdentityPolicy"}, 4},
		{"SendEmail", []string{"SendEmail"}, 1},
		{"Nothing*", nil, 0},
		{"", nil, 0},
		{"*", nil, 227},
	}
	for _, tt := range tests {
		got := names(MatchActions(tt.pattern))
		if len(got) != tt.count || (tt.want != nil && !slices.Equal(got, tt.want)) {
			t.Errorf("MatchActions(%q) = %v (%d), want %v (%d)", tt.pattern, got, len(got), tt.want, tt.count)
		}
	}
}

func TestConditionKeyTable(t *testing.T) {
	keys := ConditionKeys()
	seen := map[string]bool{}
	origins := map[KeyOrigin]int{}
	for _, k := range keys {
		if seen[strings.ToLower(k.Name)] {
			t.Errorf("duplicate condition key %s", k.Name)
		}
		seen[strings.ToLower(k.Name)] = true
		origins[k.Origin]++
		if k.Type == 0 || k.Category == CategoryUnknown {
			t.Errorf("%s has no type or category", k.Name)
		}
		if k.TagPrefix != "" && k.Name != k.TagPrefix+"${TagKey}" {
			t.Errorf("tag family %s has prefix %s", k.Name, k.TagPrefix)
		}
		wantSvc := map[KeyOrigin]string{OriginSES: "ses", OriginGlobal: "aws"}[k.Origin]
		if wantSvc != "" && k.Service() != wantSvc {
			t.Errorf("%s has origin %v", k.Name, k.Origin)
		}
	}
	if origins[OriginSES] != 13 || origins[OriginGlobal] != 53 || origins[OriginCrossService] != 9 {
		t.Errorf("keys by origin = %v, want 13 ses, 53 global, 9 cross-service", origins)
	}
	if !slices.IsSortedFunc(keys, func(a, b ConditionKey) int { return strings.Compare(a.Name, b.Name) }) {
		t.Error("ConditionKeys() is not sorted")
	}

	flagged := func(f func(ConditionKey) bool) []string {
		var out []string
		for _, k := range keys {
			if f(k) {
				out = append(out, k.Name)
			}
		}
		return out
	}
	lists := []struct {
		name      string
		got, want []string
	}{
		{"SESImplemented", flagged(func(k ConditionKey) bool { return k.SESImplemented }),
			[]string{"aws:CurrentTime", "aws:EpochTime", "aws:SecureTransport", "aws:SourceIp", "aws:SourceVpc", "aws:SourceVpce", "aws:UserAgent", "aws:VpcSourceIp"}},
		{"PinsCaller", flagged(func(k ConditionKey) bool { return k.PinsCaller }), CallerPinningKeys()},
		{"CallerPinningKeys", CallerPinningKeys(),
			[]string{"aws:PrincipalAccount", "aws:PrincipalArn", "aws:PrincipalOrgID", "aws:PrincipalOrgPaths", "aws:SourceAccount", "aws:SourceArn", "aws:SourceOrgID", "aws:SourceOrgPaths", "aws:SourceOwner"}},
		{"NetworkOrigin", flagged(func(k ConditionKey) bool { return k.NetworkOrigin }), SourceIPKeys()},
		{"SourceIPKeys", SourceIPKeys(), []string{"aws:SourceIp", "aws:SourceVpc", "aws:SourceVpce", "aws:VpcSourceIp"}},
		{"Sensitive", flagged(func(k ConditionKey) bool { return k.Sensitive }), slices.Sorted(slices.Values(sensitiveKeys))},
		{"Multivalued", flagged(func(k ConditionKey) bool { return k.Multivalued }),
			[]string{"aws:CalledVia", "aws:PrincipalOrgPaths", "aws:PrincipalServiceNamesList", "aws:ResourceOrgPaths", "aws:SourceOrgPaths", "aws:TagKeys", "aws:VpceOrgPaths", "ses:Recipients", "ses:ReplicaRegion"}},
	}
	for _, l := range lists {
		if !slices.Equal(l.got, l.want) {
			t.Errorf("%s = %v, want %v", l.name, l.got, l.want)
		}
	}
	if len(sensitiveKeys) != 10 {
		t.Errorf("%d sensitive keys, want the 10 of S7", len(sensitiveKeys))
	}
}

func TestLookupConditionKey(t *testing.T) {
	tests := []struct {
		in                       string
		found                    bool
		name                     string
		caseOK, prefixOK         bool
		canonical                string
		typ                      KeyType
		category                 KeyCategory
		multivalued, implemented bool
	}{
		{"aws:SourceAccount", true, "aws:SourceAccount", true, true, "aws:SourceAccount", TypeString, CategorySvcSource, false, false},
		{"AWS:SourceAccount", true, "aws:SourceAccount", false, false, "aws:SourceAccount", TypeString, CategorySvcSource, false, false},
		{"aws:sourceaccount", true, "aws:SourceAccount", false, true, "aws:SourceAccount", TypeString, CategorySvcSource, false, false},
		{"aws:SourceIp", true, "aws:SourceIp", true, true, "aws:SourceIp", TypeIPAddress, CategoryNetwork, false, true},
		{"aws:EpochTime", true, "aws:EpochTime", true, true, "aws:EpochTime", TypeDate | TypeNumeric, CategoryRequest, false, true},
		{"SES:Recipients", true, "ses:Recipients", false, false, "ses:Recipients", TypeString, CategoryRequest, true, false},
		{"aws:ResourceTag/Project", true, "aws:ResourceTag/${TagKey}", true, true, "aws:ResourceTag/Project", TypeString, CategoryResource, false, false},
		{"AWS:resourcetag/Project", true, "aws:ResourceTag/${TagKey}", false, false, "aws:ResourceTag/Project", TypeString, CategoryResource, false, false},
		{"aws:PrincipalTag/team/sub", true, "aws:PrincipalTag/${TagKey}", true, true, "aws:PrincipalTag/team/sub", TypeString, CategoryCallerAttr, false, false},
		{"aws:RequestTag/${TagKey}", true, "aws:RequestTag/${TagKey}", true, true, "aws:RequestTag/${TagKey}", TypeString, CategoryRequest, false, false},
		{"ec2:RoleDelivery", true, "ec2:RoleDelivery", true, true, "ec2:RoleDelivery", TypeNumeric, CategorySession, false, false},
		{"aws:referer", true, "aws:referer", true, true, "aws:referer", TypeString, CategoryRequest, false, false},
		{"aws:ResourceTag/", false, "", false, false, "", 0, 0, false, false},
		{"aws:ResourceTag", false, "", false, false, "", 0, 0, false, false},
		{"ses:FromAddress/x", false, "", false, false, "", 0, 0, false, false},
		{"aws:SourceAcount", false, "", false, false, "", 0, 0, false, false},
		{"SourceAccount", false, "", false, false, "", 0, 0, false, false},
		{"", false, "", false, false, "", 0, 0, false, false},
		{strings.Repeat("aws:SourceArn", 10), false, "", false, false, "", 0, 0, false, false},
	}
	for _, tt := range tests {
		k, ok := LookupConditionKey(tt.in)
		if ok != tt.found {
			t.Errorf("LookupConditionKey(%q) found = %v, want %v", tt.in, ok, tt.found)
			continue
		}
		if !ok {
			continue
		}
		if k.Name != tt.name || k.CaseMatches(tt.in) != tt.caseOK || k.PrefixCaseMatches(tt.in) != tt.prefixOK ||
			k.Canonical(tt.in) != tt.canonical || k.Type != tt.typ || k.Category != tt.category ||
			k.Multivalued != tt.multivalued || k.SESImplemented != tt.implemented {
			t.Errorf("LookupConditionKey(%q) = %s (case %v, prefix case %v, canonical %q, %v, %v, multi %v, SES list %v), want %s (%v, %v, %q, %v, %v, %v, %v)",
				tt.in, k.Name, k.CaseMatches(tt.in), k.PrefixCaseMatches(tt.in), k.Canonical(tt.in), k.Type, k.Category, k.Multivalued, k.SESImplemented,
				tt.name, tt.caseOK, tt.prefixOK, tt.canonical, tt.typ, tt.category, tt.multivalued, tt.implemented)
		}
	}
	if k, _ := LookupConditionKey("aws:SourceOwner"); !k.Legacy || !k.PinsCaller {
		t.Errorf("aws:SourceOwner = %+v, want legacy and caller-pinning", k)
	}
}

func TestActionHasConditionKey(t *testing.T) {
	tests := []struct {
		action, key string
		want        bool
	}{
		{"SendEmail", "ses:fromaddress", true},
		{"SendEmail", "AWS:SourceAccount", false},
		{"SendBulkEmail", "ses:FromAddress", false},
		{"CreateEmailIdentity", "aws:RequestTag/Team", true},
		{"GetEmailIdentity", "aws:ResourceTag/Team", true},
		{"GetEmailIdentity", "aws:ResourceTag/", false},
		{"SendRawEmail", "ses:NoSuchKey", false},
	}
	for _, tt := range tests {
		a, ok := LookupAction(tt.action)
		if !ok {
			t.Fatalf("action %s missing", tt.action)
		}
		if got := a.HasConditionKey(tt.key); got != tt.want {
			t.Errorf("%s.HasConditionKey(%q) = %v, want %v", tt.action, tt.key, got, tt.want)
		}
	}
}

func TestOperatorTable(t *testing.T) {
	ops := Operators()
	if len(ops) != 27 {
		t.Errorf("%d operators, want 27", len(ops))
	}
	var wildcards, noIfExists, negated []string
	for _, op := range ops {
		if op.Wildcards {
			wildcards = append(wildcards, op.Name)
		}
		if !op.IfExistsAllowed {
			noIfExists = append(noIfExists, op.Name)
		}
		if op.Negated {
			negated = append(negated, op.Name)
		}
		if got, ok := LookupOperator(op.Name); !ok || got != op {
			t.Errorf("LookupOperator(%q) = %+v, %v", op.Name, got, ok)
		}
		if got, ok := LookupOperatorFold(strings.ToUpper(op.Name)); !ok || got.Name != op.Name {
			t.Errorf("LookupOperatorFold(%q) = %q, %v", strings.ToUpper(op.Name), got.Name, ok)
		}
		if _, ok := LookupOperator(strings.ToLower(op.Name)); ok {
			t.Errorf("LookupOperator(%q) ignored case", strings.ToLower(op.Name))
		}
	}
	checks := []struct {
		name      string
		got, want []string
	}{
		{"wildcards", wildcards, []string{"ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike", "StringLike", "StringNotLike"}},
		{"no IfExists", noIfExists, []string{"Null"}},
		{"negated", negated, []string{"ArnNotEquals", "ArnNotLike", "DateNotEquals", "NotIpAddress", "NumericNotEquals", "StringNotEquals", "StringNotEqualsIgnoreCase", "StringNotLike"}},
	}
	for _, c := range checks {
		if !slices.Equal(c.got, c.want) {
			t.Errorf("%s operators = %v, want %v", c.name, c.got, c.want)
		}
	}
}

func TestParseOperator(t *testing.T) {
	tests := []struct {
		in         string
		qualifier  Qualifier
		base       string
		ifExists   bool
		problem    OperatorProblem
		suggestion string
	}{
		{"StringEquals", QualifierNone, "StringEquals", false, ProblemNone, ""},
		{"ForAllValues:StringLike", QualifierForAllValues, "StringLike", false, ProblemNone, ""},
		{"ForAnyValue:StringEqualsIfExists", QualifierForAnyValue, "StringEquals", true, ProblemNone, ""},
		{"StringLikeIfExists", QualifierNone, "StringLike", true, ProblemNone, ""},
		{"ArnLikeIfExists", QualifierNone, "ArnLike", true, ProblemNone, ""},
		{"Null", QualifierNone, "Null", false, ProblemNone, ""},
		// Undocumented, not invalid: the caller checks Base.SetQualifiers.
		{"ForAnyValue:NumericEquals", QualifierForAnyValue, "NumericEquals", false, ProblemNone, ""},
		{"NullIfExists", 0, "", false, ProblemIfExistsNotAllowed, "Null"},
		{"ForAllValues:NullIfExists", 0, "", false, ProblemIfExistsNotAllowed, "ForAllValues:Null"},
		{"ForAllValue:StringLike", 0, "", false, ProblemUnknownQualifier, "ForAllValues:StringLike"},
		{"Foo:StringLike", 0, "", false, ProblemUnknownQualifier, ""},
		{"stringequals", 0, "", false, ProblemWrongCase, "StringEquals"},
		{"StringLikeIfexists", 0, "", false, ProblemWrongCase, "StringLikeIfExists"},
		{"forallvalues:StringLike", 0, "", false, ProblemWrongCase, "ForAllValues:StringLike"},
		{"StringEqual", 0, "", false, ProblemUnknownOperator, "StringEquals"},
		{"StringEqualsIfExistsIfExists", 0, "", false, ProblemUnknownOperator, ""},
		{"IfExists", 0, "", false, ProblemUnknownOperator, ""},
		{"ForAllValues:", 0, "", false, ProblemUnknownOperator, ""},
		{"Regex", 0, "", false, ProblemUnknownOperator, ""},
		{"ForAllValueſ:StringLike", 0, "", false, ProblemUnknownQualifier, "ForAllValues:StringLike"}, // ſ is not s
		{"", 0, "", false, ProblemEmpty, ""},
	}
	for _, tt := range tests {
		op, err := ParseOperator(tt.in)
		if tt.problem == ProblemNone {
			if err != nil {
				t.Errorf("ParseOperator(%q): %v", tt.in, err)
				continue
			}
			if op.Qualifier != tt.qualifier || op.Base.Name != tt.base || op.IfExists != tt.ifExists {
				t.Errorf("ParseOperator(%q) = {%v %s %v}, want {%v %s %v}", tt.in, op.Qualifier, op.Base.Name, op.IfExists, tt.qualifier, tt.base, tt.ifExists)
			}
			if op.String() != tt.in {
				t.Errorf("ParseOperator(%q).String() = %q", tt.in, op.String())
			}
			continue
		}
		var oe *OperatorError
		if !errors.As(err, &oe) {
			t.Errorf("ParseOperator(%q) error = %v, want an *OperatorError", tt.in, err)
			continue
		}
		if oe.Problem != tt.problem || oe.Suggestion != tt.suggestion {
			t.Errorf("ParseOperator(%q) = problem %d, suggestion %q; want %d, %q (%v)", tt.in, oe.Problem, oe.Suggestion, tt.problem, tt.suggestion, err)
		}
		if msg := err.Error(); msg == "" || msg[0] < 'a' || msg[0] > 'z' || strings.HasSuffix(msg, ".") {
			t.Errorf("ParseOperator(%q) message %q is not house style", tt.in, msg)
		}
	}
}

func TestPartitions(t *testing.T) {
	sesCounts := map[string]int{}
	for _, p := range Partitions() {
		if got, ok := Partition(p.ID); !ok || got.ID != p.ID {
			t.Errorf("Partition(%q) = %q, %v", p.ID, got.ID, ok)
		}
		if !slices.IsSorted(p.Regions) || !slices.IsSorted(p.SESRegions) {
			t.Errorf("%s: Region lists are not sorted", p.ID)
		}
		for _, r := range p.Regions {
			if !p.MatchesRegionPattern(r) {
				t.Errorf("%s: Region %s does not match %s", p.ID, r, p.RegionPattern)
			}
			// No other partition's pattern may claim the Region.
			for _, q := range Partitions() {
				if q.ID != p.ID && q.MatchesRegionPattern(r) {
					t.Errorf("Region %s of %s also matches the pattern of %s", r, p.ID, q.ID)
				}
			}
			if got, ok := PartitionOfRegion(r); !ok || got.ID != p.ID {
				t.Errorf("PartitionOfRegion(%q) = %q, want %q", r, got.ID, p.ID)
			}
			if !KnownRegion(r) {
				t.Errorf("KnownRegion(%q) = false", r)
			}
		}
		for _, r := range p.SESRegions {
			if !slices.Contains(p.Regions, r) || !p.MatchesRegionPattern(r) {
				t.Errorf("%s: SES Region %s is not a Region of the partition", p.ID, r)
			}
			if !SESRegion(p.ID, r) {
				t.Errorf("SESRegion(%q, %q) = false", p.ID, r)
			}
		}
		sesCounts[p.ID] = len(p.SESRegions)
	}
	wantCounts := map[string]int{"aws": 27, "aws-cn": 0, "aws-us-gov": 2, "aws-eusc": 1, "aws-iso": 0, "aws-iso-b": 0, "aws-iso-e": 0, "aws-iso-f": 0}
	if fmt.Sprint(sesCounts) != fmt.Sprint(wantCounts) {
		t.Errorf("SES Regions per partition = %v, want %v", sesCounts, wantCounts)
	}
	if p, _ := Partition("aws"); len(p.Regions) != 34 {
		t.Errorf("aws has %d Regions, want 34", len(p.Regions))
	}

	sesTests := []struct {
		partition, region string
		want              bool
	}{
		{"aws", "us-east-1", true},
		{"aws", "ap-east-1", false},    // Region without SES
		{"aws", "mx-central-1", false}, // Region without SES
		{"aws", "us-gov-west-1", false},
		{"aws-us-gov", "us-gov-west-1", true},
		{"aws-cn", "cn-north-1", false},
		{"aws-eusc", "eusc-de-east-1", true},
		{"aws", "*", false},
		{"nope", "us-east-1", false},
	}
	for _, tt := range sesTests {
		if got := SESRegion(tt.partition, tt.region); got != tt.want {
			t.Errorf("SESRegion(%q, %q) = %v, want %v", tt.partition, tt.region, got, tt.want)
		}
	}

	regionTests := []struct {
		region, partition string
		known             bool
	}{
		{"eu-west-1", "aws", true},
		{"us-west-9", "aws", false}, // not launched, but fits the aws pattern
		{"us-gov-central-1", "aws-us-gov", false},
		{"eusc-de-south-2", "aws-eusc", false},
		{"us-isob-east-1", "aws-iso-b", true},
		{"aws-global", "", false},
		{"US-EAST-1", "", false},
		{"useast1", "", false},
		{"", "", false},
	}
	for _, tt := range regionTests {
		p, ok := PartitionOfRegion(tt.region)
		if p.ID != tt.partition || ok != (tt.partition != "") || KnownRegion(tt.region) != tt.known {
			t.Errorf("PartitionOfRegion(%q) = %q, %v; KnownRegion = %v; want %q, known %v", tt.region, p.ID, ok, KnownRegion(tt.region), tt.partition, tt.known)
		}
	}
	if _, ok := Partition("AWS"); ok {
		t.Error(`Partition("AWS") found a partition; IDs are lower-case`)
	}
}

func TestServicePrincipals(t *testing.T) {
	known := []struct {
		in       string
		want     bool
		verified bool
	}{
		{"cognito-idp.amazonaws.com", true, true},
		{"email.cognito-idp.amazonaws.com", true, true},
		{"cognito-idp.ap-east-2.amazonaws.com", true, false},
		{"cognito-idp.xx-nowhere-1.amazonaws.com", false, false},
		{"cognito-idp..amazonaws.com", false, false},
		{"cognito-idp.<region>.amazonaws.com", false, false},
		{"Cognito-IDP.amazonaws.com", false, false},
		{"ses.amazonaws.com", false, false},
		{"*", false, false},
	}
	for _, tt := range known {
		p, ok := LookupSESServicePrincipal(tt.in)
		if ok != tt.want || KnownSESServicePrincipal(tt.in) != tt.want || (ok && p.Verified != tt.verified) {
			t.Errorf("LookupSESServicePrincipal(%q) = %+v, %v; want found %v, verified %v", tt.in, p, ok, tt.want, tt.verified)
		}
	}
	forms := []struct {
		in   string
		want bool
	}{
		{"cognito-idp.amazonaws.com", true},
		{"email.cognito-idp.amazonaws.com", true},
		{"cognito-idp.ap-east-2.amazonaws.com", true},
		{"ses.amazonaws.com.cn", true},
		{"amazonaws.com", false},
		{".amazonaws.com", false},
		{"cognito-idp.amazonaws.com.", false},
		{"-bad.amazonaws.com", false},
		{"Cognito-IDP.amazonaws.com", false},
		{"cognito-idp.amazonaws.org", false},
		{"arn:aws:iam::123456789012:root", false},
		{"*", false},
		{"", false},
	}
	for _, tt := range forms {
		if got := ValidServicePrincipalForm(tt.in); got != tt.want {
			t.Errorf("ValidServicePrincipalForm(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
	for _, p := range ServicePrincipals() {
		if !p.Regional && !ValidServicePrincipalForm(p.Name) {
			t.Errorf("documented principal %q does not have the service principal form", p.Name)
		}
	}
}

func TestSampleAccounts(t *testing.T) {
	twelveDigits := regexp.MustCompile(`^[0-9]{12}$`)
	seen := map[string]bool{}
	for _, a := range SampleAccounts() {
		if !twelveDigits.MatchString(a.ID) {
			t.Errorf("sample account %q is not 12 digits", a.ID)
		}
		if seen[a.ID] {
			t.Errorf("sample account %s listed twice", a.ID)
		}
		seen[a.ID] = true
		if !IsSampleAccount(a.ID) {
			t.Errorf("IsSampleAccount(%q) = false", a.ID)
		}
	}
	for _, id := range []string{"123456789013", "12345678901", "", "EXAMPLE65304"} {
		if IsSampleAccount(id) {
			t.Errorf("IsSampleAccount(%q) = true", id)
		}
	}
}

func TestSuggest(t *testing.T) {
	tests := []struct {
		name string
		fn   func(string) (string, bool)
		in   string
		want string
	}{
		{"action", SuggestAction, "SendEmails", "SendEmail"},
		{"action", SuggestAction, "sendemial", "SendEmail"},       // adjacent swap
		{"action", SuggestAction, "SENDRAWEMAIL", "SendRawEmail"}, // case only
		{"action", SuggestAction, "SendTemplateEmail", "SendTemplatedEmail"},
		{"action", SuggestAction, "PutIdentityPolicys", "PutIdentityPolicy"},
		{"action", SuggestAction, "Foo", ""},
		{"action", SuggestAction, "", ""},
		{"key", SuggestConditionKey, "aws:SourceAcount", "aws:SourceAccount"},
		{"key", SuggestConditionKey, "ses:FromAdress", "ses:FromAddress"},
		{"key", SuggestConditionKey, "ses:SourceAccount", "aws:SourceAccount"},
		{"key", SuggestConditionKey, "aws:ResourceTags/Project", "aws:ResourceTag/Project"},
		{"key", SuggestConditionKey, "aws:ResourceTag", "aws:ResourceTag/${TagKey}"},
		{"key", SuggestConditionKey, "aws:Nothing/Like/This", ""},
		{"operator", SuggestOperator, "StringEqual", "StringEquals"},
		{"operator", SuggestOperator, "StringEqualsIfExist", "StringEqualsIfExists"},
		{"operator", SuggestOperator, "ForAllValue:StringLke", "ForAllValues:StringLike"},
		{"operator", SuggestOperator, "IPAddress", "IpAddress"},
		{"operator", SuggestOperator, "Whatever:StringLike", ""},
	}
	for _, tt := range tests {
		got, ok := tt.fn(tt.in)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("Suggest %s %q = %q, %v; want %q", tt.name, tt.in, got, ok, tt.want)
		}
	}

	// Ties go to the lexicographically first candidate, whatever the order.
	for _, cands := range [][]string{{"hat", "bat", "cut"}, {"cut", "bat", "hat"}} {
		if got, _ := Suggest("cat", cands); got != "bat" {
			t.Errorf("Suggest(%q, %v) = %q, want %q", "cat", cands, got, "bat")
		}
	}
	// The threshold is max(1, len/4) runes: 8 runes allow 2 edits, not 3.
	if got, ok := Suggest("abcdefgh", []string{"abcdefXY"}); !ok || got != "abcdefXY" {
		t.Errorf("two edits in eight runes: got %q, %v", got, ok)
	}
	if got, ok := Suggest("abcdefgh", []string{"abcdeXYZ"}); ok {
		t.Errorf("three edits in eight runes suggested %q", got)
	}
	if got, ok := Suggest("ab", []string{"xy"}); ok {
		t.Errorf("two edits in two runes suggested %q", got)
	}
}

func TestStringers(t *testing.T) {
	tests := []struct{ got, want string }{
		{(FamilyV1 | FamilyV2 | FamilyMailManager).String(), "v1+v2+mail-manager"},
		{Family(0).String(), "none"},
		{AccessPermissionsManagement.String(), "Permissions management"},
		{IdentityOptional.String(), "optional"},
		{(TypeDate | TypeNumeric).String(), "Date or Numeric"},
		{CategorySvcSource.String(), "svc-source"},
		{OriginCrossService.String(), "cross-service"},
		{OpCategoryIPAddress.String(), "IPAddress"},
		{Operator{Qualifier: QualifierForAnyValue, Base: OperatorInfo{Name: "StringLike"}, IfExists: true}.String(), "ForAnyValue:StringLikeIfExists"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
	if a, _ := LookupAction("sendemail"); a.FullName() != "ses:SendEmail" {
		t.Errorf("FullName() = %q", a.FullName())
	}
}

func TestLookupsDoNotAllocate(t *testing.T) {
	checks := map[string]func(){
		"LookupAction":       func() { LookupAction("SENDEMAIL") },
		"LookupConditionKey": func() { LookupConditionKey("AWS:SourceAccount") },
		"LookupConditionKey/tag": func() {
			k, _ := LookupConditionKey("aws:resourcetag/Project")
			k.CaseMatches("aws:resourcetag/Project")
		},
		"HasConditionKey":    func() { i, _ := actionIndex.find("sendemail", true); actions[i].HasConditionKey("ses:FromAddress") },
		"ParseOperator":      func() { ParseOperator("ForAllValues:StringLikeIfExists") },
		"LookupOperatorFold": func() { LookupOperatorFold("stringequals") },
		"SESRegion":          func() { SESRegion("aws", "eu-west-1") },
		"PartitionOfRegion":  func() { PartitionOfRegion("us-east-2") },
		"IsSampleAccount":    func() { IsSampleAccount("123456789012") },
		"KnownSESServicePrincipal": func() {
			KnownSESServicePrincipal("cognito-idp.eu-west-1.amazonaws.com")
		},
	}
	for name, f := range checks {
		if n := testing.AllocsPerRun(100, f); n != 0 {
			t.Errorf("%s allocates %.1f times per call", name, n)
		}
	}
}

func FuzzParseOperator(f *testing.F) {
	for _, s := range []string{"StringEquals", "ForAllValues:StringLikeIfExists", "NullIfExists", "ForAllValue:Bool", "stringlike", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		op, err := ParseOperator(s)
		if err != nil {
			var oe *OperatorError
			if !errors.As(err, &oe) || oe.Problem == ProblemNone {
				t.Fatalf("ParseOperator(%q) error %v is not an *OperatorError with a problem", s, err)
			}
			if oe.Problem == ProblemWrongCase {
				if _, err := ParseOperator(oe.Suggestion); err != nil {
					t.Fatalf("wrong-case suggestion %q for %q does not parse: %v", oe.Suggestion, s, err)
				}
			}
			return
		}
		if op.String() != s {
			t.Fatalf("ParseOperator(%q) round-trips to %q", s, op.String())
		}
	})
}

func FuzzLookupConditionKey(f *testing.F) {
	for _, s := range []string{"aws:SourceAccount", "AWS:resourcetag/x", "ses:recipients", "aws:ResourceTag/", "a/b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k, ok := LookupConditionKey(s)
		if !ok {
			return
		}
		c := k.Canonical(s)
		if !k.CaseMatches(c) || !k.PrefixCaseMatches(c) {
			t.Fatalf("canonical %q of %q does not match the case of %s", c, s, k.Name)
		}
		if k2, ok := LookupConditionKey(c); !ok || k2.Name != k.Name {
			t.Fatalf("canonical %q of %q finds %q, %v; want %s", c, s, k2.Name, ok, k.Name)
		}
	})
}

func BenchmarkLookupAction(b *testing.B) {
	for b.Loop() {
		LookupAction("SendRawEmail")
	}
}

func BenchmarkLookupConditionKey(b *testing.B) {
	for b.Loop() {
		LookupConditionKey("aws:ResourceTag/Project")
	}
}

func BenchmarkParseOperator(b *testing.B) {
	for b.Loop() {
		ParseOperator("ForAnyValue:StringLikeIfExists")
	}
}

func BenchmarkSuggestAction(b *testing.B) {
	for b.Loop() {
		SuggestAction("SendEmails")
	}
}
