package awsdata

import "slices"

// Source is one public document the tables of this package were taken from.
type Source struct {
	Key   string // "S1" to "S19"
	What  string // what the document is
	Where string // URL and/or repository@commit:path of the copy that was read
	Date  string // date of the snapshot that was read
}

// sources is the source list of the reference notes the tables were compiled
// from (seslint shared reference, "SES identity-policy reference tables",
// compiled 2026-11-26).
var sources = []Source{
	{"S1", "Service Authorization Reference (SAR), Amazon SES (v1 API)",
		"https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonses.html; copy salesforce/policy_sentry@81b0a6663059a61cb7e64f7f2b8cfdcaf1b8a7ac:policy_sentry/shared/data/docs/list_amazonses.html",
		"2026-06-14"},
	{"S2", "SAR, Amazon Simple Email Service v2",
		"https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonsimpleemailservicev2.html; copy salesforce/policy_sentry@81b0a6663059a61cb7e64f7f2b8cfdcaf1b8a7ac:policy_sentry/shared/data/docs/list_amazonsimpleemailservicev2.html",
		"2026-06-14"},
	{"S3", "SAR, Amazon Pinpoint Email Service (prefix ses)",
		"https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonpinpointemailservice.html; copy salesforce/policy_sentry@81b0a6663059a61cb7e64f7f2b8cfdcaf1b8a7ac:policy_sentry/shared/data/docs/list_amazonpinpointemailservice.html",
		"2026-06-14"},
	{"S4", "SAR, Amazon Simple Email Service - Mail Manager (prefix ses)",
		"https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonsimpleemailservice-mailmanager.html; copy salesforce/policy_sentry@81b0a6663059a61cb7e64f7f2b8cfdcaf1b8a7ac:policy_sentry/shared/data/docs/list_amazonsimpleemailservice-mailmanager.html",
		"2026-06-14"},
	{"S5", "SAR v1, older copies (history of the identity resource type)",
		"salesforce/policy_sentry@c13d36407dc6a80aaa46294eba67c75ad8ce42db and @e46274d4bfd2d3ce953b91c01a18de60960cf5ed:policy_sentry/shared/data/docs/list_amazonses.html",
		"2022-05-01 and 2022-07-01"},
	{"S6", "SES API models (operation lists, endpoint and signing names)",
		"boto/botocore@0e6e2404b85dc336dd2889814e089bde7d1a4c55:botocore/data/{ses/2010-12-01,sesv2/2019-09-27,mailmanager/2023-10-17,pinpoint-email/2018-07-26}/service-2.json",
		"2026-08-07"},
	{"S7", "IAM User Guide, AWS global condition context keys",
		"https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html (current copy, undated); awsdocs/iam-user-guide@651083f41c013ac329a0a69cf37be3b368dd0fc2:doc_source/reference_policies_condition-keys.md",
		"current copy read 2026-11-26; git copy 2023-05-11"},
	{"S8", "IAM User Guide, condition operators",
		"https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html (current copy, undated); awsdocs/iam-user-guide@651083f41c013ac329a0a69cf37be3b368dd0fc2:doc_source/reference_policies_elements_condition_operators.md",
		"current copy read 2026-11-26; git copy 2023-05-11"},
	{"S9", "IAM User Guide, multivalued context keys and set operators",
		"awsdocs/iam-user-guide@651083f41c013ac329a0a69cf37be3b368dd0fc2:doc_source/reference_policies_multi-value-conditions.md",
		"2023-05-11"},
	{"S10", "IAM User Guide, Principal element",
		"https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html (current copy, undated); awsdocs/iam-user-guide@651083f41c013ac329a0a69cf37be3b368dd0fc2:doc_source/reference_policies_elements_principal.md",
		"current copy read 2026-11-26; git copy 2023-05-11"},
	{"S11", "IAM User Guide, identifiers, ARNs, quotas, policy elements and policy variables",
		"awsdocs/iam-user-guide@651083f41c013ac329a0a69cf37be3b368dd0fc2:doc_source/{reference_identifiers,reference-arns,reference_iam-quotas,reference_policies_elements_*,reference_policies_variables}.md",
		"2023-05-11"},
	{"S12", "Partition and endpoint data",
		"boto/botocore@0e6e2404b85dc336dd2889814e089bde7d1a4c55:botocore/data/partitions.json (last changed 2026-01-15) and botocore/data/endpoints.json (last changed 2026-08-07)",
		"2026-08-07"},
	{"S13", "AWS General Reference, SES endpoints",
		"https://docs.aws.amazon.com/general/latest/gr/ses.html (search excerpt only)",
		"current copy, undated"},
	{"S14", "SES Developer Guide, Amazon SES policy anatomy",
		"https://docs.aws.amazon.com/ses/latest/dg/policy-anatomy.html",
		"current copy read 2026-11-26"},
	{"S15", "SES Developer Guide, identity and sending policy examples, IAM access control, identity-owner tasks",
		"https://docs.aws.amazon.com/ses/latest/dg/{identity-authorization-policy-examples,sending-authorization-policy-examples,control-user-access,sending-authorization-identity-owner-tasks-identity,sending-authorization-identity-owner-tasks-policy}.html",
		"current copy read 2026-11-26"},
	{"S16", "SES Developer Guide, last public git copy",
		"awsdocs/amazon-ses-developer-guide@5b3d6427a09a45cc58b7c4aec9f418509e8ccb76:doc-source/{policy-anatomy,sending-authorization-policy-examples,regions}.md",
		"2023-06-15 (content from 2022-11)"},
	{"S17", "Amazon Cognito Developer Guide, email settings and SES authorization",
		"awsdocs/amazon-cognito-developer-guide@85b058f5b3d0454507340693252862e857575cc2:doc_source/{user-pool-email,cognito-user-pool-settings-ses-authorization-to-send-email,using-service-linked-roles}.md; https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pool-settings-ses-authorization-to-send-email.html",
		"git copy 2023-06-15; current copy read 2026-11-26"},
	{"S18", "AWS documentation team on aws:SourceOwner",
		"https://github.com/awsdocs/iam-user-guide/issues/111",
		"2019 to 2020"},
	{"S19", "Field report: SES rejects principals that do not exist yet",
		"https://github.com/hashicorp/terraform-provider-aws/issues/22549",
		"2022 to 2023"},
}

// Sources returns the source list, in key order (S1, S2, ..., S19).
func Sources() []Source { return slices.Clone(sources) }

// LookupSource returns the source with the given key ("S7").
func LookupSource(key string) (Source, bool) {
	for _, s := range sources {
		if s.Key == key {
			return s, true
		}
	}
	return Source{}, false
}
