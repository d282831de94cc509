package awsdata

import (
	"encoding/base64"
	"net/netip"
	"strings"
	"time"
)

// What a condition operator can compare and read. Added for the SES5xx
// condition rules.
//
// Sources: S8 (IAM UG, "Condition operators": the value type of each
// operator category, "a bare address means /32", "W3C ISO 8601 or epoch"),
// S7 (the key types), S9. Read 2026-11-26 from the copies named in
// ses-iam-tables.md.

// OperatorFitsKeyType reports whether an operator of category cat can
// compare a key of type t. Every category compares only its own type, with
// one exception: the String operators also compare ARN keys as plain text
// (the SES DG's Cognito example uses StringEquals on aws:SourceArn, S15; S7
// only recommends the ARN operators for them). Null tests presence, so it
// fits every key. The
// reverse does not hold: an ARN operator on a String key is a mismatch.
// aws:EpochTime is both Date and Numeric, so both categories fit it.
func OperatorFitsKeyType(cat OperatorCategory, t KeyType) bool {
	switch cat {
	case OpCategoryNull:
		return true
	case OpCategoryString:
		return t&(TypeString|TypeARN) != 0
	case OpCategoryARN:
		return t&TypeARN != 0
	case OpCategoryNumeric:
		return t&TypeNumeric != 0
	case OpCategoryDate:
		return t&TypeDate != 0
	case OpCategoryBool:
		return t&TypeBool != 0
	case OpCategoryIPAddress:
		return t&TypeIPAddress != 0
	case OpCategoryBinary:
		return t&TypeBinary != 0
	}
	return false
}

// ExampleOperatorFor returns an operator that fits a key of type t, for a
// message's suggestion: "StringEquals" for String, "ArnLike" for ARN (S7
// recommends the ARN operators for ARN keys), and so on.
func ExampleOperatorFor(t KeyType) string {
	switch {
	case t&TypeARN != 0:
		return "ArnLike"
	case t&TypeString != 0:
		return "StringEquals"
	case t&TypeDate != 0:
		return "DateLessThan"
	case t&TypeNumeric != 0:
		return "NumericLessThan"
	case t&TypeBool != 0:
		return "Bool"
	case t&TypeIPAddress != 0:
		return "IpAddress"
	case t&TypeBinary != 0:
		return "BinaryEquals"
	}
	return ""
}

// ValidIPConditionValue reports an IPv4 or IPv6 address or CIDR range, as
// IpAddress and NotIpAddress take (S8; a bare address means /32). Host bits
// set below the prefix ("203.0.113.7/24") are accepted: IAM's acceptance of
// them is UNVERIFIED, and the range is still clear.
func ValidIPConditionValue(s string) bool {
	if strings.Contains(s, "/") {
		_, err := netip.ParsePrefix(s)
		return err == nil
	}
	a, err := netip.ParseAddr(s)
	return err == nil && a.Zone() == ""
}

// dateLayouts are the W3C ISO 8601 profiles the Date operators take (S8):
// a date, or a date and time with minutes, seconds and a fraction of a
// second, with "Z", a numeric offset or no zone. Go's parser accepts a
// fraction after the seconds whatever the layout says. The most common
// form comes first: each layout that fails costs an error value.
var dateLayouts = []string{
	"2006-01-02T15:04:05Z07:00",
	"2006-01-02",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04:05Z0700",
}

// ValidDateConditionValue reports a value a Date operator can read: a W3C
// ISO 8601 date or date-time, or epoch seconds (S8). Which other ISO 8601
// forms IAM accepts (week dates, the basic format without dashes) is
// UNVERIFIED; they are reported.
func ValidDateConditionValue(s string) bool {
	if AllDigits(s) {
		return true
	}
	for _, layout := range dateLayouts {
		if _, err := time.Parse(layout, s); err == nil {
			return true
		}
	}
	return false
}

// ValidNumericConditionValue reports an integer or a decimal, as the Numeric
// operators take (S8; AWS's examples quote them as strings): an optional
// sign, then digits with an optional fraction ("12", "12.", "12.5") or a
// fraction alone (".5").
func ValidNumericConditionValue(s string) bool {
	if s != "" && (s[0] == '+' || s[0] == '-') {
		s = s[1:]
	}
	whole, frac, dot := strings.Cut(s, ".")
	if whole == "" {
		return dot && AllDigits(frac)
	}
	return AllDigits(whole) && (frac == "" || AllDigits(frac))
}

// AllDigits reports a non-empty run of ASCII digits.
func AllDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// ValidBoolConditionValue reports "true" or "false", which Bool and Null
// take (S8). Case is not compared: every AWS example is lower-case, and
// whether IAM reads "True" is UNVERIFIED, so it is not reported.
func ValidBoolConditionValue(s string) bool {
	return strings.EqualFold(s, "true") || strings.EqualFold(s, "false")
}

// ValidBinaryConditionValue reports base64 text, which BinaryEquals takes
// (S8).
func ValidBinaryConditionValue(s string) bool {
	_, err := base64.StdEncoding.DecodeString(s)
	return err == nil && s != ""
}
