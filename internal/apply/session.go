package apply

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
)

// Session reads and writes through an SES client, paced and retried: at most
// one write per second across the session, each read operation at most once
// per second, and throttling retried with backoff. Its methods are not safe
// for concurrent use.
type Session struct {
	ses SES
	c   *caller
}

// NewSession wraps a client; a nil clock is the wall clock.
func NewSession(ses SES, clock Clock) *Session {
	return &Session{ses: ses, c: newCaller(clock)}
}

// Read reads the caller's account and the state of the identities: whether
// each exists and is verified, and the policies on the verified ones. It
// makes read calls only.
func (s *Session) Read(ctx context.Context, identities []string) (*State, error) {
	st := &State{Identities: map[string]*IdentityState{}}
	var err error
	if _, err = s.c.do(ctx, accountSlot, func() (e error) {
		st.Account, e = s.ses.CallerAccount(ctx)
		return e
	}); err != nil {
		return nil, fmt.Errorf("reading the caller's account: %w", err)
	}
	ids := slices.Clone(identities)
	slices.Sort(ids)
	ids = slices.Compact(ids)
	var statuses map[string]IdentityStatus
	for chunk := range slices.Chunk(ids, 100) {
		var got map[string]IdentityStatus
		if _, err = s.c.do(ctx, statusSlot, func() (e error) {
			got, e = s.ses.IdentityStatus(ctx, chunk)
			return e
		}); err != nil {
			return nil, fmt.Errorf("reading the verification status of the identities: %w", err)
		}
		if statuses == nil {
			statuses = map[string]IdentityStatus{}
		}
		for k, v := range got {
			statuses[k] = v
		}
	}
	for _, id := range ids {
		is := &IdentityState{}
		st.Identities[id] = is
		status, ok := statuses[id]
		if !ok {
			continue
		}
		is.Exists, is.Verified, is.Status = true, status.Verified, status.Status
		if !is.Verified {
			continue
		}
		var names []string
		if _, err = s.c.do(ctx, listSlot, func() (e error) {
			names, e = s.ses.ListPolicies(ctx, id)
			return e
		}); err != nil {
			return nil, fmt.Errorf("listing the policies of %s: %w", id, err)
		}
		slices.Sort(names)
		is.Policies = map[string]string{}
		for chunk := range slices.Chunk(names, 20) {
			var got map[string]string
			if _, err = s.c.do(ctx, getSlot, func() (e error) {
				got, e = s.ses.GetPolicies(ctx, id, chunk)
				return e
			}); err != nil {
				return nil, fmt.Errorf("reading the policies of %s: %w", id, err)
			}
			for k, v := range got {
				is.Policies[k] = v
			}
		}
	}
	return st, nil
}

// Status is the outcome of one change.
type Status string

const (
	// Applied: the call succeeded.
	Applied Status = "applied"
	// Skipped: nothing to do (unchanged, or unmanaged without --prune).
	Skipped Status = "skipped"
	// Failed: the call failed; Result says why.
	Failed Status = "failed"
	// NotAttempted: the run stopped before this change (interrupted, or
	// SES could not be reached).
	NotAttempted Status = "not-attempted"
)

// Result is the outcome of one change of a plan.
type Result struct {
	Status Status
	// Attempts counts the calls made, retries of throttling included.
	Attempts int
	// Code and Message are AWS's, for an API error; Message alone for
	// another error.
	Code    string
	Message string
	// Note explains a failure or a success out of the ordinary.
	Note string
}

// Summary counts results by status.
func Summary(results []Result) map[Status]int {
	m := map[Status]int{}
	for _, r := range results {
		m[r.Status]++
	}
	return m
}

// Apply carries out the plan's pending changes and returns one result per
// change, in the plan's order. For each identity it deletes first, then
// updates, then creates, so that an identity at SES's limit of 20 can take a
// policy that replaces a pruned one, and access is taken away before it is
// granted. An API error fails its change and the run goes on; any other
// error (SES unreachable, the run interrupted) fails its change and leaves
// the rest not attempted. A plan with problems is not applied at all.
func (s *Session) Apply(ctx context.Context, p *Plan) []Result {
	results := make([]Result, len(p.Changes))
	if len(p.Problems) > 0 || p.Offline {
		for i := range results {
			results[i] = Result{Status: NotAttempted, Note: "the plan cannot be applied"}
		}
		return results
	}
	stopped := false
	for _, i := range executionOrder(p.Changes) {
		c := &p.Changes[i]
		if !c.Pending() {
			results[i] = Result{Status: Skipped}
			continue
		}
		if stopped {
			results[i] = Result{Status: NotAttempted, Note: "not attempted after an earlier failure to reach SES"}
			continue
		}
		r := s.apply(ctx, c)
		results[i] = r
		if r.Status == Failed && r.Code == "" {
			stopped = true
		}
	}
	return results
}

func (s *Session) apply(ctx context.Context, c *Change) Result {
	attempts, err := s.c.do(ctx, writeSlot, func() error {
		if c.Action == Delete {
			return s.ses.DeletePolicy(ctx, c.Identity, c.Name)
		}
		return s.ses.PutPolicy(ctx, c.Identity, c.Name, c.Policy, c.Action == Update)
	})
	r := Result{Status: Applied, Attempts: attempts}
	if err == nil {
		return r
	}
	ae, isAPI := asAPIError(err)
	switch {
	case isAPI && c.Action == Delete && ae.Kind == NotFound:
		r.Note = "the policy was already gone"
		return r
	case isAPI:
		r.Code, r.Message = ae.Code, ae.Message
		switch {
		case ae.Kind == AlreadyExists && c.Action == Create:
			r.Note = "the policy was created on SES after the plan was made; run apply again to see the new plan"
		case ae.Kind == NotFound && c.Action == Update:
			r.Note = "the policy was deleted from SES after the plan was made; run apply again to see the new plan"
		case ae.Kind == Throttled:
			r.Note = fmt.Sprintf("still throttled after %d attempts", attempts)
		}
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		r.Message = "interrupted"
		if attempts == 0 {
			return Result{Status: NotAttempted, Note: "interrupted"}
		}
	default:
		r.Message = err.Error()
	}
	r.Status = Failed
	return r
}

// executionOrder orders the pending changes per identity: deletes, updates,
// creates, each by name.
func executionOrder(changes []Change) []int {
	rank := map[Action]int{Delete: 0, Update: 1, Create: 2, Unchanged: 3, Unmanaged: 3}
	order := make([]int, len(changes))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		ca, cb := &changes[a], &changes[b]
		return cmp.Or(cmp.Compare(ca.Identity, cb.Identity), cmp.Compare(rank[ca.Action], rank[cb.Action]), cmp.Compare(ca.Name, cb.Name))
	})
	return order
}

func asAPIError(err error) (*APIError, bool) {
	var ae *APIError
	if errors.As(err, &ae) {
		return ae, true
	}
	return nil, false
}
