package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestGenDocs: make docs writes a man page per command with its flags, and
// completion scripts that the shells accept; completion itself comes from
// the command tree (cobra's __complete), so it offers each command's flags.
func TestGenDocs(t *testing.T) {
	out := t.TempDir()
	code, stdout, stderr := run(t, "gen-docs", "--out", out)
	if code != exitOK {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	for _, c := range commands() {
		page := filepath.Join(out, "man", "sourcescore-"+strings.ReplaceAll(c.path, " ", "-")+".1")
		data, err := os.ReadFile(page)
		if err != nil {
			t.Errorf("%s: no man page: %v", c.path, err)
			continue
		}
		if !strings.Contains(string(data), ".SH EXAMPLE") {
			t.Errorf("%s: the man page has no examples", c.path)
		}
	}
	if data, _ := os.ReadFile(filepath.Join(out, "man", "sourcescore-check.1")); !strings.Contains(string(data), "fail-below") {
		t.Error("sourcescore-check.1 lacks --fail-below")
	}
	for shell, file := range map[string]string{"bash": "sourcescore.bash", "zsh": "_sourcescore", "fish": "sourcescore.fish"} {
		path := filepath.Join(out, "completion", file)
		if _, err := os.Stat(path); err != nil {
			t.Errorf("%s: %v", shell, err)
			continue
		}
		if _, err := exec.LookPath(shell); err != nil {
			t.Logf("%s is not installed: its script is not syntax-checked", shell)
			continue
		}
		if out, err := exec.Command(shell, "-n", path).CombinedOutput(); err != nil {
			t.Errorf("%s -n %s: %v\n%s", shell, file, err, out)
		}
	}
	code, stdout, _ = run(t, "__complete", "rules", "check", "--st")
	if code != exitOK || !strings.Contains(stdout, "--stories") {
		t.Errorf("completion of rules check --st: exit %d\n%s", code, stdout)
	}
	code, stdout, _ = run(t, "__complete", "ru")
	if code != exitOK || !strings.Contains(stdout, "run") || !strings.Contains(stdout, "rules") {
		t.Errorf("completion of ru: exit %d\n%s", code, stdout)
	}
}
