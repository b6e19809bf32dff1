package job

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"sourcescore/internal/testutil"
	"sourcescore/reports"
)

// TestRun_IncrementalPages reruns over examples/norvalis-web (saved pages
// and a .jsonl file): an article of a .jsonl line is reused when its line
// is unchanged, whatever happens to the other lines of the file; a changed
// line is scored again, a new one scored, and a broken one skipped with its
// line; the page's metadata comes back from the database marked as the
// page's.
func TestRun_IncrementalPages(t *testing.T) {
	input := testutil.CopyDir(t, filepath.Join("..", "examples", "norvalis-web"))
	set := builtinRules(t)
	cfg := testConfig(t, input)
	first := mustRun(t, cfg, set)
	if first.Run.Articles != 6 || first.Run.Skipped != 0 {
		t.Fatalf("first run: %d articles, %d skipped; want 6, 0", first.Run.Articles, first.Run.Skipped)
	}

	// Change line 2, append a broken line and a good one.
	path := filepath.Join(input, "crawl.jsonl")
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(raw), "\n"), "\n")
	lines[1] = strings.Replace(lines[1], "baseless", "groundless", 1)
	lines = append(lines, `{"title": "abgebrochen`, `{"title": "Kurz", "maintext": "Norvalis meldet Zahlen.", "date_publish": "2026-03-13 08:00:00", "source_domain": "kurz.example"}`)
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	second := mustRun(t, cfg, set)
	if second.Run.Articles != 7 || second.Run.Reused != 5 || second.Run.Skipped != 1 {
		t.Errorf("second run: %d articles, %d reused, %d skipped; want 7, 5 (all but the changed line), 1", second.Run.Articles, second.Run.Reused, second.Run.Skipped)
	}
	skipped := readCSV(t, filepath.Join(second.ReportDir, reports.SkippedFile))
	if len(skipped) != 1 || skipped[0]["file"] != "crawl.jsonl:4" || !strings.HasPrefix(skipped[0]["reason"], "not valid JSON") {
		t.Errorf("skipped: %v", skipped)
	}

	// The reused articles are stored as the fresh ones were: the page's
	// fields marked as the page's.
	byFile := map[string][]string{}
	for _, s := range storedScoresOf(t, cfg.DB, second.Run.ID) {
		byFile[s.Article.File] = s.Article.Meta.FromPage
	}
	want := map[string][]string{
		"crawl.jsonl:1": {"outlet", "url", "published", "language"}, "crawl.jsonl:2": {"outlet", "url", "published", "language"},
		"crawl.jsonl:3": {"outlet", "url", "language"}, "crawl.jsonl:5": {"outlet", "published"},
		"harborledger.htm": {"outlet", "url", "published", "language"}, "tagespost.html": {"outlet", "url", "published", "language"},
		"wochenblick.html": {"outlet", "published", "language"},
	}
	if d := cmp.Diff(want, byFile); d != "" {
		t.Errorf("FromPage of the second run's articles (-want +got):\n%s", d)
	}

	// A manifest that now names an outlet for the pages' crawl: its lines
	// are scored again (their outlet changes); the pages are reused.
	if err := os.WriteFile(filepath.Join(input, "manifest.csv"), []byte("file,outlet\ncrawl.jsonl,Crawl\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	third := mustRun(t, cfg, set)
	if third.Run.Reused != 3 || third.Run.Articles != 7 {
		t.Errorf("third run: %d articles, %d reused; want 7, 3 (the pages)", third.Run.Articles, third.Run.Reused)
	}
}
