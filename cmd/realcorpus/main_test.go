package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
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
	err := run(dir, "", &out)
	if err == nil || !strings.Contains(err.Error(), "texts missing") {
		t.Fatalf("err = %v, want texts missing", err)
	}
	for _, s := range []string{"1 of 1 texts are missing", "de/a.txt", "url:   https://example.org/a", "query: query a"} {
		if !strings.Contains(out.String(), s) {
			t.Errorf("output lacks %q:\n%s", s, out.String())
		}
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
	if err := run(dir, "", &out); err != nil {
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
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "sources-de.csv"), sourcesHeader+
		"de/a.txt,u,o,agency,de,s,,maybe,,na,,q\n")
	if err := run(dir, "", &bytes.Buffer{}); err == nil || !strings.Contains(err.Error(), `sources-de.csv:2: machine_translated "maybe" must be yes or no`) {
		t.Errorf("err = %v", err)
	}
}
