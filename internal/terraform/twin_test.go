package terraform_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/seslint/seslint/internal/finding"
	"github.com/seslint/seslint/internal/linttest"
)

// A policy with many flaws, fully known, in the JSON SES receives.
const twinJSON = `{
  "Version": "2008-10-17",
  "Statement": [
    {"Sid": "Everyone", "Effect": "Allow", "Principal": {"AWS": "*"}, "Action": ["SES:SendEmail", "ses:*"],
     "Resource": "arn:aws:ses::345678901234:identity/example.com"},
    {"Sid": "Service", "Effect": "ALLOW", "Principal": {"Service": "cognito-idp.amazonaws.com"}, "Action": "ses:SendRawEmail", "Resource": "*",
     "Condition": {"StringLike": {"ses:FromAddress": "marketing+.*@example.com"}, "StringEquals": {"AWS:SourceAccount": "34567890"}}},
    {"Sid": "", "Effect": "Deny", "NotPrincipal": {"AWS": "arn:aws:iam::21098765:root"}, "Action": "ses:SendEmails",
     "Resource": "arn:aws:ses:us-east-1:345678901234:identity/other.com", "Condition": {}}
  ]
}`

// The same policy given to jsonencode.
const twinJSONEncode = `resource "aws_ses_identity_policy" "twin" {
  identity = "example.com"
  name     = "Twin"
  policy = jsonencode({
    Version = "2008-10-17"
    Statement = [
      { Sid = "Everyone", Effect = "Allow", Principal = { AWS = "*" }, Action = ["SES:SendEmail", "ses:*"],
        Resource = "arn:aws:ses::345678901234:identity/example.com" },
      { Sid = "Service", Effect = "ALLOW", Principal = { Service = "cognito-idp.amazonaws.com" }, Action = "ses:SendRawEmail", Resource = "*",
        Condition = { StringLike = { "ses:FromAddress" = "marketing+.*@example.com" }, StringEquals = { "AWS:SourceAccount" = "34567890" } } },
      { Sid = "", Effect = "Deny", NotPrincipal = { AWS = "arn:aws:iam::21098765:root" }, Action = "ses:SendEmails",
        Resource = "arn:aws:ses:us-east-1:345678901234:identity/other.com", Condition = {} },
    ]
  })
}
`

// The same policy in a heredoc, for SES v2.
var twinHeredoc = `resource "aws_sesv2_email_identity_policy" "twin" {
  email_identity = "example.com"
  policy_name    = "Twin"
  policy         = <<-EOT
    ` + indent(twinJSON, "    ") + `
  EOT
}
`

// The policy as aws_iam_policy_document writes it (actions sorted in
// reverse, operators sorted, no empty Sid, no empty Condition) and the
// data source that gives it.
const twinDocumentJSON = `{
  "Version": "2008-10-17",
  "Statement": [
    {"Sid": "Everyone", "Effect": "Allow", "Action": ["ses:*", "SES:SendEmail"],
     "Resource": "arn:aws:ses::345678901234:identity/example.com", "Principal": {"AWS": "*"}},
    {"Sid": "Service", "Effect": "ALLOW", "Action": "ses:SendRawEmail", "Resource": "*", "Principal": {"Service": "cognito-idp.amazonaws.com"},
     "Condition": {"StringEquals": {"AWS:SourceAccount": "34567890"}, "StringLike": {"ses:FromAddress": "marketing+.*@example.com"}}},
    {"Effect": "Deny", "Action": "ses:SendEmails", "Resource": "arn:aws:ses:us-east-1:345678901234:identity/other.com",
     "NotPrincipal": {"AWS": "arn:aws:iam::21098765:root"}}
  ]
}`

const twinDocument = `data "aws_iam_policy_document" "twin" {
  version = "2008-10-17"
  statement {
    sid       = "Everyone"
    actions   = ["SES:SendEmail", "ses:*"]
    resources = ["arn:aws:ses::345678901234:identity/example.com"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
  }
  statement {
    sid       = "Service"
    effect    = "ALLOW"
    actions   = ["ses:SendRawEmail"]
    resources = ["*"]
    principals {
      type        = "Service"
      identifiers = ["cognito-idp.amazonaws.com"]
    }
    condition {
      test     = "StringLike"
      variable = "ses:FromAddress"
      values   = ["marketing+.*@example.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "AWS:SourceAccount"
      values   = ["34567890"]
    }
  }
  statement {
    sid       = ""
    effect    = "Deny"
    actions   = ["ses:SendEmails"]
    resources = ["arn:aws:ses:us-east-1:345678901234:identity/other.com"]
    not_principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::21098765:root"]
    }
  }
}

resource "aws_ses_identity_policy" "twin" {
  identity = "example.com"
  name     = "Twin"
  policy   = data.aws_iam_policy_document.twin.json
}
`

// TestTwins holds every rule, present and future, to what it finds in
// JSON: a policy written in Terraform gets the same findings (rule,
// severity and JSON pointer) as the JSON Terraform would send, so the
// trees the rules see are the same.
func TestTwins(t *testing.T) {
	for _, c := range []struct {
		name, tf, json string
	}{
		{"jsonencode", twinJSONEncode, twinJSON},
		{"heredoc", twinHeredoc, twinJSON},
		{"aws_iam_policy_document", twinDocument, twinDocumentJSON},
	} {
		t.Run(c.name, func(t *testing.T) {
			fromJSON := keys(linttest.Run(t, linttest.Files{"example.com/Twin.json": c.json}).Findings)
			fromTF := keys(linttest.Run(t, linttest.Files{"main.tf": c.tf}).Findings)
			if len(fromJSON) < 8 {
				t.Fatalf("the JSON twin should have many findings, got %v", fromJSON)
			}
			if !slices.Equal(fromTF, fromJSON) {
				t.Errorf("findings differ\n--- terraform\n%v\n--- json\n%v", fromTF, fromJSON)
			}
		})
	}
}

// keys are the findings' rules, severities and pointers, sorted.
func keys(fs []finding.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, fmt.Sprintf("%s %s %s", f.RuleID, f.Severity, f.Pointer))
	}
	slices.Sort(out)
	return out
}

// indent puts prefix before every line of s but the first.
func indent(s, prefix string) string {
	return strings.ReplaceAll(s, "\n", "\n"+prefix)
}
