// Package sesfake is an in-process fake of the Amazon SES v1 API (the Query
// protocol, version 2010-12-01) and of STS GetCallerIdentity, for tests of
// seslint apply. It stands in for a service the tests cannot reach, so it
// follows what SES documents; where SES documents no error code, the choice is
// marked in a comment with the evidence behind it (sources read November
// 2026).
//
// A Server is an http.Handler: start it with httptest.NewServer and point the
// SDK at it with BaseEndpoint. One endpoint serves both SES and STS, told apart
// by the Action and Version parameters, as the real Query protocol does.
//
//	fake := sesfake.New(sesfake.WithClock(clock.Now))
//	fake.AddIdentity("example.com", true)
//	srv := httptest.NewServer(fake)
//	defer srv.Close()
//
// The fake imports nothing but the standard library; only its tests use the
// AWS SDK.
package sesfake

import (
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// Defaults of a new Server.
const (
	DefaultAccount = "123456789012"
	DefaultRegion  = "us-east-1"
)

// Action names the fake serves.
const (
	PutIdentityPolicy                 = "PutIdentityPolicy"
	GetIdentityPolicies               = "GetIdentityPolicies"
	ListIdentityPolicies              = "ListIdentityPolicies"
	DeleteIdentityPolicy              = "DeleteIdentityPolicy"
	GetIdentityVerificationAttributes = "GetIdentityVerificationAttributes"
	GetCallerIdentity                 = "GetCallerIdentity"
)

// Error codes the fake returns. The SES API reference documents only
// InvalidPolicy for the policy operations; the others are the AWS Query
// protocol's common errors, chosen as explained where each is returned.
const (
	CodeInvalidPolicy         = "InvalidPolicy"         // HTTP 400; *types.InvalidPolicyException in the SDK
	CodeInvalidParameterValue = "InvalidParameterValue" // HTTP 400; common error
	CodeValidationError       = "ValidationError"       // HTTP 400; a constraint of the API model failed
	CodeThrottling            = "Throttling"            // HTTP 400; "Rate exceeded"
	CodeInvalidAction         = "InvalidAction"         // HTTP 400; common error
	CodeMissingAction         = "MissingAction"         // HTTP 400; common error
	CodeMissingAuthToken      = "MissingAuthenticationToken"
	CodeSignatureDoesNotMatch = "SignatureDoesNotMatch"
)

// Limits SES documents.
const (
	// MaxPolicyBytes: "The policy cannot exceed 4 KB" (PutIdentityPolicy).
	// Whether SES counts bytes or characters is unverified; the fake counts
	// the UTF-8 bytes of the text as sent, the stricter reading.
	MaxPolicyBytes = 4096
	// MaxPoliciesPerIdentity: SES Developer Guide, "Policy requirements".
	MaxPoliciesPerIdentity = 20
	// MaxPolicyNameLength: PutIdentityPolicy, "Length Constraints: Minimum
	// length of 1. Maximum length of 64."
	MaxPolicyNameLength = 64
	// MaxGetPolicyNames: GetIdentityPolicies, "You can retrieve a maximum of
	// 20 policies at a time."
	MaxGetPolicyNames = 20
	// MaxVerificationIdentities: GetIdentityVerificationAttributes "can only
	// get verification attributes for up to 100 identities at a time".
	MaxVerificationIdentities = 100
)

// Call is one request the fake received, in arrival order.
type Call struct {
	Action string
	// Params are the request's form parameters (Action and Version
	// included), without any credential or signature parameter. Headers,
	// and so the Authorization header, are never recorded.
	Params url.Values
	// Error is the error code the fake answered with, "" on success.
	Error string
}

// Option configures a Server.
type Option func(*Server)

// WithAccount sets the account ID that owns the identities (default
// 123456789012) and that GetCallerIdentity reports.
func WithAccount(id string) Option { return func(s *Server) { s.account = id } }

// WithRegion sets the region of the identities (default us-east-1). Requests
// signed for another region are refused, as the real endpoint refuses them.
func WithRegion(region string) Option { return func(s *Server) { s.region = region } }

// WithClock sets the clock the rate limit is measured with, so that tests
// never sleep. The default is time.Now. See Clock.
func WithClock(now func() time.Time) Option { return func(s *Server) { s.now = now } }

// WithRateLimited replaces the set of actions limited to one call per second
// per account. Each action has its own limit, as the API reference words it
// per operation ("You can execute this operation no more than once per
// second"). The default is PutIdentityPolicy and DeleteIdentityPolicy; the
// reference states the same limit for GetIdentityPolicies,
// ListIdentityPolicies and GetIdentityVerificationAttributes, so a test that
// wants reads paced too can name them here.
func WithRateLimited(actions ...string) Option {
	return func(s *Server) {
		s.rateLimited = make(map[string]bool, len(actions))
		for _, a := range actions {
			s.rateLimited[a] = true
		}
	}
}

// WithPolicyCheck installs a hook PutIdentityPolicy runs on every policy that
// passed the fake's own checks. A non-nil error rejects the policy with
// InvalidPolicy and the error's text as the message: use it for what only the
// real service can know, such as a principal that does not exist. The hook
// runs with the Server locked, so it must not call the Server's methods.
func WithPolicyCheck(check func(identity, policyName, policy string) error) Option {
	return func(s *Server) { s.policyCheck = check }
}

// Server is the fake. Its methods are safe for concurrent use.
type Server struct {
	account     string
	region      string
	now         func() time.Time
	rateLimited map[string]bool
	policyCheck func(identity, policyName, policy string) error

	mu         sync.Mutex
	identities map[string]*identity
	lastCall   map[string]time.Time  // action → time of the last call let through the rate limit
	failures   map[string][]apiError // action → injected failures, oldest first
	calls      []Call
}

type identity struct {
	verified bool
	policies map[string]string
}

// New returns a Server with no identities.
func New(opts ...Option) *Server {
	s := &Server{
		account:     DefaultAccount,
		region:      DefaultRegion,
		now:         time.Now,
		rateLimited: map[string]bool{PutIdentityPolicy: true, DeleteIdentityPolicy: true},
		identities:  map[string]*identity{},
		lastCall:    map[string]time.Time{},
		failures:    map[string][]apiError{},
	}
	for _, opt := range opts {
		opt(s)
	}
	return s
}

// AddIdentity adds an identity (an email address or a domain) owned by the
// account, verified or still pending verification. Adding an existing
// identity changes only its verification status.
func (s *Server) AddIdentity(name string, verified bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if id, ok := s.identities[name]; ok {
		id.verified = verified
		return
	}
	s.identities[name] = &identity{verified: verified, policies: map[string]string{}}
}

// SetPolicy stores a policy on an identity as it is, bypassing every check,
// the rate limit and the call log: for setting up the state a test starts
// from. It panics if the identity was not added.
func (s *Server) SetPolicy(identityName, policyName, policy string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	id, ok := s.identities[identityName]
	if !ok {
		panic(fmt.Sprintf("sesfake: SetPolicy on identity %q, which was never added", identityName))
	}
	id.policies[policyName] = policy
}

// Policies returns a copy of the policies on an identity (by name, not ARN),
// policy name → stored text, or nil if the identity does not exist. The text
// is as SES would return it: see PutIdentityPolicy.
func (s *Server) Policies(identityName string) map[string]string {
	s.mu.Lock()
	defer s.mu.Unlock()
	id, ok := s.identities[identityName]
	if !ok {
		return nil
	}
	return maps.Clone(id.policies)
}

// FailNext makes the next call of action fail with the given error code and
// message, before any other check and without changing any state or using
// the rate limit. Calls queue: FailNext three times and the next three calls
// of action fail, in order. The HTTP status is 500 for InternalFailure, 503
// for ServiceUnavailable, 400 otherwise, as in the AWS common errors.
func (s *Server) FailNext(action, code, message string) {
	status := http.StatusBadRequest
	switch code {
	case "InternalFailure":
		status = http.StatusInternalServerError
	case "ServiceUnavailable":
		status = http.StatusServiceUnavailable
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failures[action] = append(s.failures[action], apiError{status: status, code: code, message: message})
}

// Calls returns every request received so far, in order, whatever its outcome.
func (s *Server) Calls() []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Call, len(s.calls))
	for i, c := range s.calls {
		out[i] = Call{Action: c.Action, Params: cloneValues(c.Params), Error: c.Error}
	}
	return out
}

// WriteCalls counts the PutIdentityPolicy and DeleteIdentityPolicy requests
// received so far, whatever their outcome: zero means nothing tried to write.
func (s *Server) WriteCalls() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, c := range s.calls {
		if c.Action == PutIdentityPolicy || c.Action == DeleteIdentityPolicy {
			n++
		}
	}
	return n
}

// Clock is a manual clock for WithClock: it stands still until advanced.
// Advance has the shape of a sleep function, so code that paces its calls
// can be given clock.Advance instead of time.Sleep.
type Clock struct {
	mu sync.Mutex
	t  time.Time
}

// NewClock returns a Clock reading t.
func NewClock(t time.Time) *Clock { return &Clock{t: t} }

// Now returns the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Advance moves the clock forward by d.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func cloneValues(v url.Values) url.Values {
	out := make(url.Values, len(v))
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	return out
}

// withoutCredentials drops the parameters that carry credentials or a
// signature in query-string authentication (SigV4 presigning and SigV2).
func withoutCredentials(form url.Values) url.Values {
	out := url.Values{}
	for k, vs := range form {
		switch {
		case strings.HasPrefix(strings.ToLower(k), "x-amz-"),
			k == "AWSAccessKeyId", k == "Signature", k == "SignatureMethod",
			k == "SignatureVersion", k == "SecurityToken":
			continue
		}
		out[k] = append([]string(nil), vs...)
	}
	return out
}
