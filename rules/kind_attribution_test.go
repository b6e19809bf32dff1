package rules

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"sourcescore"
)

// attributions returns what sourcing.attribution reports about text: each
// finding as "message | evidence", and its note.
func attributions(t *testing.T, text, lang string) ([]string, string, float64) {
	t.Helper()
	res := builtin(t).Apply(article(text, lang, "", ""))
	var got []string
	for _, f := range res.Findings {
		if f.RuleID == "sourcing.attribution" {
			got = append(got, f.Message+" | "+f.Evidence)
		}
	}
	rs := ruleScore(t, res, "sourcing.attribution")
	return got, rs.Note, rs.Score
}

const noSource = "Vague attribution: no attributed source found | "

func TestAttribution_SpeakerFirst(t *testing.T) {
	tests := []struct {
		name, lang, text string
		want             []string
	}{
		{"named, German", "de", "Wirtschaftsminister Robert Klein sagte, die Regierung prüfe den Fall.",
			[]string{"named source: Wirtschaftsminister Robert Klein | Wirtschaftsminister Robert Klein sagte"}},
		{"role of an institution", "de", "Ein Sprecher des Ministeriums erklärte am Montag in Berlin, man habe keine Hinweise.",
			[]string{"specific anonymous source: Ein Sprecher des Ministeriums | Ein Sprecher des Ministeriums erklärte"}},
		{"separable verb", "de", "Regierungssprecherin Anna Berg teilte am Mittwoch mit, das Kabinett tage erneut.",
			[]string{"named source: Regierungssprecherin Anna Berg | Regierungssprecherin Anna Berg teilte"}},
		{"role alone", "de", "Die Ministerin räumte ein, dass der Zeitplan knapp sei.",
			[]string{"specific anonymous source: Die Ministerin | Die Ministerin räumte"}},
		{"role named before", "de", "Bauministerin Anna Berg sagte, der Bau beginne im Mai. Die Ministerin räumte ein, dass der Zeitplan knapp sei.",
			[]string{"named source: Bauministerin Anna Berg | Bauministerin Anna Berg sagte",
				"named source: Die Ministerin (= Bauministerin Anna Berg) | Die Ministerin räumte"}},
		{"role of a surname named elsewhere", "de", "Kremlsprecher Ivan Petrow war in Moskau. „Nein“, sagte Petrow. „Das ist alt“, fügte der Sprecher hinzu.",
			[]string{"named source: Petrow (= Ivan Petrow) | sagte Petrow",
				"named source: der Sprecher (= Kremlsprecher Ivan Petrow) | fügte der Sprecher"}},
		{"surname named elsewhere", "de", "Der Vorstand tagte mit Robert Klein. Klein sagte der Zeitung, die Lage sei ernst.",
			[]string{"named source: Klein (= Robert Klein) | Klein sagte"}},
		{"perfect tense", "de", "Vorstandschef Robert Klein hat am Montag gesagt, der Umbau koste Stellen.",
			[]string{"named source: Vorstandschef Robert Klein | Vorstandschef Robert Klein hat"}},
		{"apposition", "de", "Anna Berg, Sprecherin des Ministeriums, sagte, die Zahlen stimmten.",
			[]string{"named source: Anna Berg, Sprecherin des Ministeriums | Anna Berg, Sprecherin des Ministeriums, sagte"}},
		{"after a coordinating conjunction", "de", "Die Opposition schwieg, aber Bürgermeisterin Eva Roth betonte, die Stadt handle.",
			[]string{"named source: Bürgermeisterin Eva Roth | Bürgermeisterin Eva Roth betonte"}},
		{"quoted outlet", "de", "Der „Rheinische Bote“ berichtete, der Vertrag sei unterschrieben.",
			[]string{"named source: Der „Rheinische Bote“ | Der „Rheinische Bote“ berichtete"}},
		{"vague speaker", "de", "Ein Insider sagte, die Fusion sei geplatzt.",
			[]string{"Vague attribution: vague source: Ein Insider | Ein Insider sagte"}},
		{"adjective at the sentence start", "de", "Russische Beamte sagten, die Grenze bleibe offen.",
			[]string{"specific anonymous source: Russische Beamte | Russische Beamte sagten"}},
		{"named, English", "en", "Commerce Secretary Robert Klein said on Monday that the review would continue.",
			[]string{"named source: Commerce Secretary Robert Klein | Commerce Secretary Robert Klein said"}},
		{"specific, English", "en", "A spokesperson for the ministry told reporters the figures were accurate.",
			[]string{"specific anonymous source: A spokesperson for the ministry | A spokesperson for the ministry told"}},
		{"after a quotation", "en", "Robert Klein chairs the board. “We will not stop,” Klein said.",
			[]string{"named source: Klein (= Robert Klein) | Klein said"}},
		{"at the end of a sentence", "en", "The figures were revised twice, the ministry added.",
			[]string{"specific anonymous source: the ministry | the ministry added"}},
		{"adverbs between subject and verb", "en", "The Harbour City Herald also reported the delay.",
			[]string{"named source: The Harbour City Herald | The Harbour City Herald also reported"}},
		{"a parenthetical is no apposition", "en", "The Harbour City Herald, citing two anonymous sources, reported a delay.",
			[]string{"named source: The Harbour City Herald | The Harbour City Herald, citing two anonymous sources, reported",
				"Vague attribution: vague source: two anonymous sources | citing two anonymous sources"}},
		{"vague, English", "en", "An insider said the merger had collapsed.",
			[]string{"Vague attribution: vague source: An insider | An insider said"}},
		// A vague word as a publication's title is a name.
		{"a title with The, German", "de", "Die Pläne seien weit gediehen, berichtete The Insider.",
			[]string{"named source: The Insider | berichtete The Insider"}},
		{"a capitalised title, English", "en", "The Harbour Insider reported the delay on Monday.",
			[]string{"named source: The Harbour Insider | The Harbour Insider reported"}},
		{"the sources, English", "en", "The observers said the vote had been fair.",
			[]string{"Vague attribution: vague source: The observers | The observers said"}},
		{"a name modifying a noun", "en", "Unnamed US officials said the talks had stalled.",
			[]string{"specific anonymous source: Unnamed US officials | Unnamed US officials said"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, note, _ := attributions(t, tt.text, tt.lang)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("%q (-want +got):\n%s\nnote: %s", tt.text, diff, note)
			}
		})
	}
}

// TestAttribution_Traps holds texts where a verb of saying stands near no
// statement of a source: nothing may be attributed, least of all to a
// named source.
func TestAttribution_Traps(t *testing.T) {
	tests := []struct {
		name, lang, text string
		want             []string
	}{
		{"negated verb of saying", "de", "Vorstandschef Robert Klein sagte nicht, ob die Fusion geplatzt sei.", []string{noSource}},
		{"negated, nothing", "de", "Vorstandschef Robert Klein sagte nichts dazu, wann der Umbau beginne.", []string{noSource}},
		{"a non-person subject and another verb", "de", "Das Unternehmen sagte die Hauptversammlung ab, weil der Saal fehlte.", []string{noSource}},
		{"sagte … ab, the subject after the verb", "de", "Am Montag sagte der Konzern die Feier ab.", []string{noSource}},
		{"sagte … zu", "de", "Der Minister sagte Hilfe zu.", []string{noSource}},
		{"sagte … voraus", "de", "Der Wetterdienst sagte für Montag Sturm voraus, der am Abend nachlassen soll.", []string{noSource}},
		{"an object after the verb", "de", "Die Ministerin betonte die Bedeutung der Gespräche, die im Mai beginnen.", []string{noSource}},
		{"a reflexive", "de", "Der Konzern erklärte sich bereit, die Kosten zu tragen.", []string{noSource}},
		{"a relative clause", "de", "Die Worte, die der Minister sagte, waren deutlich.", []string{noSource}},
		{"the phrase before the verb is no subject", "de", "Nach dem Treffen mit Präsidentin Maria Lopez sagte Klein, die Gespräche seien gut verlaufen.",
			[]string{noSource}}, // "Klein" alone names no one known; "Nach dem Treffen …" is no speaker
		{"the subject after the verb", "de", "Nach dem Treffen mit Präsidentin Maria Lopez sagte Vorstandschef Robert Klein, die Gespräche seien gut verlaufen.",
			[]string{"named source: Vorstandschef Robert Klein | sagte Vorstandschef Robert Klein"}},
		{"a pronoun names no one", "de", "Dazu sagte er am Montag, es gebe keine Pläne.", []string{noSource}},
		{"a demonstrative", "de", "Das sagte Klein am Montag.", []string{noSource}},
		{"garbled name", "de", "Laut dem TageblattDer Vorstand sei zurückgetreten.", []string{noSource}},
		{"a relative clause after laut", "de", "Die Zeitung nannte einen Bericht, laut dem Robert Klein und Anna Berg verhandelt hätten.", []string{noSource}},
		{"not confirmed", "en", "The Harbour City Council has not yet confirmed the date.", []string{noSource}},
		{"said nothing", "en", "Chief executive Robert Klein said nothing about the merger.", []string{noSource}},
		{"passive", "en", "A plan to close the Harbour City plant is said to be ready.", []string{noSource}},
		{"it said", "en", "It said the plant would close.", []string{noSource}},
		{"an object after a verb that needs its clause", "en", "The Harbour City Council noted the increase, which was small.", []string{noSource}},
		{"so in English", "en", "Prices rose again, so you can't trust such reports.", []string{noSource}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, note, _ := attributions(t, tt.text, tt.lang)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("%q (-want +got):\n%s\nnote: %s", tt.text, diff, note)
			}
		})
	}
}

// TestAttribution_SourceEnds checks that a source ends where it ends, not
// at the end of the cue's slot.
func TestAttribution_SourceEnds(t *testing.T) {
	tests := []struct {
		name, lang, text string
		want             []string
	}{
		{"a second verb", "de", "„Das ist falsch“, sagte Präsidentensprecher Max Weber und erklärte, dass nichts unterschrieben sei.",
			[]string{"named source: Präsidentensprecher Max Weber | sagte Präsidentensprecher Max Weber"}},
		{"a date", "de", "Die Fabrik schließe, berichtete das Berliner Tagesblatt am 12. März.",
			[]string{"named source: das Berliner Tagesblatt | berichtete das Berliner Tagesblatt"}},
		{"a weekday and a place", "de", "„Wir prüfen das“, sagte Kremlsprecher Ivan Petrow am Freitag in Moskau.",
			[]string{"named source: Kremlsprecher Ivan Petrow | sagte Kremlsprecher Ivan Petrow"}},
		{"a verb after laut", "de", "Laut Bürgermeisterin Eva Roth ist der Haushalt ausgeglichen.",
			[]string{"named source: Bürgermeisterin Eva Roth | Laut Bürgermeisterin Eva Roth"}},
		{"a particle of another verb", "de", "„Das ist alt“, sagte Kremlsprecher Ivan Petrow vor Journalisten und merkte an, es gebe nichts Neues.",
			[]string{"named source: Kremlsprecher Ivan Petrow | sagte Kremlsprecher Ivan Petrow"}},
		{"fügte … hinzu", "de", "„Das bleibt so“, fügte der Sprecher der Stadtwerke am Abend hinzu.",
			[]string{"specific anonymous source: der Sprecher der Stadtwerke | fügte der Sprecher der Stadtwerke"}},
		{"a finite verb after the noun", "de", "Laut einem Diplomaten geht die Regierung gegen die Berichte vor.",
			[]string{"specific anonymous source: einem Diplomaten | Laut einem Diplomaten"}},
		{"zufolge and a modal", "de", "Laut den Angaben zufolge sollen die Gespräche andauern.", []string{noSource}},
		{"an adverb before the subject", "de", "„Es bleibt dabei“, sagte jetzt der Sprecher der Stadtwerke.",
			[]string{"specific anonymous source: der Sprecher der Stadtwerke | sagte jetzt der Sprecher der Stadtwerke"}},
		{"the one told, after a name", "de", "„Wir bleiben“, sagte Vorstandschef Robert Klein der Zeitung.",
			[]string{"named source: Vorstandschef Robert Klein | sagte Vorstandschef Robert Klein"}},
		{"a window that stops at an adjective", "de", "Die Zeitung beruft sich auf einen aktuellen und einen früheren Geheimdienstmitarbeiter.",
			[]string{"specific anonymous source: einen aktuellen und einen früheren Geheimdienstmitarbeiter | beruft sich auf einen aktuellen und einen früheren Geheimdienstmitarbeiter"}},
		{"a German compound of a vague word", "de", "Die Zeitung beruft sich auf Sicherheitskreise.",
			[]string{"Vague attribution: vague source: Sicherheitskreise | beruft sich auf Sicherheitskreise"}},
		{"wie, then a long name", "de", "Wie das Hamburger Magazin Hafenblick Kompakt berichtet, soll der Verkauf scheitern.",
			[]string{"named source: das Hamburger Magazin Hafenblick Kompakt | Wie das Hamburger Magazin Hafenblick Kompakt berichtet"}},
		{"wie, an adverbial after the subject", "de", "Wie die Nachrichtenagentur dpa am Montag meldete, schwieg der Konzern.",
			[]string{"named source: die Nachrichtenagentur dpa | Wie die Nachrichtenagentur dpa am Montag meldete"}},
		{"so, at the end of a sentence", "de", "Die Lage sei ernst, so Bauministerin Anna Berg.",
			[]string{"named source: Bauministerin Anna Berg | so Bauministerin Anna Berg"}},
		{"so, not a source", "de", "Der Umsatz fiel, so dass Stellen wegfallen.", []string{noSource}},
		{"a time and a place, English", "en", "“We will continue,” said Anna Berg on Friday in Berlin.",
			[]string{"named source: Anna Berg | said Anna Berg"}},
		{"a date before the verb, English", "en", "Ministry spokesman Piet Janssen on March 3 told reporters the plant would close.",
			[]string{"named source: Ministry spokesman Piet Janssen | Ministry spokesman Piet Janssen on March 3 told"}},
		{"an auxiliary, English", "en", "Deputy Minister Carlos Romero de Vega has said the plant would close.",
			[]string{"named source: Deputy Minister Carlos Romero de Vega | Deputy Minister Carlos Romero de Vega has said"}},
		{"a relative clause, English", "en", "An official who asked not to be named said the plant would close.",
			[]string{"specific anonymous source: An official | An official who asked not to be named said"}},
		{"an intensifier", "de", "Vorstandschef Robert Klein selbst sagte, er bleibe.",
			[]string{"named source: Vorstandschef Robert Klein | Vorstandschef Robert Klein selbst sagte"}},
		{"an adverb, English", "en", "Chief executive Robert Klein emphatically stated that he would stay.",
			[]string{"named source: Chief executive Robert Klein | Chief executive Robert Klein emphatically stated"}},
		{"and another verb, English", "en", "“It is over,” said Anna Berg and added that talks had failed.",
			[]string{"named source: Anna Berg | said Anna Berg"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, note, _ := attributions(t, tt.text, tt.lang)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("%q (-want +got):\n%s\nnote: %s", tt.text, diff, note)
			}
		})
	}
}

func TestAttribution_ReportedSpeech(t *testing.T) {
	const klein = "Wirtschaftsminister Robert Klein sagte, die Lage sei ernst."
	tests := []struct {
		name, text string
		want       []string
		note       string // the end of the note
	}{
		{"continues the source before it", klein + " Das Ministerium habe keine Hinweise, es gebe aber offene Fragen. Man prüfe alle Angaben.",
			[]string{"named source: Wirtschaftsminister Robert Klein | Wirtschaftsminister Robert Klein sagte",
				"reported speech continues the named source: Wirtschaftsminister Robert Klein | habe"},
			"reported speech: 2 sentences continue an attribution, 0 have none before them"},
		{"a quotation does not end the run", klein + " „Wir sind vorbereitet.“ Man prüfe alle Angaben.",
			[]string{"named source: Wirtschaftsminister Robert Klein | Wirtschaftsminister Robert Klein sagte",
				"reported speech continues the named source: Wirtschaftsminister Robert Klein | prüfe"},
			"reported speech: 1 sentences continue an attribution, 0 have none before them"},
		{"another sentence ends it", klein + " Der Bahnhof wurde 1990 gebaut. Man prüfe alle Angaben.",
			[]string{"named source: Wirtschaftsminister Robert Klein | Wirtschaftsminister Robert Klein sagte"},
			"reported speech: 0 sentences continue an attribution, 1 have none before them"},
		{"a new attribution starts a new run", klein + " Man prüfe alle Angaben. Ein Insider sagte, das stimme nicht. Die Prüfung sei nur ein Vorwand.",
			[]string{"named source: Wirtschaftsminister Robert Klein | Wirtschaftsminister Robert Klein sagte",
				"reported speech continues the named source: Wirtschaftsminister Robert Klein | prüfe",
				"Vague attribution: vague source: Ein Insider | Ein Insider sagte",
				"reported speech continues the vague source: Ein Insider | sei"},
			"reported speech: 2 sentences continue an attribution, 0 have none before them"},
		{"demnach goes on with the source", klein + " Demnach soll der Fonds aufgestockt werden. Man prüfe alle Angaben.",
			[]string{"named source: Wirtschaftsminister Robert Klein | Wirtschaftsminister Robert Klein sagte",
				"reported speech continues the named source: Wirtschaftsminister Robert Klein | prüfe"},
			"reported speech: 1 sentences continue an attribution, 0 have none before them"},
		{"no source before it: nothing is invented", "Die Lage sei ernst. Das Ministerium habe keine Hinweise.",
			[]string{noSource},
			"reported speech: 0 sentences continue an attribution, 2 have none before them"},
		{"forms that are no reported speech", "Der Bau ruht, es sei denn, das Geld kommt. Ich habe das gesehen. „Das sei falsch“ steht auf dem Plakat. Die Plane riss. Er wartete, bis die Firma zahle.",
			[]string{noSource},
			"0 named, 0 specific anonymous, 0 vague, 0 unclear attributions; 0 hedges"},
		{"a subordinate clause hangs on its sentence", "Zuvor hatten Medien berichtet, dass der Fonds aufgestockt werde.",
			[]string{noSource},
			"0 named, 0 specific anonymous, 0 vague, 0 unclear attributions; 0 hedges"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, note, _ := attributions(t, tt.text, "de")
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("%q (-want +got):\n%s\nnote: %s", tt.text, diff, note)
			}
			if !strings.HasSuffix(note, tt.note) {
				t.Errorf("note %q, want it to end with %q", note, tt.note)
			}
		})
	}
}

// TestAttribution_ReportedSpeechScore: reported speech changes no count, so
// the score of an article is the same with and without it; with no source
// before it, the article still has no attributed source.
func TestAttribution_ReportedSpeechScore(t *testing.T) {
	const attributed = "Wirtschaftsminister Robert Klein sagte, die Lage sei ernst. Ein Insider sagte, das stimme nicht."
	const speech = " Das Ministerium habe keine Hinweise. Man prüfe alle Angaben. Es gebe offene Fragen."
	_, _, without := attributions(t, attributed, "de")
	_, _, with := attributions(t, attributed+speech, "de")
	if without != 0.5 || with != without {
		t.Errorf("score %v without reported speech, %v with it; want 0.5 both (1 named, 1 vague)", without, with)
	}
	_, note, empty := attributions(t, strings.TrimSpace(speech), "de")
	if empty != 0.5 || !strings.HasPrefix(note, "0 named, 0 specific anonymous, 0 vague") {
		t.Errorf("reported speech alone: score %v, note %q; want empty_score 0.5 and no source", empty, note)
	}
}

func TestGluedWord(t *testing.T) {
	for w, want := range map[string]bool{
		"WSJDen": true, "SputnikThe": true, "TageblattDer": true, "ZeitungDie": true,
		"BlackRock": false, "YouTube": false, "LinkedIn": false, "McDonald": false, "iPhone": false,
		"JPMorgan": false, "Peskow": false, "WSJ": false, "US-Regierung": false, "DeutschlandDie": true,
	} {
		if got := gluedWord(w); got != want {
			t.Errorf("gluedWord(%q) = %v, want %v", w, got, want)
		}
	}
}

func TestAttribution_LoadErrors(t *testing.T) {
	const file = `rules:
  - id: sourcing.x
    family: sourcing
    kind: attribution
    description: x
    severity: warning
    weight: 1
    message: x
    cues: ['sagte {speaker}', '{speaker:3}sagte,']
    roles: [Sprecher, two words]
`
	_, err := loadFiles(t, map[string]string{"x.yaml": file})
	if err == nil {
		t.Fatal("no error for a misplaced {speaker} and a role of two words")
	}
	for _, want := range []string{
		`x.yaml:9:12: cue "sagte {speaker}": {speaker} must begin the cue and takes no number`,
		`x.yaml:9:31: cue "{speaker:3}sagte,": {speaker} must begin the cue and takes no number`,
		`x.yaml:10:23: role "two words" is not one word`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q\nwant it to hold %q", err, want)
		}
	}
}

// FuzzAttribution runs the attribution rule on arbitrary German and English
// text: its findings lie inside the text, every source it names has words,
// and its score stays in 0..1.
func FuzzAttribution(f *testing.F) {
	for _, s := range []string{
		"Wirtschaftsminister Robert Klein sagte, die Lage sei ernst. Das Ministerium habe keine Hinweise.",
		"Anna Berg, Sprecherin des Ministeriums, sagte, … „Wir“, sagte Max Weber und erklärte, dass.",
		", sagte, . Laut dem TageblattDer Vorstand sei. , so Klein.",
		"“We will,” Klein said. The Herald, citing sources, reported a delay, the ministry added.",
		"sagte am 12. März, ; hat gesagt, : teilte mit,",
	} {
		f.Add(s)
	}
	set, err := Builtin()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return
		}
		for _, lang := range []string{"de", "en"} {
			res := set.Apply(article(text, lang, "", ""))
			for _, fd := range res.Findings {
				if fd.RuleID != "sourcing.attribution" {
					continue
				}
				if fd.Offset >= 0 && (fd.Offset > len(text) || fd.Evidence == "") {
					t.Fatalf("%s: finding %+v outside the text or without evidence", lang, fd)
				}
				if i := strings.Index(fd.Message, "source: "); i >= 0 && strings.TrimSpace(fd.Message[i+len("source: "):]) == "" {
					t.Fatalf("%s: finding %+v names an empty source", lang, fd)
				}
				if fd.Severity > sourcescore.SeverityWarning {
					t.Fatalf("%s: finding %+v above the rule's severity", lang, fd)
				}
			}
			for _, r := range res.Rules {
				if r.Applied && (r.Score < 0 || r.Score > 1) {
					t.Fatalf("%s: rule %s score %v outside 0..1", lang, r.RuleID, r.Score)
				}
			}
		}
	})
}
