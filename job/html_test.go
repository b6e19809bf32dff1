package job

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"sourcescore/reports"
)

// changesSection is report.html's section of changes, or "".
func changesSection(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return regexp.MustCompile(`(?s)<section id="changes">.*?</section>`).FindString(string(b))
}

// A second run over an input of a few articles renders report.html while
// the database commits, its section of changes made from the articles as
// they passed, and the section is the one the stored run gives afterwards
// (ReportHTML reads both runs back from the database).
func TestRun_changesBeforeCommit(t *testing.T) {
	input := copySeeds(t)
	cfg := testConfig(t, input)
	set := builtinRules(t)
	mustRun(t, cfg, set)

	// One article changed (a vague source more), one gone, one new.
	names, err := filepath.Glob(filepath.Join(input, "*.txt"))
	if err != nil || len(names) < 3 {
		t.Fatalf("seeds: %v %v", names, err)
	}
	f, err := os.OpenFile(names[0], os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("\nWie es heißt, soll es weitere Treffen gegeben haben. Das verlautete aus gut unterrichteten Kreisen.\n")
	f.Close()
	if err := os.Remove(names[1]); err != nil {
		t.Fatal(err)
	}
	text, err := os.ReadFile(names[2])
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(input, "zz-new.txt"), bytes.ReplaceAll(text, []byte("Peskow"), []byte("Peskov")), 0o644); err != nil {
		t.Fatal(err)
	}

	var logs bytes.Buffer
	cfg.Log = slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	sum := mustRun(t, cfg, set)
	if !strings.Contains(logs.String(), "report.html rendered while the database commits") {
		t.Errorf("report.html of the second run was not rendered during the commit; log:\n%s", logs.String())
	}
	page := filepath.Join(sum.ReportDir, reports.HTMLFile)
	during := changesSection(t, page)
	for file, change := range map[string]string{filepath.Base(names[0]): "moved", filepath.Base(names[1]): "removed", "zz-new.txt": "added"} {
		if !regexp.MustCompile(regexp.QuoteMeta(file) + `</code></td><td>[^<]*</td><td>` + change + `<`).MatchString(during) {
			t.Errorf("section of changes does not list %s as %s:\n%s", file, change, during)
		}
	}
	if _, err := ReportHTML(context.Background(), cfg, sum.Run.ID); err != nil {
		t.Fatal(err)
	}
	if after := changesSection(t, page); during == "" || during != after {
		t.Errorf("section of changes rendered during the commit:\n%s\nfrom the stored runs:\n%s", during, after)
	}
}
