package awsdata

import (
	"slices"
	"strings"
)

// Where the condition-key table comes from.
const (
	ConditionKeysSource = "S1, S2, S3, S4 (ses: keys); S7 (aws: global keys and cross-service role-session keys); S14 (the global keys SES says it implements); S18 (aws:SourceOwner)"
	ConditionKeysDate   = "2026-06-14 (SAR snapshot); 2026-11-26 (S7 and S14 current copies read)"
)

// KeyType is the set of value types a condition key has. Every key has one
// type except aws:EpochTime, which is a date or a number (S7).
type KeyType uint8

// The condition key value types (S7 names them String, ARN, Boolean, Date,
// Numeric, IP address and Binary).
const (
	TypeString KeyType = 1 << iota
	TypeARN
	TypeBool
	TypeDate
	TypeNumeric
	TypeIPAddress
	TypeBinary
)

var keyTypeNames = [...]string{"String", "ARN", "Bool", "Date", "Numeric", "IPAddress", "Binary"}

// Has reports whether t includes every type in u.
func (t KeyType) Has(u KeyType) bool { return u != 0 && t&u == u }

// String returns the type name, or the names joined by " or ".
func (t KeyType) String() string {
	var parts []string
	for i, name := range keyTypeNames {
		if t&(1<<i) != 0 {
			parts = append(parts, name)
		}
	}
	if len(parts) == 0 {
		return "unknown"
	}
	return strings.Join(parts, " or ")
}

// KeyCategory says what a condition key describes (reference table 3, the
// "Who" column).
type KeyCategory uint8

// The key categories.
const (
	CategoryUnknown    KeyCategory = iota
	CategoryCaller                 // identifies the requesting principal
	CategoryCallerAttr             // an attribute of the requesting principal
	CategorySvcSource              // the resource, account or org a service principal acts for
	CategorySession                // a property of the credentials
	CategoryNetwork                // the network path of the request
	CategoryResource               // the target resource
	CategoryRequest                // the request itself
)

var keyCategoryNames = [...]string{"unknown", "caller", "caller-attr", "svc-source", "session", "network", "resource", "request"}

// String returns the category as the reference writes it ("svc-source").
func (c KeyCategory) String() string {
	if int(c) < len(keyCategoryNames) {
		return keyCategoryNames[c]
	}
	return "unknown"
}

// KeyOrigin says which list a condition key comes from.
type KeyOrigin uint8

// The key origins.
const (
	OriginUnknown      KeyOrigin = iota
	OriginSES                    // a ses: key from the SAR pages (S1 to S4)
	OriginGlobal                 // an aws: global key (S7)
	OriginCrossService           // another service's key that S7 documents as available in role sessions
)

var keyOriginNames = [...]string{"unknown", "ses", "global", "cross-service"}

// String returns "ses", "global" or "cross-service".
func (o KeyOrigin) String() string {
	if int(o) < len(keyOriginNames) {
		return keyOriginNames[o]
	}
	return "unknown"
}

// ConditionKey is one condition key a policy for SES may name.
type ConditionKey struct {
	// Name is the canonical spelling. A tag-key family is written as the
	// SAR writes it: "aws:ResourceTag/${TagKey}".
	Name string
	// TagPrefix is set for the three tag-key families: "aws:PrincipalTag/",
	// "aws:RequestTag/" or "aws:ResourceTag/". A key in a policy belongs to
	// the family when it starts with the prefix and names a tag after it.
	TagPrefix string
	// Type is the value type; see KeyType.
	Type KeyType
	// Multivalued marks keys whose request value is a set (ArrayOf...,
	// "(list)"): the ones to use with ForAllValues: and ForAnyValue: (S7, S9).
	// The tag keys are single-valued even though a request can carry several
	// tags (S7).
	Multivalued bool
	// Category says what the key describes.
	Category KeyCategory
	// Origin says which list the key comes from.
	Origin KeyOrigin
	// SESImplemented marks the eight global keys the SES Developer Guide
	// says SES implements (S14). SES's own examples use other aws: keys
	// (aws:SourceAccount, aws:SourceArn, aws:PrincipalOrgID; S15, S16, S17),
	// so the list is incomplete: a key outside it is not an error. Which
	// other keys SES evaluates is UNVERIFIED.
	SESImplemented bool
	// Sensitive marks the keys S7 calls sensitive: a wildcard in their value
	// never has a valid use.
	Sensitive bool
	// PinsCaller marks the keys that pin down who the caller is, which make
	// a "*" principal non-public: see CallerPinningKeys.
	PinsCaller bool
	// NetworkOrigin marks the keys that restrict where a request comes
	// from: see SourceIPKeys.
	NetworkOrigin bool
	// Legacy marks aws:SourceOwner, which AWS declined to document and
	// replaced with aws:SourceAccount (S18).
	Legacy bool
}

// IsTagFamily reports whether k is one of the three tag-key families.
func (k ConditionKey) IsTagFamily() bool { return k.TagPrefix != "" }

// Service returns the part of the name before the colon: "aws", "ses", ...
func (k ConditionKey) Service() string {
	svc, _, _ := strings.Cut(k.Name, ":")
	return svc
}

// CaseMatches reports whether spelling, a key that LookupConditionKey
// resolved to k, is written in the canonical case. For a tag family only the
// prefix is compared: tag key names are case-insensitive (S7).
func (k ConditionKey) CaseMatches(spelling string) bool {
	if k.TagPrefix != "" {
		return strings.HasPrefix(spelling, k.TagPrefix)
	}
	return spelling == k.Name
}

// PrefixCaseMatches reports whether spelling writes the service prefix, the
// part before the colon, in the canonical case. SES rejects
// "AWS:SourceAccount" with "Unknown or unapplicable condition field" although
// IAM calls key names case-insensitive; whether SES also rejects a wrong-case
// name after a right-case prefix is UNVERIFIED.
func (k ConditionKey) PrefixCaseMatches(spelling string) bool {
	i := strings.IndexByte(k.Name, ':')
	return i >= 0 && len(spelling) > i && spelling[:i+1] == k.Name[:i+1]
}

// Canonical returns spelling, a key that LookupConditionKey resolved to k,
// in the canonical case: "AWS:resourcetag/Project" becomes
// "aws:ResourceTag/Project" (the tag key itself is kept as written).
func (k ConditionKey) Canonical(spelling string) string {
	if k.TagPrefix != "" && len(spelling) >= len(k.TagPrefix) {
		return k.TagPrefix + spelling[len(k.TagPrefix):]
	}
	return k.Name
}

// Condition key names used by the action tables.
const (
	keyAPIVersion                  = "ses:ApiVersion"
	keyFeedbackAddress             = "ses:FeedbackAddress"
	keyFromAddress                 = "ses:FromAddress"
	keyFromDisplayName             = "ses:FromDisplayName"
	keyRecipients                  = "ses:Recipients"
	keyMultiRegionEndpointID       = "ses:MultiRegionEndpointId"
	keyTenantName                  = "ses:TenantName"
	keyExportSourceType            = "ses:ExportSourceType"
	keyReplicaRegion               = "ses:ReplicaRegion"
	keyAddonSubscriptionARN        = "ses:AddonSubscriptionArn"
	keyMailManagerIngressPointType = "ses:MailManagerIngressPointType"
	keyMailManagerRuleSetARN       = "ses:MailManagerRuleSetArn"
	keyMailManagerTrafficPolicyARN = "ses:MailManagerTrafficPolicyArn"
	keyRequestTag                  = "aws:RequestTag/${TagKey}"
	keyResourceTag                 = "aws:ResourceTag/${TagKey}"
	keyPrincipalTag                = "aws:PrincipalTag/${TagKey}"
	keyTagKeys                     = "aws:TagKeys"
)

// single and multi spell out the Multivalued column of the table below.
const (
	single = false
	multi  = true
)

// keyTable lists every key: {name, type, multivalued, category, origin}.
// The flags (SES-implemented, sensitive, caller-pinning, network, legacy)
// come from the lists after it, which follow the sources' own lists.
var keyTable = []ConditionKey{
	// ses: keys (S1 to S4, reference table 2). The categories of the ses:
	// keys are INFERRED: they describe the request, except the resource key
	// of Mail Manager ingress points.
	{Name: keyAPIVersion, Type: TypeString, Multivalued: single, Category: CategoryRequest, Origin: OriginSES}, // "2" for v2 and SMTP (S15); "1" for v1 is INFERRED
	{Name: keyFeedbackAddress, Type: TypeString, Multivalued: single, Category: CategoryRequest, Origin: OriginSES},
	{Name: keyFromAddress, Type: TypeString, Multivalued: single, Category: CategoryRequest, Origin: OriginSES},
	{Name: keyFromDisplayName, Type: TypeString, Multivalued: single, Category: CategoryRequest, Origin: OriginSES},
	{Name: keyRecipients, Type: TypeString, Multivalued: multi, Category: CategoryRequest, Origin: OriginSES}, // To, CC and BCC
	{Name: keyMultiRegionEndpointID, Type: TypeString, Multivalued: single, Category: CategoryRequest, Origin: OriginSES},
	{Name: keyTenantName, Type: TypeString, Multivalued: single, Category: CategoryRequest, Origin: OriginSES},
	{Name: keyExportSourceType, Type: TypeString, Multivalued: single, Category: CategoryRequest, Origin: OriginSES},
	{Name: keyReplicaRegion, Type: TypeString, Multivalued: multi, Category: CategoryRequest, Origin: OriginSES},
	{Name: keyAddonSubscriptionARN, Type: TypeARN, Multivalued: single, Category: CategoryRequest, Origin: OriginSES},
	{Name: keyMailManagerIngressPointType, Type: TypeString, Multivalued: single, Category: CategoryResource, Origin: OriginSES},
	{Name: keyMailManagerRuleSetARN, Type: TypeARN, Multivalued: single, Category: CategoryRequest, Origin: OriginSES},
	{Name: keyMailManagerTrafficPolicyARN, Type: TypeARN, Multivalued: single, Category: CategoryRequest, Origin: OriginSES},

	// aws: global keys (S7, reference table 3).
	{Name: "aws:PrincipalArn", Type: TypeARN, Multivalued: single, Category: CategoryCaller, Origin: OriginGlobal},
	{Name: "aws:PrincipalAccount", Type: TypeString, Multivalued: single, Category: CategoryCaller, Origin: OriginGlobal},
	{Name: "aws:PrincipalOrgID", Type: TypeString, Multivalued: single, Category: CategoryCaller, Origin: OriginGlobal},
	{Name: "aws:PrincipalOrgPaths", Type: TypeString, Multivalued: multi, Category: CategoryCaller, Origin: OriginGlobal},
	{Name: keyPrincipalTag, TagPrefix: "aws:PrincipalTag/", Type: TypeString, Multivalued: single, Category: CategoryCallerAttr, Origin: OriginGlobal},
	{Name: "aws:PrincipalIsAWSService", Type: TypeBool, Multivalued: single, Category: CategoryCaller, Origin: OriginGlobal},
	{Name: "aws:PrincipalServiceName", Type: TypeString, Multivalued: single, Category: CategoryCaller, Origin: OriginGlobal},
	{Name: "aws:PrincipalServiceNamesList", Type: TypeString, Multivalued: multi, Category: CategoryCaller, Origin: OriginGlobal},
	{Name: "aws:PrincipalType", Type: TypeString, Multivalued: single, Category: CategoryCaller, Origin: OriginGlobal},
	{Name: "aws:userid", Type: TypeString, Multivalued: single, Category: CategoryCaller, Origin: OriginGlobal},
	{Name: "aws:username", Type: TypeString, Multivalued: single, Category: CategoryCaller, Origin: OriginGlobal},
	{Name: "aws:AssumedRoot", Type: TypeBool, Multivalued: single, Category: CategorySession, Origin: OriginGlobal},
	// S7 puts the next key under both session and caller-attr; session is
	// kept, as for aws:SourceIdentity.
	{Name: "aws:FederatedProvider", Type: TypeString, Multivalued: single, Category: CategorySession, Origin: OriginGlobal},
	{Name: "aws:TokenIssueTime", Type: TypeDate, Multivalued: single, Category: CategorySession, Origin: OriginGlobal},
	{Name: "aws:SignInSessionArn", Type: TypeARN, Multivalued: single, Category: CategorySession, Origin: OriginGlobal},
	{Name: "aws:MultiFactorAuthAge", Type: TypeNumeric, Multivalued: single, Category: CategorySession, Origin: OriginGlobal},
	{Name: "aws:MultiFactorAuthPresent", Type: TypeBool, Multivalued: single, Category: CategorySession, Origin: OriginGlobal},
	{Name: "aws:ChatbotSourceArn", Type: TypeARN, Multivalued: single, Category: CategorySession, Origin: OriginGlobal},
	{Name: "aws:Ec2InstanceSourceVpc", Type: TypeString, Multivalued: single, Category: CategorySession, Origin: OriginGlobal},
	{Name: "aws:Ec2InstanceSourcePrivateIPv4", Type: TypeIPAddress, Multivalued: single, Category: CategorySession, Origin: OriginGlobal},
	{Name: "aws:SourceIdentity", Type: TypeString, Multivalued: single, Category: CategorySession, Origin: OriginGlobal},
	{Name: "aws:SourceIp", Type: TypeIPAddress, Multivalued: single, Category: CategoryNetwork, Origin: OriginGlobal},
	{Name: "aws:SourceVpc", Type: TypeString, Multivalued: single, Category: CategoryNetwork, Origin: OriginGlobal},
	{Name: "aws:SourceVpcArn", Type: TypeARN, Multivalued: single, Category: CategoryNetwork, Origin: OriginGlobal}, // S7 does not list SES among its services
	{Name: "aws:SourceVpce", Type: TypeString, Multivalued: single, Category: CategoryNetwork, Origin: OriginGlobal},
	{Name: "aws:VpceAccount", Type: TypeString, Multivalued: single, Category: CategoryNetwork, Origin: OriginGlobal}, // S7 does not list SES among its services
	{Name: "aws:VpceOrgID", Type: TypeString, Multivalued: single, Category: CategoryNetwork, Origin: OriginGlobal},   // S7 lists SES among its services
	{Name: "aws:VpceOrgPaths", Type: TypeString, Multivalued: multi, Category: CategoryNetwork, Origin: OriginGlobal}, // S7 does not list SES among its services
	{Name: "aws:VpcSourceIp", Type: TypeIPAddress, Multivalued: single, Category: CategoryNetwork, Origin: OriginGlobal},
	{Name: "aws:ResourceAccount", Type: TypeString, Multivalued: single, Category: CategoryResource, Origin: OriginGlobal},
	{Name: "aws:ResourceOrgID", Type: TypeString, Multivalued: single, Category: CategoryResource, Origin: OriginGlobal},
	{Name: "aws:ResourceOrgPaths", Type: TypeString, Multivalued: multi, Category: CategoryResource, Origin: OriginGlobal},
	{Name: keyResourceTag, TagPrefix: "aws:ResourceTag/", Type: TypeString, Multivalued: single, Category: CategoryResource, Origin: OriginGlobal},
	{Name: "aws:CalledVia", Type: TypeString, Multivalued: multi, Category: CategoryRequest, Origin: OriginGlobal},
	{Name: "aws:CalledViaFirst", Type: TypeString, Multivalued: single, Category: CategoryRequest, Origin: OriginGlobal},
	{Name: "aws:CalledViaLast", Type: TypeString, Multivalued: single, Category: CategoryRequest, Origin: OriginGlobal},
	{Name: "aws:ViaAWSService", Type: TypeBool, Multivalued: single, Category: CategoryRequest, Origin: OriginGlobal},
	{Name: "aws:CalledViaAWSMCP", Type: TypeString, Multivalued: single, Category: CategoryRequest, Origin: OriginGlobal},
	{Name: "aws:ViaAWSMCPService", Type: TypeBool, Multivalued: single, Category: CategoryRequest, Origin: OriginGlobal},
	{Name: "aws:IsMcpServiceAction", Type: TypeBool, Multivalued: single, Category: CategoryRequest, Origin: OriginGlobal},
	{Name: "aws:CurrentTime", Type: TypeDate, Multivalued: single, Category: CategoryRequest, Origin: OriginGlobal},
	{Name: "aws:EpochTime", Type: TypeDate | TypeNumeric, Multivalued: single, Category: CategoryRequest, Origin: OriginGlobal},
	{Name: "aws:referer", Type: TypeString, Multivalued: single, Category: CategoryRequest, Origin: OriginGlobal},
	{Name: "aws:RequestedRegion", Type: TypeString, Multivalued: single, Category: CategoryRequest, Origin: OriginGlobal},
	{Name: keyRequestTag, TagPrefix: "aws:RequestTag/", Type: TypeString, Multivalued: single, Category: CategoryRequest, Origin: OriginGlobal},
	{Name: keyTagKeys, Type: TypeString, Multivalued: multi, Category: CategoryRequest, Origin: OriginGlobal},
	{Name: "aws:SecureTransport", Type: TypeBool, Multivalued: single, Category: CategoryRequest, Origin: OriginGlobal},
	{Name: "aws:UserAgent", Type: TypeString, Multivalued: single, Category: CategoryRequest, Origin: OriginGlobal},
	{Name: "aws:SourceAccount", Type: TypeString, Multivalued: single, Category: CategorySvcSource, Origin: OriginGlobal},
	{Name: "aws:SourceArn", Type: TypeARN, Multivalued: single, Category: CategorySvcSource, Origin: OriginGlobal},
	{Name: "aws:SourceOrgID", Type: TypeString, Multivalued: single, Category: CategorySvcSource, Origin: OriginGlobal},
	{Name: "aws:SourceOrgPaths", Type: TypeString, Multivalued: multi, Category: CategorySvcSource, Origin: OriginGlobal},
	// aws:SourceOwner is not in S7: a legacy key of SNS- and SES-era topic
	// policies. Its type is UNVERIFIED (S18).
	{Name: "aws:SourceOwner", Type: TypeString, Multivalued: single, Category: CategorySvcSource, Origin: OriginGlobal},

	// Keys of other services that S7 documents as available globally in
	// role sessions; all single-valued. Category session is INFERRED from
	// "available in role sessions".
	{Name: "ec2:RoleDelivery", Type: TypeNumeric, Multivalued: single, Category: CategorySession, Origin: OriginCrossService},
	{Name: "ec2:SourceInstanceArn", Type: TypeARN, Multivalued: single, Category: CategorySession, Origin: OriginCrossService},
	{Name: "glue:RoleAssumedBy", Type: TypeString, Multivalued: single, Category: CategorySession, Origin: OriginCrossService},
	{Name: "glue:CredentialIssuingService", Type: TypeString, Multivalued: single, Category: CategorySession, Origin: OriginCrossService},
	{Name: "codebuild:BuildArn", Type: TypeARN, Multivalued: single, Category: CategorySession, Origin: OriginCrossService},
	{Name: "codebuild:ProjectArn", Type: TypeARN, Multivalued: single, Category: CategorySession, Origin: OriginCrossService},
	{Name: "lambda:SourceFunctionArn", Type: TypeARN, Multivalued: single, Category: CategorySession, Origin: OriginCrossService},
	{Name: "ssm:SourceInstanceArn", Type: TypeARN, Multivalued: single, Category: CategorySession, Origin: OriginCrossService},
	{Name: "identitystore:UserId", Type: TypeString, Multivalued: single, Category: CategorySession, Origin: OriginCrossService},
}

var (
	// sesImplementedKeys is the list of global keys SES says it
	// implements (S14, current policy-anatomy and IAM-access pages).
	sesImplementedKeys = []string{
		"aws:CurrentTime", "aws:EpochTime", "aws:SecureTransport", "aws:SourceIp",
		"aws:SourceVpc", "aws:SourceVpce", "aws:UserAgent", "aws:VpcSourceIp",
	}

	// sensitiveKeys are the keys S7 calls sensitive.
	sensitiveKeys = []string{
		"aws:PrincipalAccount", "aws:PrincipalOrgID", "aws:ResourceAccount", "aws:ResourceOrgID",
		"aws:SourceAccount", "aws:SourceOrgID", "aws:SourceVpc", "aws:SourceVpce",
		"aws:VpceAccount", "aws:VpceOrgID",
	}

	// callerPinningKeys pin down who the caller is, so a "*" principal
	// restricted by one of them is not public. AWS's own example of a sound
	// wildcard principal uses aws:PrincipalOrgID (S15); the rest is the
	// list Prowler's SES public-access check counts as restricting (cited in
	// seslint's policy-facts notes). aws:SourceOwner is its legacy member
	// (S18).
	callerPinningKeys = []string{
		"aws:PrincipalAccount", "aws:PrincipalArn", "aws:PrincipalOrgID", "aws:PrincipalOrgPaths",
		"aws:SourceAccount", "aws:SourceArn", "aws:SourceOrgID", "aws:SourceOrgPaths",
		"aws:SourceOwner",
	}

	// sourceIPKeys restrict the network a request comes from: the IP keys
	// and the VPC keys that the same Prowler check counts as restricting.
	sourceIPKeys = []string{"aws:SourceIp", "aws:SourceVpc", "aws:SourceVpce", "aws:VpcSourceIp"}
)

// conditionKeys is keyTable with its flags set, sorted by name; keyIndex
// finds plain names and tagIndex tag prefixes in it, in any case.
var conditionKeys, keyIndex, tagIndex = buildConditionKeys()

func buildConditionKeys() ([]ConditionKey, nameTable, nameTable) {
	list := slices.Clone(keyTable)
	slices.SortFunc(list, func(x, y ConditionKey) int { return strings.Compare(x.Name, y.Name) })
	mark := func(names []string, set func(*ConditionKey)) {
		for _, name := range names {
			for i := range list {
				if list[i].Name == name {
					set(&list[i])
				}
			}
		}
	}
	mark(sesImplementedKeys, func(k *ConditionKey) { k.SESImplemented = true })
	mark(sensitiveKeys, func(k *ConditionKey) { k.Sensitive = true })
	mark(callerPinningKeys, func(k *ConditionKey) { k.PinsCaller = true })
	mark(sourceIPKeys, func(k *ConditionKey) { k.NetworkOrigin = true })
	mark([]string{"aws:SourceOwner"}, func(k *ConditionKey) { k.Legacy = true })

	plain := newNameTable(len(list), func(i int) string {
		if list[i].TagPrefix != "" {
			return ""
		}
		return list[i].Name
	})
	tags := newNameTable(len(list), func(i int) string { return list[i].TagPrefix })
	return list, plain, tags
}

// LookupConditionKey finds a condition key in any case, as IAM does (S11):
// "AWS:SourceAccount" finds aws:SourceAccount. A key with a tag after a
// tag-family prefix, such as "aws:ResourceTag/Project", finds the family
// (aws:ResourceTag/${TagKey}); the prefix alone, with no tag after it, finds
// nothing. Compare the spelling with the result's CaseMatches or
// PrefixCaseMatches: SES rejects a wrong-case prefix. It does not allocate.
func LookupConditionKey(key string) (ConditionKey, bool) {
	if i := strings.IndexByte(key, '/'); i >= 0 {
		if i == len(key)-1 {
			return ConditionKey{}, false
		}
		if j, ok := tagIndex.find(key[:i+1], true); ok {
			return conditionKeys[j], true
		}
		return ConditionKey{}, false
	}
	if j, ok := keyIndex.find(key, true); ok {
		return conditionKeys[j], true
	}
	return ConditionKey{}, false
}

// ConditionKeys returns every condition key, sorted by name.
func ConditionKeys() []ConditionKey { return slices.Clone(conditionKeys) }

// CallerPinningKeys returns, sorted, the keys that pin down who the caller
// is: aws:PrincipalOrgID, aws:PrincipalOrgPaths, aws:PrincipalAccount,
// aws:PrincipalArn, aws:SourceAccount, aws:SourceArn, aws:SourceOwner,
// aws:SourceOrgID and aws:SourceOrgPaths. A "*" principal limited by one of
// them is not open to everyone.
func CallerPinningKeys() []string { return slices.Sorted(slices.Values(callerPinningKeys)) }

// SourceIPKeys returns, sorted, the keys that restrict the network a request
// comes from: aws:SourceIp, aws:VpcSourceIp, aws:SourceVpc and
// aws:SourceVpce.
func SourceIPKeys() []string { return slices.Sorted(slices.Values(sourceIPKeys)) }
