// Command realcorpus prepares the development corpus of real articles for
// `sourcescore rules eval`: it reads the committed lists of articles and
// their labels (testdata/real/sources-*.csv), checks that the texts are
// there (they are other people's writing and stay out of git), and writes
// the manifest and the labels file beside the texts. `make eval-real` runs
// it, then rules eval.
//
//	go run ./cmd/realcorpus -dir testdata/real -rules out/real-rules
//
// An article whose story has a story file in the rule set is named with its
// story in the manifest and labelled for denial.missing by its
// denial_present column. `make eval-real` prepares that rule set: the
// built-in rules plus the corpus's story files (testdata/real/stories/).
//
// When texts are missing it lists them with their address and the search
// query that found them, and exits 1: a session with the search tool
// (pages corpus) gathers them again. With -partial it lists them and goes
// on with the articles whose texts are there (`make eval-all` does: a page
// the pages corpus no longer holds leaves the rest of its corpus
// measurable), saying how many it left out.
//
// With -fit RULE it fits the typical values, weights and bias of a profile
// rule to the corpora (-dir a,b,c), and prints them with the figures of a
// cross-validation that scores each corpus by a fit without it and without
// its sites (`make fit-profile`); with -partial too it fits without the
// missing texts, listing them above the figures.
package main

import (
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"sourcescore/job"
)

// source is one row of a sources file: an article and what a person saw
// in it.
type source struct {
	file, url, outlet, kind, lang, story, published string
	mt                                              bool   // machine-translated
	denial                                          string // yes, no, na
	from                                            string // "sources-de.csv:12"
	query                                           string
}

func main() {
	dir := flag.String("dir", "testdata/real", "the corpus `folder`: sources-*.csv, texts/")
	rulesDir := flag.String("rules", "", "rule `folder` whose translation rules and stories are labelled (default: the built-in rules)")
	fitRule := flag.String("fit", "", "fit the profile `rule` (e.g. translation.profile) to the corpora of -dir (comma-separated) and print its figures")
	lang := flag.String("lang", "de", "with -fit: the `language` of the articles fitted")
	threshold := flag.Float64("threshold", 0.9, "with -fit: the `likelihood` at which the cross-validated figures count an article as judged")
	partial := flag.Bool("partial", false, "with texts missing, list them and prepare (or, with -fit, fit on) the articles whose texts are there (without it nothing is prepared)")
	flag.Parse()
	if *fitRule != "" {
		if err := fit(strings.Split(*dir, ","), *rulesDir, *fitRule, *lang, *threshold, *partial, os.Stdout); err != nil {
			fmt.Fprintln(os.Stderr, "realcorpus:", err)
			os.Exit(1)
		}
		return
	}
	if err := run(*dir, *rulesDir, *partial, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "realcorpus:", err)
		os.Exit(1)
	}
}

// run prepares the corpus in dir; partial goes on without the texts that
// are missing.
func run(dir, rulesDir string, partial bool, out io.Writer) error {
	srcs, err := readSources(dir)
	if err != nil {
		return err
	}
	texts := filepath.Join(dir, "texts")
	var missing []source
	for _, s := range srcs {
		if _, err := os.Stat(filepath.Join(texts, filepath.FromSlash(s.file))); err != nil {
			missing = append(missing, s)
		}
	}
	if len(missing) > 0 {
		fmt.Fprintf(out, "%d of %d texts are missing from %s (they are not in git: other people's writing).\n", len(missing), len(srcs), texts)
		fmt.Fprintln(out, "Gather them again with the search tool (corpus \"pages\"): search for the query, take the result")
		fmt.Fprintln(out, "whose address is the url, and save its excerpt unchanged (\\n as line breaks) as texts/FILE; the")
		fmt.Fprintln(out, "corpus README says whether a leading metadata prefix (\" date 2023-05 \") ends in a line break instead:")
		for _, s := range missing {
			fmt.Fprintf(out, "  %s\n    url:   %s\n    query: %s\n", s.file, s.url, s.query)
		}
		if !partial || len(missing) == len(srcs) {
			return errors.New("texts missing: nothing evaluated")
		}
		gone := map[string]bool{}
		for _, s := range missing {
			gone[s.file] = true
		}
		srcs = slices.DeleteFunc(srcs, func(s source) bool { return gone[s.file] })
		fmt.Fprintf(out, "Prepared without them (-partial): %d of the corpus's articles; its figures are not those of the whole corpus.\n", len(srcs))
	}
	set, err := job.LoadRules(job.RuleSource{Dir: rulesDir})
	if err != nil {
		return fmt.Errorf("rules not loaded:\n%w", err)
	}
	ids := map[string][]string{} // translation rules by language; "" for rules of every language
	for _, r := range set.Rules {
		if r.Family != "translation" {
			continue
		}
		if len(r.Languages) == 0 {
			ids[""] = append(ids[""], r.ID)
		}
		for _, l := range r.Languages {
			ids[l] = append(ids[l], r.ID)
		}
	}
	known := map[string]bool{} // the stories the rule set has a story file for
	for _, st := range set.Stories {
		known[st.ID] = true
	}
	denialRule := ""
	if set.KnownTarget(denialMissing) {
		denialRule = denialMissing
	}
	if err := writeManifest(filepath.Join(texts, "manifest.csv"), srcs, known); err != nil {
		return err
	}
	n, err := writeLabels(filepath.Join(texts, "labels.csv"), srcs, ids, known, denialRule)
	if err != nil {
		return err
	}
	mt, withStory, denials := 0, 0, 0
	stories := map[string]bool{}
	for _, s := range srcs {
		if s.mt {
			mt++
		}
		stories[s.story] = true
		if known[s.story] {
			withStory++
			if denialRule != "" && s.denial != "na" {
				denials++
			}
		}
	}
	fmt.Fprintf(out, "%d articles (%d machine-translated, %d stories), %d labels: %s\n", len(srcs), mt, len(stories), n, filepath.Join(texts, "labels.csv"))
	fmt.Fprintf(out, "%d articles have a story file in %s; %d are labelled for %s\n", withStory, set.Source, denials, denialMissing)
	return nil
}

// denialMissing is the rule labelled by the denial_present column.
const denialMissing = "denial.missing"

// readSources reads every sources-*.csv of dir, sorted by file name.
func readSources(dir string) ([]source, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "sources-*.csv"))
	if err != nil {
		return nil, err
	}
	if len(paths) == 0 {
		return nil, fmt.Errorf("no sources-*.csv in %s", dir)
	}
	sort.Strings(paths)
	var out []source
	seen := map[string]string{}
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return nil, err
		}
		rows, err := csv.NewReader(f).ReadAll()
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", p, err)
		}
		if len(rows) == 0 {
			continue
		}
		col := map[string]int{}
		for i, h := range rows[0] {
			col[strings.TrimSpace(h)] = i
		}
		for _, need := range []string{"file", "url", "outlet", "outlet_kind", "language", "story", "published", "machine_translated", "denial_present", "query"} {
			if _, ok := col[need]; !ok {
				return nil, fmt.Errorf("%s:1: no column %q", p, need)
			}
		}
		for i, r := range rows[1:] {
			at := fmt.Sprintf("%s:%d", filepath.Base(p), i+2)
			get := func(k string) string { return strings.TrimSpace(r[col[k]]) }
			s := source{file: get("file"), url: get("url"), outlet: get("outlet"), kind: get("outlet_kind"), lang: get("language"),
				story: get("story"), published: get("published"), denial: get("denial_present"), from: at, query: get("query")}
			switch s.denial {
			case "yes", "no", "na":
			default:
				return nil, fmt.Errorf("%s: denial_present %q must be yes, no or na", at, s.denial)
			}
			switch get("machine_translated") {
			case "yes":
				s.mt = true
			case "no":
			default:
				return nil, fmt.Errorf("%s: machine_translated %q must be yes or no", at, get("machine_translated"))
			}
			if s.file == "" || strings.Contains(s.file, "..") {
				return nil, fmt.Errorf("%s: bad file %q", at, s.file)
			}
			if first, dup := seen[s.file]; dup {
				return nil, fmt.Errorf("%s: %s is listed again (first at %s)", at, s.file, first)
			}
			seen[s.file] = at
			out = append(out, s)
		}
	}
	return out, nil
}

// writeManifest writes the input folder's manifest: outlet, address,
// publication date and language as the labeller saw them, and the story
// when the rule set has its story file (known); otherwise the story is
// left out, as the rule set knows nothing of it.
func writeManifest(path string, srcs []source, known map[string]bool) error {
	rows := [][]string{{"file", "outlet", "url", "published", "language", "story"}}
	for _, s := range srcs {
		story := ""
		if known[s.story] {
			story = s.story
		}
		rows = append(rows, []string{s.file, s.outlet, s.url, s.published, s.lang, story})
	}
	return writeCSV(path, rows)
}

// writeLabels writes the labels rules eval reads: whether
// translation.likely_mt judges each article machine-translated as labelled,
// and, for every other translation rule for the article's language, "fires" on a machine-translated
// article and "does not fire" on a human one. A rule's precision is then
// the share of its firings that are on machine translations; its recall
// the share of machine translations it fires on (no single rule is meant
// to find them all).
//
// An article whose story is known (has a story file) and whose
// denial_present is yes or no is also labelled for denialRule (when not
// ""): it "fires" (the denial is missing) when the article reports no
// denial by the accused side, and "does not fire" when it does.
func writeLabels(path string, srcs []source, ids map[string][]string, known map[string]bool, denialRule string) (int, error) {
	rows := [][]string{{"file", "rule", "expected"}}
	for _, s := range srcs {
		exp := "does not fire"
		if s.mt {
			exp = "fires"
		}
		own := append(append([]string(nil), ids[""]...), ids[s.lang]...)
		sort.Strings(own)
		for _, id := range own {
			rows = append(rows, []string{s.file, id, exp})
		}
		if denialRule != "" && known[s.story] && s.denial != "na" {
			exp := "does not fire"
			if s.denial == "no" {
				exp = "fires"
			}
			rows = append(rows, []string{s.file, denialRule, exp})
		}
	}
	return len(rows) - 1, writeCSV(path, rows)
}

func writeCSV(path string, rows [][]string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := csv.NewWriter(f)
	if err := w.WriteAll(rows); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	return f.Close()
}
