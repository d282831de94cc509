package awsses

import (
	"errors"
	"fmt"
	"testing"

	sesv2types "github.com/aws/aws-sdk-go-v2/service/sesv2/types"
	"github.com/aws/smithy-go"

	"github.com/seslint/seslint/internal/apply"
)

func TestWrapKinds(t *testing.T) {
	for _, tc := range []struct {
		err  error
		code string
		kind apply.ErrorKind
	}{
		{&smithy.GenericAPIError{Code: "Throttling", Message: "Rate exceeded"}, "Throttling", apply.Throttled},
		{&sesv2types.TooManyRequestsException{Message: new(string)}, "TooManyRequestsException", apply.Throttled},
		// SES v2's answer to a 21st policy: a quota, not a rate.
		{&sesv2types.LimitExceededException{Message: new(string)}, "LimitExceededException", apply.OtherError},
		{&sesv2types.AlreadyExistsException{Message: new(string)}, "AlreadyExistsException", apply.AlreadyExists},
		{&sesv2types.NotFoundException{Message: new(string)}, "NotFoundException", apply.NotFound},
		{&smithy.GenericAPIError{Code: "InvalidPolicy", Message: "bad"}, "InvalidPolicy", apply.OtherError},
		// Wrapped, as the SDK returns them.
		{fmt.Errorf("operation error: %w", &smithy.GenericAPIError{Code: "Throttling"}), "Throttling", apply.Throttled},
	} {
		err := wrap("Op", tc.err)
		var ae *apply.APIError
		if !errors.As(err, &ae) {
			t.Errorf("wrap(%v) = %T; want *apply.APIError", tc.err, err)
			continue
		}
		if ae.Code != tc.code || ae.Kind != tc.kind || ae.Operation != "Op" {
			t.Errorf("wrap(%v) = %+v; want code %s, kind %d", tc.err, *ae, tc.code, tc.kind)
		}
	}
	if err := wrap("Op", errors.New("dial tcp: refused")); err.Error() != "Op: dial tcp: refused" {
		t.Errorf("a transport error = %v", err)
	}
	if wrap("Op", nil) != nil {
		t.Error("wrap(nil) is not nil")
	}
}
