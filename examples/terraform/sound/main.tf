# The provider documentation's policies, written so that seslint finds
# nothing: one partner account may send as example.com, only from
# notifications@example.com, on the exact identity ARN. The three ways of
# writing a policy in Terraform are shown, one per resource.
#
#   seslint examples/terraform/sound

locals {
  # The account and Region that own the identity.
  owner_account = "345678901234"
  region        = "us-east-1"
  # The partner's account, which sends on our behalf.
  partner_account = "210987654321"

  identity_arn = "arn:aws:ses:${local.region}:${local.owner_account}:identity/${aws_ses_domain_identity.example.domain}"
}

resource "aws_ses_domain_identity" "example" {
  domain = "example.com"
}

# 1. An aws_iam_policy_document data source.
data "aws_iam_policy_document" "partner" {
  statement {
    sid       = "PartnerSendsNotifications"
    actions   = ["ses:SendEmail", "ses:SendRawEmail"]
    resources = [local.identity_arn]

    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::${local.partner_account}:root"]
    }

    condition {
      test     = "StringEquals"
      variable = "ses:FromAddress"
      values   = ["notifications@example.com"]
    }
  }
}

resource "aws_ses_identity_policy" "partner" {
  identity = aws_ses_domain_identity.example.arn
  name     = "PartnerNotifications"
  policy   = data.aws_iam_policy_document.partner.json
}

# 2. jsonencode of an HCL object.
resource "aws_ses_identity_policy" "partner_billing" {
  identity = aws_ses_domain_identity.example.domain
  name     = "PartnerBilling"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "PartnerSendsBilling"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::${local.partner_account}:root" }
      Action    = ["ses:SendEmail", "ses:SendRawEmail"]
      Resource  = local.identity_arn
      Condition = {
        StringEquals = { "ses:FromAddress" = "billing@example.com" }
      }
    }]
  })
}

# 3. A heredoc, for SES v2.
resource "aws_sesv2_email_identity_policy" "partner_support" {
  email_identity = aws_ses_domain_identity.example.domain
  policy_name    = "PartnerSupport"
  policy         = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Sid": "PartnerSendsSupport",
          "Effect": "Allow",
          "Principal": {"AWS": "arn:aws:iam::${local.partner_account}:root"},
          "Action": ["ses:SendEmail", "ses:SendRawEmail"],
          "Resource": "${local.identity_arn}",
          "Condition": {"StringEquals": {"ses:FromAddress": "support@example.com"}}
        }
      ]
    }
  EOT
}
