package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"sourcescore/internal/testutil"
)

// windparkCopy copies the invented articles of testdata/story/windpark
// into a temporary input folder.
func windparkCopy(t testing.TB) string { return testutil.CopyDir(t, "../../testdata/story/windpark") }

// windparkStories is the folder of the windpark story file.
const windparkStories = "../../testdata/story/stories"

// TestRun_Stories: articles that match no story are named in the summary;
// --stories adds their story, and the line goes.
func TestRun_Stories(t *testing.T) {
	input, out := windparkCopy(t), t.TempDir()
	args := []string{"run", "--input", input, "--db", filepath.Join(out, "s.db"), "--out", filepath.Join(out, "r")}
	code, stdout, stderr := run(t, args...)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	note := "\n6 articles match no story: story rules not applied (01_moewenpost.txt, 02_nordwind.txt, 03_kuestenecho.txt, 04_hafenradio.txt, 05_harbour_ledger.txt and 1 more)\n\nReports:"
	if !strings.Contains(stdout, note) {
		t.Errorf("summary lacks %q:\n%s", note, stdout)
	}
	if !strings.Contains(stderr, `level=WARN msg="articles match no story: story rules not applied"`) {
		t.Errorf("log lacks the warning:\n%s", stderr)
	}
	code, stdout, stderr = run(t, append(args, "--stories", windparkStories)...)
	if code != exitOK {
		t.Fatalf("--stories: exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "(rules: builtin + "+windparkStories+", set ") || strings.Contains(stdout, "no story") {
		t.Errorf("--stories: summary:\n%s", stdout)
	}
	if !strings.Contains(stdout, "denial.missing: The accused side's denial is missing: no denial by Nordlicht Energie") {
		t.Errorf("--stories: the story's denial rule did not apply:\n%s", stdout)
	}
}

// TestRun_UnknownStory: a manifest naming a story the rule set does not
// have stops run (before the database is made) and rules check --input.
func TestRun_UnknownStory(t *testing.T) {
	input, out := windparkCopy(t), t.TempDir()
	testutil.SetManifestStory(t, input, "nord-x")
	db := filepath.Join(out, "s.db")
	code, stdout, stderr := run(t, "run", "--input", input, "--stories", windparkStories, "--db", db, "--out", filepath.Join(out, "r"))
	want := "sourcescore: " + filepath.Join(input, "manifest.csv") + `:2:44: story "nord-x" is not in the rule set (stories: musk-putin-2024, windpark-2025)` +
		"\n\ttry: add the story's file with --stories DIR (sourcescore story init drafts one), or correct the story column\n"
	if code != exitUsage || !strings.HasPrefix(stderr, want) {
		t.Errorf("exit %d, stderr:\n%s\nwant 2 and:\n%s", code, stderr, want)
	}
	if stdout != "" {
		t.Errorf("stdout: %q", stdout)
	}
	if _, err := os.Stat(db); err == nil {
		t.Error("the database was created for a refused run")
	}

	code, stdout, _ = run(t, "rules", "check", "--stories", windparkStories, "--input", input)
	if code != exitUsage || !strings.Contains(stdout, `manifest.csv:7:57: story "nord-x" is not in the rule set`) {
		t.Errorf("rules check --input: exit %d, stdout:\n%s\nwant 2 and the error of line 7", code, stdout)
	}
	// A typo of a story the set has: the hint names it.
	testutil.SetManifestStory(t, input, "windpark-2052")
	if code, stdout, _ = run(t, "rules", "check", "--stories", windparkStories, "--input", input); code != exitUsage || !strings.Contains(stdout, "\n\ttry: windpark-2025\n") {
		t.Errorf("rules check, a typo: exit %d, stdout:\n%s", code, stdout)
	}
}

// TestRulesCheck_Input: stories whose match rules match no article and
// articles that match no story are warnings; the exit code stays 0.
func TestRulesCheck_Input(t *testing.T) {
	input := windparkCopy(t)
	code, stdout, stderr := run(t, "rules", "check", "--input", input)
	if code != exitOK {
		t.Fatalf("exit %d: %s%s", code, stdout, stderr)
	}
	for _, want := range []string{
		input + ": 6 articles, 2 warnings\n",
		"warning: builtin/stories/musk-putin-2024.yaml:5:7: story musk-putin-2024: its match rules match none of the 6 articles of " + input + "\n",
		"warning: 6 articles match no story: story rules not applied (01_moewenpost.txt, ",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
	code, stdout, _ = run(t, "rules", "check", "--stories", windparkStories, "--input", input)
	if code != exitOK || !strings.Contains(stdout, "6 articles, 1 warning\n") || strings.Contains(stdout, "no story") {
		t.Errorf("with the story: exit %d:\n%s", code, stdout)
	}
	// The folder as an argument is the rule folder (TestRules_FolderArgument): a missing one is said so.
	if code, _, stderr := run(t, "rules", "check", "myrules/"); code != exitUsage || !strings.Contains(stderr, "rules folder myrules/") {
		t.Errorf("rules check with a missing folder as argument: exit %d, %q", code, stderr)
	}
}

// TestStories_DuplicateID: a story file whose id the rule set has already
// is refused by every command that loads rules, with both positions.
func TestStories_DuplicateID(t *testing.T) {
	dir := t.TempDir()
	data, err := os.ReadFile("../../rules/builtin/stories/musk-putin-2024.yaml")
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "copy.yaml"), data, 0o644)
	want := filepath.Join(dir, "copy.yaml") + `:5:7: duplicate story id "musk-putin-2024"` + "\n\ttry: rename it; the first is at builtin/stories/musk-putin-2024.yaml:5:7"
	code, stdout, _ := run(t, "rules", "check", "--stories", dir)
	if code != exitUsage || !strings.Contains(stdout, want) {
		t.Errorf("rules check: exit %d, stdout:\n%s\nwant 2 and:\n%s", code, stdout, want)
	}
	out := t.TempDir()
	for _, args := range [][]string{
		{"run", "--input", seedsCopy(t), "--db", filepath.Join(out, "s.db"), "--out", filepath.Join(out, "r")},
		{"rules", "test"},
		{"rules", "eval", "--labels", filepath.Join(out, "labels.csv")},
		{"schedule", "--cron", "@hourly", "--db", filepath.Join(out, "s.db")},
	} {
		code, _, stderr := run(t, append(args, "--stories", dir)...)
		if code != exitUsage || !strings.Contains(stderr, want) {
			t.Errorf("%v: exit %d, stderr:\n%s\nwant 2 and the duplicate", args, code, stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "s.db")); err == nil {
		t.Error("a database was made with a refused rule set")
	}
}

// TestStories_OtherCommands: rules test and rules eval take --stories, and
// every help names it.
func TestStories_OtherCommands(t *testing.T) {
	code, stdout, stderr := run(t, "rules", "test", "--stories", windparkStories)
	if code != exitOK || !strings.HasSuffix(stdout, " passed, 0 failed\n") {
		t.Errorf("rules test --stories: exit %d\n%s%s", code, stdout, stderr)
	}
	input := windparkCopy(t)
	labels := filepath.Join(input, "labels.csv")
	os.WriteFile(labels, []byte("file,rule,expected\n04_hafenradio.txt,denial.missing,fires\n01_moewenpost.txt,denial.missing,does not fire\n"), 0o644)
	code, stdout, stderr = run(t, "rules", "eval", "--labels", labels, "--stories", windparkStories)
	if code != exitOK || !strings.Contains(stdout, "denial.missing  1   0   0   1   1.00       1.00") {
		t.Errorf("rules eval --stories: exit %d\n%s%s", code, stdout, stderr)
	}
	code, stdout, _ = run(t, "rules", "eval", "--labels", labels)
	if code != exitOK || !strings.Contains(stdout, "denial.missing  0   0   1   1   -          0.00") {
		t.Errorf("rules eval without the story: exit %d\n%s", code, stdout)
	}
	for _, args := range [][]string{{"run", "--help"}, {"schedule", "--help"}, {"rules", "check", "--help"}, {"rules", "test", "--help"}, {"rules", "eval", "--help"}} {
		if _, out, _ := run(t, args...); !strings.Contains(out, "-stories folder") {
			t.Errorf("%v: help does not name --stories:\n%s", args, out)
		}
	}
}

// TestStoryInit_Process drafts a story file with the real binary, checks
// it with rules check --stories, runs with it, and never lets it be
// overwritten without --force.
func TestStoryInit_Process(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "sourcescore")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	sh := func(args ...string) (int, string, string) {
		t.Helper()
		var stdout, stderr bytes.Buffer
		cmd := exec.Command(bin, args...)
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		return code, stdout.String(), stderr.String()
	}
	input, dir := windparkCopy(t), t.TempDir()
	file := filepath.Join(dir, "stories", "nordlicht.yaml")
	code, stdout, stderr := sh("story", "init", "--input", input, "--out", file)
	want := "story nordlicht-2025 drafted from 6 articles (3 facts): " + file +
		"\ncheck the lines marked \"check:\", then: sourcescore rules check --stories " + filepath.Dir(file) + " --input " + input + "\n"
	if code != exitOK || stdout != want || stderr != "" {
		t.Fatalf("story init: exit %d\n%s%s\nwant:\n%s", code, stdout, stderr, want)
	}
	drafted, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if code, stdout, _ := sh("story", "init", "--input", input); code != exitOK || stdout != string(drafted) {
		t.Errorf("story init to stdout: exit %d, a draft other than the file's:\n%s", code, stdout)
	}

	// rules check accepts the draft as it is, and every article matches it.
	code, stdout, stderr = sh("rules", "check", "--stories", filepath.Dir(file), "--input", input)
	if code != exitOK || !strings.Contains(stdout, ", 2 stories, ") || strings.Contains(stdout, "no story") || strings.Contains(stdout, "story nordlicht-2025: its match") {
		t.Errorf("rules check of the draft: exit %d\n%s%s", code, stdout, stderr)
	}
	code, stdout, stderr = sh("run", "--input", input, "--stories", filepath.Dir(file), "--db", filepath.Join(dir, "s.db"), "--out", filepath.Join(dir, "r"))
	if code != exitOK || strings.Contains(stdout, "no story") {
		t.Errorf("run with the draft: exit %d\n%s%s", code, stdout, stderr)
	}

	// Never overwritten without --force.
	os.WriteFile(file, []byte("# edited by the analyst\n"+string(drafted)), 0o644)
	code, _, stderr = sh("story", "init", "--input", input, "--out", file)
	if code != exitUsage || !strings.Contains(stderr, file+": file exists; use --force to replace it") {
		t.Errorf("story init over a file: exit %d, %q; want 2", code, stderr)
	}
	if data, _ := os.ReadFile(file); !strings.HasPrefix(string(data), "# edited by the analyst\n") {
		t.Error("the analyst's file was overwritten")
	}
	if code, _, stderr = sh("story", "init", "--input", input, "--out", file, "--force", "--id", "nordlicht-wind-2025"); code != exitOK {
		t.Errorf("--force: exit %d: %s", code, stderr)
	}
	if data, _ := os.ReadFile(file); !strings.Contains(string(data), "  id: nordlicht-wind-2025  #") {
		t.Errorf("--force --id: the file is not the new draft:\n%s", data)
	}
	if entries, _ := os.ReadDir(filepath.Dir(file)); len(entries) != 1 {
		t.Errorf("the stories folder holds %d files, want the story file only", len(entries))
	}

	// An id the rule set has; no input.
	if code, _, stderr = sh("story", "init", "--input", input, "--id", "musk-putin-2024"); code != exitUsage ||
		!strings.Contains(stderr, `story id "musk-putin-2024" is in the rule set already (builtin/stories/musk-putin-2024.yaml:5:7)`) {
		t.Errorf("--id of a built-in story: exit %d, %q", code, stderr)
	}
	if code, _, stderr = sh("story", "init"); code != exitUsage || !strings.Contains(stderr, "story init needs --input DIR") {
		t.Errorf("no --input: exit %d, %q", code, stderr)
	}
	if code, stdout, _ = sh("story", "init", "--help"); code != exitOK || !strings.Contains(stdout, "Usage:\n  sourcescore story init --input DIR") {
		t.Errorf("--help: exit %d\n%s", code, stdout)
	}
	// Through the binary too: an unknown story in the manifest is exit 2;
	// the draft takes it as its id.
	testutil.SetManifestStory(t, input, "nord-x")
	if code, stdout, _ = sh("story", "init", "--input", input); code != exitOK || !strings.Contains(stdout, "\n  id: nord-x  #") {
		t.Errorf("story init, the manifest naming nord-x: exit %d\n%s", code, stdout)
	}
	if code, _, stderr = sh("run", "--input", input, "--db", filepath.Join(dir, "s.db"), "--out", filepath.Join(dir, "r")); code != exitUsage ||
		!strings.Contains(stderr, `manifest.csv:2:44: story "nord-x" is not in the rule set (stories: musk-putin-2024)`) {
		t.Errorf("run with an unknown story: exit %d, %q", code, stderr)
	}
}

// TestRulesCheck_DateCueWarning: a story fact whose cues hold another date
// loads, and rules check (text and JSON) and run say where and why.
func TestRulesCheck_DateCueWarning(t *testing.T) {
	input, out := windparkCopy(t), t.TempDir()
	data, err := os.ReadFile(filepath.Join(windparkStories, "windpark-2025.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	story := strings.Replace(string(data), "cues: [Anhörung, Landtag, hearing]", "cues: [Anhörung, Landtag, hearing, 12. März]", 1)
	if story == string(data) {
		t.Fatal("the hearing's cues are not where the test expects them")
	}
	stories := filepath.Join(out, "stories")
	if err := os.MkdirAll(stories, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(stories, "windpark-2025.yaml"), []byte(story), 0o644); err != nil {
		t.Fatal(err)
	}
	want := `windpark-2025.yaml:20:141: fact "hearing": the cue "12. März" is a date, 2025-03-12, not the fact's (2025-03-20)`
	code, stdout, stderr := run(t, "rules", "check", "--stories", stories)
	if code != exitOK || !strings.Contains(stdout, "\nwarning: "+stories+"/"+want) || !strings.Contains(stdout, "\n\ttry: give that date a fact of its own") {
		t.Errorf("rules check: exit %d, stdout:\n%s\nstderr:\n%s\nwant 0 and a warning %q", code, stdout, stderr, want)
	}
	code, stdout, _ = run(t, "rules", "check", "--stories", stories, "--format", "json")
	if code != exitOK || !strings.Contains(stdout, `"warnings":[{"file":"`+stories+`/windpark-2025.yaml","line":20,"column":141,"message":"fact \"hearing\": the cue \"12. März\" is a date`) {
		t.Errorf("rules check --format json: exit %d, stdout:\n%s", code, stdout)
	}
	code, stdout, stderr = run(t, "run", "--input", input, "--stories", stories, "--db", filepath.Join(out, "s.db"), "--out", filepath.Join(out, "r"))
	if code != exitOK || !strings.Contains(stdout, "warning: "+stories+"/"+want) || !strings.Contains(stderr, `level=WARN msg="rule set warning"`) {
		t.Errorf("run: exit %d, stdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
}
