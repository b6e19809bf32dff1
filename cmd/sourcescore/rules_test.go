package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRulesTest_Builtin(t *testing.T) {
	code, stdout, stderr := run(t, "rules", "test")
	if code != exitOK {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	if !strings.HasSuffix(stdout, " passed, 0 failed\n") {
		t.Errorf("no summary line:\n%s", stdout)
	}
}

func TestRulesTest_BrokenExampleFailsWithADiff(t *testing.T) {
	dir := t.TempDir()
	if code, _, stderr := run(t, "rules", "init", dir); code != exitOK {
		t.Fatal(stderr)
	}
	path := filepath.Join(dir, "translation.yaml")
	data, _ := os.ReadFile(path)
	broken := bytes.Replace(data, []byte("evidence: [Herrn Peskow, Herr Musk, Herrn Trump]"), []byte("evidence: [Herrn Peskow, Herr Musk]"), 1)
	if bytes.Equal(broken, data) {
		t.Fatal("the honorific example was not found to break")
	}
	os.WriteFile(path, broken, 0o644)
	code, stdout, stderr := run(t, "rules", "test", "--rules", dir)
	if code != exitFailed {
		t.Errorf("exit %d, want 1", code)
	}
	want := `FAIL  translation.honorific
      ` + path + `:`
	if !strings.Contains(stdout, want) {
		t.Errorf("output lacks %q:\n%s", want, stdout)
	}
	for _, want := range []string{
		`-want evidence ["Herrn Peskow", "Herr Musk"]`,
		`+got  evidence ["Herrn Peskow", "Herr Musk", "Herrn Trump"]`,
		" passed, 1 failed\n",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
	if !strings.Contains(stderr, "rule examples failed") {
		t.Errorf("stderr: %q", stderr)
	}
}
