package rules

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/goccy/go-yaml"
	"github.com/google/go-cmp/cmp"

	"sourcescore"
)

// windparkArticles reads the invented articles of testdata/story/windpark
// as ingest would give them (the rules package does not read folders): the
// text as it is, the manifest's language and publication date.
func windparkArticles(t testing.TB) []*sourcescore.Article {
	t.Helper()
	meta := map[string][2]string{
		"01_moewenpost.txt": {"de", "2025-03-04"}, "02_nordwind.txt": {"de", "2025-03-04"},
		"03_kuestenecho.txt": {"de", "2025-03-05"}, "04_hafenradio.txt": {"de", "2025-03-06"},
		"05_harbour_ledger.txt": {"en", "2025-03-04"}, "06_north_coast_wire.txt": {"en", "2025-03-05"},
	}
	files, err := filepath.Glob("../testdata/story/windpark/*.txt")
	if err != nil || len(files) != len(meta) {
		t.Fatalf("articles %v, %v", files, err)
	}
	var out []*sourcescore.Article
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		m := meta[filepath.Base(f)]
		day, _ := time.Parse("2006-01-02", m[1])
		out = append(out, &sourcescore.Article{File: filepath.Base(f), Text: string(data), Body: string(data),
			Meta: sourcescore.Metadata{Language: m[0], Published: day}})
	}
	return out
}

func TestSet_Draft(t *testing.T) {
	set, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	articles := windparkArticles(t)
	d, err := set.Draft(articles, DraftOptions{Source: "windpark"})
	if err != nil {
		t.Fatal(err)
	}
	type group struct {
		Aliases []string
		Docs    int
	}
	groups := func(gs []*nameGroup) []group {
		var out []group
		for _, g := range gs {
			out = append(out, group{g.aliases, g.docs})
		}
		return out
	}
	if d.ID != "nordlicht-2025" || d.Articles != 6 || d.Facts != 3 {
		t.Errorf("id %q, %d articles, %d facts; want nordlicht-2025, 6, 3", d.ID, d.Articles, d.Facts)
	}
	wantMatch := []group{{[]string{"Nordlicht Energie"}, 6}, {[]string{"Tomas Berg"}, 6}}
	if diff := cmp.Diff(wantMatch, groups(d.match)); diff != "" || d.both != 6 {
		t.Errorf("match (-want +got), both %d:\n%s", d.both, diff)
	}
	if diff := cmp.Diff([]group{{[]string{"Velmarer Tageblatt", "Velmarer Tageblatts"}, 6}}, groups([]*nameGroup{d.primary})); diff != "" || d.cited != 6 {
		t.Errorf("primary source (-want +got), cited in %d:\n%s", d.cited, diff)
	}
	// A title before a name is not a name: "Wirtschaftsminister Tomas
	// Berg", "Economy Minister Tomas Berg"; a word of a name used alone is
	// an alias ("the Seegrund wind farm"), an inflected form too.
	wantOthers := []group{{[]string{"Tomas Berg"}, 6}, {[]string{"Windpark Seegrund", "Windparks Seegrund", "Seegrund"}, 6}}
	if diff := cmp.Diff(wantOthers, groups(d.others)); diff != "" {
		t.Errorf("other parties (-want +got):\n%s", diff)
	}
	// The accused side: the name in the denial sentences of most articles
	// (the built-in denial rule's wording), with its speaker.
	if diff := cmp.Diff([]group{{[]string{"Nordlicht Energie", "Jana Keller"}, 6}}, groups([]*nameGroup{d.accused})); diff != "" ||
		d.accusedN != 4 || len(d.speakers) != 1 || d.speakers[0].g.name != "Jana Keller" || d.speakers[0].docs != 4 {
		t.Errorf("accused (-want +got), in %d articles' denials, speakers %v:\n%s", d.accusedN, d.speakers, diff)
	}
	if len(d.denials) != 6 || d.denials[0] != (draftSentence{"01_moewenpost.txt", sourcescore.Position{Line: 7, Column: 1}, "Nordlicht-Sprecherin Jana Keller wies den Bericht am Dienstag zurück."}) {
		t.Errorf("denial sentences: %+v", d.denials)
	}
	type fact struct {
		Date      string
		Type      string
		Docs      int
		Scheduled bool
		Cues      []string
		More      []string
	}
	facts := func(fs []draftFact) []fact {
		var out []fact
		for _, f := range fs {
			out = append(out, fact{f.date.Format("2006-01-02"), f.typ, len(f.docs), f.scheduled, f.cues, f.more})
		}
		return out
	}
	// The report and the denial are dated by the rules' wording; their own
	// words next to the date are each in one article only, so comments.
	wantFacts := []fact{
		{"2025-03-03", FactReport, 3, false, nil, []string{"veröffentlicht", "Berufung", "reported", "berichtete"}},
		{"2025-03-04", FactDenial, 2, false, nil, []string{"claims", "turbine"}},
		{"2025-03-20", FactEvent, 4, true, []string{"Landtag", "stattfinden", "Fall", "hearing", "Anhörung"}, nil},
	}
	if diff := cmp.Diff(wantFacts, facts(d.facts)); diff != "" {
		t.Errorf("facts (-want +got):\n%s", diff)
	}
	// The date only 03_kuestenecho.txt gives, a day before the report's.
	if len(d.leftOut) != 1 || d.leftOut[0].date.Format("2006-01-02") != "2025-03-02" || d.leftOut[0].near.date.Format("2006-01-02") != "2025-03-03" ||
		d.leftOut[0].sentences[0].file != "03_kuestenecho.txt" || d.leftOut[0].sentences[0].pos != (sourcescore.Position{Line: 3, Column: 1}) {
		t.Errorf("left out: %+v, want 2025-03-02 of 03_kuestenecho.txt:3:1, near 2025-03-03", d.leftOut)
	}

	// The file loads as it is, as a stories folder beside the built-in
	// rules, and its story is recognised in every article.
	data := d.YAML()
	withDraft, err := Builtin(Folder{FS: fstest.MapFS{"nordlicht.yaml": {Data: data}}, Name: "drafts"})
	if err != nil {
		t.Fatalf("the draft does not load: %v\n%s", err, data)
	}
	st := withDraft.Story("nordlicht-2025")
	if st == nil || len(st.Facts) != 3 || st.Primary != "Velmarer Tageblatt" || st.AccusedName != "Nordlicht Energie" || !st.Facts[2].Scheduled ||
		st.Facts[0].Type != FactReport || st.Facts[1].Type != FactDenial {
		t.Fatalf("loaded story: %+v", st)
	}
	for _, a := range articles {
		if res := withDraft.Apply(a); res.Story != "nordlicht-2025" {
			t.Errorf("%s: story %q, want the draft's", a.File, res.Story)
		}
	}
	for _, want := range []string{
		"  id: nordlicht-2025  # the manifest's story column names it\n",
		"      - [Nordlicht Energie]  # in 6 of 6 articles\n",
		"  # check: the outlet that broke the story? Cited as the source in 6 of 6 articles.\n",
		`    #   02_nordwind.txt:3:114: "Die Zeitung hatte ihren Bericht am 3. März veröffentlicht."` + "\n",
		"    - id: report_2025_03_03\n      type: report  # check: most of these sentences name the report or its source\n      date: 2025-03-03\n      description: Velmarer Tageblatt's report  # check: what happened\n",
		"  # check: Jana Keller, named in them in 4 of 6 articles too, taken for its speaker.\n",
		"    # Left out: 2025-03-02, given only by 03_kuestenecho.txt, 1 day from 2025-03-03 (in 3 of 6 articles):\n",
	} {
		if !strings.Contains(string(data), want) {
			t.Errorf("the draft lacks %q:\n%s", want, data)
		}
	}

	// An id the set has is renumbered.
	if d, err := withDraft.Draft(articles, DraftOptions{}); err != nil || d.ID != "nordlicht-2025-2" {
		t.Errorf("draft beside its own story: id %q, %v; want nordlicht-2025-2", d.ID, err)
	}
}

// TestSet_Draft_NoDenialWording: with a rule set without a denial rule,
// no sentence is a denial: the accused side is a guess, said so, and no
// fact is a denial (the report is still dated by its source's name).
func TestSet_Draft_NoDenialWording(t *testing.T) {
	set, err := loadFiles(t, map[string]string{"scoring.yaml": minimalScoring, "r.yaml": `rules:
  - {id: sourcing.x, family: sourcing, kind: penalty, weight: 1, severity: info, description: d, message: m, phrases: [a]}
`})
	if err != nil {
		t.Fatal(err)
	}
	d, err := set.Draft(windparkArticles(t), DraftOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if d.accused != d.match[0] || d.accusedN != 0 || len(d.denials) != 0 {
		t.Errorf("accused %v in %d, denials %d; want the first match group, no denial", d.accused.aliases, d.accusedN, len(d.denials))
	}
	var types []string
	for _, f := range d.facts {
		types = append(types, f.typ)
	}
	if diff := cmp.Diff([]string{FactReport, FactEvent, FactEvent}, types); diff != "" {
		t.Errorf("fact types (-want +got):\n%s", diff)
	}
	data := d.YAML()
	if !strings.Contains(string(data), "  # check: accused side? A guess: the rules found no denial sentence.\n") {
		t.Errorf("the draft does not say the accused side is a guess:\n%s", data)
	}
	if _, err := Builtin(Folder{FS: fstest.MapFS{"d.yaml": {Data: data}}, Name: "drafts"}); err != nil {
		t.Errorf("the draft does not load: %v\n%s", err, data)
	}
}

func TestSet_Draft_NothingToDraft(t *testing.T) {
	set, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	a := func(text string) *sourcescore.Article {
		return &sourcescore.Article{File: "a.txt", Text: text, Body: text, Meta: sourcescore.Metadata{Language: "de"}}
	}
	tests := []struct {
		name     string
		articles []*sourcescore.Article
		want     string
	}{
		{"no articles", nil, "no articles to draft a story from"},
		{"no recurring name", []*sourcescore.Article{a("Der Hafen bekommt am 3. März 2025 einen Kran."), a("Ein Kran kommt.")}, "no name (two or more capitalised words"},
		{"no date", []*sourcescore.Article{a("Ilse Brandt baut einen Kran."), a("Ilse Brandt baut.")}, "no article gives a day-precise date"},
	}
	for _, tt := range tests {
		_, err := set.Draft(tt.articles, DraftOptions{})
		if !errors.Is(err, sourcescore.ErrConfig) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want a configuration error saying %q", tt.name, err, tt.want)
		}
	}
}

// TestYAMLScalar: what the draft writes reads back as the same string.
func TestYAMLScalar(t *testing.T) {
	for _, s := range []string{"Nordlicht Energie", "O'Brien", "Ølfabrik", "yes", "No", "null", "2025", "3. März",
		"Müller: AG", "#tag", "a, b", "[x]", "{y}", "say \"no\"", `back\slash`, " lead", "Tab\there", "&anchor", "*ref", "- dash", "trail "} {
		doc := "v: " + yamlScalar(s) + "  # comment\nl: " + yamlFlow([]string{s, "x"}) + "\n"
		var got struct {
			V string   `yaml:"v"`
			L []string `yaml:"l"`
		}
		if err := yaml.Unmarshal([]byte(doc), &got); err != nil {
			t.Errorf("%q: %v\n%s", s, err, doc)
			continue
		}
		if got.V != s || len(got.L) != 2 || got.L[0] != s {
			t.Errorf("%q read back as %q, %q\n%s", s, got.V, got.L, doc)
		}
	}
}

func TestIsInflection(t *testing.T) {
	tests := []struct {
		v, name string
		want    bool
	}{
		{"Velmarer Tageblatts", "Velmarer Tageblatt", true},
		{"Windparks Seegrund", "Windpark Seegrund", true},
		{"Baltischen Rundschau", "Baltische Rundschau", true},
		{"Jana Keller's", "Jana Keller", true},
		{"Jana Kellermann", "Jana Keller", false},
		{"Tomas Berg", "Tomas Bergen AG", false},
		{"Anna Berg", "Tomas Berg", false},
	}
	for _, tt := range tests {
		if got := isInflection(tt.v, tt.name); got != tt.want {
			t.Errorf("isInflection(%q, %q) = %v, want %v", tt.v, tt.name, got, tt.want)
		}
	}
}

// TestDraft_DatelinesAndClauses: a dateline ("Stand: ...") dates no event,
// and a date is a report's only when the report is named in its clause:
// "Nach den Unterlagen, die das Blatt veröffentlichte, wurde am 2. März
// übergeben" dates a handover.
func TestDraft_DatelinesAndClauses(t *testing.T) {
	set, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		line string
		want bool
	}{
		{"Stand: 11.03.2026 19:20 Uhr", true},
		{"Updated March 11, 2026 at 7:20 pm GMT", true},
		{"Am 11. März wies der Minister alles zurück.", false},
	} {
		if got := dateline(tc.line); got != tc.want {
			t.Errorf("dateline(%q) = %v, want %v", tc.line, got, tc.want)
		}
	}
	day := time.Date(2026, 3, 6, 0, 0, 0, 0, time.UTC)
	var articles []*sourcescore.Article
	for i, text := range []string{
		"Stand: 05.03.2026 10:00 Uhr\n\nDas Küstenblatt berichtete am 4. März über Hafenmeisterin Jana Holm und die Reederei Nordsund. Nach den Unterlagen, die das Küstenblatt veröffentlichte, wurde der Vertrag der Reederei Nordsund am 2. März unterschrieben.",
		"Stand: 05.03.2026 11:00 Uhr\n\nLaut Küstenblatt wurde der Vertrag von Hafenmeisterin Jana Holm mit der Reederei Nordsund am 2. März unterschrieben. Das Küstenblatt hatte am 4. März berichtet.",
	} {
		articles = append(articles, &sourcescore.Article{File: "a" + string(rune('0'+i)) + ".txt", Text: text, Body: text,
			Meta: sourcescore.Metadata{Language: "de", Published: day}})
	}
	d, err := set.Draft(articles, DraftOptions{Source: "t"})
	if err != nil {
		t.Fatal(err)
	}
	types := map[string]string{}
	for _, f := range d.facts {
		types[f.date.Format("2006-01-02")] = f.typ
	}
	want := map[string]string{"2026-03-02": FactEvent, "2026-03-04": FactReport}
	if diff := cmp.Diff(want, types); diff != "" {
		t.Errorf("fact types (-want +got):\n%s", diff)
	}
}
