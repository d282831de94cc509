# The examples of the Terraform AWS provider's documentation for
# aws_ses_identity_policy and aws_sesv2_email_identity_policy, as published
# and widely copied. seslint finds what is wrong with them:
#
#   seslint examples/terraform/provider-docs
#
# See examples/terraform/sound for the same policies written safely.

resource "aws_ses_domain_identity" "example" {
  domain = "example.com"
}

# Anyone at all may send as example.com, with any From address.
data "aws_iam_policy_document" "example" {
  statement {
    actions   = ["SES:SendEmail", "SES:SendRawEmail"]
    resources = [aws_ses_domain_identity.example.arn]

    principals {
      identifiers = ["*"]
      type        = "AWS"
    }
  }
}

resource "aws_ses_identity_policy" "example" {
  identity = aws_ses_domain_identity.example.arn
  name     = "example"
  policy   = data.aws_iam_policy_document.example.json
}

resource "aws_sesv2_email_identity" "example" {
  email_identity = "testing@example.com"
}

resource "aws_sesv2_email_identity_policy" "example" {
  email_identity = aws_sesv2_email_identity.example.email_identity
  policy_name    = "example"

  policy = <<EOF
{
  "Id":"ExampleAuthorizationPolicy",
  "Version":"2012-10-17",
  "Statement":[
    {
      "Sid":"AuthorizeIAMUser",
      "Effect":"Allow",
      "Resource":"${aws_sesv2_email_identity.example.arn}",
      "Principal":{
        "AWS":[
          "arn:aws:iam::123456789012:user/John",
          "arn:aws:iam::123456789012:user/Jane"
        ]
      },
      "Action":[
        "ses:DeleteEmailIdentity",
        "ses:PutEmailIdentityDkimSigningAttributes"
      ]
    }
  ]
}
EOF
}
