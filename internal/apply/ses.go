// Package apply plans and applies SES sending-authorization policies: it
// compares the policies in the files with those on each identity, shows a
// plan (create, update, unchanged, delete) with a normalised diff and the
// changes that widen access, and carries it out through a small SES
// interface, paced to SES's one call per second and retrying throttling.
//
// The plan is a pure function of the files and of the state read from SES;
// the runner takes its clock from the caller, so tests never sleep. Only
// package awsses, the adapter to the AWS SDK, talks to AWS.
package apply

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// API is the SES API a plan is carried out with.
type API string

const (
	// V1 is SES v1 (PutIdentityPolicy, which creates or replaces).
	V1 API = "v1"
	// V2 is SES v2 (CreateEmailIdentityPolicy and
	// UpdateEmailIdentityPolicy, which fail when the policy does or does not
	// exist).
	V2 API = "v2"
)

// ParseAPI reads "v1" or "v2".
func ParseAPI(s string) (API, error) {
	switch API(s) {
	case V1, V2:
		return API(s), nil
	}
	return "", fmt.Errorf("unknown API %q: want v1 or v2", s)
}

// ConnectOptions choose the API and where to call it: what a connection to
// SES (package awsses) needs of the command line. They live here, not in
// awsses, so that the command line names them without linking the AWS SDK.
type ConnectOptions struct {
	API API
	// Region and Profile override the SDK's defaults when set.
	Region, Profile string
}

// ErrNoRegion is returned by a connection when no region is configured
// anywhere.
var ErrNoRegion = errors.New("no AWS region: pass --region, or set AWS_REGION or a region in the profile")

// SES is what apply needs of the service. Identities are names ("example.com",
// "sender@example.com"), never ARNs. Errors from the service are *APIError.
type SES interface {
	// Region is the region the client calls.
	Region() string
	// CallerAccount is the account of the credentials (STS GetCallerIdentity).
	CallerAccount(ctx context.Context) (string, error)
	// IdentityStatus reports the identities of the account in the region
	// among names; an identity that does not exist is left out.
	IdentityStatus(ctx context.Context, names []string) (map[string]IdentityStatus, error)
	// ListPolicies returns the names of the policies on an identity.
	ListPolicies(ctx context.Context, identity string) ([]string, error)
	// GetPolicies returns the named policies that exist, name → text.
	GetPolicies(ctx context.Context, identity string, names []string) (map[string]string, error)
	// PutPolicy creates a policy (exists false) or replaces one (exists
	// true). SES v1 does both with one call; v2 has one call for each.
	PutPolicy(ctx context.Context, identity, name, policy string, exists bool) error
	// DeletePolicy deletes a policy.
	DeletePolicy(ctx context.Context, identity, name string) error
}

// IdentityStatus is an identity's verification status.
type IdentityStatus struct {
	// Verified is true when the identity can carry policies.
	Verified bool
	// Status is the status as SES words it ("Success", "Pending",
	// "PENDING", ...).
	Status string
}

// ErrorKind sorts the API errors apply treats specially.
type ErrorKind int

const (
	// OtherError is any other error of the service.
	OtherError ErrorKind = iota
	// Throttled is a rate-limit error; the call is retried with backoff.
	Throttled
	// AlreadyExists is SES v2's answer to creating a policy that exists.
	AlreadyExists
	// NotFound is SES v2's answer to updating or deleting a policy (or
	// reading an identity) that does not exist.
	NotFound
)

// APIError is an error answered by the service, with its code and message as
// AWS wrote them.
type APIError struct {
	// Operation is the API operation ("PutIdentityPolicy").
	Operation string
	Code      string
	Message   string
	Kind      ErrorKind
}

func (e *APIError) Error() string {
	if e.Message == "" {
		return e.Operation + ": " + e.Code
	}
	return e.Operation + ": " + e.Code + ": " + e.Message
}

// Clock is the time source of pacing and backoff. Tests pass a manual clock
// whose Sleep advances it.
type Clock interface {
	Now() time.Time
	// Sleep waits for d or until ctx is done, and returns ctx.Err() then.
	Sleep(ctx context.Context, d time.Duration) error
}

// RealClock is the wall clock.
type RealClock struct{}

// Now returns time.Now().
func (RealClock) Now() time.Time { return time.Now() }

// Sleep waits d or until ctx is done.
func (RealClock) Sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// CallInterval is SES's limit for each policy operation: "You can execute
// this operation no more than once per second" (API reference of
// PutIdentityPolicy, DeleteIdentityPolicy, GetIdentityPolicies,
// ListIdentityPolicies, and the v2 policy operations).
const CallInterval = time.Second

// Retry schedule for throttling: 1s, 2s, 4s, 8s, 16s, then give up. There is
// no jitter: apply paces itself, so a throttle means another client shares
// the account's allowance, and a fixed schedule keeps tests exact.
const (
	retryBase   = time.Second
	maxRetries  = 5
	writeSlot   = "write"
	statusSlot  = "IdentityStatus"
	listSlot    = "ListPolicies"
	getSlot     = "GetPolicies"
	accountSlot = "" // STS is not paced
)

// caller paces calls and retries throttled ones. Writes (creates, updates
// and deletes alike) share one slot, so the whole run makes at most one
// write per second; each read operation has its own slot.
type caller struct {
	clock Clock
	last  map[string]time.Time
}

func newCaller(c Clock) *caller {
	if c == nil {
		c = RealClock{}
	}
	return &caller{clock: c, last: map[string]time.Time{}}
}

// do runs f in slot, waiting for the slot's interval and retrying throttling
// with backoff. It returns the number of attempts made.
func (c *caller) do(ctx context.Context, slot string, f func() error) (int, error) {
	attempts := 0
	for {
		if err := c.wait(ctx, slot); err != nil {
			return attempts, err
		}
		attempts++
		err := f()
		if !IsThrottled(err) || attempts > maxRetries {
			return attempts, err
		}
		if err := c.clock.Sleep(ctx, retryBase<<(attempts-1)); err != nil {
			return attempts, err
		}
	}
}

func (c *caller) wait(ctx context.Context, slot string) error {
	if slot == accountSlot {
		return ctx.Err()
	}
	if last, ok := c.last[slot]; ok {
		if d := last.Add(CallInterval).Sub(c.clock.Now()); d > 0 {
			if err := c.clock.Sleep(ctx, d); err != nil {
				return err
			}
		}
	}
	c.last[slot] = c.clock.Now()
	return ctx.Err()
}

// IsThrottled reports a throttling error of the service.
func IsThrottled(err error) bool { return kindOf(err) == Throttled }

func kindOf(err error) ErrorKind {
	if ae, ok := asAPIError(err); ok {
		return ae.Kind
	}
	return OtherError
}
