package corpus

import (
	"encoding/csv"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
)

// VariedOptions says what GenerateVaried generates.
type VariedOptions struct {
	Seeds    string   // folder of the seed articles (German, story musk-putin-2024)
	Examples []string // folders of more articles whose manifest.csv gives each *.txt's language (de or en)
	N        int      // number of articles
	Seed     uint64   // random seed
}

// pool is the paragraphs of one language, each with where it comes from.
type pool struct {
	paras []string
	seed  []bool // the paragraph is from a seed article
}

// variedPools reads the paragraphs of the seeds (German) and of the
// examples' articles by the language their manifest gives.
func variedPools(o VariedOptions) (map[string]*pool, error) {
	pools := map[string]*pool{"de": {}, "en": {}}
	seedParas, err := paragraphs(o.Seeds)
	if err != nil {
		return nil, err
	}
	for _, p := range seedParas {
		pools["de"].paras = append(pools["de"].paras, p)
		pools["de"].seed = append(pools["de"].seed, true)
	}
	for _, dir := range o.Examples {
		f, err := os.Open(filepath.Join(dir, "manifest.csv"))
		if err != nil {
			return nil, err
		}
		rows, err := csv.NewReader(f).ReadAll()
		f.Close()
		if err != nil || len(rows) < 2 {
			return nil, fmt.Errorf("read %s/manifest.csv: %v", dir, err)
		}
		file, lang := -1, -1
		for i, h := range rows[0] {
			switch h {
			case "file":
				file = i
			case "language":
				lang = i
			}
		}
		if file < 0 || lang < 0 {
			return nil, fmt.Errorf("%s/manifest.csv has no file or language column", dir)
		}
		sort.Slice(rows[1:], func(i, j int) bool { return rows[1+i][file] < rows[1+j][file] })
		for _, row := range rows[1:] {
			pl := pools[row[lang]]
			if pl == nil || !strings.HasSuffix(row[file], ".txt") {
				continue
			}
			data, err := os.ReadFile(filepath.Join(dir, row[file]))
			if err != nil {
				return nil, err
			}
			for _, p := range strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n") {
				if p = strings.TrimSpace(p); len(p) >= 80 {
					pl.paras = append(pl.paras, p)
					pl.seed = append(pl.seed, false)
				}
			}
		}
	}
	for lang, pl := range pools {
		if len(pl.paras) == 0 {
			return nil, fmt.Errorf("no %s paragraphs in %s and %v", lang, o.Seeds, o.Examples)
		}
	}
	return pools, nil
}

// GenerateVaried writes o.N articles and a manifest.csv into dir, in
// subfolders of 1,000 articles: articles of 1 to 15 KB, about 70 % German
// and 30 % English, made of paragraphs of the seeds and the examples (some
// with a paragraph of the other language), with numbers, days and names
// varied, and with three kinds of head (an outlet and date line, a date
// line, none), so that a run without the manifest has something to infer.
// The manifest names the seeds' story for articles mostly made of seed
// paragraphs and no story otherwise. The same options always give the same
// files.
func GenerateVaried(dir string, o VariedOptions) (Stats, error) {
	pools, err := variedPools(o)
	if err != nil {
		return Stats{}, err
	}
	w, err := newWriter(dir)
	if err != nil {
		return Stats{}, err
	}
	defer w.abort()
	for i := 0; i < o.N; i++ {
		r := rand.New(rand.NewPCG(o.Seed, uint64(i)))
		outlet := randomOutlet(r)
		lang := "de"
		if r.IntN(10) < 3 {
			lang = "en"
		}
		text, fromSeeds := variedArticle(r, pools, lang, outlet)
		base := time.Date(2026, 3, 9, 0, 0, 0, 0, time.UTC)
		story := ""
		if fromSeeds {
			base, story = time.Date(2024, 10, 24, 0, 0, 0, 0, time.UTC), "musk-putin-2024"
		}
		published := base.AddDate(0, 0, r.IntN(30))
		text = strings.ReplaceAll(text, "\x00DATE\x00", headDate(published, lang))
		if err := w.add(r, i, text, outlet, published, lang, story); err != nil {
			return w.st, err
		}
	}
	return w.close()
}

// headDate writes a date the way a page in lang shows it.
func headDate(t time.Time, lang string) string {
	if lang == "en" {
		return t.Format("January 2, 2006")
	}
	return t.Format("02.01.2006 15:04") + " Uhr"
}

// variedArticle builds one article of lang of 1 to 15 KB: a head (with
// "\x00DATE\x00" where the date goes) and paragraphs. fromSeeds tells that
// most of its paragraphs come from the seeds.
func variedArticle(r *rand.Rand, pools map[string]*pool, lang, outlet string) (text string, fromSeeds bool) {
	pl, other := pools[lang], pools["en"]
	if lang == "en" {
		other = pools["de"]
	}
	target := 1000 + r.IntN(14001)
	var b strings.Builder
	title := pl.paras[r.IntN(len(pl.paras))]
	if len(title) > 90 {
		title = title[:strings.LastIndex(title[:90], " ")]
	}
	switch r.IntN(3) {
	case 0: // outlet and date, then the title
		b.WriteString(outlet + " • \x00DATE\x00\n\n" + title + "\n\n")
	case 1: // the title, then the date
		b.WriteString(title + "\n\n\x00DATE\x00\n\n")
	default: // the title only
		b.WriteString(title + "\n\n")
	}
	seeds, total := 0, 0
	mixed := r.IntN(12) == 0 // a paragraph of the other language (a quoted statement)
	for b.Len() < target {
		from := pl
		if mixed && total == 2 {
			from = other
		}
		k := r.IntN(len(from.paras))
		p := from.paras[k]
		if from.seed[k] {
			seeds++
			if r.IntN(3) == 0 {
				p = strings.Replace(p, "Musk", names[r.IntN(len(names))], 1)
			}
		}
		total++
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
		if rem := target - b.Len(); len(p) > rem && rem < 400 && total > 1 {
			// The last paragraph is cut at a sentence end, so that lengths
			// spread over the whole range.
			if k := strings.LastIndex(p[:min(len(p), max(rem, 80))], ". "); k > 0 {
				p = p[:k+1]
			}
		}
		b.WriteString(p)
		b.WriteString("\n\n")
	}
	return b.String(), 2*seeds > total
}
