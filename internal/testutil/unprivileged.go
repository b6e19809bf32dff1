package testutil

import (
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"
)

// childEnv names the test a child process of RunWithoutDACOverride runs.
const childEnv = "SOURCESCORE_TEST_WITHOUT_DAC_OVERRIDE"

// RunWithoutDACOverride lets a test see file modes hold as an ordinary
// user sees them. Root lists and reads files whatever their modes say
// (the capabilities CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH), so a test
// of an unreadable folder means nothing when it runs as root. As root,
// RunWithoutDACOverride runs the calling test again in a child process of
// the test binary started through setpriv(1) without those two
// capabilities, fails or skips the test as the child did, and returns
// true: the caller must then return at once. Otherwise (not root, or in
// that child) it returns false, and the caller runs its test. Without
// setpriv, or where it may not drop capabilities, the test is skipped with
// the reason.
func RunWithoutDACOverride(t *testing.T) bool {
	t.Helper()
	if os.Geteuid() != 0 || os.Getenv(childEnv) == t.Name() {
		return false
	}
	setpriv, err := exec.LookPath("setpriv")
	if err != nil {
		t.Skip("running as root and setpriv(1) is not installed: file modes cannot be made to hold")
	}
	parts := strings.Split(t.Name(), "/")
	for i, p := range parts {
		parts[i] = "^" + regexp.QuoteMeta(p) + "$"
	}
	caps := "-dac_override,-dac_read_search"
	cmd := exec.Command(setpriv, "--inh-caps="+caps, "--bounding-set="+caps,
		os.Args[0], "-test.run="+strings.Join(parts, "/"), "-test.v", "-test.count=1", "-test.timeout=5m")
	cmd.Env = append(os.Environ(), childEnv+"="+t.Name())
	out, err := cmd.CombinedOutput()
	switch {
	case !strings.Contains(string(out), "=== RUN"):
		t.Skipf("running as root, and setpriv could not drop the capabilities that override file modes: %v\n%s", err, out)
	case err != nil:
		t.Fatalf("the test, run without the capabilities that override file modes, failed: %v\n%s", err, out)
	case strings.Contains(string(out), "--- SKIP"):
		t.Skipf("the test, run without the capabilities that override file modes, was skipped:\n%s", out)
	}
	t.Logf("run in a child process without the capabilities that override file modes:\n%s", out)
	return true
}
