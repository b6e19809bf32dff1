package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"sourcescore"
	"sourcescore/reports"
	"sourcescore/store"
)

// testRunKilledAfterCommit kills a run (SIGKILL) at a point between its
// database commit and the end of its report commit, held there by the
// named pipe <out>/<point>.hold (a binary built with -tags testhooks, see
// job/hold_testhooks.go): "committed" is after the database commit, before
// any report file has its final name; "renamed" is after the folder is in
// place and latest moved, before the reports are recorded as written. The
// killed run is stored with its reports pending, never as a run whose
// reports were written; the next run writes its folder again, complete,
// and leaves no temporary file.
func testRunKilledAfterCommit(t *testing.T, bin, point string) {
	w := newWorkspace(t)
	if code, _, stderr := runProc(t, bin, w.args("run")...); code != 0 { // run 1
		t.Fatalf("first run: exit %d\n%s", code, stderr)
	}
	pipe := filepath.Join(w.out, point+".hold")
	if err := syscall.Mkfifo(pipe, 0o644); err != nil {
		t.Fatal(err)
	}
	p := startProc(t, bin, w.args("run")...) // run 2
	writer := pipeReader(t, pipe)            // it is at the point
	p.signal(syscall.SIGKILL)
	if code := p.exitCode(); code != -1 {
		t.Fatalf("exit %d, want -1 (killed)", code)
	}
	writer.Close()
	if err := os.Remove(pipe); err != nil {
		t.Fatal(err)
	}

	state := func(id int64) (sourcescore.RunStatus, string) {
		t.Helper()
		runs, db := runsOf(t, w.db)
		st, _, err := db.ReportsState(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range runs {
			if r.ID == id {
				return r.Status, st
			}
		}
		t.Fatalf("run %d is not stored", id)
		return "", ""
	}
	if status, st := state(2); status != sourcescore.RunSucceeded || st != store.ReportsPending {
		t.Errorf("killed run: %s with reports %q; want succeeded with its reports pending", status, st)
	}
	latest, _ := os.Readlink(filepath.Join(w.out, reports.LatestLink))
	run2 := reports.Dir(w.out, 2)
	tmps, _ := filepath.Glob(filepath.Join(run2, ".*.tmp-*"))
	switch point {
	case "committed":
		if latest != "run-1" || len(tmps) == 0 {
			t.Errorf("killed after the database commit: latest -> %q, %d temporary files; want run-1 and the temporary files", latest, len(tmps))
		}
	case "renamed":
		if latest != "run-2" || len(tmps) != 0 {
			t.Errorf("killed after the renames: latest -> %q, %d temporary files; want run-2 and none", latest, len(tmps))
		}
	}

	code, _, stderr := runProc(t, bin, w.args("run")...) // run 3
	if code != 0 || !strings.Contains(stderr, `"msg":"reports of a stored run written again","run":2`) {
		t.Fatalf("next run: exit %d, want 0 and run 2's reports written again; log:\n%s", code, stderr)
	}
	for _, id := range []int64{2, 3} {
		if status, st := state(id); status != sourcescore.RunSucceeded || st != store.ReportsWritten {
			t.Errorf("run %d: %s with reports %q; want succeeded with its reports written", id, status, st)
		}
	}
	if latest, err := os.Readlink(filepath.Join(w.out, reports.LatestLink)); err != nil || latest != "run-3" {
		t.Errorf("latest -> %q, %v; want run-3", latest, err)
	}
	if tmps, _ := filepath.Glob(filepath.Join(w.out, "*", ".*.tmp-*")); len(tmps) != 0 {
		t.Errorf("temporary files left: %v", tmps)
	}
	for _, name := range []string{reports.ArticleScoresFile, reports.RuleScoresFile, reports.FindingsFile,
		reports.OutletScoresFile, reports.SkippedFile, reports.TrendFile} {
		two, err2 := os.ReadFile(filepath.Join(run2, name))
		three, err3 := os.ReadFile(filepath.Join(reports.Dir(w.out, 3), name))
		if err2 != nil || err3 != nil {
			t.Errorf("%s: %v, %v", name, err2, err3)
			continue
		}
		if name == reports.ArticleScoresFile && (strings.Count(string(two), "\n") != 6 ||
			strings.ReplaceAll(string(two), "\n2,", "\n3,") != string(three)) {
			t.Errorf("run 2's %s, written again, is not run 3's with its run id:\n%s\n---\n%s", name, two, three)
		}
	}
}
