// Package awsses is apply's adapter to Amazon SES through the AWS SDK for Go
// v2, and the only package of seslint that imports the SDK. It implements
// apply.SES for SES v1 (PutIdentityPolicy and its siblings) and SES v2
// (Create/Update/Delete/GetEmailIdentityPolicy), with STS GetCallerIdentity
// for the caller's account.
//
// Configuration is the SDK's own: the default credential chain, the region
// and profile (flags first, then AWS_REGION, AWS_PROFILE and the shared
// files), and the standard endpoint overrides AWS_ENDPOINT_URL_SES,
// AWS_ENDPOINT_URL_SESV2, AWS_ENDPOINT_URL_STS and AWS_ENDPOINT_URL.
//
// Errors of the service become *apply.APIError with AWS's code and message
// and nothing else: no request, no header, no credential.
package awsses

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/ses"
	"github.com/aws/aws-sdk-go-v2/service/sesv2"
	sesv2types "github.com/aws/aws-sdk-go-v2/service/sesv2/types"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go"

	"github.com/seslint/seslint/internal/apply"
)

// Client implements apply.SES.
type Client struct {
	api    apply.API
	region string
	v1     *ses.Client
	v2     *sesv2.Client
	sts    *sts.Client
}

var _ apply.SES = (*Client)(nil)

// Connect loads the SDK's default configuration and builds a client; with
// no region anywhere it returns apply.ErrNoRegion.
//
// The SDK retries transport errors and 5xx answers itself, but not
// throttling: apply retries that with its own backoff and clock, paced to
// SES's one call per second, and two layers of retries would multiply.
func Connect(ctx context.Context, o apply.ConnectOptions) (*Client, error) {
	var opts []func(*config.LoadOptions) error
	if o.Region != "" {
		opts = append(opts, config.WithRegion(o.Region))
	}
	if o.Profile != "" {
		opts = append(opts, config.WithSharedConfigProfile(o.Profile))
	}
	opts = append(opts, config.WithRetryer(func() aws.Retryer {
		return retry.NewStandard(func(so *retry.StandardOptions) {
			so.Retryables = append([]retry.IsErrorRetryable{retry.IsErrorRetryableFunc(func(err error) aws.Ternary {
				if isThrottle(err) {
					return aws.FalseTernary
				}
				return aws.UnknownTernary
			})}, so.Retryables...)
		})
	}))
	cfg, err := config.LoadDefaultConfig(ctx, opts...)
	if err != nil {
		return nil, fmt.Errorf("loading the AWS configuration: %w", err)
	}
	if cfg.Region == "" {
		return nil, apply.ErrNoRegion
	}
	return New(cfg, o.API, ""), nil
}

// ConnectSES is Connect as the apply command takes it (cli.AWS.Connect):
// the seslint-apply program and the tests that go through the SDK chain
// pass it.
func ConnectSES(ctx context.Context, o apply.ConnectOptions) (apply.SES, error) {
	c, err := Connect(ctx, o)
	if err != nil {
		// Not c: a nil *Client in the interface would not be nil.
		return nil, err
	}
	return c, nil
}

// New builds a client from an SDK configuration. A non-empty endpoint
// sends SES and STS calls alike to that URL (a test fake or an emulator).
func New(cfg aws.Config, api apply.API, endpoint string) *Client {
	c := &Client{api: api, region: cfg.Region}
	if api == apply.V2 {
		c.v2 = sesv2.NewFromConfig(cfg, func(o *sesv2.Options) {
			if endpoint != "" {
				o.BaseEndpoint = aws.String(endpoint)
			}
		})
	} else {
		c.api = apply.V1
		c.v1 = ses.NewFromConfig(cfg, func(o *ses.Options) {
			if endpoint != "" {
				o.BaseEndpoint = aws.String(endpoint)
			}
		})
	}
	c.sts = sts.NewFromConfig(cfg, func(o *sts.Options) {
		if endpoint != "" {
			o.BaseEndpoint = aws.String(endpoint)
		}
	})
	return c
}

// Endpoint describes an SES stand-in: a test fake or an emulator.
type Endpoint struct {
	API    apply.API
	Region string
	URL    string
	// AccessKeyID and SecretAccessKey are static credentials the stand-in
	// accepts.
	AccessKeyID, SecretAccessKey string
}

// NewForEndpoint builds a client for a stand-in, with static credentials
// and no SDK retries, so that tests see every call and never sleep.
func NewForEndpoint(e Endpoint) *Client {
	cfg := aws.Config{
		Region:      e.Region,
		Credentials: credentials.NewStaticCredentialsProvider(e.AccessKeyID, e.SecretAccessKey, ""),
		Retryer:     func() aws.Retryer { return aws.NopRetryer{} },
	}
	return New(cfg, e.API, e.URL)
}

// Region is the region the client calls.
func (c *Client) Region() string { return c.region }

// CallerAccount asks STS for the account of the credentials.
func (c *Client) CallerAccount(ctx context.Context) (string, error) {
	out, err := c.sts.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil {
		return "", wrap("GetCallerIdentity", err)
	}
	return aws.ToString(out.Account), nil
}

// IdentityStatus reads the verification status of the identities: with
// GetIdentityVerificationAttributes (v1, "Success" is verified) or
// GetEmailIdentity for each (v2, VerificationStatus SUCCESS is verified; an
// identity that does not exist answers NotFoundException).
//
// For v2 the status is VerificationStatus rather than
// VerifiedForSendingStatus: the policy operations need a verified identity,
// and moto 5.2.1, the emulator the tests use, reports SUCCESS with
// VerifiedForSendingStatus false for every identity it creates.
func (c *Client) IdentityStatus(ctx context.Context, names []string) (map[string]apply.IdentityStatus, error) {
	out := map[string]apply.IdentityStatus{}
	if c.v2 != nil {
		for _, name := range names {
			res, err := c.v2.GetEmailIdentity(ctx, &sesv2.GetEmailIdentityInput{EmailIdentity: aws.String(name)})
			if err != nil {
				e := wrap("GetEmailIdentity", err)
				if kind(e) == apply.NotFound {
					continue
				}
				return nil, e
			}
			status := string(res.VerificationStatus)
			out[name] = apply.IdentityStatus{Verified: res.VerificationStatus == sesv2types.VerificationStatusSuccess, Status: status}
		}
		return out, nil
	}
	res, err := c.v1.GetIdentityVerificationAttributes(ctx, &ses.GetIdentityVerificationAttributesInput{Identities: names})
	if err != nil {
		return nil, wrap("GetIdentityVerificationAttributes", err)
	}
	for name, attrs := range res.VerificationAttributes {
		status := string(attrs.VerificationStatus)
		out[name] = apply.IdentityStatus{Verified: status == "Success", Status: status}
	}
	return out, nil
}

// ListPolicies lists the policy names on an identity.
func (c *Client) ListPolicies(ctx context.Context, identity string) ([]string, error) {
	if c.v2 != nil {
		all, err := c.v2Policies(ctx, identity)
		if err != nil {
			return nil, err
		}
		names := make([]string, 0, len(all))
		for n := range all {
			names = append(names, n)
		}
		slices.Sort(names)
		return names, nil
	}
	res, err := c.v1.ListIdentityPolicies(ctx, &ses.ListIdentityPoliciesInput{Identity: aws.String(identity)})
	if err != nil {
		return nil, wrap("ListIdentityPolicies", err)
	}
	return res.PolicyNames, nil
}

// GetPolicies reads the named policies; SES v1 takes at most 20 names a call.
func (c *Client) GetPolicies(ctx context.Context, identity string, names []string) (map[string]string, error) {
	if c.v2 != nil {
		all, err := c.v2Policies(ctx, identity)
		if err != nil {
			return nil, err
		}
		out := map[string]string{}
		for _, n := range names {
			if p, ok := all[n]; ok {
				out[n] = p
			}
		}
		return out, nil
	}
	res, err := c.v1.GetIdentityPolicies(ctx, &ses.GetIdentityPoliciesInput{Identity: aws.String(identity), PolicyNames: names})
	if err != nil {
		return nil, wrap("GetIdentityPolicies", err)
	}
	return res.Policies, nil
}

func (c *Client) v2Policies(ctx context.Context, identity string) (map[string]string, error) {
	res, err := c.v2.GetEmailIdentityPolicies(ctx, &sesv2.GetEmailIdentityPoliciesInput{EmailIdentity: aws.String(identity)})
	if err != nil {
		return nil, wrap("GetEmailIdentityPolicies", err)
	}
	return res.Policies, nil
}

// PutPolicy creates or replaces a policy: PutIdentityPolicy for v1, which
// does both; for v2 CreateEmailIdentityPolicy when the plan saw no policy of
// that name and UpdateEmailIdentityPolicy when it saw one. v2 answers
// AlreadyExistsException or NotFoundException when the plan is stale; they
// come back as apply.AlreadyExists and apply.NotFound.
func (c *Client) PutPolicy(ctx context.Context, identity, name, policy string, exists bool) error {
	switch {
	case c.v2 != nil && exists:
		_, err := c.v2.UpdateEmailIdentityPolicy(ctx, &sesv2.UpdateEmailIdentityPolicyInput{
			EmailIdentity: aws.String(identity), PolicyName: aws.String(name), Policy: aws.String(policy)})
		return wrap("UpdateEmailIdentityPolicy", err)
	case c.v2 != nil:
		_, err := c.v2.CreateEmailIdentityPolicy(ctx, &sesv2.CreateEmailIdentityPolicyInput{
			EmailIdentity: aws.String(identity), PolicyName: aws.String(name), Policy: aws.String(policy)})
		return wrap("CreateEmailIdentityPolicy", err)
	}
	_, err := c.v1.PutIdentityPolicy(ctx, &ses.PutIdentityPolicyInput{
		Identity: aws.String(identity), PolicyName: aws.String(name), Policy: aws.String(policy)})
	return wrap("PutIdentityPolicy", err)
}

// DeletePolicy deletes a policy.
func (c *Client) DeletePolicy(ctx context.Context, identity, name string) error {
	if c.v2 != nil {
		_, err := c.v2.DeleteEmailIdentityPolicy(ctx, &sesv2.DeleteEmailIdentityPolicyInput{
			EmailIdentity: aws.String(identity), PolicyName: aws.String(name)})
		return wrap("DeleteEmailIdentityPolicy", err)
	}
	_, err := c.v1.DeleteIdentityPolicy(ctx, &ses.DeleteIdentityPolicyInput{
		Identity: aws.String(identity), PolicyName: aws.String(name)})
	return wrap("DeleteIdentityPolicy", err)
}

// wrap turns an SDK error into *apply.APIError when the service answered,
// keeping only AWS's code and message, and names the operation otherwise.
func wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	var ae smithy.APIError
	if errors.As(err, &ae) {
		e := &apply.APIError{Operation: op, Code: ae.ErrorCode(), Message: ae.ErrorMessage()}
		var exists *sesv2types.AlreadyExistsException
		var notFound *sesv2types.NotFoundException
		switch {
		case isThrottle(err):
			e.Kind = apply.Throttled
		case errors.As(err, &exists), ae.ErrorCode() == "AlreadyExistsException":
			e.Kind = apply.AlreadyExists
		case errors.As(err, &notFound), ae.ErrorCode() == "NotFoundException":
			e.Kind = apply.NotFound
		}
		return e
	}
	return fmt.Errorf("%s: %w", op, err)
}

func kind(err error) apply.ErrorKind {
	var ae *apply.APIError
	if errors.As(err, &ae) {
		return ae.Kind
	}
	return apply.OtherError
}

// isThrottle reports the SDK's throttle codes (Throttling for SES v1,
// TooManyRequestsException for v2, and the rest) and HTTP 429, except
// LimitExceededException: SES v2 answers it for a 21st policy on an
// identity, a quota that no retry lifts.
func isThrottle(err error) bool {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		if ae.ErrorCode() == "LimitExceededException" {
			return false
		}
		if _, ok := retry.DefaultThrottleErrorCodes[ae.ErrorCode()]; ok {
			return true
		}
	}
	var status interface{ HTTPStatusCode() int }
	return errors.As(err, &status) && status.HTTPStatusCode() == http.StatusTooManyRequests
}
