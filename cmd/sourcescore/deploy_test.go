package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"
)

// TestDeploy_CommandLines: every sourcescore command line in deploy/ and
// the Dockerfile uses only flags that exist, with values they accept.
func TestDeploy_CommandLines(t *testing.T) {
	root := filepath.Join("..", "..")
	var lines [][]string
	add := func(from string, args []string) {
		if len(args) == 0 {
			t.Errorf("%s: no command line found", from)
			return
		}
		lines = append(lines, append([]string{from}, args...))
	}
	// systemd: ExecStart=, with \ continuations and '...' quoting.
	units, _ := filepath.Glob(filepath.Join(root, "deploy", "systemd", "*.service"))
	for _, u := range units {
		data, err := os.ReadFile(u)
		if err != nil {
			t.Fatal(err)
		}
		text := strings.ReplaceAll(string(data), "\\\n", " ")
		m := regexp.MustCompile(`(?m)^ExecStart=/usr/local/bin/sourcescore (.*)$`).FindStringSubmatch(text)
		if m == nil {
			t.Errorf("%s: no ExecStart", u)
			continue
		}
		add(u, shellWords(m[1]))
	}
	// compose and Kubernetes: the command or args list.
	for _, f := range []string{"compose.yaml", filepath.Join("kubernetes", "cronjob.yaml")} {
		data, err := os.ReadFile(filepath.Join(root, "deploy", f))
		if err != nil {
			t.Fatal(err)
		}
		var doc any
		if err := yaml.Unmarshal(data, &doc); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		var found []string
		var walk func(v any)
		walk = func(v any) {
			switch x := v.(type) {
			case map[string]any:
				for k, e := range x {
					if l, ok := e.([]any); ok && (k == "command" || k == "args") {
						for _, a := range l {
							found = append(found, a.(string))
						}
						continue
					}
					walk(e)
				}
			case []any:
				for _, e := range x {
					walk(e)
				}
			}
		}
		walk(doc)
		add(f, found)
	}
	// The Dockerfile's default command, a JSON array over continued lines.
	data, err := os.ReadFile(filepath.Join(root, "Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	text := strings.ReplaceAll(string(data), "\\\n", " ")
	if m := regexp.MustCompile(`(?m)^CMD (\[.*\])$`).FindStringSubmatch(text); m == nil {
		t.Error("Dockerfile: no CMD")
	} else {
		var args []string
		if err := json.Unmarshal([]byte(m[1]), &args); err != nil {
			t.Fatalf("Dockerfile CMD: %v", err)
		}
		add("Dockerfile", args)
	}
	// Each is run with its paths moved under a folder that does not exist:
	// past its flags, it stops at the first missing path (exit 2, nothing
	// made), whereas a flag that does not exist or a bad value is a usage
	// error that points at --help.
	gone := filepath.Join(t.TempDir(), "gone")
	for _, l := range lines {
		from, args := l[0], slices.Clone(l[1:])
		for i, a := range args {
			if strings.HasPrefix(a, "/") {
				args[i] = filepath.Join(gone, a)
			}
		}
		code, stdout, stderr := run(t, args...)
		if code != exitUsage || strings.Contains(stderr, "--help)") || !strings.Contains(stderr, gone) {
			t.Errorf("%s: sourcescore %s: exit %d, want 2 at a missing path\n%s%s", from, strings.Join(args, " "), code, stdout, stderr)
		}
	}
	if _, err := os.Stat(gone); err == nil {
		t.Error("a command line made files under the missing folder")
	}
	if len(lines) < 5 {
		t.Errorf("only %d command lines found in deploy/ and the Dockerfile", len(lines))
	}
}

// shellWords splits a command line as a shell (and systemd) does for the
// quoting used in deploy/: spaces, and '...' around a word with spaces.
func shellWords(s string) []string {
	var out []string
	var b strings.Builder
	in, quoted := false, false
	for _, r := range s {
		switch {
		case r == '\'':
			quoted, in = !quoted, true
		case (r == ' ' || r == '\t') && !quoted:
			if in {
				out = append(out, b.String())
				b.Reset()
				in = false
			}
		default:
			b.WriteRune(r)
			in = true
		}
	}
	if in {
		out = append(out, b.String())
	}
	return out
}

// TestDeploy_InREADME: the README shows the deployment files as they are
// (after their leading comment lines), so the two cannot drift apart.
func TestDeploy_InREADME(t *testing.T) {
	root := filepath.Join("..", "..")
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"systemd/sourcescore.service", "systemd/sourcescore-run.service", "systemd/sourcescore-run.timer", "kubernetes/cronjob.yaml"} {
		data, err := os.ReadFile(filepath.Join(root, "deploy", f))
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
		for len(lines) > 0 && strings.HasPrefix(lines[0], "#") {
			lines = lines[1:]
		}
		if body := strings.Join(lines, "\n") + "\n"; !strings.Contains(string(readme), body) {
			t.Errorf("README.md does not show deploy/%s as it is:\n%s", f, body)
		}
	}
}
