package reports

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/gocarina/gocsv"
	"github.com/google/go-cmp/cmp"

	"sourcescore"
)

// trickyTexts are cells that encoding/csv quotes, that Neutralise changes,
// or that come close to either.
var trickyTexts = []string{
	"", "plain", "a1b2c3d4", "taz/2024-03-01-wahl.txt", "(unknown)",
	"=1+2", `=HYPERLINK("http://x.example")`, "+49 30 1234", "-5", "-", "@SUM(A1)",
	"\tTab first", "\rCR first", "\nLF first", " leading space", "trailing space ",
	"\u00a0no-break space first", "\u0085next line first", "\u2003em space first",
	`\.`, `\`, `\x`, `a\.`, `say "hi"`, `"`, `""`, "'already quoted",
	"a,b", "a;b", "a\tb", "a|b", "a€b", "€ first", "0,75", "0.75",
	"line1\nline2", "crlf\r\nend", "end\n", "cr\rin the middle",
	"Über den Wolken", "Straße", "ßß", "\x00nul", "\x01soh", "\x7fdel",
	"Die Beschuldigten äußern sich, aber spät", `misc/leak; "draft", v2.txt`,
}

// trickyNumbers are values for number cells: signs, zeros that round to
// "-0", long fractions, large values.
var trickyNumbers = []float64{
	0, math.Copysign(0, -1), 1, 0.5, 2.0 / 3, 0.0004, -0.0004, -0.04, -1.5, 73.44, 73.45,
	99.95, 100, 1e21, 123456.789, 0.1 + 0.2, -1e-9, 1e-7, 5e-324,
}

// csvOptions are the delimiter and decimal-comma combinations the tests
// write with, including a delimiter that is also the decimal separator and
// one that takes several bytes.
var csvOptions = []Options{
	{Delimiter: ','},
	{Delimiter: ',', DecimalComma: true},
	{Delimiter: ';', DecimalComma: true, BOM: true},
	{Delimiter: ';', BOM: true},
	{Delimiter: '\t'},
	{Delimiter: '|', DecimalComma: true},
	{Delimiter: '€', DecimalComma: true, BOM: true},
	{Delimiter: '\u00a0'},
}

// trickyRows returns rows of all three encoded kinds whose cells take every
// tricky text and number, with the number formats of n.
func trickyRows(n numbers) ([]articleRow, []ruleScoreRow, []findingRow) {
	var (
		arts  []articleRow
		rules []ruleScoreRow
		finds []findingRow
	)
	tx := func(i int) text { return text(trickyTexts[i%len(trickyTexts)]) }
	num := func(i int) float64 { return trickyNumbers[i%len(trickyNumbers)] }
	rows := max(len(trickyTexts), len(trickyNumbers))
	for i := range rows {
		arts = append(arts, articleRow{
			RunID: int64(i + 1), ArticleID: tx(i), File: tx(i + 1), Outlet: tx(i + 2), Published: tx(i + 3),
			Language: tx(i + 4), Story: tx(i + 5), Words: i * 37, Score: n.score100(num(i)), Grade: tx(i + 6),
			Findings: i % 3,
		})
		rules = append(rules, ruleScoreRow{
			RunID: -int64(i), ArticleID: tx(i), Outlet: tx(i + 7), RuleID: tx(i + 8), Family: tx(i + 9),
			Score: n.score1(num(i), i%4 != 3), Weight: n.exact(num(i + 5)),
		})
		finds = append(finds, findingRow{
			RunID: int64(i), ArticleID: tx(i + 10), File: tx(i + 11), Outlet: tx(i + 12), RuleID: tx(i + 13),
			Family: tx(i + 14), Severity: tx(i + 15), Message: tx(i + 16), Evidence: tx(i + 17),
			Line: optInt(i % 5), Column: optInt(i%7 - 1),
		})
	}
	return arts, rules, finds
}

// trickyStoryRows returns story_comparison rows whose cells take every
// tricky text and number, with the number formats of n.
func trickyStoryRows(n numbers) []storyRow {
	tx := func(i int) text { return text(trickyTexts[i%len(trickyTexts)]) }
	num := func(i int) float64 { return trickyNumbers[i%len(trickyNumbers)] }
	var rows []storyRow
	for i := range max(len(trickyTexts), len(trickyNumbers)) {
		share := decimal{v: num(i), prec: 3, comma: n.comma, empty: i%3 == 2}
		score := decimal{v: num(i + 3), prec: 1, comma: n.comma, empty: i%3 == 2}
		rows = append(rows, storyRow{
			RunID: int64(i), Story: tx(i), Outlet: tx(i + 1), ArticleID: tx(i + 2), File: tx(i + 3), Aspect: tx(i + 4),
			Item: tx(i + 5), Description: tx(i + 6), State: tx(i + 7), Given: tx(i + 8), Expected: tx(i + 9),
			Consensus: tx(i + 10), Share: share, Score: score, Grade: tx(i + 11), Evidence: tx(i + 12),
			Line: optInt(i % 5), Column: optInt(i%7 - 1), Note: tx(i + 13),
		})
	}
	return rows
}

// gocsvBytes is what gocsv writes for rows (a slice of row structs) with
// delimiter comma, without the header.
func gocsvBytes(t testing.TB, rows any, comma rune) string {
	t.Helper()
	var b bytes.Buffer
	cw := csv.NewWriter(&b)
	cw.Comma = comma
	if err := gocsv.MarshalCSVWithoutHeaders(rows, gocsv.NewSafeCSVWriter(cw)); err != nil {
		t.Fatalf("gocsv: %v", err)
	}
	return b.String()
}

// encoderBytes is what a rowEncoder writes for rows with delimiter comma.
func encoderBytes[R any, P interface {
	*R
	csvRow
}](t testing.TB, rows []R, comma rune) string {
	t.Helper()
	var b bytes.Buffer
	out := bufio.NewWriter(&b)
	e := newRowEncoder(out, comma)
	for i := range rows {
		if err := e.write(P(&rows[i])); err != nil {
			t.Fatalf("row %d: %v", i, err)
		}
	}
	if err := out.Flush(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestRowEncoder_sameAsGocsv(t *testing.T) {
	for _, opt := range csvOptions {
		t.Run(fmt.Sprintf("%q decimal comma %v", opt.Delimiter, opt.DecimalComma), func(t *testing.T) {
			arts, rules, finds := trickyRows(numbers{comma: opt.DecimalComma})
			for _, c := range []struct {
				name      string
				want, got string
			}{
				{ArticleScoresFile, gocsvBytes(t, arts, opt.Delimiter), encoderBytes(t, arts, opt.Delimiter)},
				{RuleScoresFile, gocsvBytes(t, rules, opt.Delimiter), encoderBytes(t, rules, opt.Delimiter)},
				{FindingsFile, gocsvBytes(t, finds, opt.Delimiter), encoderBytes(t, finds, opt.Delimiter)},
				{StoryComparisonFile, gocsvBytes(t, trickyStoryRows(numbers{comma: opt.DecimalComma}), opt.Delimiter),
					encoderBytes(t, trickyStoryRows(numbers{comma: opt.DecimalComma}), opt.Delimiter)},
			} {
				if diff := cmp.Diff(c.want, c.got); diff != "" {
					t.Errorf("%s rows differ from gocsv's (-gocsv +encoder):\n%s", c.name, diff)
				}
			}
		})
	}
}

func TestRowEncoder_write_notFinite(t *testing.T) {
	var b bytes.Buffer
	out := bufio.NewWriter(&b)
	e := newRowEncoder(out, ',')
	for _, v := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		row := ruleScoreRow{RunID: 1, ArticleID: "a", Score: numbers{}.score1(0.5, true), Weight: numbers{}.exact(v)}
		if err := e.write(&row); err == nil {
			t.Errorf("write(weight %v) = nil, want an error", v)
		}
	}
	ok := ruleScoreRow{RunID: 1, ArticleID: "a", Score: numbers{}.score1(0.5, true), Weight: numbers{}.exact(1)}
	if err := e.write(&ok); err != nil {
		t.Fatal(err)
	}
	if err := out.Flush(); err != nil {
		t.Fatal(err)
	}
	// Nothing of the refused rows, and the next row whole.
	if got, want := b.String(), "1,a,,,,0.500,1\n"; got != want {
		t.Errorf("written %q, want %q", got, want)
	}
}

// TestRunWriter_AddArticle_sameAsGocsv writes articles with tricky cells
// through a RunWriter and compares each big file, byte order mark and
// header included, with what gocsv writes for the same rows.
func TestRunWriter_AddArticle_sameAsGocsv(t *testing.T) {
	var scores []*sourcescore.ArticleScore
	for i, s := range trickyTexts {
		u := trickyTexts[(i+1)%len(trickyTexts)]
		a := &sourcescore.Article{ID: s, File: u, Words: i}
		if i%3 > 0 {
			a.Meta = sourcescore.Metadata{Outlet: u, Language: s, Story: u}
		}
		v := trickyNumbers[i%len(trickyNumbers)]
		scores = append(scores, &sourcescore.ArticleScore{
			Article: a, Score: v * 100, Grade: u,
			Rules: []sourcescore.RuleScore{
				{RuleID: s, Family: sourcescore.Family(u), Score: v, Weight: v + 0.25, Applied: true},
				{RuleID: u, Family: sourcescore.Family(s), Score: v, Weight: 1, Applied: false},
			},
			Findings: []sourcescore.Finding{
				{RuleID: u, Family: sourcescore.Family(s), Severity: sourcescore.SeverityWarning, Message: s, Evidence: u,
					Pos: sourcescore.Position{Line: i + 1, Column: 2*i + 1}},
				{RuleID: s, Family: sourcescore.Family(u), Severity: sourcescore.SeverityError, Message: u, Evidence: s},
			},
		})
	}
	for _, opt := range csvOptions {
		t.Run(fmt.Sprintf("%q decimal comma %v BOM %v", opt.Delimiter, opt.DecimalComma, opt.BOM), func(t *testing.T) {
			const runID = 42
			w, err := NewRunWriter(t.TempDir(), runID, opt)
			if err != nil {
				t.Fatal(err)
			}
			defer w.Abort()
			n := numbers{comma: opt.DecimalComma}
			var (
				arts  []articleRow
				rules []ruleScoreRow
				finds []findingRow
			)
			for _, s := range scores {
				if err := w.AddArticle(s); err != nil {
					t.Fatalf("AddArticle(%q): %v", s.Article.ID, err)
				}
				arts = append(arts, articleRowOf(runID, n, s))
				rules = ruleScoreRowsOf(rules, runID, n, s)
				finds = findingRowsOf(finds, runID, s)
			}
			dir, err := w.Commit()
			if err != nil {
				t.Fatal(err)
			}
			for name, rows := range map[string]any{ArticleScoresFile: arts, RuleScoresFile: rules, FindingsFile: finds} {
				var want bytes.Buffer
				if opt.BOM {
					want.WriteString(bom)
				}
				cw := csv.NewWriter(&want)
				cw.Comma = opt.Delimiter
				if err := gocsv.MarshalCSV(rows, gocsv.NewSafeCSVWriter(cw)); err != nil {
					t.Fatalf("gocsv %s: %v", name, err)
				}
				got, err := os.ReadFile(filepath.Join(dir, name))
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(want.String(), string(got)); diff != "" {
					t.Errorf("%s differs from gocsv's (-gocsv +RunWriter):\n%s", name, diff)
				}
			}
		})
	}
}

// FuzzRowEncoder compares the encoder with gocsv on arbitrary text and
// numbers, for a few delimiters.
func FuzzRowEncoder(f *testing.F) {
	for i, s := range trickyTexts {
		f.Add(s, trickyTexts[(i+3)%len(trickyTexts)], trickyNumbers[i%len(trickyNumbers)], i, uint8(i))
	}
	delims := []rune{',', ';', '\t', '€', '\u00a0', 'x'}
	f.Fuzz(func(t *testing.T, s, u string, v float64, line int, pick uint8) {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			t.Skip("not finite: both refuse it (TestRowEncoder_write_notFinite)")
		}
		comma := delims[int(pick)%len(delims)]
		n := numbers{comma: pick&0x80 != 0}
		rules := []ruleScoreRow{{RunID: int64(line), ArticleID: text(s), Outlet: text(u), RuleID: text(u + s), Family: text(s),
			Score: n.score1(v, line%2 == 0), Weight: n.exact(v)}}
		finds := []findingRow{{RunID: 1, ArticleID: text(s), File: text(u), Message: text(s + u), Evidence: text(u),
			Line: optInt(line), Column: optInt(-line)}}
		if got, want := encoderBytes(t, rules, comma), gocsvBytes(t, rules, comma); got != want {
			t.Errorf("delimiter %q: rule row\nencoder %q\ngocsv   %q", comma, got, want)
		}
		if got, want := encoderBytes(t, finds, comma), gocsvBytes(t, finds, comma); got != want {
			t.Errorf("delimiter %q: finding row\nencoder %q\ngocsv   %q", comma, got, want)
		}
	})
}
