package job

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"sourcescore/ingest"
	"sourcescore/reports"
	"sourcescore/store"
)

// TestRun_UntouchedFilesNotRead: a rerun trusts a file left in the state
// the base run found it in without reading it, and reads every other one:
// one written with its mtime set back is scored again, one emptied so is
// skipped, one only touched is read, found unchanged and reused, and one
// over a lowered size limit is skipped as too large. Config.Checksum reads
// every file. A file changed moments before a run has no state
// stored, so the next run reads it.
func TestRun_UntouchedFilesNotRead(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("file states are taken on Linux only; elsewhere every file is read")
	}
	input := copySeeds(t)
	set := builtinRules(t)
	cfg := testConfig(t, input)
	seed := func(prefix string) string {
		t.Helper()
		m, _ := filepath.Glob(filepath.Join(input, prefix+"*.txt"))
		if len(m) != 1 {
			t.Fatalf("no single seed %s*.txt in %s", prefix, input)
		}
		return m[0]
	}
	// states returns the file states a run stored, by file.
	states := func(run int64) map[string]string {
		t.Helper()
		db, err := store.Open(context.Background(), cfg.DB)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		arts, err := db.StoredArticles(context.Background(), run)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]string{}
		for _, a := range arts {
			st, err := db.Stored(context.Background(), run, a.Score.Article.ID)
			if err != nil {
				t.Fatal(err)
			}
			out[a.Score.Article.File] = st.Score.Article.FileState
		}
		return out
	}

	// Files written moments before the run: read, and no state stored
	// (unless the machine took SettleTime to get there).
	copied := time.Now()
	first := mustRun(t, cfg, set)
	stored := 0
	for file, st := range states(first.Run.ID) {
		if st != "" {
			stored++
			if time.Since(copied) < ingest.SettleTime {
				t.Errorf("run 1 stored a state for %s, written moments before: %q", file, st)
			}
		}
	}
	time.Sleep(ingest.SettleTime + 100*time.Millisecond)
	second := mustRun(t, cfg, set)
	if second.Run.Reused != 5 || second.Unread != stored {
		t.Errorf("run 2: %d reused, %d unread; want 5 reused, %d unread (the files run 1 stored a state for)", second.Run.Reused, second.Unread, stored)
	}
	for file, st := range states(second.Run.ID) {
		if st == "" {
			t.Errorf("run 2 stored no state for %s, settled", file)
		}
	}
	third := mustRun(t, cfg, set)
	if third.Run.Reused != 5 || third.Unread != 5 {
		t.Errorf("run 3: %d reused, %d unread; want 5 and 5", third.Run.Reused, third.Unread)
	}
	a, b := reportsOf(t, first.ReportDir), reportsOf(t, third.ReportDir)
	for _, name := range []string{reports.ArticleScoresFile, reports.RuleScoresFile, reports.FindingsFile} {
		if withoutRunID(a[name]) != withoutRunID(b[name]) {
			t.Errorf("%s of the unread rerun differs from the first run's apart from run_id", name)
		}
	}

	// --checksum: every file read, none taken by its state.
	sure := cfg
	sure.Checksum = true
	if s := mustRun(t, sure, set); s.Run.Reused != 5 || s.Unread != 0 {
		t.Errorf("run with Checksum: %d reused, %d unread; want 5, none unread", s.Run.Reused, s.Unread)
	}

	// 001 written with the same length and its mtime set back; 003
	// touched, its bytes the same.
	edited, touched := seed("001"), seed("003")
	fi, err := os.Stat(edited)
	if err != nil {
		t.Fatal(err)
	}
	text, err := os.ReadFile(edited)
	if err != nil {
		t.Fatal(err)
	}
	changed := strings.Replace(string(text), "Kreml", "Krenl", 1)
	if changed == string(text) {
		t.Fatal("seed 001 has no Kreml")
	}
	if err := os.WriteFile(edited, []byte(changed), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(edited, fi.ModTime(), fi.ModTime()); err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	if err := os.Chtimes(touched, now, now); err != nil {
		t.Fatal(err)
	}
	// 002 emptied, its mtime set back: read, and no article any more.
	emptied := seed("002")
	fi2, err := os.Stat(emptied)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(emptied, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(emptied, fi2.ModTime(), fi2.ModTime()); err != nil {
		t.Fatal(err)
	}
	fourth := mustRun(t, cfg, set)
	quick := time.Since(now) < ingest.SettleTime
	rel := func(p string) string { r, _ := filepath.Rel(input, p); return filepath.ToSlash(r) }
	if fourth.Run.Reused != 3 || fourth.Unread != 2 || fourth.Run.Skipped != 1 {
		t.Errorf("run 4: %d reused, %d unread, %d skipped; want 3 (the touched file read and reused), 2 and 1 (the emptied file)",
			fourth.Run.Reused, fourth.Unread, fourth.Run.Skipped)
	}
	if len(fourth.Skipped) != 1 || fourth.Skipped[0].File != rel(emptied) {
		t.Errorf("run 4 skipped %v, want the emptied %s", fourth.Skipped, rel(emptied))
	}
	was, now4 := storedHashes(t, cfg.DB, third.Run.ID), storedHashes(t, cfg.DB, fourth.Run.ID)
	if was[rel(edited)] == now4[rel(edited)] {
		t.Errorf("the edited file kept its content hash %s: it was not read", was[rel(edited)])
	}
	if was[rel(touched)] != now4[rel(touched)] {
		t.Errorf("the touched file's content hash changed: %s → %s", was[rel(touched)], now4[rel(touched)])
	}
	st := states(fourth.Run.ID)
	if quick && (st[rel(edited)] != "" || st[rel(touched)] != "") {
		t.Errorf("run 4 stored states for files changed moments before: %q, %q", st[rel(edited)], st[rel(touched)])
	}

	// A lower size limit: no untouched file is taken for its old result.
	small := cfg
	small.Limits.ArticleBytes = 1000
	fifth := mustRun(t, small, set)
	if fifth.Run.Skipped != 5 || fifth.Unread != 0 { // the emptied one as empty
		t.Errorf("run 5 with a 1,000-byte limit: %d skipped, %d unread; want every seed skipped as too large", fifth.Run.Skipped, fifth.Unread)
	}
	for _, s := range fifth.Skipped {
		if s.File != rel(emptied) && !strings.Contains(s.Reason, "too large") {
			t.Errorf("%s skipped: %s; want too large", s.File, s.Reason)
		}
	}
}

// storedHashes returns the content hashes of a run's articles, by file.
func storedHashes(t testing.TB, dbPath string, run int64) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, s := range storedScoresOf(t, dbPath, run) {
		out[s.Article.File] = s.Article.ContentHash
	}
	return out
}
