package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sourcescore/rules"
)

const sourcesHeader = "file,url,outlet,outlet_kind,language,story,published,machine_translated,source_language,denial_present,artifacts,query\n"

func writeFile(t *testing.T, path, body string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestRun_MissingTexts(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "sources-de.csv"), sourcesHeader+
		"de/a.txt,https://example.org/a,Outlet A,agency,de,s1,2024-01-02,no,,na,,query a\n")
	var out bytes.Buffer
	err := run(dir, "", false, &out)
	if err == nil || !strings.Contains(err.Error(), "texts missing") {
		t.Fatalf("err = %v, want texts missing", err)
	}
	for _, s := range []string{"1 of 1 texts are missing", "de/a.txt", "url:   https://example.org/a", "query: query a"} {
		if !strings.Contains(out.String(), s) {
			t.Errorf("output lacks %q:\n%s", s, out.String())
		}
	}
}

// TestRun_Partial: with -partial, a missing text is listed and left out,
// and the articles whose texts are there are prepared.
func TestRun_Partial(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "sources-de.csv"), sourcesHeader+
		"de/a.txt,https://example.org/a,Outlet A,agency,de,s1,2024-01-02,no,,na,,query a\n"+
		"de/b.txt,https://example.org/b,Outlet B,agency,de,s1,2024-01-03,yes,en,na,,query b\n")
	writeFile(t, filepath.Join(dir, "texts", "de", "b.txt"), "Ein Text.")
	var out bytes.Buffer
	if err := run(dir, "", true, &out); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"1 of 2 texts are missing", "de/a.txt", "query: query a", "Prepared without them (-partial): 1 of the corpus's articles",
		"1 articles (1 machine-translated, 1 stories)"} {
		if !strings.Contains(out.String(), s) {
			t.Errorf("output lacks %q:\n%s", s, out.String())
		}
	}
	manifest, _ := os.ReadFile(filepath.Join(dir, "texts", "manifest.csv"))
	if want := "file,outlet,url,published,language,story\nde/b.txt,Outlet B,https://example.org/b,2024-01-03,de,\n"; string(manifest) != want {
		t.Errorf("manifest:\n%s\nwant:\n%s", manifest, want)
	}
	labels, _ := os.ReadFile(filepath.Join(dir, "texts", "labels.csv"))
	if strings.Contains(string(labels), "de/a.txt") || !strings.Contains(string(labels), "de/b.txt") {
		t.Errorf("labels hold the missing text or lack the present one:\n%s", labels)
	}
}

// TestRun_PartialNothingThere: -partial with every text missing prepares
// nothing and fails as without it.
func TestRun_PartialNothingThere(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "sources-de.csv"), sourcesHeader+
		"de/a.txt,https://example.org/a,Outlet A,agency,de,s1,2024-01-02,no,,na,,query a\n")
	if err := run(dir, "", true, &bytes.Buffer{}); err == nil || !strings.Contains(err.Error(), "texts missing") {
		t.Fatalf("err = %v, want texts missing", err)
	}
}

func TestRun_WritesManifestAndLabels(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "sources-de.csv"), sourcesHeader+
		"de/a.txt,https://example.org/a,Outlet A,agency,de,s1,2024-01-02,no,,na,,q\n")
	writeFile(t, filepath.Join(dir, "sources-en.csv"), sourcesHeader+
		"en/b.txt,https://example.org/b,\"Outlet, B\",aggregator,en,s2,,yes,ru,yes,\"formula_calque: \"\"It should be noted\"\"\",q\n")
	writeFile(t, filepath.Join(dir, "texts", "de", "a.txt"), "Ein Text.")
	writeFile(t, filepath.Join(dir, "texts", "en", "b.txt"), "A text.")
	var out bytes.Buffer
	if err := run(dir, "", false, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "2 articles (1 machine-translated, 2 stories)") {
		t.Errorf("summary: %s", out.String())
	}
	manifest, _ := os.ReadFile(filepath.Join(dir, "texts", "manifest.csv"))
	if want := "file,outlet,url,published,language,story\nde/a.txt,Outlet A,https://example.org/a,2024-01-02,de,\nen/b.txt,\"Outlet, B\",https://example.org/b,,en,\n"; string(manifest) != want {
		t.Errorf("manifest:\n%s\nwant:\n%s", manifest, want)
	}
	labels, _ := os.ReadFile(filepath.Join(dir, "texts", "labels.csv"))
	for _, s := range []string{"de/a.txt,translation.likely_mt,does not fire", "en/b.txt,translation.likely_mt,fires",
		"de/a.txt,translation.honorific,does not fire", "en/b.txt,translation.formula_calque_en,fires"} {
		if !strings.Contains(string(labels), s+"\n") {
			t.Errorf("labels lack %q", s)
		}
	}
	// Rules for the other language are not labelled.
	for _, s := range []string{"de/a.txt,translation.formula_calque_en,", "en/b.txt,translation.honorific,"} {
		if strings.Contains(string(labels), s) {
			t.Errorf("labels hold %q, a rule for the other language", s)
		}
	}
}

func TestRun_BadSources(t *testing.T) {
	for _, tc := range []struct{ row, want string }{
		{"de/a.txt,u,o,agency,de,s,,maybe,,na,,q\n", `sources-de.csv:2: machine_translated "maybe" must be yes or no`},
		{"de/a.txt,u,o,agency,de,s,,no,,perhaps,,q\n", `sources-de.csv:2: denial_present "perhaps" must be yes, no or na`},
	} {
		dir := t.TempDir()
		writeFile(t, filepath.Join(dir, "sources-de.csv"), sourcesHeader+tc.row)
		if err := run(dir, "", false, &bytes.Buffer{}); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("err = %v, want %s", err, tc.want)
		}
	}
}

// An invented story (not one of the corpus's): a weekly reports that a
// port authority hid a spill; the authority denies it the next day.
const spillStory = `story:
  id: harbour-spill
  title: A weekly reports that the port authority hid an oil spill
  match:
    all: [[Hafenbehörde, port authority], [Ölteppich, spill]]
  primary_source: {name: Wochenblatt, aliases: [Wochenblatt]}
  accused: {name: the port authority, aliases: [Hafenbehörde, port authority]}
  facts:
    - {id: report, type: report, date: 2025-05-06, description: the weekly's report}
`

func TestRun_LabelsDenialForStoriesWithFiles(t *testing.T) {
	rulesDir := t.TempDir()
	if err := os.CopyFS(rulesDir, rules.BuiltinFS()); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(rulesDir, "stories", "harbour-spill.yaml"), spillStory)
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "sources-de.csv"), sourcesHeader+
		"de/a.txt,u,Outlet A,agency,de,harbour-spill,2025-05-07,no,,no,,q\n"+
		"de/b.txt,u,Outlet B,agency,de,harbour-spill,,no,,yes,,q\n"+
		"de/c.txt,u,Outlet C,agency,de,harbour-spill,,no,,na,,q\n"+
		"de/d.txt,u,Outlet D,agency,de,other-story,,no,,yes,,q\n")
	for _, f := range []string{"a", "b", "c", "d"} {
		writeFile(t, filepath.Join(dir, "texts", "de", f+".txt"), "Ein Text.")
	}
	var out bytes.Buffer
	if err := run(dir, rulesDir, false, &out); err != nil {
		t.Fatal(err)
	}
	if want := "3 articles have a story file in " + rulesDir + "; 2 are labelled for denial.missing"; !strings.Contains(out.String(), want) {
		t.Errorf("summary lacks %q:\n%s", want, out.String())
	}
	manifest, _ := os.ReadFile(filepath.Join(dir, "texts", "manifest.csv"))
	want := "file,outlet,url,published,language,story\n" +
		"de/a.txt,Outlet A,u,2025-05-07,de,harbour-spill\n" +
		"de/b.txt,Outlet B,u,,de,harbour-spill\n" +
		"de/c.txt,Outlet C,u,,de,harbour-spill\n" +
		"de/d.txt,Outlet D,u,,de,\n"
	if string(manifest) != want {
		t.Errorf("manifest:\n%s\nwant:\n%s", manifest, want)
	}
	labels, _ := os.ReadFile(filepath.Join(dir, "texts", "labels.csv"))
	// denial_present=no: the denial is missing, so the rule must fire.
	for _, s := range []string{"de/a.txt,denial.missing,fires\n", "de/b.txt,denial.missing,does not fire\n"} {
		if !strings.Contains(string(labels), s) {
			t.Errorf("labels lack %q", s)
		}
	}
	// Not labelled: denial_present=na, and a story without a story file.
	for _, s := range []string{"de/c.txt,denial.missing,", "de/d.txt,denial.missing,"} {
		if strings.Contains(string(labels), s) {
			t.Errorf("labels hold %q", s)
		}
	}
	// The translation labels stay as they were.
	if !strings.Contains(string(labels), "de/a.txt,translation.likely_mt,does not fire\n") {
		t.Errorf("labels lack the translation label of de/a.txt")
	}
}

func TestRun_NoDenialLabelsWithoutStoryFiles(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "sources-de.csv"), sourcesHeader+
		"de/a.txt,u,o,agency,de,harbour-spill,,no,,no,,q\n")
	writeFile(t, filepath.Join(dir, "texts", "de", "a.txt"), "Ein Text.")
	var out bytes.Buffer
	if err := run(dir, "", false, &out); err != nil {
		t.Fatal(err)
	}
	labels, _ := os.ReadFile(filepath.Join(dir, "texts", "labels.csv"))
	if strings.Contains(string(labels), "denial.missing") {
		t.Errorf("the built-in rules have no story file for harbour-spill, yet denial.missing is labelled:\n%s", labels)
	}
	if !strings.Contains(out.String(), "0 articles have a story file") {
		t.Errorf("summary: %s", out.String())
	}
}

// TestFit: two small corpora, each with articles that read like a
// translation ("sagte, dass ...") and articles that report speech in the
// subjunctive; the fit reads them, cross-validates by corpus and prints
// the lines for the rule file.
func TestFit(t *testing.T) {
	translated := strings.Repeat("Der Sprecher sagte, dass die Brücke, die im Mai gesperrt wurde, gesperrt bleibt, und dass der Rat informiert wurde. ", 12)
	careful := strings.Repeat("Die Brücke bleibe gesperrt, teilte die Stadt mit. Der Rat sei informiert, hieß es. ", 14)
	var dirs []string
	for _, c := range []string{"one", "two"} {
		dir := filepath.Join(t.TempDir(), c)
		rows := sourcesHeader
		for i := 0; i < 4; i++ {
			mt, text := "no", careful
			if i%2 == 0 {
				mt, text = "yes", translated
			}
			f := fmt.Sprintf("de/%s-%d.txt", c, i)
			rows += fmt.Sprintf("%s,https://%s-%d.example/a,Outlet,aggregator,de,s,,%s,,na,,q\n", f, c, i, mt)
			writeFile(t, filepath.Join(dir, "texts", filepath.FromSlash(f)), text)
		}
		writeFile(t, filepath.Join(dir, "sources-de.csv"), rows)
		dirs = append(dirs, dir)
	}
	var out bytes.Buffer
	if err := fit(dirs, "", "translation.profile", "de", 0.9, false, &out); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	for _, want := range []string{
		"translation.profile on 8 articles in de from 2 corpora (4 machine-translated)",
		"AUC 1.000",
		"at likelihood 0.90 or more: ",
		"    bias: ",
		"      - {name: subjunctive, typical: ",
		"      - {name: words per sentence, typical: ",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}
	if err := fit(dirs, "", "translation.likely_mt", "de", 0.9, false, &out); err == nil || !strings.Contains(err.Error(), "not of kind profile") {
		t.Errorf("a rule that is no profile: err %v", err)
	}

	// A text gone: without -partial nothing is fitted and the text is
	// named; with it the fit goes on without it and says so.
	gone := filepath.Join(dirs[1], "texts", "de", "two-3.txt")
	if err := os.Remove(gone); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	if err := fit(dirs, "", "translation.profile", "de", 0.9, false, &out); err == nil || !strings.Contains(err.Error(), "texts missing") || !strings.Contains(err.Error(), "de/two-3.txt") {
		t.Errorf("a text missing without -partial: err %v", err)
	}
	out.Reset()
	if err := fit(dirs, "", "translation.profile", "de", 0.9, true, &out); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"left out (-partial), text missing: two/de/two-3.txt",
		"translation.profile on 7 articles in de from 2 corpora (4 machine-translated)",
		"1 articles in de left out: their texts are missing (-partial)",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("-partial output lacks %q:\n%s", want, out.String())
		}
	}
}
