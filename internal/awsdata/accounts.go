package awsdata

import "slices"

// Where the sample account table comes from.
const (
	SampleAccountsSource = "S7 (current copy); S11 (IAM UG git copy); S16 (SES DG git copy); S17 (Cognito DG git copy)"
	SampleAccountsDate   = "2026-11-26 (counted over the 2023-05-11 and 2023-06-15 git copies)"
)

// SampleAccount is a 12-digit account ID that AWS documentation uses as an
// example. None of them is formally reserved by AWS, as far as found
// (UNVERIFIED); values that look like real AWS-owned accounts are left out.
type SampleAccount struct {
	ID string
	// Occurrences counts the ID across the IAM UG, SES DG and Cognito DG
	// git copies; 0 where it was not counted.
	Occurrences int
	// Use says where AWS uses it.
	Use string
}

var sampleAccounts = []SampleAccount{
	{"123456789012", 304, "the default example account"},
	{"111122223333", 141, "a second account or the resource owner"},
	{"444455556666", 35, "a third account"},
	{"111111111111", 33, "generic"},
	{"222222222222", 22, "generic"},
	{"888888888888", 17, "the SES DG identity owner (arn:aws:ses:us-east-1:888888888888:identity/example.com)"},
	{"999999999999", 16, "the other account"},
	{"777788889999", 16, "a fourth account"},
	{"111222333444", 7, "Cognito DG examples"},
	{"333333333333", 6, "generic"},
	{"555555555555", 2, "IAM UG Principal example"},
	// Seen once or twice each.
	{"123123123123", 0, "scattered"},
	{"012345678912", 0, "scattered"},
	{"012345678901", 0, "scattered"},
	{"012345678910", 0, "scattered"},
	{"999988887777", 0, "scattered"},
	{"666677778888", 0, "scattered"},
	{"555566667777", 0, "scattered"},
	{"444444444444", 0, "scattered"},
	{"444433332222", 0, "scattered"},
	// In the current S7 copy, an apparent typo for 123456789012 in the
	// aws:ChatbotSourceArn example.
	{"123456789021", 0, "S7 aws:ChatbotSourceArn example (apparent typo)"},
}

// sampleAccountIndex finds the sample accounts: SES307 asks about every
// principal and Resource account.
var sampleAccountIndex = newNameTable(len(sampleAccounts), func(i int) string { return sampleAccounts[i].ID })

// SampleAccounts returns the sample account IDs, most used first.
func SampleAccounts() []SampleAccount { return slices.Clone(sampleAccounts) }

// IsSampleAccount reports whether id is an account ID seen as an example in
// AWS documentation, such as 123456789012 or 111122223333: a policy that
// names one was probably copied and not filled in.
func IsSampleAccount(id string) bool {
	_, ok := sampleAccountIndex.find(id, false)
	return ok
}
