package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCheck: `check` scores files and folders on the spot, as a run would,
// stores nothing, and answers with its exit code.
func TestCheck(t *testing.T) {
	input := seedsCopy(t)
	var all checkJSON
	code, stdout, stderr := run(t, "check", "--format", "json", input)
	if code != exitOK {
		t.Fatalf("check DIR: exit %d\n%s", code, stderr)
	}
	if err := json.Unmarshal([]byte(stdout), &all); err != nil {
		t.Fatalf("%v\n%s", err, stdout)
	}
	if len(all.Articles) != 5 || len(all.Skipped) != 0 {
		t.Fatalf("check DIR: %d articles, %d skipped", len(all.Articles), len(all.Skipped))
	}
	// One file alone scores as it does in its folder (the folder's
	// manifest gives it its outlet, date and story).
	one := all.Articles[2]
	var single checkJSON
	code, stdout, _ = run(t, "check", "--format", "json", filepath.FromSlash(one.File))
	if code != exitOK || json.Unmarshal([]byte(stdout), &single) != nil || len(single.Articles) != 1 {
		t.Fatalf("check FILE: exit %d\n%s", code, stdout)
	}
	if s := single.Articles[0]; s.Score == nil || one.Score == nil || *s.Score != *one.Score || s.Status != "scored" || s.Outlet != one.Outlet || s.Story != one.Story || len(s.Findings) != len(one.Findings) {
		t.Errorf("alone %+v\nin its folder %+v", s, one)
	}
	if one.Story == "" || one.Outlet == "(unknown)" {
		t.Errorf("the manifest did not reach the article: %+v", one)
	}
	// --fail-below: exit 1 when one scores below.
	lowest := 100.0
	for _, a := range all.Articles {
		lowest = min(lowest, *a.Score)
	}
	if code, _, _ := run(t, "check", "--fail-below", "0.1", input); code != exitOK {
		t.Errorf("--fail-below 0.1: exit %d", code)
	}
	code, stdout, stderr = run(t, "check", "--fail-below", "99.9", input)
	if code != exitFailed || !strings.Contains(stderr, "below 99.9 (--fail-below)") || !strings.Contains(stdout, "5 articles scored, 0 skipped, ") {
		t.Errorf("--fail-below 99.9 (lowest %.1f): exit %d\n%s%s", lowest, code, stdout, stderr)
	}
	// An article no rule can score says so, with no score, and is never
	// "below" a threshold.
	short := filepath.Join(t.TempDir(), "kurz.txt")
	os.WriteFile(short, []byte("Kurz notiert: Am Montag tagt der Rat.\n"), 0o644)
	code, stdout, stderr = run(t, "check", "--fail-below", "50", short)
	if code != exitOK || !strings.Contains(stdout, "kurz.txt  (unknown)  not scored: language not detected  (no story, language unknown)\n") {
		t.Errorf("an article not scored: exit %d\n%s%s", code, stdout, stderr)
	}
	var shortJSON checkJSON
	if _, stdout, _ = run(t, "check", "--format", "json", short); json.Unmarshal([]byte(stdout), &shortJSON) != nil ||
		len(shortJSON.Articles) != 1 || shortJSON.Articles[0].Score != nil || shortJSON.Articles[0].Status != "not scored: language not detected" {
		t.Errorf("an article not scored, JSON: %s", stdout)
	}
	// A file that cannot be scored: exit 1, named. A missing path: exit 2.
	bin := filepath.Join(input, "zz.txt")
	os.WriteFile(bin, []byte("\x00\x01\x02\x03"), 0o644)
	code, stdout, _ = run(t, "check", bin)
	if code != exitFailed || !strings.Contains(stdout, "skipped "+bin+": ") {
		t.Errorf("binary file: exit %d\n%s", code, stdout)
	}
	if code, _, _ := run(t, "check", filepath.Join(input, "gone.txt")); code != exitUsage {
		t.Errorf("missing file: exit %d, want 2", code)
	}
	if code, _, _ := run(t, "check"); code != exitUsage {
		t.Errorf("no path: exit %d, want 2", code)
	}
	// Nothing stored: no database, no report folder beside the input or here.
	for _, p := range []string{"out", filepath.Join(input, "out")} {
		if _, err := os.Stat(p); err == nil {
			t.Errorf("check made %s", p)
		}
	}
}
