package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sourcescore/internal/testutil"
	"sourcescore/job"
	"strings"
	"testing"
)

// run calls Run as main would and returns the exit code and both outputs.
func run(t testing.TB, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := Run(context.Background(), args, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

func TestRun_Help(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"run", "--help"}, {"rules", "--help"}, {"rules", "init", "--help"}, {"rules", "check", "--help"}} {
		code, out, _ := run(t, args...)
		if code != exitOK {
			t.Errorf("%v: exit %d, want 0", args, code)
		}
		for _, want := range []string{"Usage", "Examples"} {
			if !strings.Contains(out, want) {
				t.Errorf("%v: help has no %q:\n%s", args, want, out)
			}
		}
	}
}

func TestRun_UsageErrors(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{nil, "Usage"},
		{[]string{"frobnicate"}, `unknown command "frobnicate"`},
		{[]string{"run", "--bogus"}, "sourcescore run: unknown flag: --bogus (see sourcescore run --help)"},
		{[]string{"run", "--csv-delimiter", "|"}, `--csv-delimiter "|"`},
		{[]string{"run", "extra"}, "run takes no arguments"},
		{[]string{"rules"}, "rules needs a command"},
		{[]string{"rules", "init"}, "rules init takes one folder"},
		{[]string{"run", "--rules", "/nonexistent/rules"}, "rules folder /nonexistent/rules"},
	}
	for _, tt := range tests {
		code, _, stderr := run(t, tt.args...)
		if code != exitUsage {
			t.Errorf("%v: exit %d, want 2", tt.args, code)
		}
		if !strings.Contains(stderr, tt.want) {
			t.Errorf("%v: stderr %q does not say %q", tt.args, stderr, tt.want)
		}
	}
}

func TestRun_BadRuleFileRefusedBeforeReading(t *testing.T) {
	dir := t.TempDir()
	if code, _, stderr := run(t, "rules", "init", dir); code != exitOK {
		t.Fatalf("rules init: exit %d: %s", code, stderr)
	}
	path := filepath.Join(dir, "denial.yaml")
	data, _ := os.ReadFile(path)
	os.WriteFile(path, bytes.Replace(data, []byte("    weight: 1"), []byte("    wieght: 1"), 1), 0o644)
	out := t.TempDir()
	db := filepath.Join(out, "s.db")
	code, _, stderr := run(t, "run", "--input", seedsCopy(t), "--rules", dir, "--db", db, "--out", filepath.Join(out, "r"))
	if code != exitUsage {
		t.Fatalf("exit %d, want 2; stderr:\n%s", code, stderr)
	}
	if !regexp.MustCompile(`denial\.yaml:\d+:5: unknown key "wieght"\n\ttry: weight`).MatchString(stderr) {
		t.Errorf("stderr does not point at the typo:\n%s", stderr)
	}
	if _, err := os.Stat(db); err == nil {
		t.Error("the database was created although the rules were refused")
	}
	code, stdout, _ := run(t, "rules", "check", "--rules", dir)
	if code != exitUsage || !strings.Contains(stdout, `unknown key "wieght"`) {
		t.Errorf("rules check: exit %d, stdout %q; want 2 and the error", code, stdout)
	}
}

func TestRun_RulesInit(t *testing.T) {
	dir := t.TempDir()
	if code, _, stderr := run(t, "rules", "init", dir); code != exitOK {
		t.Fatalf("rules init: exit %d: %s", code, stderr)
	}
	if code, stdout, _ := run(t, "rules", "check", "--rules", dir); code != exitOK || !strings.Contains(stdout, ", 2 grade caps, ") ||
		!strings.Contains(stdout, ": ok") {
		t.Errorf("rules check of the written set: exit %d: %s", code, stdout)
	}
	if code, _, stderr := run(t, "rules", "init", dir); code != exitUsage || !strings.Contains(stderr, "--force") {
		t.Errorf("rules init over existing files: exit %d, %q; want 2 and a hint at --force", code, stderr)
	}
	if code, _, _ := run(t, "rules", "init", "--force", dir); code != exitOK {
		t.Errorf("rules init --force: exit %d", code)
	}
}

func TestRun_SeedsWithABinaryFile(t *testing.T) {
	input := seedsCopy(t)
	os.WriteFile(filepath.Join(input, "photo.txt"), []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), 0o644)
	out := t.TempDir()
	code, stdout, stderr := run(t, "run", "--input", input, "--db", filepath.Join(out, "s.db"), "--out", filepath.Join(out, "r"), "--csv-delimiter", ";", "--csv-bom")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"5 articles scored, 1 skipped", "ddbnews.org", "(unknown)", "skipped photo.txt: ", "Reports:"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
	data, err := os.ReadFile(filepath.Join(out, "r", "latest", "skipped.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(data, []byte("\xEF\xBB\xBFrun_id;file;reason")) || !bytes.Contains(data, []byte("photo.txt;")) {
		t.Errorf("skipped.csv with ';' and BOM:\n%q", data)
	}
}

// TestRun_NotScoredCountedApart: an article no rule can score (its
// language is not detected) is not among the articles scored; the summary
// and the outlet table count it apart and say why.
func TestRun_NotScoredCountedApart(t *testing.T) {
	input := seedsCopy(t)
	if err := os.WriteFile(filepath.Join(input, "kurz.txt"), []byte("Kurz notiert: Am Montag tagt der Rat.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	code, stdout, stderr := run(t, "run", "--input", input, "--db", filepath.Join(out, "s.db"), "--out", filepath.Join(out, "r"))
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{
		"Run 1: 5 articles scored, 1 not scored, 0 skipped",
		"\n(unknown)           1 (+1 not scored)  79.9   C",
		"\n1 article not scored: language not detected (kurz.txt)\n",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
}

// TestRun_Timings: --timings writes where the time went, every stage of
// a run that scored articles measured; a rerun that reuses them all spends
// nothing on the rules.
func TestRun_Timings(t *testing.T) {
	input, out := seedsCopy(t), t.TempDir()
	args := []string{"run", "--input", input, "--db", filepath.Join(out, "s.db"), "--out", filepath.Join(out, "r")}
	read := func(file string) job.StageTimes {
		t.Helper()
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var st job.StageTimes
		if err := json.Unmarshal(data, &st); err != nil {
			t.Fatalf("%s: %v\n%s", file, err, data)
		}
		return st
	}
	first := filepath.Join(out, "first.json")
	if code, _, stderr := run(t, append(args, "--timings", first)...); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	st := read(first)
	if st.Articles != 5 || st.Reused != 0 || st.Workers < 1 {
		t.Errorf("timings %+v: want 5 articles, none reused, workers", st)
	}
	for name, v := range map[string]float64{"read": st.Read, "decode": st.Decode, "extract": st.Extract, "rules": st.Rules,
		"scoring": st.Scoring, "rows": st.Rows, "store": st.Store, "reports": st.Reports, "wall": st.Wall} {
		if v <= 0 {
			t.Errorf("%s: %v s, want a measured time: %+v", name, v, st)
		}
	}
	again := filepath.Join(out, "again.json")
	if code, _, stderr := run(t, append(args, "--timings", again)...); code != exitOK {
		t.Fatalf("rerun: exit %d: %s", code, stderr)
	}
	if st := read(again); st.Reused != 5 || st.Rules != 0 || st.Decode != 0 || st.Reuse <= 0 || st.Rows <= 0 {
		t.Errorf("rerun timings %+v: want 5 reused (their rows encoded again), no rules or decoding", st)
	}
	if code, _, stderr := run(t, append(args, "--timings", filepath.Join(out, "missing", "t.json"))...); code != exitUsage || !strings.Contains(stderr, "--timings") {
		t.Errorf("--timings into a missing folder: exit %d, %q; want 2, before the run", code, stderr)
	}
	if dirs, _ := filepath.Glob(filepath.Join(out, "r", "run-*")); len(dirs) != 2 {
		t.Errorf("report folders after the refused run: %v, want the 2 of the runs before", dirs)
	}
}

// TestMain_Process runs the real binary as a process: the exit codes are the
// ones a cron job or a monitor sees.
func TestMain_Process(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "sourcescore")
	// As make build does: the version and commit come from git there.
	build := exec.Command("go", "build", "-ldflags", "-X main.Version=v9.9.9-test -X main.Commit=0123abcd -X main.CommitTime=2026-01-02T03:04:05Z", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	for _, arg := range []string{"version", "--version"} {
		v, err := exec.Command(bin, arg).Output()
		if err != nil {
			t.Fatalf("%s: %v", arg, err)
		}
		if !regexp.MustCompile(`^sourcescore v9\.9\.9-test\ncommit 0123abcd \(2026-01-02T03:04:05Z\)\ngo1\.\d+\S* \w+/\w+, SQLite 3\.\d+\.\d+\n$`).Match(v) {
			t.Errorf("%s:\n%s", arg, v)
		}
	}
	out := t.TempDir()
	cmd := exec.Command(bin, "run", "--input", seedsCopy(t), "--db", filepath.Join(out, "s.db"), "--out", filepath.Join(out, "r"))
	stdout, err := cmd.Output()
	if err != nil {
		t.Fatalf("run: %v", err)
	}
	if !strings.Contains(string(stdout), "5 articles scored") {
		t.Errorf("stdout:\n%s", stdout)
	}
	err = exec.Command(bin, "run", "--workers", "-1").Run()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != exitUsage {
		t.Errorf("bad flag: %v, want exit 2", err)
	}
}

// seedsCopy copies the seeds into a temporary input folder.
func seedsCopy(t testing.TB) string { return testutil.CopyDir(t, "../../seeds") }

// TestRun_DBFolder: --db naming a folder is a usage error (exit 2) that
// says what to give, for writing and read-only commands alike, and no
// lock file is made beside the folder.
func TestRun_DBFolder(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "data")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"run", "--input", seedsCopy(t), "--db", dir, "--out", filepath.Join(parent, "r")},
		{"history", "--db", dir, "x"},
		{"db", "check", "--db", dir},
	} {
		code, stdout, stderr := run(t, args...)
		if code != exitUsage || !strings.Contains(stderr, "database "+dir+" is a folder, not a database file") || !strings.Contains(stderr, "--db "+filepath.Join(dir, "sourcescore.db")) {
			t.Errorf("%v: exit %d\n%s%s", args[0], code, stdout, stderr)
		}
	}
	if _, err := os.Stat(dir + ".lock"); err == nil {
		t.Error("a lock file was made beside the folder")
	}
}

// TestRun_FlagsAnywhere: flags may come after the positional arguments,
// as in git or kubectl (the flag package stopped at the first argument and
// refused the rest with misleading messages).
func TestRun_FlagsAnywhere(t *testing.T) {
	w := newWorkspace(t)
	if code, _, stderr := run(t, w.args("run")...); code != exitOK {
		t.Fatal(stderr)
	}
	if code, _, stderr := run(t, append(w.args("run"), "--rescore")...); code != exitOK {
		t.Fatal(stderr)
	}
	code, stdout, stderr := run(t, "explain", "002_b69c8368de298335.txt", "--format", "json", "--db", w.db)
	if code != exitOK || !strings.HasPrefix(stdout, "{") {
		t.Errorf("explain ARTICLE --format json: exit %d\n%.200s%s", code, stdout, stderr)
	}
	dir := filepath.Join(t.TempDir(), "r")
	if code, _, stderr := run(t, "rules", "init", dir); code != exitOK {
		t.Fatal(stderr)
	}
	if code, _, stderr := run(t, "rules", "init", dir, "--force"); code != exitOK {
		t.Errorf("rules init DIR --force: exit %d\n%s", code, stderr)
	}
	out := t.TempDir()
	code, stdout, stderr = run(t, "diff", "--out", out, "1", "latest", "--csv-delimiter", ";", "--csv-bom", "--db", w.db)
	if code != exitOK {
		t.Errorf("diff --out DIR 1 latest --csv-delimiter ';' --csv-bom: exit %d\n%s%s", code, stdout, stderr)
	}
	if code, stdout, stderr := run(t, "history", "AUTOHAUS", "--limit", "1", "--db", w.db); code != exitOK || !strings.Contains(stdout, "AUTOHAUS") {
		t.Errorf("history OUTLET --limit 1: exit %d\n%s%s", code, stdout, stderr)
	}
}
