package awsdata

import (
	"regexp"
	"strings"
	"testing"
)

// The expressions the package's scanners replaced, kept here only, as
// their specification.
var (
	oldIAMNameRE             = regexp.MustCompile(`^[\w+=,.@-]{1,64}$`)
	oldUniqueIDRE            = regexp.MustCompile(`^A[A-Z]{3}[A-Z0-9]{12,124}$`)
	oldPlaceholderRE         = regexp.MustCompile(`(?i)account|example|replace|your|changeme|todo|^x{4,}$|^\$|\$\{|\{\{|<[^>]*>`)
	oldServicePrincipalForm  = regexp.MustCompile(`^([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+amazonaws\.com(\.cn)?$`)
	oldEpochRe               = regexp.MustCompile(`^[0-9]+$`)
	oldNumericRe             = regexp.MustCompile(`^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$`)
	oldLooksLikePlaceholder  = func(s string) bool { return s != "" && oldPlaceholderRE.MatchString(s) }
	scannerSpecificationList = []struct {
		name string
		got  func(string) bool
		want func(string) bool
	}{
		{"ValidIAMName", ValidIAMName, oldIAMNameRE.MatchString},
		{"uniqueIDShape", uniqueIDShape, oldUniqueIDRE.MatchString},
		{"LooksLikePlaceholder", LooksLikePlaceholder, oldLooksLikePlaceholder},
		{"ValidServicePrincipalForm", ValidServicePrincipalForm, oldServicePrincipalForm.MatchString},
		{"AllDigits", AllDigits, oldEpochRe.MatchString},
		{"ValidNumericConditionValue", ValidNumericConditionValue, oldNumericRe.MatchString},
	}
)

// scanCases are the edges of the replaced languages: lengths at and past
// each bound, every class boundary, case, the runes Unicode folding joins
// to ASCII letters (ſ for s, K for k), other non-ASCII and invalid UTF-8.
func scanCases() []string {
	cases := []string{
		"", "a", "A", "_", "-", "+", "=", ",", ".", "@", "/", " ", "\x00", "\x7f", "\xff", "é", "\u017f", "\u212a",
		"app-backend-22", "sender", "ses-delegate-90", "a+b=c,d.e@f_g-h", "a b", "a/b", "a:b", "a*b", "name\n",
		strings.Repeat("n", 64), strings.Repeat("n", 65),
		"AIDACKCEVSQ6C2EXAMPLE", "AROADBQP57FF2AEXAMPLE", "AKIAIOSFODNN7EXAMPLE", "AIDA", "AIDA123456789012",
		"AIDA12345678901", "A1DA123456789012", "AIDa123456789012", "BIDA123456789012", "aida123456789012",
		"AIDA" + strings.Repeat("9", 124), "AIDA" + strings.Repeat("9", 125), "AIDA12345678901\u212a",
		"123456789012", "EXAMPLE65304", "ACCOUNT_ID", "account-id", "AWS-account-ID", "your-account",
		"YoUr", "yo", "acc", "accoun", "replac", "REPLACE_ME", "changeme", "CHANGEME", "todo", "ToDo", "tod",
		"exampl", "xxxx", "XXXX", "xXxX", "xxx", "xxxxy", "xxxx\n", "\u212axxx", "$", "$x", "a$", "${", "a${b",
		"{{", "a{{", "{", "{a{", "<>", "<a>", "><", "<", ">", "a<b>c", "<\n>", "<\xff>", "a>b<c", "<a<b>",
		"acco\u017fnt", "\u017fample", "e\u212aample",
		"cognito-idp.amazonaws.com", "email.cognito-idp.amazonaws.com", "cognito-idp.ap-east-2.amazonaws.com",
		"sns.amazonaws.com.cn", "amazonaws.com", ".amazonaws.com", "a..amazonaws.com", "-a.amazonaws.com",
		"a-.amazonaws.com", "a--b.amazonaws.com", "A.amazonaws.com", "xamazonaws.com", "a.amazonaws.com.",
		"a.amazonaws.com.cnx", "a.amazonaws.comcn", "a.amazonaws.com.cn.amazonaws.com", "a_b.amazonaws.com",
		"a.amazonaws.com\n", "amazonaws.com.cn", "a.amazonaws.cn", "1.amazonaws.com", "a.b.c.amazonaws.com.cn",
		"0", "00", "1.", ".1", ".", "+", "-", "+1", "-1", "+-1", "1.2", "1.2.3", "-.5", "+1.", "1e3", "0x1",
		"1 ", " 1", "١", "12a", "1..2", "٣.٤",
	}
	return cases
}

func TestScannersMatchExpressions(t *testing.T) {
	for _, s := range scanCases() {
		for _, f := range scannerSpecificationList {
			if got, want := f.got(s), f.want(s); got != want {
				t.Errorf("%s(%q) = %v, the expression says %v", f.name, s, got, want)
			}
		}
	}
}

// FuzzScanners compares every scanner of the package with the expression
// it replaced.
func FuzzScanners(f *testing.F) {
	for _, s := range scanCases() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, f := range scannerSpecificationList {
			if got, want := f.got(s), f.want(s); got != want {
				t.Errorf("%s(%q) = %v, the expression says %v", f.name, s, got, want)
			}
		}
	})
}

func TestKnownPartitionIsPartition(t *testing.T) {
	ids := []string{"", "AWS", "aws ", "aws-cn-", "aws-iso-g", "ses"}
	for _, p := range Partitions() {
		ids = append(ids, p.ID)
	}
	for _, id := range ids {
		if _, want := Partition(id); KnownPartition(id) != want {
			t.Errorf("KnownPartition(%q) = %v, Partition finds it: %v", id, !want, want)
		}
	}
}
