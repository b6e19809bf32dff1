package ingest

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"sourcescore"
)

// testPage is a small news page with the usual furniture around the
// article: a cookie banner, a menu, related links, comments, a footer; its
// metadata in JSON-LD and meta tags.
const testPage = `<!DOCTYPE html>
<html lang="de-AT">
<head>
<meta charset="utf-8">
<title>Fähre nach Lindholm fällt bis Mai aus | Inselbote</title>
<meta property="og:site_name" content="Inselbote">
<link rel="canonical" href="https://www.inselbote.example/region/faehre-lindholm-ausfall">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
"headline":"Fähre nach Lindholm fällt bis Mai aus","datePublished":"2026-02-03T07:15:00+01:00",
"author":{"@type":"Person","name":"Tomas Reinholt"},"publisher":{"@type":"Organization","name":"Inselbote"}}</script>
</head>
<body>
<div class="cookie-banner">Wir nutzen Cookies, um Ihnen das beste Erlebnis zu bieten. <button>Zustimmen</button></div>
<nav><a href="/">Startseite</a> <a href="/region/">Region</a> <a href="/sport/">Sport</a></nav>
<article>
<h1>Fähre nach Lindholm fällt bis Mai aus</h1>
<p>Die Autofähre zwischen Nordhafen und der Insel Lindholm fährt wegen eines Schadens am Antrieb bis Anfang Mai nicht. Das teilte die Reederei Kessbach am Montag mit.<br>Ersatzweise verkehrt ein kleineres Schiff ohne Autodeck.</p>
<p>„Wir bedauern die Einschränkungen sehr“, sagte Reedereisprecherin Ilka Borowski. Die Werft in Südhafen habe die Ersatzteile bereits bestellt, die Lieferung dauere aber mehrere Wochen.</p>
<p>Für Pendler mit Auto richtet die Gemeinde einen Parkplatz am Hafen ein. Die Kosten übernimmt nach Angaben des Bürgermeisters Arne Wulfhagen die Reederei.</p>
</article>
<section class="related"><h2>Mehr zum Thema</h2><ul><li><a href="/a">Insidern zufolge wird die Linie verkauft</a></li><li><a href="/b">Neuer Fahrplan ab Juni</a></li></ul></section>
<section class="kommentare"><h3>Kommentare</h3><p>Wie es heißt, war der Schaden lange bekannt.</p></section>
<footer>© 2026 Inselbote Verlag · <a href="/impressum">Impressum</a></footer>
</body>
</html>`

// The text of testPage: the title, then the paragraphs, a <br> a line break.
const testPageText = "Fähre nach Lindholm fällt bis Mai aus\n\n" +
	"Die Autofähre zwischen Nordhafen und der Insel Lindholm fährt wegen eines Schadens am Antrieb bis Anfang Mai nicht. Das teilte die Reederei Kessbach am Montag mit.\n" +
	"Ersatzweise verkehrt ein kleineres Schiff ohne Autodeck.\n\n" +
	"„Wir bedauern die Einschränkungen sehr“, sagte Reedereisprecherin Ilka Borowski. Die Werft in Südhafen habe die Ersatzteile bereits bestellt, die Lieferung dauere aber mehrere Wochen.\n\n" +
	"Für Pendler mit Auto richtet die Gemeinde einen Parkplatz am Hafen ein. Die Kosten übernimmt nach Angaben des Bürgermeisters Arne Wulfhagen die Reederei."

func TestParse_HTML(t *testing.T) {
	a, err := Parse("region/faehre.html", []byte(testPage), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(testPageText, a.Text); d != "" {
		t.Errorf("text (-want +got):\n%s", d)
	}
	want := sourcescore.Metadata{
		Outlet: "Inselbote", URL: "https://www.inselbote.example/region/faehre-lindholm-ausfall",
		Published: time.Date(2026, 2, 3, 0, 0, 0, 0, time.UTC), Language: "de",
		FromPage: []string{"outlet", "url", "published", "language"},
		Title:    "Fähre nach Lindholm fällt bis Mai aus", Author: "Tomas Reinholt",
	}
	if d := cmp.Diff(want, a.Meta); d != "" {
		t.Errorf("metadata (-want +got):\n%s", d)
	}
	// Positions are those of the extracted text.
	off := strings.Index(a.Text, "Ilka Borowski")
	if got := a.Position(off); got != (sourcescore.Position{Line: 6, Column: 67}) {
		t.Errorf("Position(Ilka Borowski) = %+v, want 6:67", got)
	}
	if a.ContentHash != sha256Hex([]byte(testPage)) {
		t.Errorf("ContentHash is not the page's bytes'")
	}

	// The manifest wins where it has a value; the page fills the rest.
	m := &ManifestEntry{File: "region/faehre.html", Outlet: "Inselbote Online", Language: "de"}
	a, err = Parse("region/faehre.html", []byte(testPage), m, nil)
	if err != nil {
		t.Fatal(err)
	}
	if a.Meta.Outlet != "Inselbote Online" || a.Meta.Origin("outlet") != sourcescore.OriginManifest ||
		a.Meta.Origin("language") != sourcescore.OriginManifest || a.Meta.Origin("published") != sourcescore.OriginPage {
		t.Errorf("with a manifest entry: %+v", a.Meta)
	}

	// Boilerplate rules apply to the extracted text.
	bp := &sourcescore.Boilerplate{Rules: []sourcescore.CutRule{cutRule("ferry", `^Ersatzweise`, "", false, false)}}
	a, err = Parse("region/faehre.html", []byte(testPage), nil, bp)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(a.Body, "Ersatzweise") || !strings.Contains(a.Text, "Ersatzweise") || len(a.Body) != len(a.Text) {
		t.Errorf("cut rules on the extracted text: body %q", a.Body)
	}
}

// TestParse_HTML_encoding reads a page in ISO-8859-1 that says so.
func TestParse_HTML_encoding(t *testing.T) {
	page := strings.Replace(testPage, `<meta charset="utf-8">`, `<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">`, 1)
	page = strings.ReplaceAll(page, "„", "\"")
	page = strings.ReplaceAll(page, "“", "\"")
	latin1 := make([]byte, 0, len(page))
	for _, r := range page {
		if r > 0xff {
			t.Fatalf("rune %q is not Latin-1", r)
		}
		latin1 = append(latin1, byte(r))
	}
	a, err := Parse("faehre.htm", latin1, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(a.Text, "Fähre nach Lindholm fällt bis Mai aus\n\nDie Autofähre") || !strings.Contains(a.Text, "Bürgermeisters") {
		t.Errorf("text: %q", a.Text)
	}
}

func TestParse_HTML_bad(t *testing.T) {
	deep := "<html><body>" + strings.Repeat("<div>", 600) + "Text" + strings.Repeat("</div>", 600) + "</body></html>"
	for _, c := range []struct{ name, page, reason string }{
		{"empty", "  \n ", reasonEmpty},
		{"binary", "<html>\x00\x01\x02</html>", "binary file (it holds a NUL character)"},
		{"no main text", `<html><head><title>Start</title></head><body><nav><a href="/a">A</a> <a href="/b">B</a></nav></body></html>`, reasonNoMainText},
		{"only a script", `<html><body><div id="app"></div><script>render()</script></body></html>`, reasonNoMainText},
		// golang.org/x/net/html refuses more than 512 open elements itself;
		// treeSize's bound on depth stays for trees it builds otherwise.
		{"too deep", deep, "not a readable web page: html: open stack of elements exceeds 512 nodes"},
		{"too much text", "<html><body>" + strings.Repeat("<p>"+strings.Repeat("Wort ", 200)+"</p>", 300) + "</body></html>",
			"web page too large: more than 256.0 KiB (262144 bytes) of text outside scripts and styles"},
		{"a few words", `<html><body><p>Diese Seite ist umgezogen. Bitte folgen Sie dem Link.</p></body></html>`, reasonNoMainText + ": the extractor found 9 words, fewer than 20"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse("p.html", []byte(c.page), nil, nil)
			var bad *BadArticleError
			if !errors.As(err, &bad) || !errors.Is(err, sourcescore.ErrBadArticle) {
				t.Fatalf("err = %v, want a *BadArticleError", err)
			}
			if !strings.HasPrefix(bad.Reason, c.reason) {
				t.Errorf("reason = %q, want it to start with %q", bad.Reason, c.reason)
			}
		})
	}
}

// newsPleaseLine and trafilaturaLine are crawler output of the two kinds
// JSONFields maps.
const (
	newsPleaseLine  = `{"authors": ["Lene Aas", "Per Vik"], "date_download": "2026-02-04 10:00:00", "date_publish": "2026-02-03 18:30:00", "description": "Teaser", "language": "de", "maintext": "Der Hafen von Nordhafen wird ausgebaut.\nDie Arbeiten beginnen im Herbst.", "source_domain": "www.hafenblatt.example", "title": "Hafen wird ausgebaut", "url": "https://www.hafenblatt.example/hafen"}`
	trafilaturaLine = `{"title": "Harbour to grow", "author": "Lene Aas; Per Vik", "hostname": "harbour.example", "date": "2026-02-03", "sitename": "Harbour Times", "text": "The harbour of Nordhafen will grow.\nWork starts in autumn.", "language": "en", "source": "https://harbour.example/grow", "url": null, "comments": "I doubt it."}`
)

func TestParse_JSONL(t *testing.T) {
	for _, c := range []struct {
		name, line, text string
		meta             sourcescore.Metadata
	}{
		{"news-please", newsPleaseLine, "Hafen wird ausgebaut\n\nDer Hafen von Nordhafen wird ausgebaut.\nDie Arbeiten beginnen im Herbst.",
			sourcescore.Metadata{Outlet: "www.hafenblatt.example", URL: "https://www.hafenblatt.example/hafen",
				Published: time.Date(2026, 2, 3, 0, 0, 0, 0, time.UTC), Language: "de",
				FromPage: []string{"outlet", "url", "published", "language"}, Title: "Hafen wird ausgebaut", Author: "Lene Aas, Per Vik"}},
		{"trafilatura", trafilaturaLine, "Harbour to grow\n\nThe harbour of Nordhafen will grow.\nWork starts in autumn.",
			sourcescore.Metadata{Outlet: "Harbour Times", URL: "https://harbour.example/grow",
				Published: time.Date(2026, 2, 3, 0, 0, 0, 0, time.UTC), Language: "en",
				FromPage: []string{"outlet", "url", "published", "language"}, Title: "Harbour to grow", Author: "Lene Aas; Per Vik"}},
		{"text only", `{"text": "Nur Text."}`, "Nur Text.", sourcescore.Metadata{}},
		{"unknown date", `{"text": "Nur Text.", "date": "gestern"}`, "Nur Text.", sourcescore.Metadata{}},
	} {
		t.Run(c.name, func(t *testing.T) {
			a, err := Parse("crawl.jsonl:7", []byte(c.line), nil, nil)
			if err != nil {
				t.Fatal(err)
			}
			if a.Text != c.text {
				t.Errorf("text = %q, want %q", a.Text, c.text)
			}
			if d := cmp.Diff(c.meta, a.Meta); d != "" {
				t.Errorf("metadata (-want +got):\n%s", d)
			}
			if a.File != "crawl.jsonl:7" || a.ID != ArticleID("crawl.jsonl:7") || a.ContentHash != sha256Hex([]byte(c.line)) {
				t.Errorf("file %s, id %s, hash %s", a.File, a.ID, a.ContentHash)
			}
		})
	}
}

func TestParse_JSONL_bad(t *testing.T) {
	for _, c := range []struct{ line, reason string }{
		{`{"title": "x", "maintext": "abc"`, "not valid JSON: unexpected end of JSON input (at byte 32 of the line)"},
		{`{"title": x}`, "not valid JSON: invalid character 'x' looking for beginning of value (at byte 11 of the line)"},
		{`["a", "b"]`, "not a JSON object but a JSON array: each line must be one article's object"},
		{`null`, "not a JSON object but null: each line must be one article's object"},
		{`{"title": "Nur ein Titel"}`, "no text: neither maintext nor text holds any"},
		{`{"maintext": null, "text": "  "}`, "no text: neither maintext nor text holds any"},
		{`{"maintext": 42}`, `field "maintext" is a number, not text`},
		{`{"text": "ok", "title": {"de": "x"}}`, `field "title" is an object, not text`},
		{`{"text": "ok", "authors": [1, 2]}`, `field "authors" is a list of something else than text`},
		{`{"text": "\u0000\u0001\u0002"}`, "binary file (it holds a NUL character)"},
	} {
		_, err := Parse("c.jsonl:2", []byte(c.line), nil, nil)
		var bad *BadArticleError
		if !errors.As(err, &bad) {
			t.Errorf("%s: err = %v, want a *BadArticleError", c.line, err)
			continue
		}
		if bad.Reason != c.reason || bad.File != "c.jsonl:2" {
			t.Errorf("%s:\n got %s: %q\nwant c.jsonl:2: %q", c.line, bad.File, bad.Reason, c.reason)
		}
	}
}

func TestSplitLine(t *testing.T) {
	for _, c := range []struct {
		name string
		file string
		line int
	}{
		{"crawl.jsonl:3", "crawl.jsonl", 3},
		{"sub/a:b.JSONL:12", "sub/a:b.JSONL", 12},
		{"crawl.jsonl:0", "", 0},
		{"crawl.jsonl:03", "", 0},
		{"crawl.jsonl:+3", "", 0},
		{"crawl.jsonl:", "", 0},
		{"crawl.jsonl", "", 0},
		{"notes.txt:3", "", 0},
		{"a.jsonl:3.txt", "", 0},
	} {
		file, line, ok := splitLine(c.name)
		if file != c.file || line != c.line || ok != (c.line > 0) {
			t.Errorf("splitLine(%q) = %q, %d, %v", c.name, file, line, ok)
		}
		if ok && lineName(file, line) != c.name {
			t.Errorf("lineName(%q, %d) = %q", file, line, lineName(file, line))
		}
	}
	if formatOf("a.jsonl:3.txt") != formatText || formatOf("x.HTM") != formatHTML || formatOf("c.jsonl:2") != formatJSONL {
		t.Error("formatOf")
	}
}

// TestSource_JSONL reads a folder with a .jsonl file of good, blank,
// broken, huge and textless lines beside a page and a text file: each good
// line is an article named file:line, the huge one is skipped while
// listing, the broken ones when read, and nothing else is lost.
func TestSource_JSONL(t *testing.T) {
	dir := t.TempDir()
	huge := `{"maintext": "` + strings.Repeat("Wort ", 500) + `"}`
	crawl := newsPleaseLine + "\n\n" + `{"title": "kaputt` + "\n" + huge + "\n" + trafilaturaLine + "\n" + `{"title": "ohne Text"}` + "\r\n" + `   ` + "\n" + `{"text": "letzte Zeile ohne Zeilenende"}`
	writeFiles(t, dir, map[string]string{
		"crawl.jsonl":     "\ufeff" + crawl,
		"empty.jsonl":     "\n  \n",
		"page.html":       testPage,
		"a.txt":           "Ein Text.",
		"notes.json":      `{"not": "read"}`,
		"manifest.csv":    "file,outlet,story\ncrawl.jsonl,Hafenblatt Gruppe,hafen\ncrawl.jsonl:5,x,\n",
		"sub/other.jsonl": trafilaturaLine + "\n",
	})
	src, err := Open(dir, Limits{ArticleBytes: 2000})
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	wantFiles := []string{"a.txt", "crawl.jsonl:1", "crawl.jsonl:3", "crawl.jsonl:5", "crawl.jsonl:6", "crawl.jsonl:8", "page.html", "sub/other.jsonl:1"}
	if d := cmp.Diff(wantFiles, src.Files()); d != "" {
		t.Errorf("Files (-want +got):\n%s", d)
	}
	wantSkipped := []sourcescore.Skipped{
		{File: "crawl.jsonl:4", Reason: "too large: the line has 2.5 KiB (2516 bytes), more than the article size limit of 2.0 KiB (2000 bytes) (--max-article-bytes)"},
		{File: "empty.jsonl", Reason: "empty file (no line holds an article)"},
	}
	if d := cmp.Diff(wantSkipped, src.Skipped()); d != "" {
		t.Errorf("Skipped (-want +got):\n%s", d)
	}
	wantWarnings := []string{
		"manifest.csv:3: file crawl.jsonl:5 is a line of a .jsonl file; a row gives the metadata of a whole file, name the .jsonl file",
		"a.txt: not in manifest.csv; its metadata is taken from the text",
		"page.html: not in manifest.csv; its metadata is taken from the page",
		"empty.jsonl: not in manifest.csv; its metadata is taken from the crawler's fields",
		"sub/other.jsonl: not in manifest.csv; its metadata is taken from the crawler's fields",
	}
	if d := cmp.Diff(wantWarnings, src.Warnings()); d != "" {
		t.Errorf("Warnings (-want +got):\n%s", d)
	}

	reasons := map[string]string{}
	for _, f := range src.Files() {
		a, err := src.Read(f, nil)
		var bad *BadArticleError
		switch {
		case errors.As(err, &bad):
			reasons[f] = bad.Reason
		case err != nil:
			t.Fatalf("%s: %v", f, err)
		default:
			reasons[f] = ""
			if f == "crawl.jsonl:1" && (a.Meta.Outlet != "Hafenblatt Gruppe" || a.Meta.Story != "hafen" || a.Meta.Origin("outlet") != sourcescore.OriginManifest) {
				t.Errorf("crawl.jsonl:1: the manifest row of the .jsonl file does not apply: %+v", a.Meta)
			}
			if f == "crawl.jsonl:8" && a.Text != "letzte Zeile ohne Zeilenende" {
				t.Errorf("last line: %q", a.Text)
			}
		}
	}
	wantReasons := map[string]string{
		"a.txt": "", "crawl.jsonl:1": "", "crawl.jsonl:5": "", "crawl.jsonl:8": "", "page.html": "", "sub/other.jsonl:1": "",
		"crawl.jsonl:3": "not valid JSON: unexpected end of JSON input (at byte 17 of the line)",
		"crawl.jsonl:6": "no text: neither maintext nor text holds any",
	}
	if d := cmp.Diff(wantReasons, reasons); d != "" {
		t.Errorf("read (-want +got):\n%s", d)
	}

	// ReadSaved reads the line again, as explain does.
	raw, err := ReadSaved(dir, "crawl.jsonl:5")
	if err != nil || string(raw) != trafilaturaLine {
		t.Errorf("ReadSaved(crawl.jsonl:5) = %q, %v", raw, err)
	}
	if _, err := ReadSaved(dir, "crawl.jsonl:99"); !errors.Is(err, sourcescore.ErrBadArticle) {
		t.Errorf("ReadSaved of a line past the end: %v", err)
	}
	if _, err := ReadSaved(dir, "gone.jsonl:1"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("ReadSaved of a missing file: %v", err)
	}

	// A line that moved since the folder was listed is not read as
	// another article.
	if err := os.WriteFile(filepath.Join(dir, "crawl.jsonl"), []byte("\n"+crawl), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = src.ReadBytes("crawl.jsonl:5")
	var bad *BadArticleError
	if !errors.As(err, &bad) || !strings.HasPrefix(bad.Reason, "the file changed while it was read") {
		t.Errorf("moved line: %v", err)
	}
}

// TestSource_pageLinks: a .jsonl or .html link that leads out of the
// folder is skipped with its reason, as a .txt one is.
func TestSource_pageLinks(t *testing.T) {
	outside := t.TempDir()
	writeFiles(t, outside, map[string]string{"c.jsonl": trafilaturaLine + "\n", "p.html": testPage})
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.txt": "Text."})
	for _, name := range []string{"c.jsonl", "p.html"} {
		if err := os.Symlink(filepath.Join(outside, name), filepath.Join(dir, name)); err != nil {
			t.Skip(err)
		}
	}
	src, err := Open(dir, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	skipped := src.Skipped()
	if len(skipped) != 1 || skipped[0].File != "c.jsonl" || !strings.Contains(skipped[0].Reason, "outside the input folder") {
		t.Errorf("Skipped = %v", skipped)
	}
	_, err = src.Read("p.html", nil)
	var bad *BadArticleError
	if !errors.As(err, &bad) || !strings.Contains(bad.Reason, "outside the input folder") {
		t.Errorf("p.html: %v", err)
	}
}

// sha256Hex is the hex SHA-256 of b, as Article.ContentHash holds it.
func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// BenchmarkParse_formats is the cost of one article in each input format:
// the example's saved pages (examples/norvalis-web, 4 to 7 KiB each, with
// their furniture), the text extracted from each saved as a .txt file, and
// the same text as a crawler's .jsonl line. One op is one article; the
// difference between html and txt is the cost of the extraction.
func BenchmarkParse_formats(b *testing.B) {
	dir := filepath.Join("..", "examples", "norvalis-web")
	pages, err := filepath.Glob(filepath.Join(dir, "*.htm*"))
	if err != nil || len(pages) == 0 {
		b.Fatal("no example pages")
	}
	var html, txt, jsonl [][]byte
	for _, p := range pages {
		raw, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		a, err := Parse(filepath.Base(p), raw, nil, nil)
		if err != nil {
			b.Fatal(err)
		}
		html = append(html, raw)
		txt = append(txt, []byte(a.Text))
		line, err := json.Marshal(map[string]string{"text": a.Text, "sitename": a.Meta.Outlet, "date": a.Meta.PublishedString()})
		if err != nil {
			b.Fatal(err)
		}
		jsonl = append(jsonl, line)
	}
	for _, bc := range []struct {
		name, file string
		raws       [][]byte
	}{
		{"txt", "a.txt", txt},
		{"html", "a.html", html},
		{"jsonl", "a.jsonl:1", jsonl},
	} {
		b.Run(bc.name, func(b *testing.B) {
			size := 0
			for _, r := range bc.raws {
				size += len(r)
			}
			b.SetBytes(int64(size / len(bc.raws)))
			for i := 0; b.Loop(); i++ {
				if _, err := Parse(bc.file, bc.raws[i%len(bc.raws)], nil, seedBoilerplate()); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
