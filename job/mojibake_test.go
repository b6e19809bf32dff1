package job

import (
	"bytes"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/encoding/charmap"
)

// TestRun_RepairsMojibake: an article whose UTF-8 text was read as
// windows-1252 before it was saved ("zurÃ¼ck") scores as the same text
// undamaged, and the run says which articles it repaired.
func TestRun_RepairsMojibake(t *testing.T) {
	const text = "Moskau (dpa) – Die Regierung in Moskau wies die Vorwürfe am Dienstag entschieden zurück.\n\n" +
		"Ein Sprecher des Außenministeriums nannte den Bericht „völlig erfunden“ und sagte, man prüfe rechtliche Schritte.\n\n" +
		"Nach Angaben der Zeitung hatten drei Beamte die Gespräche bestätigt; überprüfen ließ sich das nicht.\n"
	damaged, err := charmap.Windows1252.NewDecoder().String(text)
	if err != nil {
		t.Fatal(err)
	}
	scores := func(body string) ([]map[string]string, *Summary, string) {
		input := t.TempDir()
		if err := os.WriteFile(filepath.Join(input, "bericht.txt"), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		cfg := testConfig(t, input)
		var log bytes.Buffer
		cfg.Log = slog.New(slog.NewTextHandler(&log, nil))
		sum := mustRun(t, cfg, builtinRules(t))
		return readCSV(t, filepath.Join(sum.ReportDir, "article_scores.csv")), sum, log.String()
	}
	want, clean, cleanLog := scores(text)
	got, sum, log := scores(damaged)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("article_scores.csv of the damaged text (-undamaged +damaged):\n%s", diff)
	}
	if len(clean.Mojibake) != 0 || strings.Contains(cleanLog, "mojibake") {
		t.Errorf("the undamaged text was repaired: %v", clean.Mojibake)
	}
	if len(sum.Mojibake) != 1 || sum.Mojibake[0] != "bericht.txt: 13 characters repaired (mojibake: UTF-8 text read as windows-1252 before it was saved)" {
		t.Errorf("Mojibake = %q", sum.Mojibake)
	}
	if want := "1 article's text repaired before scoring: " + sum.Mojibake[0]; sum.MojibakeNote() != want {
		t.Errorf("MojibakeNote() = %q, want %q", sum.MojibakeNote(), want)
	}
	if !strings.Contains(log, `level=INFO msg="texts repaired before scoring: mis-decoded characters (mojibake) put right" run=1 articles=1 note="1 article's text repaired before scoring: bericht.txt: 13 characters repaired`) {
		t.Errorf("log has no line about the repair:\n%s", log)
	}
}
