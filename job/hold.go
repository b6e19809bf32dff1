//go:build !testhooks

package job

// hold is a no-op outside binaries built with -tags testhooks (see
// hold_testhooks.go).
func hold(input, file string) {}
