package ingest

import (
	"bytes"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/markusmobius/go-htmldate"
	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
)

// Bounds on a web page, besides the article size limit on its file.
const (
	maxPageDepth = 512    // elements nested deeper make a page that is not read (the extractor recurses)
	maxPageNodes = 50_000 // more elements make a page that is not read (a heavy news page has 5,000 to 15,000; 60,000 took 2.6 s here)
	minPageWords = 20     // a page whose main text has fewer words has none (a menu, a cookie notice, an error page)

	// maxPageText bounds the text of a page (outside scripts and styles).
	// go-trafilatura's time grows with the square of the text it keeps
	// (it builds it by string concatenation): 120 KB of paragraphs took
	// 0.17 s here, 720 KB 5.4 s, 7 MB more than five minutes. A long
	// article has some tens of kilobytes of text.
	maxPageText = 256 << 10
)

// page is what a web page's own metadata (meta tags, JSON-LD, Open Graph),
// or the fields of a crawler's JSON, say about its article. Empty fields
// are unknown.
type page struct {
	title     string
	author    string
	outlet    string // the site's name, or else its host name
	url       string
	language  string    // lower-case ISO 639-1 code
	published time.Time // midnight UTC of the publication date; zero when unknown
}

// htmlDateOptions make go-htmldate read the publication date from the
// page's metadata, its <time> elements and its URL, never from a date
// somewhere in the text (a comment's date, a related story's), and take
// the original date, not the latest update. The range is fixed, so that
// the date a page gives does not depend on the day it is read.
var htmlDateOptions = htmldate.Options{
	UseOriginalDate:     true,
	SkipExtensiveSearch: true,
	MinDate:             time.Date(1995, 1, 1, 0, 0, 0, 0, time.UTC),
	MaxDate:             time.Date(2199, 12, 31, 0, 0, 0, 0, time.UTC),
}

// pruneSelector names page parts that are removed before extraction:
// readers' comments under German names (go-trafilatura knows the English
// ones, "comment", and leaves comments out; a section named "Kommentare" or
// "Leserbriefe" came through into the text on the example pages) and
// cookie banners.
const pruneSelector = `[class*="kommentar"], [id*="kommentar"], [class*="Kommentar"], [id*="Kommentar"], ` +
	`[class*="leserbrief"], [id*="leserbrief"], [class*="Leserbrief"], [id*="Leserbrief"], ` +
	`[class*="cookie"], [id*="cookie"], [class*="consent"], [id*="consent"]`

// extractOptions are go-trafilatura's options: its default (balanced)
// focus without the fallback extractors (FavorPrecision and
// EnableFallback gave the same text on the example pages, the fallback at
// twice the cost); comments are left out.
func extractOptions() trafilatura.Options {
	opts := htmlDateOptions
	return trafilatura.Options{
		ExcludeComments: true,
		HtmlDateOptions: &opts,
		MaxTreeSize:     maxPageNodes,
		PruneSelector:   pruneSelector,
	}
}

// extractHTML finds the main text of a web page and what the page says
// about it. The text is the title, a blank line, then the main text's
// paragraphs separated by blank lines. reason says why no text can be had
// ("" when there is one).
func extractHTML(raw []byte) (text string, p page, reason string) {
	decoded := decodeHTML(raw)
	if reason := binaryReason(decoded); reason != "" {
		return "", p, reason
	}
	if strings.TrimSpace(decoded) == "" {
		return "", p, reasonEmpty
	}
	doc, err := html.Parse(strings.NewReader(decoded))
	if err != nil {
		return "", p, "not a readable web page: " + err.Error()
	}
	switch depth, nodes, text := treeSize(doc); {
	case depth > maxPageDepth:
		return "", p, fmt.Sprintf("web page nested too deeply: elements more than %d deep", maxPageDepth)
	case nodes > maxPageNodes:
		return "", p, fmt.Sprintf("web page too large: more than %d elements", maxPageNodes)
	case text > maxPageText:
		return "", p, fmt.Sprintf("web page too large: more than %s of text outside scripts and styles, the most a page is read with (an article has some kilobytes)", sizeText(maxPageText))
	}
	res, err := extract(doc)
	if err != nil {
		return "", p, err.Error()
	}
	m := res.Metadata
	p = page{
		title:     cleanField(m.Title),
		author:    cleanField(m.Author),
		outlet:    cleanField(m.Sitename),
		url:       cleanField(m.URL),
		language:  languageCode(m.Language),
		published: dateOf(m.Date),
	}
	if p.outlet == "" {
		p.outlet = cleanField(m.Hostname)
	}
	body := dropRepeats(strings.TrimSpace(nodeText(res.ContentNode)))
	if n := countWords(body); n < minPageWords {
		// go-trafilatura falls back on the whole page's text when it
		// finds no article; a few words are a menu or a notice.
		return "", p, fmt.Sprintf("%s: the extractor found %d words, fewer than %d", reasonNoMainText, n, minPageWords)
	}
	if p.title != "" && !strings.HasPrefix(body, p.title) {
		body = p.title + "\n\n" + body
	}
	return body, p, ""
}

// reasonNoMainText is why a page without an article is skipped.
const reasonNoMainText = "no main text found in the web page (a page of links, a form, or an article loaded by a script)"

// extract runs go-trafilatura on doc, turning a panic in it into an error:
// one odd page must not stop the run.
func extract(doc *html.Node) (res *trafilatura.ExtractResult, err error) {
	defer func() {
		if r := recover(); r != nil {
			res, err = nil, fmt.Errorf("the text extractor failed on this web page: %v", r)
		}
	}()
	res, err = trafilatura.ExtractDocument(doc, extractOptions())
	if err != nil {
		return nil, fmt.Errorf("%s (the extractor: %v)", reasonNoMainText, err)
	}
	if res == nil || res.ContentNode == nil {
		return nil, fmt.Errorf("%s", reasonNoMainText)
	}
	return res, nil
}

// decodeHTML turns a page's bytes into UTF-8: a BOM or valid UTF-8 as the
// other formats (decodeText), and otherwise the encoding the page declares
// in a <meta> element, windows-1252 when it declares none.
func decodeHTML(raw []byte) string {
	if bytes.HasPrefix(raw, bomUTF8) || bytes.HasPrefix(raw, bomUTF16LE) || bytes.HasPrefix(raw, bomUTF16BE) || utf8.Valid(raw) {
		s, _ := decodeText(raw)
		return s
	}
	enc, _, _ := charset.DetermineEncoding(raw, "text/html")
	out, err := enc.NewDecoder().Bytes(raw)
	if err != nil || !utf8.Valid(out) {
		s, _ := decodeText(raw)
		return s
	}
	return string(out)
}

// treeSize returns how deep elements nest in doc, how many there are and
// how many bytes of text they hold outside scripts and styles, walking it
// without recursion. It stops early once a bound is passed.
func treeSize(doc *html.Node) (depth, nodes, text int) {
	type item struct {
		n *html.Node
		d int
	}
	stack := []item{{doc, 0}}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		switch it.n.Type {
		case html.ElementNode:
			nodes++
			switch it.n.Data {
			case "script", "style", "noscript", "template":
				continue
			}
		case html.TextNode:
			text += len(it.n.Data)
		}
		depth = max(depth, it.d)
		if nodes > maxPageNodes || depth > maxPageDepth || text > maxPageText {
			return depth, nodes, text
		}
		for c := it.n.FirstChild; c != nil; c = c.NextSibling {
			stack = append(stack, item{c, it.d + 1})
		}
	}
	return depth, nodes, text
}

// blockElements start and end a paragraph of the text.
var blockElements = map[string]bool{
	"p": true, "div": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"li": true, "ul": true, "ol": true, "dl": true, "dt": true, "dd": true, "blockquote": true, "pre": true,
	"table": true, "tr": true, "section": true, "article": true, "main": true, "header": true, "footer": true,
	"figure": true, "figcaption": true, "hr": true, "body": true, "aside": true, "details": true, "summary": true,
	"title": true,
}

// nodeText writes the text of the extracted content n: each block element
// (paragraph, heading, list item, quotation, table row) a paragraph of its
// own, paragraphs separated by a blank line, <br> a line break, runs of
// white space one space (but in <pre>).
func nodeText(n *html.Node) string {
	if n == nil {
		return ""
	}
	var w textWriter
	w.walk(n, 0)
	return w.b.String()
}

// textWriter collects nodeText's output.
type textWriter struct {
	b     strings.Builder
	brk   int  // line breaks owed before the next text: 0, 1 (<br>) or 2 (a new paragraph)
	space bool // a space is owed before the next text
}

// walk writes n and what is below it; pre counts the <pre> elements it is in.
func (w *textWriter) walk(n *html.Node, pre int) {
	switch n.Type {
	case html.TextNode:
		w.text(n.Data, pre > 0)
		return
	case html.ElementNode:
		switch n.Data {
		case "br":
			w.brk = max(w.brk, 1)
			return
		case "script", "style", "noscript", "template":
			return
		case "pre":
			pre++
		}
	}
	block := n.Type == html.ElementNode && blockElements[n.Data]
	if block {
		w.brk = 2
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c, pre)
		if n.Type == html.ElementNode && (n.Data == "tr") && c.Type == html.ElementNode {
			w.space = true // table cells
		}
	}
	if block {
		w.brk = 2
	}
}

// text writes a text node's words.
func (w *textWriter) text(s string, pre bool) {
	if pre {
		if s == "" {
			return
		}
		w.flush()
		w.b.WriteString(s)
		return
	}
	fields := strings.Fields(s)
	if len(fields) == 0 {
		if s != "" {
			w.space = true
		}
		return
	}
	if first, _ := utf8.DecodeRuneInString(s); unicode.IsSpace(first) {
		w.space = true
	}
	w.flush()
	w.b.WriteString(strings.Join(fields, " "))
	last, _ := utf8.DecodeLastRuneInString(s)
	w.space = unicode.IsSpace(last)
}

// flush writes the line breaks or the space owed before more text.
func (w *textWriter) flush() {
	switch {
	case w.b.Len() == 0:
	case w.brk > 0:
		w.b.WriteString("\n\n"[:w.brk])
	case w.space:
		w.b.WriteByte(' ')
	}
	w.brk, w.space = 0, false
}

// dropRepeats drops each paragraph of text that repeats an earlier one
// word for word: go-trafilatura's fallback on a short page gives its
// paragraphs twice.
func dropRepeats(text string) string {
	paras := strings.Split(text, "\n\n")
	if len(paras) < 2 {
		return text
	}
	seen := make(map[string]bool, len(paras))
	kept := paras[:0]
	for _, p := range paras {
		if !seen[p] {
			seen[p] = true
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, "\n\n")
}

// cleanField trims a metadata value and squeezes its white space; a
// value with a line break or control character in it is kept on one line.
func cleanField(s string) string { return strings.Join(strings.Fields(s), " ") }

// languageCode reads a language tag ("de", "de-DE", "en_GB") as a
// lower-case ISO 639-1 code, or "" when it is not one.
func languageCode(tag string) string {
	tag = strings.ToLower(strings.TrimSpace(tag))
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	if !isLanguageCode(tag) {
		return ""
	}
	return tag
}

// dateOf is midnight UTC of t's date as written (in t's own offset), or
// zero when t is zero or its year implausible for a news article.
func dateOf(t time.Time) time.Time {
	if t.IsZero() || t.Year() < 1900 || t.Year() > 2199 {
		return time.Time{}
	}
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}
