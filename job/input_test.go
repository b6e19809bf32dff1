package job

import (
	"context"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"sourcescore"
	"sourcescore/ingest"
	"sourcescore/internal/testutil"
	"sourcescore/reports"
	"sourcescore/store"
)

// patience bounds the wait for a run over hostile input. It guards against
// a hang; no test asserts how long anything takes.
const patience = 2 * time.Minute

// runBoth runs the job over input as `run` does (Run) and as `schedule`
// does (RunUnattended), each on a database of its own and within
// patience, and returns each run's skipped rows as the summary, the
// database and skipped.csv give them, after checking that the three agree.
func runBoth(t *testing.T, input string, lim ingest.Limits) map[string][]sourcescore.Skipped {
	t.Helper()
	rulesDir := testutil.HermeticRulesDir(t)
	got := map[string][]sourcescore.Skipped{}
	for _, how := range []string{"run", "schedule"} {
		out := t.TempDir()
		cfg := Config{Input: input, DB: filepath.Join(out, "s.db"), Out: filepath.Join(out, "reports"),
			Workers: 4, Now: fixedNow, Limits: lim}
		ctx, cancel := context.WithTimeout(context.Background(), patience)
		var sum *Summary
		var err error
		done := make(chan struct{})
		go func() {
			defer close(done)
			if how == "run" {
				sum, err = Run(ctx, cfg, builtinRules(t))
			} else {
				sum, err = RunUnattended(ctx, cfg, RuleSource{Dir: rulesDir})
			}
		}()
		select {
		case <-done:
		case <-time.After(patience + 10*time.Second):
			t.Fatalf("%s over hostile input did not return (it blocked)", how)
		}
		cancel()
		if err != nil {
			t.Fatalf("%s: %v", how, err)
		}
		db, err := store.Open(context.Background(), cfg.DB)
		if err != nil {
			t.Fatal(err)
		}
		stored, err := db.SkippedFiles(context.Background(), sum.Run.ID)
		db.Close()
		if err != nil {
			t.Fatal(err)
		}
		var csv []sourcescore.Skipped
		for _, row := range readCSV(t, filepath.Join(sum.ReportDir, reports.SkippedFile)) {
			csv = append(csv, sourcescore.Skipped{File: row["file"], Reason: row["reason"]})
		}
		if diff := cmp.Diff(sum.Skipped, stored); diff != "" {
			t.Errorf("%s: skipped rows in the database (-summary +database):\n%s", how, diff)
		}
		if diff := cmp.Diff(sum.Skipped, csv); diff != "" {
			t.Errorf("%s: skipped rows in %s (-summary +csv):\n%s", how, reports.SkippedFile, diff)
		}
		if sum.Run.Skipped != len(sum.Skipped) || sum.Run.Articles != 5 {
			t.Errorf("%s: %d articles, %d skipped; want the 5 seeds and %d skipped", how, sum.Run.Articles, sum.Run.Skipped, len(sum.Skipped))
		}
		got[how] = sum.Skipped
	}
	if diff := cmp.Diff(got["run"], got["schedule"]); diff != "" {
		t.Errorf("skipped rows (-run +schedule):\n%s", diff)
	}
	return got
}

// A folder of hostile input beside the seeds: a named pipe, links out of
// the folder (one to /dev/zero), an article over the size limit, random
// high bytes and a folder too deep to open. Run and RunUnattended (the
// schedule's run) both finish, score the seeds, and record each of the
// others as a skipped row with its reason, in the database and in
// skipped.csv alike.
func TestRun_hostileInput(t *testing.T) {
	input := copySeeds(t)
	secret := filepath.Join(t.TempDir(), "secret.txt")
	if err := os.WriteFile(secret, []byte("Nicht lesen."), 0o600); err != nil {
		t.Fatal(err)
	}
	pipe := filepath.Join(input, "zz.txt")
	if err := syscall.Mkfifo(pipe, 0o644); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	t.Cleanup(func() { // free a read stuck on the pipe, should there be one
		if w, err := os.OpenFile(pipe, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			w.Close()
		}
	})
	for name, target := range map[string]string{"out.txt": secret, "zero.txt": "/dev/zero"} {
		if err := os.Symlink(target, filepath.Join(input, name)); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(input, "big.txt"), []byte(strings.Repeat("Ein Satz, der sich wiederholt. ", 4000)), 0o644); err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(1, 2))
	noise := make([]byte, 20<<10)
	for i := range noise {
		noise[i] = byte(0x80 + r.IntN(0x80))
	}
	if err := os.WriteFile(filepath.Join(input, "noise.txt"), noise, 0o644); err != nil {
		t.Fatal(err)
	}
	deep := deepFolder(t, input)

	got := runBoth(t, input, ingest.Limits{ArticleBytes: 64 << 10})
	var files []string
	reasons := map[string]string{}
	for _, s := range got["run"] {
		files = append(files, s.File)
		reasons[s.File] = s.Reason
	}
	want := []string{"big.txt", deep, "noise.txt", "out.txt", "zero.txt", "zz.txt"}
	sort.Strings(want)
	if diff := cmp.Diff(want, files); diff != "" {
		t.Fatalf("skipped files (-want +got):\n%s", diff)
	}
	outside := ", outside the input folder: only links to files inside it are followed"
	for file, want := range map[string]string{
		"big.txt":  "too large: 121.1 KiB (124000 bytes), more than the article size limit of 64.0 KiB (65536 bytes) (--max-article-bytes)",
		"out.txt":  "symbolic link to " + secret + outside,
		"zero.txt": "symbolic link to /dev/zero" + outside,
		"zz.txt":   "not a regular file (a named pipe)",
	} {
		if reasons[file] != want {
			t.Errorf("%s: reason %q, want %q", file, reasons[file], want)
		}
	}
	if !strings.HasPrefix(reasons["noise.txt"], "binary file (") {
		t.Errorf("noise.txt: reason %q, want a binary file", reasons["noise.txt"])
	}
	if !strings.HasPrefix(reasons[deep], "path too long: ") {
		t.Errorf("%s: reason %q, want a path too long", deep, reasons[deep])
	}
}

// deepFolder makes empty folders inside dir, each in the one before,
// until the path is longer than a path may be (4,095 bytes), and returns
// the first folder too deep to open, as the run's skipped row names it.
func deepFolder(t *testing.T, dir string) string {
	t.Helper()
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	name := strings.Repeat("t", 250)
	rel := ""
	for {
		if err := root.Mkdir(name, 0o755); err != nil {
			t.Fatal(err)
		}
		rel = path.Join(rel, name)
		if len(dir)+1+len(rel) >= 4096 {
			root.Close()
			return rel + "/"
		}
		next, err := root.OpenRoot(name)
		if err != nil {
			t.Fatal(err)
		}
		root.Close()
		root = next
	}
}

// A folder the process may not read is a skipped row, under run and
// schedule alike (it was a warning on stdout under run, nothing under
// schedule).
func TestRun_unreadableFolder(t *testing.T) {
	if testutil.RunWithoutDACOverride(t) {
		return
	}
	input := copySeeds(t)
	locked := filepath.Join(input, "locked")
	if err := os.Mkdir(locked, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(locked, "a.txt"), []byte("Text"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(locked, 0); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(locked, 0o755) })
	got := runBoth(t, input, ingest.Limits{})
	want := []sourcescore.Skipped{{File: "locked/", Reason: "folder not readable (permission denied): the articles in it are not read"}}
	if diff := cmp.Diff(want, got["run"]); diff != "" {
		t.Errorf("skipped (-want +got):\n%s", diff)
	}
}
