package reports

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestWorkbook_LibreOffice opens the workbook in a real spreadsheet:
// LibreOffice headless converts every sheet to CSV as Calc shows it, and
// each must equal its CSV report (text without the CSV's formula quote):
// the id 0123 keeps its zero, 87412e3142195614 stays an id, the evidence
// "15. November" stays text, =HYPERLINK(...) is not run, 96.25 shows as
// 96.2 as in the CSV. Skipped when soffice is not installed (Debian:
// apt-get install -y --no-install-recommends libreoffice-calc).
func TestWorkbook_LibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice not installed, the workbook is not checked in LibreOffice " +
			"(apt-get install -y --no-install-recommends libreoffice-calc)")
	}
	dir := writeRun(t, t.TempDir(), 7, Options{}, trickySample())
	conv := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	// Filter options: comma, double quote, UTF-8, line 1, no column
	// formats, default language, text not all quoted, (an import option),
	// cells as shown, formulas not exported, spaces kept, and -1: every
	// sheet to its own file, report-<sheet>.csv (LibreOffice 7.2 and later).
	cmd := exec.CommandContext(ctx, soffice,
		"-env:UserInstallation=file://"+filepath.Join(conv, "profile"), // its own profile: no lock shared with other runs
		"--headless", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1",
		"--outdir", conv, filepath.Join(dir, WorkbookFile))
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	for _, name := range allFiles {
		sheet := strings.TrimSuffix(name, ".csv")
		path := filepath.Join(conv, "report-"+sheet+".csv")
		if _, err := os.Stat(path); err != nil {
			t.Fatalf("soffice wrote no %s (LibreOffice before 7.2 converts the first sheet only): %v\n%s", path, err, out)
		}
		got := readCSV(t, path, ',')
		want := readCSV(t, filepath.Join(dir, name), ',')
		for _, rec := range want {
			for i, cell := range rec {
				if strings.HasPrefix(cell, "'") && formulaLike(cell[1:]) {
					rec[i] = cell[1:]
				}
			}
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s as LibreOffice shows it differs from %s (-csv +calc):\n%s", sheet, name, diff)
		}
		// The cells the issue was about, said once more plainly.
		switch name {
		case ArticleScoresFile:
			if got[1][1] != "0123" || got[2][1] != "87412e3142195614" || got[1][9] != "96.3" || got[1][4] != "2024-03-01" {
				t.Errorf("article_scores in Calc: id %q, id %q, score %q, published %q; want 0123, 87412e3142195614, 96.3, 2024-03-01",
					got[1][1], got[2][1], got[1][9], got[1][4])
			}
		case FindingsFile:
			if got[1][8] != "15. November" || got[3][8] != `=HYPERLINK("http://x.example")` {
				t.Errorf("findings in Calc: evidence %q, %q; want 15. November and the formula as text", got[1][8], got[3][8])
			}
		}
	}
}
