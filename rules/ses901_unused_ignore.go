package rules

import "github.com/seslint/seslint/internal/finding"

// UnusedIgnoreID is reported by the lint driver, which alone sees both the
// config's ignores and every finding; the rule has no check of its own.
const UnusedIgnoreID = "SES901"

var unusedIgnore = &Rule{
	ID: UnusedIgnoreID, Name: "unused-ignore", Severity: finding.Warning, Precision: "very-high",
	Summary: "An ignore in .seslint.yaml matches no finding",
}
