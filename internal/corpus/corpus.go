// Package corpus generates a deterministic synthetic corpus of news articles
// for benchmarks: realistic German web-page text built from the paragraphs
// of the seed articles, with varied outlets, publication dates, names,
// numbers and dates, and a manifest.csv. The same n and seed always give the
// same files, so figures compare across commits.
package corpus

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Options says what to generate.
type Options struct {
	Seeds string // folder of seed articles (*.txt) whose paragraphs are used
	N     int    // number of articles
	Seed  uint64 // random seed
}

// Stats describes a generated corpus.
type Stats struct {
	Files int   // articles written
	Bytes int64 // bytes of article text
}

var (
	digits   = regexp.MustCompile(`\b\d{2,3}\b`)
	dayMonth = regexp.MustCompile(`\b([1-9]|[12]\d|3[01])\. (Oktober|November|Dezember)\b`)
)

var outletParts = [][]string{
	{"Nord", "Süd", "West", "Ost", "Rhein", "Alpen", "Hanse", "Spree", "Main", "Elb", "Donau", "Küsten"},
	{"kurier", "bote", "anzeiger", "blatt", "rundschau", "post", "nachrichten", "zeitung", "echo", "presse"},
	{"", " Online", ".de", " Digital", " Aktuell"},
}

var names = []string{"Elon Musk", "Musk", "Wladimir Putin", "Putin", "Dmitri Peskow", "Peskow", "Donald Trump", "Trump"}

// paragraphs reads the non-trivial paragraphs of the seed articles.
func paragraphs(dir string) ([]string, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	var out []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		for _, p := range strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n") {
			if p = strings.TrimSpace(p); len(p) >= 80 {
				out = append(out, p)
			}
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no paragraphs in %s", dir)
	}
	return out, nil
}

// Generate writes o.N articles and a manifest.csv into dir, in subfolders of
// 1,000 articles.
func Generate(dir string, o Options) (Stats, error) {
	paras, err := paragraphs(o.Seeds)
	if err != nil {
		return Stats{}, err
	}
	w, err := newWriter(dir)
	if err != nil {
		return Stats{}, err
	}
	defer w.abort()
	base := time.Date(2024, 10, 24, 0, 0, 0, 0, time.UTC)
	for i := 0; i < o.N; i++ {
		r := rand.New(rand.NewPCG(o.Seed, uint64(i)))
		outlet := randomOutlet(r)
		published := base.AddDate(0, 0, r.IntN(60))
		if err := w.add(r, i, article(r, paras, published), outlet, published, "de", "musk-putin-2024"); err != nil {
			return w.st, err
		}
	}
	return w.close()
}

// randomOutlet makes an outlet's name of three random parts.
func randomOutlet(r *rand.Rand) string {
	return outletParts[0][r.IntN(len(outletParts[0]))] + outletParts[1][r.IntN(len(outletParts[1]))] + outletParts[2][r.IntN(len(outletParts[2]))]
}

// writer writes a corpus: the articles, in subfolders of 1,000, and the
// manifest.csv that describes them.
type writer struct {
	dir string
	f   *os.File
	m   *bufio.Writer
	st  Stats
}

func newWriter(dir string) (*writer, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	f, err := os.Create(filepath.Join(dir, "manifest.csv"))
	if err != nil {
		return nil, err
	}
	w := &writer{dir: dir, f: f, m: bufio.NewWriter(f)}
	fmt.Fprintln(w.m, "file,outlet,url,published,language,story")
	return w, nil
}

// add writes article i and its manifest row; one in twenty rows leaves the
// date out (drawn from r after the article).
func (w *writer) add(r *rand.Rand, i int, text, outlet string, published time.Time, lang, story string) error {
	rel := fmt.Sprintf("d%03d/a%06d.txt", i/1000, i)
	path := filepath.Join(w.dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		return err
	}
	pub := published.Format("2006-01-02")
	if r.IntN(20) == 0 {
		pub = "" // some articles without a date
	}
	fmt.Fprintf(w.m, "%s,%s,https://%s.example/%d,%s,%s,%s\n", rel, outlet, strings.ToLower(strings.Fields(outlet)[0]), i, pub, lang, story)
	w.st.Files++
	w.st.Bytes += int64(len(text))
	return nil
}

// close writes the rest of the manifest.
func (w *writer) close() (Stats, error) {
	if err := w.m.Flush(); err != nil {
		return w.st, err
	}
	return w.st, w.f.Close()
}

// abort closes the manifest file if close did not (a second Close is harmless).
func (w *writer) abort() { _ = w.f.Close() }

// article builds one article: a title, a date line and 9 to 19 paragraphs,
// with names, numbers and some dates varied.
func article(r *rand.Rand, paras []string, published time.Time) string {
	var b strings.Builder
	title := paras[r.IntN(len(paras))]
	if len(title) > 90 {
		title = title[:strings.LastIndex(title[:90], " ")]
	}
	b.WriteString(title)
	b.WriteString("\n\n")
	b.WriteString(published.Format("02.01.2006 15:04") + " Uhr\n\n")
	n := 9 + r.IntN(11)
	for k := 0; k < n; k++ {
		p := paras[r.IntN(len(paras))]
		p = digits.ReplaceAllStringFunc(p, func(d string) string {
			if r.IntN(3) == 0 {
				return strconv.Itoa(10 + r.IntN(900))
			}
			return d
		})
		p = dayMonth.ReplaceAllStringFunc(p, func(d string) string {
			if r.IntN(4) == 0 {
				return fmt.Sprintf("%d. %s", 1+r.IntN(28), []string{"Oktober", "November", "Dezember"}[r.IntN(3)])
			}
			return d
		})
		if r.IntN(3) == 0 {
			p = strings.Replace(p, "Musk", names[r.IntN(len(names))], 1)
		}
		b.WriteString(p)
		b.WriteString("\n\n")
	}
	return b.String()
}
