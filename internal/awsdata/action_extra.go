package awsdata

// Where the identity-policy alternatives below come from. Added 2026-11-26
// for the action rules (SES401 to SES406).
const (
	ActionAlternativesSource = "S1, S5 (SES v1 SAR, current and 2022 copies); S2 (SES v2 SAR); S14, S15 (SES DG identity-policy actions)"
	ActionAlternativesDate   = "2026-11-26 (SAR snapshot 2026-06-14; SES DG read 2026-11-26)"
)

// identityPolicyAlternatives maps a v1 identity-management action, which
// until mid-2022 took the identity resource and since takes only
// "Resource": "*" (S5), to the v2 action that does the same job and can still
// be granted on an identity (S2, S14). The pairing of operations is INFERRED
// from the two APIs; AWS publishes no such table.
var identityPolicyAlternatives = map[string]string{
	"DeleteIdentity":                       "DeleteEmailIdentity",
	"DeleteIdentityPolicy":                 "DeleteEmailIdentityPolicy",
	"DeleteVerifiedEmailAddress":           "DeleteEmailIdentity",
	"GetIdentityDkimAttributes":            "GetEmailIdentity",
	"GetIdentityMailFromDomainAttributes":  "GetEmailIdentity",
	"GetIdentityNotificationAttributes":    "GetEmailIdentity",
	"GetIdentityPolicies":                  "GetEmailIdentityPolicies",
	"GetIdentityVerificationAttributes":    "GetEmailIdentity",
	"ListIdentityPolicies":                 "GetEmailIdentityPolicies",
	"PutIdentityPolicy":                    "UpdateEmailIdentityPolicy",
	"SetIdentityDkimEnabled":               "PutEmailIdentityDkimAttributes",
	"SetIdentityFeedbackForwardingEnabled": "PutEmailIdentityFeedbackAttributes",
	"SetIdentityMailFromDomain":            "PutEmailIdentityMailFromAttributes",
	"VerifyDomainDkim":                     "PutEmailIdentityDkimSigningAttributes",
}

// IdentityPolicyAlternative returns, for an action an identity policy cannot
// grant, the identity-scoped action that does the same job, both without the
// "ses:" prefix: PutIdentityPolicy gives UpdateEmailIdentityPolicy.
func IdentityPolicyAlternative(name string) (string, bool) {
	alt := identityPolicyAlternatives[name]
	return alt, alt != ""
}

// ActsOnAccount reports whether an action with no identity resource acts on
// the caller's own account as a whole (the List actions, the account-level
// Get and Put actions): a delegate can never receive it for the identity
// owner's account. name is without the "ses:" prefix, canonically spelled.
func ActsOnAccount(name string) bool { return accountLevel[name] }

// accountLevel lists actions that act on the account as a whole rather than
// on a named resource (S1, S2: "*" only, and the operation takes no resource
// name). Reading the operations as account-wide is INFERRED.
var accountLevel = map[string]bool{
	"GetAccount": true, "GetAccountSendingEnabled": true, "GetSendQuota": true, "GetSendStatistics": true,
	"ListConfigurationSets": true, "ListContactLists": true, "ListCustomVerificationEmailTemplates": true,
	"ListDedicatedIpPools": true, "ListDeliverabilityTestReports": true, "ListDomainDeliverabilityCampaigns": true,
	"ListEmailIdentities": true, "ListEmailTemplates": true, "ListIdentities": true, "ListImportJobs": true,
	"ListMultiRegionEndpoints": true, "ListReceiptFilters": true, "ListReceiptRuleSets": true,
	"ListTemplates": true, "ListTenants": true, "ListVerifiedEmailAddresses": true,
	"PutAccountDedicatedIpWarmupAttributes": true, "PutAccountDetails": true, "PutAccountSendingAttributes": true,
	"PutAccountSuppressionAttributes": true, "PutAccountVdmAttributes": true, "UpdateAccountSendingEnabled": true,
	"GetDeliverabilityDashboardOptions": true, "PutDeliverabilityDashboardOption": true,
}
