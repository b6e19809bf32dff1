package ingest

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"sourcescore"
)

// writeFiles creates files (relative path → content) below dir.
func writeFiles(tb testing.TB, dir string, files map[string]string) {
	tb.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
}

// copySeeds copies the seed articles (not the manifest) into a new
// temporary folder and returns it.
func copySeeds(tb testing.TB) string {
	tb.Helper()
	dir := tb.TempDir()
	paths, err := filepath.Glob(filepath.Join("..", "seeds", "*.txt"))
	if err != nil || len(paths) == 0 {
		tb.Fatalf("no seeds: %v", err)
	}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		writeFiles(tb, dir, map[string]string{filepath.Base(p): string(b)})
	}
	return dir
}

// cutRule builds a cut rule from regex sources ("" for none).
func cutRule(name, start, until string, toEnd, block bool) sourcescore.CutRule {
	r := sourcescore.CutRule{Name: name, Start: regexp.MustCompile(start), ToEnd: toEnd, Block: block}
	if until != "" {
		r.Until = regexp.MustCompile(until)
	}
	return r
}

// seedBoilerplate is a small rule set in the spirit of the built-in one,
// for tests and benchmarks over the seeds.
func seedBoilerplate() *sourcescore.Boilerplate {
	return &sourcescore.Boilerplate{Rules: []sourcescore.CutRule{
		cutRule("ads", `^-- Anzeige --$`, "", false, false),
		cutRule("comments", `^Kommentar \(\d+\)$`, "", false, false),
		cutRule("font-size", `^Textgröße ändern:$`, "", false, false),
		cutRule("newsletter", `^NEWSLETTER$`, "", true, false),
	}}
}

// filteredBoilerplate is seedBoilerplate plus promo markers with the line
// filters the rules loader derives for such patterns (literals only, as for
// the built-in newsletter and podcast promos), so that benchmarks see the
// cost of the filters.
func filteredBoilerplate() *sourcescore.Boilerplate {
	bp := seedBoilerplate()
	newsletter := cutRule("newsletter promo", `(?i)(newsletter (abonnieren|bestellen)|abonnieren sie unseren|subscribe to our newsletter)`, "", false, true)
	newsletter.StartFilter.Literals = []string{"abonnieren sie unseren", "newsletter abonnieren", "newsletter bestellen", "subscribe to our newsletter"}
	podcast := cutRule("podcast promo", `(?i)(jetzt reinhören|gleich reinhören|listen now|\bpodcast!)`, "", false, true)
	podcast.StartFilter.Literals = []string{"gleich reinhören", "jetzt reinhören", "listen now", "podcast!"}
	gallery := cutRule("photo gallery teaser", `(?i)\bBildergalerie$`, "", false, false)
	gallery.StartFilter.Suffixes = []string{"bildergalerie"}
	gallery.StartFilter.Literals = []string{"bildergalerie"}
	bp.Rules = append(bp.Rules, newsletter, podcast, gallery)
	return bp
}
