package job

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	"sourcescore"
	"sourcescore/reports"
	"sourcescore/store"
)

// reportsState reads the run's status and the state of its reports.
func reportsState(t testing.TB, dbPath string, id int64) (status sourcescore.RunStatus, state, reason string) {
	t.Helper()
	db, err := store.Open(context.Background(), dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	run, err := db.Run(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	state, reason, err = db.ReportsState(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return run.Status, state, reason
}

// tempFiles lists the hidden temporary files under dir, at any depth.
func tempFiles(t testing.TB, dir string) []string {
	t.Helper()
	var got []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if strings.HasPrefix(d.Name(), ".") && strings.Contains(d.Name(), ".tmp-") {
			got = append(got, p)
		}
		return nil
	})
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	return got
}

// checkRepaired runs the job again after a run (id 1) whose reports failed:
// the new run writes run 1's folder again from the database, records it
// written, and succeeds itself with latest on it.
func checkRepaired(t *testing.T, cfg Config) {
	t.Helper()
	sum := mustRun(t, cfg, builtinRules(t))
	if !slices.Equal(sum.Repaired.Written, []int64{1}) || len(sum.Repaired.Failed) != 0 {
		t.Fatalf("repaired %+v, want run 1 written again", sum.Repaired)
	}
	if sum.Run.ID != 2 {
		t.Fatalf("second run has id %d", sum.Run.ID)
	}
	for _, id := range []int64{1, 2} {
		if status, state, reason := reportsState(t, cfg.DB, id); status != sourcescore.RunSucceeded || state != store.ReportsWritten || reason != "" {
			t.Errorf("run %d: %s, reports %q (%q); want succeeded with its reports written", id, status, state, reason)
		}
	}
	if target, err := os.Readlink(filepath.Join(cfg.Out, reports.LatestLink)); err != nil || target != "run-2" {
		t.Errorf("latest -> %q, %v; want run-2", target, err)
	}
	if got := tempFiles(t, cfg.Out); len(got) != 0 {
		t.Errorf("temporary files left: %q", got)
	}
	// Run 1's folder holds what run 2 wrote for the same articles (run 2
	// reused run 1's results); outlet files differ only in their history.
	one, two := reportsOf(t, reports.Dir(cfg.Out, 1)), reportsOf(t, reports.Dir(cfg.Out, 2))
	for _, name := range []string{reports.ArticleScoresFile, reports.RuleScoresFile, reports.FindingsFile, reports.SkippedFile} {
		if withoutRunID(one[name]) != withoutRunID(two[name]) {
			t.Errorf("%s of run 1, written again, differs from run 2's:\n%s\n---\n%s", name, one[name], two[name])
		}
	}
	if n := strings.Count(one[reports.ArticleScoresFile], "\n"); n != 6 {
		t.Errorf("run 1's article_scores.csv has %d lines, want a header and 5 articles", n)
	}
}

// A report commit that fails after the database commit (here a folder
// stands where findings.csv must go) leaves the run stored with its
// reports failed and the reason, no temporary file, and an error; the next
// run writes the folder again.
func TestRun_ReportsFailAtCommit(t *testing.T) {
	cfg := testConfig(t, copySeeds(t))
	obstacle := filepath.Join(reports.Dir(cfg.Out, 1), reports.FindingsFile)
	if err := os.MkdirAll(filepath.Join(obstacle, "x"), 0o755); err != nil {
		t.Fatal(err)
	}
	_, err := Run(context.Background(), cfg, builtinRules(t))
	if err == nil || !strings.Contains(err.Error(), "run 1 is stored, but its reports failed") {
		t.Fatalf("run: %v; want the reports failure", err)
	}
	status, state, reason := reportsState(t, cfg.DB, 1)
	if status != sourcescore.RunSucceeded || state != store.ReportsFailed || !strings.Contains(reason, "rename findings.csv") {
		t.Errorf("run 1: %s, reports %q (%q); want its reports failed with the reason", status, state, reason)
	}
	if got := tempFiles(t, cfg.Out); len(got) != 0 {
		t.Errorf("temporary files left: %q", got)
	}
	if _, err := os.Lstat(filepath.Join(reports.Dir(cfg.Out, 1), reports.ArticleScoresFile)); !os.IsNotExist(err) {
		t.Errorf("a final file of the failed folder is left: %v", err)
	}
	if _, err := os.Lstat(filepath.Join(cfg.Out, reports.LatestLink)); !os.IsNotExist(err) {
		t.Errorf("latest exists: %v", err)
	}

	if err := os.RemoveAll(obstacle); err != nil {
		t.Fatal(err)
	}
	checkRepaired(t, cfg)
}

// A full disk: the output folder is a small tmpfs. Its size grows by a
// page at a time until the run's files fit; at each size the run fails
// either before the database commit (the run is recorded as failed) or in
// the report commit, whose flushes fail with "no space left on device" (the
// run is stored with its reports failed and the reason). Either way no
// temporary file is left (the tmpfs is empty again); after a failure in the
// report commit, once there is space, the next run works and writes run 1's
// folder again. It needs to mount a tmpfs (root in a container that allows
// it); it is skipped otherwise.
func TestRun_DiskFull(t *testing.T) {
	input := copySeeds(t)
	atCommit := 0
	for size := 4; size <= 128; size += 4 {
		cfg := testConfig(t, input)
		if err := os.MkdirAll(cfg.Out, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := syscall.Mount("tmpfs", cfg.Out, "tmpfs", 0, fmt.Sprintf("size=%dk", size)); err != nil {
			t.Skipf("cannot mount a tmpfs to fill (%v): the full disk is not tested here", err)
		}
		t.Cleanup(func() {
			if err := syscall.Unmount(cfg.Out, 0); err != nil {
				t.Errorf("unmount %s: %v", cfg.Out, err)
			}
		})
		_, err := Run(context.Background(), cfg, builtinRules(t))
		if err == nil {
			if atCommit == 0 {
				t.Errorf("no size failed in the report commit")
			}
			break
		}
		if !strings.Contains(err.Error(), "no space left on device") {
			t.Fatalf("%d KB: run: %v; want no space left", size, err)
		}
		status, state, reason := reportsState(t, cfg.DB, 1)
		if strings.Contains(err.Error(), "run 1 is stored, but its reports failed") {
			atCommit++
			if status != sourcescore.RunSucceeded || state != store.ReportsFailed || !strings.Contains(reason, "no space left on device") {
				t.Errorf("%d KB: run 1: %s, reports %q (%q); want its reports failed with the reason", size, status, state, reason)
			}
		} else if status != sourcescore.RunFailed {
			t.Errorf("%d KB: run 1 is %s after %v; want failed", size, status, err)
		}
		if got := tempFiles(t, cfg.Out); len(got) != 0 {
			t.Errorf("%d KB: temporary files left: %q", size, got)
		}
		var st syscall.Statfs_t
		if err := syscall.Statfs(cfg.Out, &st); err != nil {
			t.Fatal(err)
		}
		if st.Bfree != st.Blocks {
			t.Errorf("%d KB: the full disk keeps %d of %d blocks used after the failed run", size, st.Blocks-st.Bfree, st.Blocks)
		}
		if status == sourcescore.RunSucceeded {
			// Space comes back.
			if err := syscall.Mount("tmpfs", cfg.Out, "tmpfs", syscall.MS_REMOUNT, "size=4m"); err != nil {
				t.Fatal(err)
			}
			checkRepaired(t, cfg)
		}
	}
	t.Logf("%d sizes failed in the report commit", atCommit)
}

// A symlink planted as the run's folder (run-1 -> a folder outside --out)
// is never written through: the run is stored with its reports failed and
// the reason, the repair (report --repair, or the next run) refuses it too,
// and once it is removed the next run writes the folder.
func TestRun_ReportsSymlinkedRunDir(t *testing.T) {
	cfg := testConfig(t, copySeeds(t))
	outside := t.TempDir()
	if err := os.MkdirAll(cfg.Out, 0o755); err != nil {
		t.Fatal(err)
	}
	link := reports.Dir(cfg.Out, 1)
	if err := os.Symlink(outside, link); err != nil {
		t.Fatal(err)
	}
	_, err := Run(context.Background(), cfg, builtinRules(t))
	if err == nil || !strings.Contains(err.Error(), "run 1 is stored, but its reports failed") {
		t.Fatalf("run: %v; want the reports failure", err)
	}
	want := "run folder " + link + " is a symlink (to " + outside + ")"
	status, state, reason := reportsState(t, cfg.DB, 1)
	if status != sourcescore.RunSucceeded || state != store.ReportsFailed || !strings.Contains(reason, want) {
		t.Errorf("run 1: %s, reports %q (%q); want its reports failed saying %q", status, state, reason, want)
	}
	noEntries := func(when string) {
		t.Helper()
		if entries, err := os.ReadDir(outside); err != nil || len(entries) != 0 {
			t.Errorf("%s: %d entries written through the symlink (%v)", when, len(entries), err)
		}
	}
	noEntries("after the run")

	rep, err := RepairReports(context.Background(), cfg)
	if err == nil || len(rep.Failed) != 1 || !strings.Contains(rep.Failed[0], want) {
		t.Errorf("repair through the symlink: %+v, %v; want run 1 refused saying %q", rep, err, want)
	}
	noEntries("after the repair")
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the planted symlink was not left alone: %v", err)
	}

	if err := os.Remove(link); err != nil {
		t.Fatal(err)
	}
	checkRepaired(t, cfg)
}
