package ingest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
)

// trigramsOnly is detectLanguage as it was before the function-word
// shortcut: whatlanggo on samples of every body.
func trigramsOnly(body string) string {
	letters := 0
	for _, r := range body {
		if unicode.IsLetter(r) {
			letters++
		}
	}
	if letters < minLangLetters {
		return ""
	}
	return trigramLanguage(body)
}

// articleFolder copies the article files of dir (not its manifest, so that
// the language is detected) into a new temporary folder and returns it.
func articleFolder(tb testing.TB, dir string) string {
	tb.Helper()
	out := tb.TempDir()
	n := 0
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		switch strings.ToLower(filepath.Ext(p)) {
		case ".txt", ".html", ".htm", ".jsonl":
		default:
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		n++
		writeFiles(tb, out, map[string]string{filepath.ToSlash(rel): string(b)})
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	if n == 0 {
		tb.Fatalf("no articles in %s", dir)
	}
	return out
}

// checkSameLanguage reads every article of dir without a manifest and
// checks that detectLanguage gives each the language whatlanggo alone
// gives it; it returns how many articles there were and how many the
// function words decided.
func checkSameLanguage(t *testing.T, dir string) (n, shortcut int) {
	t.Helper()
	src, err := Open(articleFolder(t, dir), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	for _, f := range src.Files() {
		a, err := src.Read(f, nil)
		if err != nil {
			continue // not an article (the tests of Read cover these)
		}
		n++
		got, want := detectLanguage(a.Body), trigramsOnly(a.Body)
		if got != want {
			t.Errorf("%s: language %q, whatlanggo alone says %q", f, got, want)
		}
		if functionWordLanguage(a.Body) != "" {
			shortcut++
		}
	}
	return n, shortcut
}

// TestDetectLanguage_SameAsTrigrams: the function-word shortcut gives the
// seeds and the examples (German and English, web pages and crawler output)
// the language whatlanggo gives them, and decides most of them. The
// development corpus of real articles (testdata/real/texts, not in git) is
// checked too where it is present.
func TestDetectLanguage_SameAsTrigrams(t *testing.T) {
	total, fast := 0, 0
	for _, dir := range []string{"../seeds", "../examples"} {
		n, s := checkSameLanguage(t, dir)
		total += n
		fast += s
	}
	if total < 20 || 2*fast < total {
		t.Errorf("%d of %d articles decided by their function words: want most of them", fast, total)
	}
	if _, err := os.Stat("../testdata/real/texts"); err == nil {
		n, s := checkSameLanguage(t, "../testdata/real/texts")
		t.Logf("development corpus: %d articles, %d decided by their function words", n, s)
	}
}

func TestFunctionWordLanguage(t *testing.T) {
	de := strings.Repeat("Die Regierung hat am Montag mitgeteilt, dass der Plan nicht aufgeht und sich die Lage verschärft. ", 4)
	en := strings.Repeat("The government said on Monday that the plan was not working and that the situation has worsened. ", 4)
	mixed := de[:len(de)/2] + en[:len(en)/2]
	for _, tt := range []struct{ text, want string }{
		{de, "de"}, {en, "en"}, {mixed, ""}, {"Die der und", ""}, {strings.Repeat("Xyz abc ", 200), ""},
	} {
		if got := functionWordLanguage(tt.text); got != tt.want {
			t.Errorf("functionWordLanguage(%.40q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// BenchmarkDetectLanguage detects the language of each seed article in
// turn (all decided by their function words).
func BenchmarkDetectLanguage(b *testing.B) {
	paths, err := filepath.Glob("../seeds/*.txt")
	if err != nil || len(paths) == 0 {
		b.Fatalf("no seeds: %v", err)
	}
	var texts []string
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, string(data))
	}
	i := 0
	for b.Loop() {
		detectLanguage(texts[i%len(texts)])
		i++
	}
}
