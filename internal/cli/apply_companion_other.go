//go:build !unix

package cli

import "errors"

// replaceProcess is not available here: seslint runs the program as a
// child instead.
func replaceProcess(string, []string) error { return errors.ErrUnsupported }
