package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
)

// chromium returns the path of a Chromium or Chrome binary, or skips the
// test with how to install one.
func chromium(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("SOURCESCORE_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("no Chromium found, report.html is not checked in a browser " +
		"(Debian: apt-get install chromium; or set SOURCESCORE_CHROMIUM to a Chrome binary)")
	return ""
}

// renderedDOM loads page in headless Chromium and returns the DOM after
// the browser parsed and laid it out (--dump-dom).
func renderedDOM(t *testing.T, browser, page string) *html.Node {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	// The flags keep Chromium from reaching for the network at start,
	// which a closed machine refuses, many times over.
	cmd := exec.CommandContext(ctx, browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir="+t.TempDir(), "--dump-dom", "file://"+page)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s --dump-dom: %v\n%s", browser, err, stderr.String())
	}
	doc, err := html.Parse(strings.NewReader(string(out)))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// TestReportHTML_browser renders the seeds' report.html of a second run in
// headless Chromium and checks what a reader sees: the outlets ranked with
// their family bars and trend lines, the changes since the first run, and
// each article's evidence highlighted in its text, linked both ways with
// its finding.
func TestReportHTML_browser(t *testing.T) {
	browser := chromium(t)
	input := seedsCopy(t)
	dir := t.TempDir()
	db, out := filepath.Join(dir, "s.db"), filepath.Join(dir, "reports")
	for i := 0; i < 2; i++ {
		if code, _, stderr := run(t, "run", "--input", input, "--db", db, "--out", out, "--rescore"); code != exitOK {
			t.Fatalf("run %d: exit %d\n%s", i+1, code, stderr)
		}
	}
	doc := renderedDOM(t, browser, filepath.Join(out, "run-2", "report.html"))

	ids := map[string]bool{}
	var marks, trends, bars, outlets, articles, texts int
	var links []string
	walkHTML(doc, func(n *html.Node) {
		if n.Type != html.ElementNode {
			return
		}
		if id := attrOf(n, "id"); id != "" {
			ids[id] = true
		}
		class := attrOf(n, "class")
		switch {
		case n.Data == "mark":
			marks++
			if n.FirstChild != nil {
				links = append(links, attrOf(n.FirstChild, "href"))
			}
		case n.Data == "svg" && class == "trend":
			trends++
		case n.Data == "rect" && class == "bar":
			bars++
		case n.Data == "tr" && strings.HasPrefix(attrOf(n, "id"), "outlet-"):
			outlets++
		case n.Data == "article":
			articles++
		case n.Data == "div" && class == "text":
			texts++
		}
	})
	if outlets != 5 || articles != 5 || texts != 5 {
		t.Errorf("rendered %d outlet rows, %d articles, %d texts; want 5 of each", outlets, articles, texts)
	}
	if trends != 5 {
		t.Errorf("%d trend lines; want one per outlet, each over the two runs", trends)
	}
	if bars != 20 {
		t.Errorf("%d family bars; want 20 (5 outlets × 4 families)", bars)
	}
	if marks < 10 {
		t.Errorf("%d highlighted pieces of evidence; want the seeds' findings marked in their texts", marks)
	}
	for _, l := range links {
		if !strings.HasPrefix(l, "#") || !ids[l[1:]] {
			t.Errorf("highlight links to %q, which is not on the page", l)
		}
	}
	if !ids["changes"] {
		t.Error("no section of changes since run 1")
	}

	// The story matrix: 002 alone without the denial, 000 alone with a
	// wrong election date, 004 alone without a publication date.
	var header []string
	rows := map[string][]string{} // file → cell class:text, by column name
	walkHTML(doc, func(n *html.Node) {
		if n.Type != html.ElementNode || n.Data != "table" || attrOf(n, "class") != "matrix" {
			return
		}
		walkHTML(n, func(r *html.Node) {
			if r.Type != html.ElementNode || r.Data != "tr" {
				return
			}
			var cells []string
			for c := r.FirstChild; c != nil; c = c.NextSibling {
				if c.Type == html.ElementNode && (c.Data == "td" || c.Data == "th") {
					cells = append(cells, attrOf(c, "class")+":"+textOfNode(c))
				}
			}
			if header == nil {
				header = cells
				return
			}
			for _, seed := range []string{"000_", "001_", "002_", "003_", "004_"} {
				if strings.Contains(cells[0], seed) {
					rows[seed] = cells
				}
			}
		})
	})
	col := func(name string) int {
		for i, h := range header {
			if h == ":"+name {
				return i
			}
		}
		t.Fatalf("matrix has no column %q: %q", name, header)
		return 0
	}
	if len(rows) != 5 {
		t.Fatalf("matrix rows for %d seeds, want 5: %q", len(rows), rows)
	}
	for seed, cells := range rows {
		denial, election, published := cells[col("denial")], cells[col("us_election")], cells[col("published")]
		if got, want := strings.HasPrefix(denial, "bad:missing"), seed == "002_"; got != want {
			t.Errorf("%s denial cell %q", seed, denial)
		}
		if got, want := strings.HasPrefix(election, "bad:2024-11-15 (wrong)"), seed == "000_"; got != want {
			t.Errorf("%s election cell %q", seed, election)
		}
		if got, want := strings.HasPrefix(published, "bad:missing"), seed == "004_"; got != want {
			t.Errorf("%s published cell %q", seed, published)
		}
	}
}

func textOfNode(n *html.Node) string {
	var b strings.Builder
	walkHTML(n, func(c *html.Node) {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	})
	return strings.TrimSpace(b.String())
}

func walkHTML(n *html.Node, f func(*html.Node)) {
	f(n)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walkHTML(c, f)
	}
}

func attrOf(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}
