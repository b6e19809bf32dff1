package rules

import (
	"io/fs"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"sourcescore"
)

// evidenceCase is a text and the evidence (and, when set, the details) of
// one rule's findings at warning or above.
type evidenceCase struct {
	name    string
	text    string
	want    []string // evidence; nil: no finding
	details []string // the findings' messages after the rule's message; nil: not checked
}

// testEvidence applies set to each case, in lang, and compares the findings
// of rule id at warning or above.
func testEvidence(t *testing.T, set *Set, id, lang string, tests []evidenceCase) {
	t.Helper()
	testEvidenceFrom(t, set, id, lang, sourcescore.SeverityWarning, tests)
}

// testEvidenceFrom is testEvidence for the findings at least as severe as
// least.
func testEvidenceFrom(t *testing.T, set *Set, id, lang string, least sourcescore.Severity, tests []evidenceCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := set.Apply(article(tt.text, lang, "2024-10-25", ""))
			var got, details []string
			for _, f := range res.Findings {
				if f.RuleID == id && f.Severity >= least {
					got = append(got, f.Evidence)
					_, detail, _ := strings.Cut(f.Message, ": ")
					details = append(details, detail)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("%s evidence (-want +got):\n%s\n(note: %s)", id, diff, ruleScore(t, res, id).Note)
			}
			if tt.details != nil {
				if diff := cmp.Diff(tt.details, details); diff != "" {
					t.Errorf("%s details (-want +got):\n%s", id, diff)
				}
			}
		})
	}
}

func TestRepetition_Words(t *testing.T) {
	testEvidence(t, builtin(t), "translation.repetition", "de", []evidenceCase{
		{name: "adverb across a verb", text: "Jetzt ist jetzt klar, dass die Koalition scheitert.", want: []string{"Jetzt ist jetzt"},
			details: []string{"word repeated within a clause: jetzt"}},
		{name: "adjacent verb", text: "Der Sprecher sagte sagte am Dienstag nichts.", want: []string{"sagte sagte"}},
		{name: "three in a row are one artifact", text: "Der Sprecher sagte sagte sagte nichts.", want: []string{"sagte sagte"}},
		{name: "umlauts, not an ASCII word boundary", text: "Die Größe Größe des Hauses überrascht.", want: []string{"Größe Größe"}},
		{name: "a hyphenated word repeated", text: "Die US-Wahl US-Wahl beginnt.", want: []string{"US-Wahl US-Wahl"}},
		{name: "darüber is not über", text: "Er sprach darüber über eine Stunde."},
		{name: "relative pronoun after an article", text: "Die Maßnahmen, die die Regierung beschloss, gelten. Er weiß, dass das das Ende ist."},
		{name: "pronouns that repeat in German", text: "Er gab ihr ihr Telefon zurück, weil sie sie darum gebeten hatte. Sie sagte, sie komme."},
		{name: "fixed patterns", text: "Tag für Tag und Schritt für Schritt, mehr und mehr, immer wieder, von Woche zu Woche, Seite an Seite."},
		{name: "a noun phrase again after a determiner", text: "Ein Paket ersetzt ein anderes Paket, die Kritik an der Kritik, die Reform der Reform."},
		{name: "names joined by und", text: "Joe Biden und Jill Biden reisten ab, Biden und die Biden-Regierung schwiegen."},
		{name: "a name beyond the window", text: "Peskow sagte am Freitag in Moskau Peskow habe recht."},
		{name: "a separable verb before a preposition", text: "Der Zug kommt um acht Uhr an an Gleis drei."},
		{name: "emphasis words", text: "Es war so so kalt und sehr sehr teuer, mal hier mal da."},
		{name: "a tautology ending its clause", text: "Krieg ist Krieg, sagte der General. Dienst ist Dienst und Schnaps ist Schnaps."},
		{name: "quotations", text: `„Nein, nein, das ist ist falsch“, sagte sie. "Das war war gut", schrieb er.`},
		{name: "outside the quotation it counts", text: `„Nein“, sagte sie sie nicht. Er sagte sagte: „Nein.“`, want: []string{"sagte sagte"}},
		{name: "dateline", text: "BERLIN – Berlin will den Haushalt kürzen."},
		{name: "across a line break", text: "Der Kreml\nKreml-Sprecher sagte nichts.\nMusk\nMusk schweigt."},
		{name: "numbers and single letters", text: "Die Werte lagen bei 5 5 und 7, Plan B B sowie a a."},
		{name: "exceptions", text: "Der Urlaub auf Bora Bora war teuer, Lang Lang spielte Chopin."},
		{name: "a span, each word with its number", text: "Er arbeitete von Oktober 2020 bis Oktober 2023 für die Firma, Seite 3 und Seite 5."},
		{name: "without the numbers it counts", text: "Er arbeitete im Oktober bis Oktober für die Firma.", want: []string{"Oktober bis Oktober"}},
	})
	testEvidence(t, builtin(t), "translation.repetition_en", "en", []evidenceCase{
		{name: "said said", text: "The spokesman said said nothing.", want: []string{"said said"}},
		{name: "now is now", text: "Now is now clear that the vote fails.", want: []string{"Now is now"}},
		{name: "the plan is the plan", text: "The plan is the plan that was agreed in March."},
		{name: "had had and that that", text: "She had had enough, and that that decision was final surprised no one."},
		{name: "fixed patterns", text: "Again and again, more and more, day by day, side by side, step by step, year after year, face to face."},
		{name: "names joined by and", text: "Hillary Clinton and Bill Clinton arrived."},
		{name: "tautologies", text: "Business is business, the chairman said. Enough is enough."},
		{name: "two names with one last word", text: "North Korea accused South Korea of sending balloons, and West Bank settlers met East Bank traders."},
		{name: "a name's last word said twice", text: "The envoy met Korea Korea officials in Seoul.", want: []string{"Korea Korea"}},
	})
}

// TestDoublets: the same words on both sides of "and"/"und", the longest
// doublet, and what does not count.
func TestDoublets(t *testing.T) {
	testEvidenceFrom(t, builtin(t), "translation.doublet", "en", sourcescore.SeverityInfo, []evidenceCase{
		{name: "one word", text: "The ministry called the claims groundless and groundless on Monday.", want: []string{"groundless and groundless"}},
		{name: "the longest copy", text: "The army said it took no part in and took no part in the raid.", want: []string{"took no part in and took no part in"}},
		{name: "in quotations too", text: `The ministry said the claims were "false and false".`, want: []string{"false and false"}},
		{name: "two doublets", text: "The report was baseless and baseless, the raid cruel and cruel.", want: []string{"baseless and baseless", "cruel and cruel"}},
		{name: "fixed pairs and comparatives", text: "Prices rose more and more, again and again, higher and higher."},
		{name: "across a comma", text: "The claims were false, and false they remain."},
		{name: "a complement after", text: "The ministry invited UN experts and experts of the Red Cross."},
		{name: "capitalised copies", text: "The firm Smith and Smith and the Deputy Minister and Minister spoke."},
		{name: "numbers", text: "The votes were 12 and 12 in the first round."},
		{name: "determiners alone", text: "He saw the and the and a and a."},
	})
	// With outside_quotes, a doublet inside a quotation does not count.
	m := builtinFiles(t, func(path, text string) string {
		return strings.Replace(text, "    checks: [doublets]\n", "    checks: [doublets]\n    outside_quotes: true\n", 1)
	})
	outside, err := Load(m, "test")
	if err != nil {
		t.Fatal(err)
	}
	testEvidenceFrom(t, outside, "translation.doublet", "en", sourcescore.SeverityInfo, []evidenceCase{
		{name: "outside_quotes: in a quotation", text: `The ministry said the claims were "false and false" on Monday.`},
		{name: "outside_quotes: outside one", text: "The ministry called the claims false and false on Monday.", want: []string{"false and false"}},
	})
	testEvidenceFrom(t, builtin(t), "translation.doublet", "de", sourcescore.SeverityInfo, []evidenceCase{
		{name: "German", text: "Das Ministerium nannte die Vorwürfe haltlos und haltlos.", want: []string{"haltlos und haltlos"}},
		{name: "an object after", text: "Die Stadt hat den Anschlag verurteilt und verurteilt ihn auch heute."},
		{name: "nach und nach", text: "Nach und nach kehrte Ruhe ein, immer und immer wieder."},
	})
}

// builtinWithSentences loads the built-in rules with the check "sentences"
// switched on in both repetition rules, as an analyst may: the built-in
// rules leave it out (on real articles a sentence twice is mostly the page's
// own repeat), and the check still works as documented.
func builtinWithSentences(t *testing.T) *Set {
	t.Helper()
	files := map[string]string{}
	err := fs.WalkDir(BuiltinFS(), ".", func(path string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		b, err := fs.ReadFile(BuiltinFS(), path)
		files[path] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	const off, on = "checks: [words, headline, echo]", "checks: [words, sentences, headline, echo]"
	if n := strings.Count(files["translation.yaml"], off); n != 2 {
		t.Fatalf("translation.yaml has %q %d times, want 2 (the two repetition rules)", off, n)
	}
	files["translation.yaml"] = strings.ReplaceAll(files["translation.yaml"], off, on)
	set, err := loadFiles(t, files)
	if err != nil {
		t.Fatal(err)
	}
	return set
}

// TestRepetition_BuiltinLeavesSentencesOut: the built-in rules do not count a
// sentence twice.
func TestRepetition_BuiltinLeavesSentencesOut(t *testing.T) {
	sentence := "Der Stadtrat hat den Bau der Brücke am Mittwoch beschlossen."
	testEvidence(t, builtin(t), "translation.repetition", "de", []evidenceCase{
		{name: "the same sentence twice", text: sentence + " Die Opposition stimmte dagegen. " + sentence},
	})
}

func TestRepetition_Sentences(t *testing.T) {
	sentence := "Der Stadtrat hat den Bau der Brücke am Mittwoch beschlossen."
	testEvidence(t, builtinWithSentences(t), "translation.repetition", "de", []evidenceCase{
		{name: "the same sentence twice", text: sentence + " Die Opposition stimmte dagegen. " + sentence, want: []string{sentence},
			details: []string{"sentence repeated"}},
		{name: "case and spaces folded", text: "Vorweg ein Satz. " + sentence + " Mehr nicht.\n\nDer  Stadtrat hat den Bau der Brücke am mittwoch beschlossen.",
			want: []string{"Der  Stadtrat hat den Bau der Brücke am mittwoch beschlossen."}},
		{name: "three times: two findings", text: "Vorweg ein Satz. " + sentence + " " + sentence + "\n" + sentence + " Mehr nicht.", want: []string{sentence, sentence}},
		{name: "the page's teaser, then the paragraph that opens with it", text: "Brücke kommt\n" + sentence + " Mehr nicht.\n\nDie Opposition stimmte dagegen.\n\n" + sentence + " Baubeginn ist im Mai."},
		{name: "a paragraph opening with a sentence said before mid-line", text: "Brücke kommt\nVorweg ein Satz. " + sentence + "\n\n" + sentence + " Baubeginn ist im Mai.", want: []string{sentence}},
		{name: "past the head", text: "Eins.\n\nZwei.\n\nDrei.\n\n" + sentence + " Mehr.\n\n" + sentence + " Baubeginn ist im Mai.", want: []string{sentence}},
		{name: "a short sentence", text: "Das ist richtig so. Mehr nicht. Das ist richtig so."},
		{name: "a whole line shown twice is page furniture", text: sentence + "\n\n" + sentence + "\n\nDie Opposition stimmte dagegen."},
		{name: "headings without a period", text: "Der Stadtrat beschließt den Bau der Brücke\n\nText. Der Stadtrat beschließt den Bau der Brücke"},
		{name: "a quotation repeated", text: `„Das war der einzige Kontakt mit ihm.“ Er sagte es zweimal. „Das war der einzige Kontakt mit ihm.“`},
	})
}

func TestRepetition_Headline(t *testing.T) {
	head := "Stadtrat beschließt neuen Radweg entlang des Flusses"
	testEvidence(t, builtin(t), "translation.repetition", "de", []evidenceCase{
		{name: "the headline goes on as the first sentence", text: head + "\n\n" + head + ", teilte die Verwaltung mit. Die Arbeiten beginnen.",
			want: []string{head}, details: []string{"headline repeated as the first sentence"}},
		{name: "the headline as a sentence of its own", text: head + "\n" + head + ". Die Arbeiten beginnen im Frühjahr.", want: []string{head}},
		{name: "after a dateline", text: head + "\n\nBerlin (dpa) – " + head + " und stellt dafür Geld bereit.", want: []string{head}},
		{name: "after a repeated title and a date line", text: head + "\n" + head + "\n12.03.2025\n" + head + ", sagte der Bürgermeister.", want: []string{head}},
		{name: "the title shown twice", text: head + "\n\n" + head + "\n\nDie Verwaltung teilte mit, dass die Arbeiten beginnen."},
		{name: "a caption", text: head + "\n\n" + head + " / Foto: dpa\n\nDie Arbeiten beginnen."},
		{name: "a subtitle without a period", text: head + "\n\n" + head + " und baut eine Brücke\n\nDie Arbeiten beginnen."},
		{name: "a first line ending in a period is no headline", text: head + ".\n" + head + ", teilte die Verwaltung mit."},
		{name: "a short headline", text: "Stadtrat beschließt Radweg\n\nStadtrat beschließt Radweg entlang des Flusses, teilte die Verwaltung mit."},
		{name: "too far down", text: head + "\nA.\nB.\nC.\n" + head + ", teilte die Verwaltung mit."},
		{name: "the lead starts otherwise", text: head + "\n\nDer Stadtrat hat einen neuen Radweg entlang des Flusses beschlossen."},
	})
}

// TestRepetition_Checks: checks selects what runs; exceptions apply to
// every check.
func TestRepetition_Checks(t *testing.T) {
	text := "Die Regierung hat den Haushalt beschlossen\n\nDie Regierung hat den Haushalt beschlossen, sagte sagte er. Der Etat wächst um zwei Prozent im Jahr. Der Etat wächst um zwei Prozent im Jahr."
	tests := []struct {
		checks string
		want   []string
	}{
		{"", []string{"Die Regierung hat den Haushalt beschlossen", "sagte sagte", "Der Etat wächst um zwei Prozent im Jahr."}},
		{"checks: [words]", []string{"sagte sagte"}},
		{"checks: [sentences]", []string{"Der Etat wächst um zwei Prozent im Jahr."}},
		{"checks: [headline, words]", []string{"Die Regierung hat den Haushalt beschlossen", "sagte sagte"}},
		{"exceptions: [Sagte sagte, 'der etat wächst um  zwei prozent im jahr.']", []string{"Die Regierung hat den Haushalt beschlossen"}},
	}
	for _, tt := range tests {
		t.Run(tt.checks, func(t *testing.T) {
			set, err := loadFiles(t, map[string]string{"scoring.yaml": minimalScoring, "r.yaml": `rules:
  - id: translation.r
    family: translation
    kind: repetition
    weight: 1
    severity: warning
    description: d
    message: m
    ` + tt.checks + `
`})
			if err != nil {
				t.Fatal(err)
			}
			res := set.Apply(article(text, "de", "", ""))
			if diff := cmp.Diff(tt.want, findingsOf(res, "translation.r", sourcescore.SeverityWarning)); diff != "" {
				t.Errorf("findings (-want +got):\n%s", diff)
			}
		})
	}
}

func TestRepetition_Score(t *testing.T) {
	set := builtin(t)
	text := "Er sagte sagte nichts. " + strings.Repeat("Die Regierung schweigt weiter. ", 24)
	a := article(text, "de", "", "")
	rs := ruleScore(t, set.Apply(a), "translation.repetition")
	// 1 hit in 100 words = 10 per 1,000 words, 0.1 each.
	if want := 0.0; rs.Score != want || !strings.Contains(rs.Note, "1 repeated words, headline not repeated, 0 echoed in parentheses; 1 counted in 100 words = 10.0 per 1,000 words") {
		t.Errorf("score %v note %q, want %v", rs.Score, rs.Note, want)
	}
}

// FuzzRepetition: on any text the repetition rules give findings inside
// the text, in order, and a score from 0 to 1.
func FuzzRepetition(f *testing.F) {
	f.Add("Jetzt ist jetzt klar.\n\nJetzt ist jetzt klar. Der Plan ist der Plan.")
	f.Add("Stadtrat beschließt neuen Radweg entlang des Flusses\nStadtrat beschließt neuen Radweg entlang des Flusses, sagte er.")
	f.Add("„sagte sagte“ - – — Tag für Tag\u00a0Tag")
	set, err := Builtin()
	if err != nil {
		f.Fatal(err)
	}
	var rules []*Rule
	for _, r := range set.Rules {
		if _, ok := r.check.(*repetition); ok {
			rules = append(rules, r)
		}
	}
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return
		}
		checkKindInvariants(t, set, rules, text)
	})
}

// checkKindInvariants applies rules to text and checks that every hit lies
// inside the text, hits come in order of position, and scores lie in 0..1.
func checkKindInvariants(t *testing.T, set *Set, rules []*Rule, text string) {
	t.Helper()
	for _, lang := range []string{"de", "en"} {
		d, _ := set.prepare(article(text, lang, "", ""))
		for _, r := range rules {
			o := r.check.apply(d)
			if o.score < 0 || o.score > 1 {
				t.Fatalf("%s: score %v", r.ID, o.score)
			}
			last := -1
			for _, h := range o.hits {
				if h.start < 0 || h.end > len(text) || h.start >= h.end {
					t.Fatalf("%s: hit %+v outside the text (%d bytes)", r.ID, h, len(text))
				}
				if h.start < last {
					t.Fatalf("%s: hits out of order: %+v", r.ID, o.hits)
				}
				last = h.start
			}
		}
		d.release()
	}
}

func TestFoldEqual(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"a b", "a b", true},
		{"  a \t b  ", "a b", true},
		{"a\u00a0b", "a b", true},
		{"ab", "a b", false},
		{"a b", "a bc", false},
		{"", "  ", true},
		{"a", "", false},
	}
	for _, tt := range tests {
		if got := foldEqual(tt.a, tt.b); got != tt.want {
			t.Errorf("foldEqual(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

// TestAppendWords: words as the repetition and foreign_words kinds read them.
func TestAppendWords(t *testing.T) {
	type w struct {
		Text                                 string
		Joined, Capital, Upper, Digit, Inner bool
		Runes                                int
	}
	var got []w
	text := "Die US-Wahl, don’t  iPhone 5G\nÜber-Ich „quote“ Ver\u00adwaltung – end-"
	for _, x := range appendWords(nil, text) {
		got = append(got, w{text[x.start:x.end], x.joined, x.capital, x.upper, x.digit, x.inner, x.runes})
	}
	want := []w{
		{"Die", false, true, true, false, false, 3},
		{"US-Wahl", true, true, true, false, true, 6},
		{"don’t", false, false, false, false, true, 4},
		{"iPhone", true, false, true, false, false, 6},
		{"5G", true, false, true, true, false, 2},
		{"Über-Ich", false, true, true, false, true, 7},
		{"quote", false, false, false, false, false, 5},
		{"Ver\u00adwaltung", false, true, true, false, false, 10},
		{"end", false, false, false, false, false, 3},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("words (-want +got):\n%s", diff)
	}
}
