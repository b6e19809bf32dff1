package main

import (
	"encoding/json"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"sourcescore/analysis"
	"sourcescore/ingest"
	"sourcescore/internal/testutil"
)

// pagesDir holds the example's saved web pages and crawler output: invented
// articles about the norvalis-2026 story, in page markup with navigation,
// cookie banners, related links and comments (examples/norvalis-web/README.md).
const pagesDir = "../../examples/norvalis-web"

// pagesBoilerplate are words of the pages' furniture (menus, cookie
// banners, related links, comments) that would move scores if they were
// scored: vague sourcing phrases, and denials by Norvalis that would make
// denial.missing pass on wochenblick.html.
var pagesBoilerplate = []string{
	"Insidern zufolge", "Wie es heißt", "wusste der Aufsichtsrat", "bestreitet das doch", "weist die Vorwürfe zurück und spricht",
	"Insiders say", "Sources said", "cookies", "Cookies", "Alle akzeptieren", "Accept all", "Most read",
	"Mehr zum Thema", "Impressum", "All rights reserved", "Foto: Tagespost",
}

// TestExample_Pages scores examples/norvalis-web end to end: saved web
// pages (.html, .htm, one in ISO-8859-1) and a crawler's .jsonl file. Each
// article's main text is found, the page furniture is neither in the text
// nor in a finding, the page's metadata fills the manifest fields (there is
// no manifest) and is marked as the page's, and every finding's line:column
// points at its evidence in the extracted text.
func TestExample_Pages(t *testing.T) {
	rulesDir := exampleRules(t)
	input := testutil.CopyDir(t, pagesDir)
	out := t.TempDir()
	db := filepath.Join(out, "s.db")
	reports := filepath.Join(out, "reports")
	code, stdout, stderr := run(t, "run", "--input", input, "--rules", rulesDir, "--stories", exampleDir, "--db", db, "--out", reports)
	if code != exitOK {
		t.Fatalf("run: exit %d\n%s%s", code, stdout, stderr)
	}
	latest := filepath.Join(reports, "latest")
	if skipped := testutil.ReadCSV(t, filepath.Join(latest, "skipped.csv")); len(skipped) != 0 {
		t.Errorf("skipped: %v", skipped)
	}

	// The page's site name, date and language reach the article's fields.
	type fields struct{ Outlet, Published, Language, Story string }
	want := map[string]fields{
		"tagespost.html":   {"Tagespost Weserland", "2026-03-11", "de", exampleStory},        // JSON-LD, og:site_name
		"harborledger.htm": {"The Harbor Ledger", "2026-03-11", "en", exampleStory},          // meta tags, no JSON-LD
		"wochenblick.html": {"Wochenblick Nordtal", "2026-03-12", "de", exampleStory},        // <meta name="date">, ISO-8859-1
		"crawl.jsonl:1":    {"www.kanalblatt.example", "2026-03-11", "de", exampleStory},     // news-please
		"crawl.jsonl:2":    {"Meridian Business Review", "2026-03-12", "en", exampleStory},   // trafilatura's JSON
		"crawl.jsonl:3":    {"www.radio-kanaltal.example", "2026-03-12", "de", exampleStory}, // news-please without a date: the date line of the text
	}
	got := map[string]fields{}
	idOf := map[string]string{}
	words := map[string]int{}
	for _, a := range testutil.ReadCSV(t, filepath.Join(latest, "article_scores.csv")) {
		got[a["file"]] = fields{a["outlet"], a["published"], a["language"], a["story"]}
		idOf[a["article_id"]] = a["file"]
		words[a["file"]], _ = strconv.Atoi(a["words"])
		if a["score"] == "" || a["grade"] == "" {
			t.Errorf("%s: not scored: %v", a["file"], a)
		}
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("article fields (-want +got):\n%s", d)
	}

	// denial.missing sees only the main text: wochenblick.html reports no
	// denial (its related links and a reader's comment do), the others do.
	for _, r := range testutil.ReadCSV(t, filepath.Join(latest, "rule_scores.csv")) {
		if r["rule_id"] != "denial.missing" {
			continue
		}
		file := idOf[r["article_id"]]
		if wantScore := map[bool]string{true: "0.000", false: "1.000"}[file == "wochenblick.html"]; r["score"] != wantScore {
			t.Errorf("%s: denial.missing scored %s, want %s", file, r["score"], wantScore)
		}
	}

	// Findings: none from the furniture, each at its place in the
	// extracted text.
	texts := map[string]string{}
	for file := range want {
		raw, err := ingest.ReadSaved(input, file)
		if err != nil {
			t.Fatal(err)
		}
		a, err := ingest.Parse(file, raw, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		texts[file] = a.Text
		// The built-in boilerplate markers still apply to the extracted
		// text: wochenblick.html's layout table leaves its menu in it
		// ("Start | Region | Wirtschaft | Vereine | Kleinanzeigen", 5
		// words), which the "menu line" marker cuts.
		cut := 0
		if file == "wochenblick.html" {
			cut = 5
			if !strings.Contains(a.Text, "\nStart | Region | Wirtschaft | Vereine | Kleinanzeigen\n") {
				t.Errorf("%s: the menu line is not in the extracted text; the test of the menu line marker needs another page", file)
			}
		}
		if words[file] != a.Words-cut {
			t.Errorf("%s: %d words scored, want %d: the extracted text's %d less %d cut", file, words[file], a.Words-cut, a.Words, cut)
		}
		for _, b := range pagesBoilerplate {
			if strings.Contains(a.Text, b) {
				t.Errorf("%s: the extracted text holds the page furniture %q", file, b)
			}
		}
	}
	if !strings.Contains(texts["tagespost.html"], "„Wir haben keine einzige Messreihe verkauft") ||
		!strings.HasPrefix(texts["harborledger.htm"], "Norvalis says it never sold meter readings\n\nNorvalis, the German maker") ||
		!strings.Contains(texts["wochenblick.html"], "Am 24. März stimmen die Aktionäre") {
		t.Errorf("main text not found:\n%s", texts)
	}
	findings := testutil.ReadCSV(t, filepath.Join(latest, "findings.csv"))
	placed := 0
	for _, f := range findings {
		for _, b := range pagesBoilerplate {
			if strings.Contains(f["evidence"], b) {
				t.Errorf("%s: finding %s from the page furniture: %q", f["file"], f["rule_id"], f["evidence"])
			}
		}
		if f["line"] == "" || f["evidence"] == "" {
			continue
		}
		line, _ := strconv.Atoi(f["line"])
		col, _ := strconv.Atoi(f["column"])
		lines := strings.Split(texts[f["file"]], "\n")
		if line < 1 || line > len(lines) || col < 1 || col > len([]rune(lines[line-1])) {
			t.Errorf("%s: finding %s at %d:%d is outside the extracted text", f["file"], f["rule_id"], line, col)
			continue
		}
		first, _, _ := strings.Cut(f["evidence"], "\n")
		if at := string([]rune(lines[line-1])[col-1:]); !strings.HasPrefix(at, first) {
			t.Errorf("%s: finding %s at %d:%d: the extracted text there is %q, not the evidence %q", f["file"], f["rule_id"], line, col, at, first)
		}
		placed++
	}
	if placed < 10 {
		t.Errorf("only %d findings with a place; want the example to place at least 10", placed)
	}

	// explain shows where each field came from, and the article's source.
	code, stdout, stderr = run(t, "explain", "--db", db, "--format", "json", "crawl.jsonl:3")
	if code != exitOK {
		t.Fatalf("explain: exit %d\n%s%s", code, stdout, stderr)
	}
	var x analysis.Explanation
	if err := json.Unmarshal([]byte(stdout), &x); err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(analysis.ExplainedArticle{
		ID: x.Article.ID, File: "crawl.jsonl:3", ContentHash: x.Article.ContentHash,
		Outlet: "www.radio-kanaltal.example", URL: "https://www.radio-kanaltal.example/nachrichten/norvalis-verbraucherschutz",
		Published: "2026-03-12", Language: "de", Story: exampleStory,
		Inferred: []string{"published", "story"}, FromPage: []string{"outlet", "url", "language"},
		Title: "Verbraucherschützer fordern Aufklärung von Norvalis", Words: x.Article.Words,
	}, x.Article); d != "" {
		t.Errorf("explain crawl.jsonl:3 (-want +got):\n%s", d)
	}
	if x.Text.Status != analysis.TextUnchanged {
		t.Errorf("explain crawl.jsonl:3: text %s: %s", x.Text.Status, x.Text.Note)
	}
	code, stdout, _ = run(t, "explain", "--db", db, "tagespost.html")
	for _, line := range []string{
		"  title      Norvalis weist Bericht über Datenverkauf zurück\n",
		"  author     Katrin Mehlhorn\n",
		"  outlet     Tagespost Weserland  (from the page's metadata)\n",
		"  published  2026-03-11  (from the page's metadata)\n",
		"the text shown is the one extracted from the page",
	} {
		if code != exitOK || !strings.Contains(stdout, line) {
			t.Errorf("explain tagespost.html: exit %d, no %q in\n%s", code, line, stdout)
		}
	}
}
