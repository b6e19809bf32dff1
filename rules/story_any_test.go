package rules

import (
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"sourcescore"
)

// tollStory is an invented story, unlike the seeds': a magazine reports
// that a ministry falsified toll figures; the ministry denies it through
// several voices the next day; a hearing is scheduled. Its file has no
// denial section: the denial rule's general wording must do.
const tollStory = `story:
  id: aldoria-tolls-2025
  title: Nordlicht reports that Aldoria's transport ministry falsified toll figures
  match:
    all:
      - [Maut, Mautdaten, Mautzahlen, Mauteinnahmen, toll, tolls, toll figures]
      - [Aldoria, Aldorias, Aldorian]
  primary_source: {name: Nordlicht, aliases: [Nordlicht, Nordlicht-Magazin, Nordlicht magazine]}
  accused:
    name: Aldoria's transport ministry
    aliases: [Verkehrsministerium, Verkehrsministeriums, Ministeriumssprecherin Lea Born, Lea Born, Born, Minister Tomas Hale, Tomas Hale, Hale, Aldoria, transport ministry, ministry spokeswoman]
  other_parties: [Opposition, opposition, Brückenbetreiber, bridge operator, EU-Kommission, European Commission]
  facts:
    - {id: report, type: report, date: 2025-03-04, description: Nordlicht's report, tolerance_days: 1}
    - {id: denial, type: denial, date: 2025-03-05, description: the ministry's denial}
    - {id: hearing, date: 2025-03-20, description: the parliamentary hearing, scheduled: true, cues: [Anhörung, hearing]}
`

var (
	tollOnce sync.Once
	tollSet  *Set
	tollErr  error
)

// tollRules is the built-in rule set with tollStory added.
func tollRules(t *testing.T) *Set {
	t.Helper()
	tollOnce.Do(func() {
		m := builtinFiles(t, nil)
		m["stories/aldoria-tolls-2025.yaml"] = &fstest.MapFile{Data: []byte(tollStory)}
		tollSet, tollErr = Load(m, "test")
	})
	if tollErr != nil {
		t.Fatal(tollErr)
	}
	return tollSet
}

// tollCase is a text of the toll story and what one rule must say of it.
type tollCase struct {
	name  string
	text  string
	lang  string
	pub   string
	score float64  // the rule's score
	want  []string // evidence of its findings at warning or above
	info  []string // evidence of its info findings (nil: not checked)
}

func runToll(t *testing.T, id string, cases []tollCase) {
	t.Helper()
	set := tollRules(t)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			lang := tc.lang
			if lang == "" {
				lang = "de"
			}
			pub := tc.pub
			if pub == "" {
				pub = "2025-03-06"
			}
			res := set.Apply(article(tc.text, lang, pub, "aldoria-tolls-2025"))
			rs := ruleScore(t, res, id)
			if !rs.Applied || rs.Score != tc.score {
				t.Errorf("%s score = %v (applied %v), want %v\n(note: %s)", id, rs.Score, rs.Applied, tc.score, rs.Note)
			}
			if got := findingsOf(res, id, sourcescore.SeverityWarning); strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("%s findings = %q, want %q\n(note: %s)", id, got, tc.want, rs.Note)
			}
			if tc.info != nil {
				var got []string
				for _, f := range res.Findings {
					if f.RuleID == id && f.Severity == sourcescore.SeverityInfo && !strings.HasPrefix(f.Message, "denial by") {
						got = append(got, f.Evidence)
					}
				}
				if strings.Join(got, "|") != strings.Join(tc.info, "|") {
					t.Errorf("%s info findings = %q, want %q", id, got, tc.info)
				}
			}
		})
	}
}

// TestDenial_AnyStory: the denial rule's own wording finds the denial of a
// story whose file lists no denial words, whoever of the accused side
// speaks, and is not fooled by the traps.
func TestDenial_AnyStory(t *testing.T) {
	const lead = "Das Magazin Nordlicht berichtet, Aldorias Verkehrsministerium habe die Mautdaten geschönt. "
	const leadEN = "The Nordlicht magazine reports that Aldoria's transport ministry falsified toll figures. "
	runToll(t, "denial.missing", []tollCase{
		{name: "spokeswoman, separable verb", text: lead + "Ministeriumssprecherin Lea Born wies die Vorwürfe am Mittwoch zurück.", score: 1},
		{name: "minister calls it nonsense", text: lead + "Minister Tomas Hale nannte den Bericht Unsinn.", score: 1},
		{name: "country as actor, reported speech", text: lead + "Aldoria bestreitet die Darstellung des Magazins.", score: 1},
		{name: "nothing to do with it", text: lead + "Das Ministerium habe damit nichts zu tun, sagte Hale über die Mautzahlen.", score: 1},
		{name: "counter-claim blaming another party", text: lead + "Nur der Brückenbetreiber habe die Mittel gehabt, die Mautdaten zu ändern, sagte Hale.", score: 1},
		{name: "counter-claim, it was the others", text: lead + "Das waren die anderen, sagte Born zu den Mautdaten.", score: 1},
		{name: "English, spokeswoman", lang: "en", text: leadEN + "A ministry spokeswoman dismissed the report as baseless.", score: 1},
		{name: "English, minister", lang: "en", text: leadEN + "Tomas Hale called the allegations nonsense.", score: 1},
		{name: "English, nothing to do with", lang: "en", text: leadEN + "Hale said the ministry had nothing to do with the toll figures.", score: 1},
		{name: "information called unreliable, the report not named", text: lead + "Das Verkehrsministerium nannte die Informationen unzuverlässig.", score: 1},
		{name: "countering reports", text: lead + "Minister Hale trat den Berichten über geschönte Mautdaten entgegen.", score: 1},
		{name: "English, information called unreliable", lang: "en", text: leadEN + "The transport ministry called the information unreliable.", score: 1},
		{name: "English, a date after the report word", lang: "en", text: leadEN + "The transport ministry denied the report on Tuesday.", score: 1},
		{name: "a date after the report word", text: leadEN + "Das Verkehrsministerium wies den Bericht am 5. März zurück.", score: 1},
		{name: "speaker named after the claim", text: lead + "Die Berichte über einen Auftrag an den Brückenbetreiber seien falsch, sagte Ministeriumssprecherin Lea Born.", score: 1},
		{name: "English, speaker named after the claim", lang: "en", text: leadEN + "Reports that the bridge operator was paid to alter the figures are untrue, ministry spokeswoman Lea Born said.", score: 1},
		{name: "subject first, verb last", text: lead + "Das Verkehrsministerium hat Berichte über eine Absprache mit dem Brückenbetreiber zurückgewiesen.", score: 1},
		{name: "pronoun takes the speaker before", text: lead + "Minister Tomas Hale äußerte sich am Mittwoch. Die Vorwürfe seien frei erfunden, betonte er.", score: 1},
		{name: "a name in a compound does not speak", lang: "en", text: leadEN + "The Aldoria-Nordlicht dispute grew. The bridge operator denied the report.", score: 0, want: []string{""}},
		{name: "English, counter-claim", lang: "en", text: leadEN + "Only the bridge operator had the means to alter the toll data, Hale said.", score: 1},
		{name: "parties joined in one list deny together", text: lead + "Das Verkehrsministerium und die Opposition wiesen den Bericht am Mittwoch zurück.", score: 1},
		{name: "English, parties joined in one list", lang: "en", text: leadEN + "The transport ministry and the opposition dismissed the report.", score: 1},

		// Traps.
		{name: "denial by another party", text: lead + "Die Opposition wies den Bericht zurück.", score: 0, want: []string{""}},
		{name: "denial of something else", text: lead + "Lea Born dementierte Berichte über ihren Rücktritt.", score: 0, want: []string{""}},
		{name: "negated", text: lead + "Vom Verkehrsministerium gab es kein Dementi.", score: 0, want: []string{""}},
		{name: "negated separable verb", text: lead + "Hale wies den Bericht nicht zurück.", score: 0, want: []string{""}},
		{name: "counter-claim blaming the accused side", text: lead + "Nur das Verkehrsministerium habe die Mittel gehabt, sagte die Opposition zu den Mautdaten.", score: 0, want: []string{""}},
		{name: "declined to comment", text: lead + "Das Verkehrsministerium wollte sich zu dem Bericht nicht äußern.", score: 0, want: []string{""},
			info: []string{"wollte sich zu dem Bericht nicht äußern"}},
		{name: "English, declined to comment", lang: "en", text: leadEN + "The transport ministry declined to comment.", score: 0, want: []string{""},
			info: []string{"declined to comment"}},
		{name: "English, did not deny", lang: "en", text: leadEN + "Hale did not deny the report.", score: 0, want: []string{""}},
		{name: "English, another party", lang: "en", text: leadEN + "The opposition dismissed the report.", score: 0, want: []string{""}},
		{name: "English, did not comment is no denial", lang: "en", text: leadEN + "The transport ministry did not respond to a request for comment.", score: 0, want: []string{""},
			info: []string{"did not respond"}},
	})
}

// TestDenial_BuriedBySentences: where the denial stands is measured in
// sentences, so blank lines between paragraphs change nothing; the finding
// of a buried denial does not say "missing".
func TestDenial_BuriedBySentences(t *testing.T) {
	paras := []string{
		"Das Magazin Nordlicht berichtet, Aldorias Verkehrsministerium habe die Mautdaten geschönt.",
		"Demnach seien die Mauteinnahmen seit zwei Jahren zu hoch angegeben worden.",
		"Die Opposition verlangt Aufklärung.",
		"Der Rechnungshof prüft die Zahlen.",
		"Die Anhörung im Parlament ist für den 20. März angesetzt.",
		"Mehrere Abgeordnete äußerten sich besorgt.",
		"Auch Verbände meldeten sich zu Wort.",
		"Die Zahlen sollen offengelegt werden.",
		"Beobachter erwarten eine lange Debatte.",
		"Eine Entscheidung soll im Sommer fallen.",
		"Bis dahin bleiben die Gebühren gleich.",
		"Die Speditionen rechnen mit höheren Kosten.",
		"Ein Gutachten wird im April erwartet.",
		"Die Länder wollen mitreden.",
		"Die Kommunen warten ab.",
		"Der Bund schweigt bislang.",
		"Ministeriumssprecherin Lea Born wies den Bericht zurück.",
	}
	set := tollRules(t)
	var notes []string
	for _, sep := range []string{"\n", "\n\n"} {
		res := set.Apply(article(strings.Join(paras, sep), "de", "2025-03-06", "aldoria-tolls-2025"))
		rs := ruleScore(t, res, "denial.missing")
		if rs.Score != 0.5 {
			t.Errorf("separator %q: score %v, want 0.5 (buried) (%s)", sep, rs.Score, rs.Note)
		}
		for _, f := range res.Findings {
			if f.RuleID == "denial.missing" {
				if strings.Contains(f.Message, "missing") || !strings.Contains(f.Message, "buried") {
					t.Errorf("buried denial's finding says %q", f.Message)
				}
			}
		}
		notes = append(notes, rs.Note)
	}
	if notes[0] != notes[1] {
		t.Errorf("blank lines changed the judgement: %q vs %q", notes[0], notes[1])
	}
}

// TestDateFacts_AnyStory: dates are tied to the fact whose event governs
// them in their clause, with the fact's tolerance, and relative dates are
// checked where they can be placed.
func TestDateFacts_AnyStory(t *testing.T) {
	runToll(t, "dates.fact_mismatch", []tollCase{
		{name: "denial's date beside a word of the report", score: 1,
			text: "Ministeriumssprecherin Lea Born nannte die Vorwürfe des Nordlicht-Berichts über die Mautdaten am Mittwoch, 5. März, Unsinn."},
		{name: "English: denial's date, report word in the clause", lang: "en", score: 1,
			text: "The ministry spokeswoman called the Nordlicht report on the toll figures nonsense on Wednesday, March 5, two days after the magazine went to print."},
		{name: "denial given the wrong day", score: 0, want: []string{"7. März"},
			text: "Lea Born wies den Bericht über die Mautdaten am 7. März zurück."},
		{name: "report a day late: within tolerance, info only", score: 1, want: nil, info: []string{"5. März"},
			text: "Das Magazin Nordlicht berichtete am 5. März über die Mautdaten."},
		{name: "report three days late: an error", score: 0, want: []string{"7. März"},
			text: "Das Magazin Nordlicht berichtete am 7. März über die Mautdaten."},
		// A report word whose sentence names the accused side or another
		// party, and not the primary source, is theirs: not the story's report.
		{name: "the accused side's own report", score: 1,
			text: "Das Verkehrsministerium berichtete am 7. März über die Mautdaten."},
		{name: "English: another party published", lang: "en", score: 1,
			text: "The opposition on March 7 published its own toll figures."},
		{name: "noun with its own date", score: 1, text: "Der Nordlicht-Bericht vom 4. März über die Maut sorgt für Streit."},
		{name: "noun with a wrong date", score: 0, want: []string{"2. März"}, text: "Der Nordlicht-Bericht vom 2. März über die Maut sorgt für Streit."},
		{name: "scheduled event with a noun link", score: 0, want: []string{"27. März"}, text: "Die Anhörung am 27. März soll Klarheit über die Maut bringen."},
		{name: "relative weekday that fits", pub: "2025-03-06", score: 1, text: "Das Verkehrsministerium dementierte am Mittwoch den Bericht über die Maut."},
		{name: "relative weekday that does not fit", pub: "2025-03-06", score: 0, want: []string{"Montag"},
			text: "Das Verkehrsministerium dementierte am Montag den Bericht über die Maut."},
		{name: "yesterday", pub: "2025-03-05", score: 1, text: "Nordlicht hatte gestern über die Mautdaten berichtet."},
		{name: "English yesterday, wrong", lang: "en", pub: "2025-03-08", score: 0, want: []string{"yesterday"},
			text: "The ministry denied the toll report yesterday."},
		{name: "a date in another clause is not the fact's", score: 1,
			text: "Hale dementierte den Bericht, nachdem am 9. Februar eine Prüfung der Maut begonnen hatte."},
		{name: "a noun elsewhere in the clause does not govern", score: 1,
			text: "Am 28. Februar hatte Aldoria einen Zeitungsbericht über die Maut gelesen."},
		{name: "another denial years earlier", score: 1,
			text: "Hale hatte schon vor zwei Jahren einen Bericht über die Maut bestritten."},
		{name: "another party's denial", score: 1,
			text: "Die Opposition bestritt am 2. März, von den Mautdaten gewusst zu haben."},
		{name: "a fact after the article appeared is not what it dates", pub: "2025-03-04", score: 1,
			text: "Lea Born wies am 3. März Fragen zur Maut zurück."},
		{name: "English: a date after that is the reported event's", lang: "en", score: 1,
			text: "Nordlicht reported on Tuesday that the toll figures were changed on February 27."},
		{name: "English: the source's name before a date that does not fit is no tie", lang: "en", score: 1,
			text: "The toll figures were printed in Nordlicht on Sunday."},
	})
}

// TestStory_FactTypes: a report or denial fact needs no cues; an event
// fact does; an unknown type and a tolerance out of range are refused at
// their position.
func TestStory_FactTypes(t *testing.T) {
	head := "story:\n  id: s\n  match: {all: [[a]]}\n  accused: {name: x, aliases: [x]}\n  facts:\n"
	for _, tc := range []struct {
		facts string
		want  string // "" loads
	}{
		{"    - {id: r, type: report, date: 2025-01-01}\n", ""},
		{"    - {id: d, type: denial, date: 2025-01-02, tolerance_days: 1}\n", ""},
		{"    - {id: e, date: 2025-01-01}\n", `fact "e" has no cues`},
		{"    - {id: e, type: rumour, date: 2025-01-01}\n", `unknown fact type "rumour"`},
		{"    - {id: e, type: report, date: 2025-01-01, tolerance_days: 9}\n", "tolerance_days 9 is out of range"},
	} {
		m := fstest.MapFS{"s.yaml": {Data: []byte(head + tc.facts)}}
		files, _ := fs.Glob(BuiltinFS(), "*.yaml")
		for _, p := range files {
			data, _ := fs.ReadFile(BuiltinFS(), p)
			m[p] = &fstest.MapFile{Data: data}
		}
		_, err := Load(m, "t")
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%s: %v", tc.facts, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%s: error %v, want %q", tc.facts, err, tc.want)
		case tc.want != "" && !strings.Contains(err.Error(), "t/s.yaml:6:"):
			t.Errorf("%s: error %v has no position on the fact's line", tc.facts, err)
		}
	}
}

// TestStory_DateCueWarning: a fact's cue that is another date loads with a
// warning at the cue's position (an article that gives that date would be
// told it disagrees with the fact); a cue within the fact's tolerance, a
// month without a day and a cue that is no date load without one.
func TestStory_DateCueWarning(t *testing.T) {
	story := "story:\n  id: s\n  match: {all: [[Maut]]}\n  accused: {name: x, aliases: [x]}\n  facts:\n" +
		"    - {id: announced, type: report, date: 2025-02-15, tolerance_days: 1, cues: [Behörde, 28. Januar, Feb. 16, im Januar]}\n" +
		"    - {id: seized, date: 2025-01-28, tolerance_days: 1, cues: [beschlagnahmt, January 27, Dec. 31]}\n"
	set := withStory(t, "s", story)
	got := warningLines(set)
	want := []string{
		`test/stories/s.yaml:6:90: fact "announced": the cue "28. Januar" is a date, 2025-01-28, not the fact's (2025-02-15): every article that gives it will be told it disagrees with this fact`,
		`test/stories/s.yaml:7:91: fact "seized": the cue "Dec. 31" is a date, 2024-12-31, not the fact's (2025-01-28): every article that gives it will be told it disagrees with this fact`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, w := range set.Warnings {
		if w.Hint == "" {
			t.Errorf("%s: no hint", w.Msg)
		}
	}
	if plain := withStory(t, "s", strings.Replace(strings.Replace(story, "28. Januar, ", "", 1), ", Dec. 31", "", 1)); len(plain.Warnings) != 0 {
		t.Errorf("without the other dates: warnings %v", plain.Warnings)
	}
}

// warningLines returns a set's warnings as "file:line:column: message".
func warningLines(set *Set) []string {
	var out []string
	for _, w := range set.Warnings {
		out = append(out, fmt.Sprintf("%s:%d:%d: %s", w.File, w.Line, w.Column, w.Msg))
	}
	return out
}

// TestStory_SplitCue: a cue that a comma of a flow list split off ("2018"
// of "May 1, 2018", "000" of "20,000") loads with a warning, and no date
// that holds it is tied to its fact: "2. Oktober 2018" is not told it
// disagrees with the fact of 1 May 2018. A cue of digits beside a date
// still ties it.
func TestStory_SplitCue(t *testing.T) {
	story := "story:\n  id: s\n  match: {all: [[Handy]]}\n  accused: {name: x, aliases: [Riad]}\n  facts:\n" +
		"    - {id: video, date: 2018-05-01, tolerance_days: 1, cues: [1. Mai 2018, May 1, 2018, 1 May 2018]}\n" +
		"    - {id: expelled, date: 2018-10-05, tolerance_days: 1, cues: [41, 20,000]}\n"
	set := withStory(t, "s", story)
	want := []string{
		`test/stories/s.yaml:6:83: fact "video": the cue "2018" is a year or zeros alone, what a comma in a [list] leaves of "May 1, 2018" or "20,000": it names no fact, and no date that holds it is tied to it`,
		`test/stories/s.yaml:7:73: fact "expelled": the cue "0" is a year or zeros alone, what a comma in a [list] leaves of "May 1, 2018" or "20,000": it names no fact, and no date that holds it is tied to it`,
	}
	if got := warningLines(set); !slices.Equal(got, want) {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Das Handy wurde gehackt. Khashoggi wurde am 2. Oktober 2018 in Istanbul ermordet.", nil},
		{"Das Handy wurde gehackt. Am 1. Mai 2018 kam das Video.", nil},
		{"Das Handy wurde gehackt. Riad wies am 9. Oktober 2018 41 Diplomaten aus.", []string{"9. Oktober 2018"}},
	} {
		res := set.Apply(article(tc.text, "de", "2020-01-22", "s"))
		if got := findingsOf(res, "dates.fact_mismatch", sourcescore.SeverityWarning); !slices.Equal(got, tc.want) {
			t.Errorf("%q findings %q, want %q", tc.text, got, tc.want)
		}
	}
}

// TestStory_AboutActs: the denial rule's about_acts (involvement, role,
// the incident) date no report fact, where its about words (the report,
// the claims) do; a denial of a role still counts.
func TestStory_AboutActs(t *testing.T) {
	story := "story:\n  id: s\n  match: {all: [[Maut]]}\n  primary_source: {name: Nordlicht, aliases: [Nordlicht]}\n" +
		"  accused: {name: Ungarn, aliases: [Ungarn, Budapest]}\n  facts:\n" +
		"    - {id: report, type: report, date: 2025-03-04, tolerance_days: 1}\n"
	set := withStory(t, "s", story)
	wantMismatchTable(t, set, "s", "2025-03-20", []mismatchCase{
		{"de", "Die Mautdaten waren gefälscht. Es geht um die Rolle Budapests bei dem Vorfall am 12. Februar 2025.", nil},
		{"de", "Die Mautdaten waren gefälscht. Die Vorwürfe vom 12. Februar 2025 wiegen schwer.", []string{"12. Februar 2025"}},
	})
	res := set.Apply(article("Die Maut wurde gefälscht, berichtet Nordlicht. Budapest bestritt jede Rolle bei der Maut.", "de", "2025-03-06", "s"))
	if rs := ruleScore(t, res, "denial.missing"); !rs.Applied || rs.Score != 1 {
		t.Errorf("a denial of a role: denial.missing score %v (applied %v), want 1 (note: %s)", rs.Score, rs.Applied, rs.Note)
	}
}

// TestDateFacts_Captions: a date in a photo caption (a line ending in its
// credit) says when the picture was taken and is tied to no fact; and the
// two date_facts rules share their ties only when they tie the same way:
// with the conflict rule's captions taken out, it ties the caption's date
// while the mismatch rule, with them, does not.
func TestDateFacts_Captions(t *testing.T) {
	set, err := Load(builtinFiles(t, func(p, s string) string {
		if p != "dates.yaml" {
			return s
		}
		i := strings.Index(s, "id: dates.fact_conflict")
		j := i + strings.Index(s[i:], "    captions:")
		k := j + strings.Index(s[j:], "    future_markers:")
		return s[:j] + s[k:]
	}), "test")
	if err != nil {
		t.Fatal(err)
	}
	text := "Trump gewann die Wahl am 5. November.\nAnhänger feiern nach der Wahl am 15. November 2024. REUTERS/Anna Berg/File Photo\nDer Kreml schwieg."
	res := set.Apply(article(text, "de", "2024-11-20", story))
	if got := findingsOf(res, "dates.fact_mismatch", sourcescore.SeverityWarning); len(got) != 0 {
		t.Errorf("fact_mismatch findings %q: the caption's date was tied", got)
	}
	if got := findingsOf(res, "dates.fact_conflict", sourcescore.SeverityWarning); len(got) != 1 {
		t.Errorf("fact_conflict findings %q, want the caption's date against the election's (its ties are its own)", got)
	}
}

// TestDenial_LateAfter: late_after is the rule file's: with 1, the last of
// ten sentences is buried again; a negative one is refused where it stands.
func TestDenial_LateAfter(t *testing.T) {
	load := func(lateAfter string) (*Set, error) {
		return Load(builtinFiles(t, func(p, text string) string {
			if p == "denial.yaml" {
				return strings.Replace(text, "late_after: 15", "late_after: "+lateAfter, 1)
			}
			return text
		}), "test")
	}
	text := "Musk und Putin.\n\nA.\n\nB.\n\nC.\n\nD.\n\nE.\n\nF.\n\nG.\n\nH.\n\nPeskow dementierte den Bericht."
	for _, tt := range []struct {
		lateAfter string
		score     float64
	}{{"15", 1}, {"9", 0.5}, {"1", 0.5}} {
		set, err := load(tt.lateAfter)
		if err != nil {
			t.Fatalf("late_after %s: %v", tt.lateAfter, err)
		}
		rs := ruleScore(t, set.Apply(article(text, "de", "2024-10-25", story)), "denial.missing")
		if rs.Score != tt.score {
			t.Errorf("late_after %s: score %v, want %v (%s)", tt.lateAfter, rs.Score, tt.score, rs.Note)
		}
	}
	_, err := load("-1")
	if err == nil || !strings.Contains(err.Error(), "denial.yaml:") || !strings.Contains(err.Error(), "late_after -1 is out of range") {
		t.Errorf("late_after -1: error %v, want file:line:column and the range", err)
	}
}

// TestDenial_ListsCompoundsDoubt: a party listed after a preposition's
// object is no speaker ("Vorwürfe vom Bürgermeister, der Stadt und der Gewerkschaft"); a
// report about a German compound of a story word is about the story
// ("Berichte über die Fährenausfälle"); casting doubt on the report counts.
func TestDenial_ListsCompoundsDoubt(t *testing.T) {
	m := builtinFiles(t, nil)
	m["stories/faehre.yaml"] = &fstest.MapFile{Data: []byte(`story:
  id: faehre-2025
  title: Das Hafenamt wirft der Reederei Nordlicht vor, Fähren ohne Prüfung fahren zu lassen
  match:
    all:
      - [Fähre, Fähren, Prüfung]
      - [Nordlicht]
  primary_source: {name: Hafenamt, aliases: [Hafenamt]}
  accused: {name: Reederei Nordlicht, aliases: [Reederei Nordlicht, Reederei, Nordlicht]}
  other_parties: [Stadt, Gewerkschaft, Bürgermeister]
  facts:
    - {id: report, type: report, date: 2025-03-03}
`)}
	set, err := Load(m, "test")
	if err != nil {
		t.Fatal(err)
	}
	head := "Das Hafenamt wirft der Reederei Nordlicht vor, Fähren ohne Prüfung fahren zu lassen.\n\n"
	for _, tt := range []struct {
		text  string
		score float64
	}{
		{"Die Reederei hat Vorwürfe vom Bürgermeister, der Stadt und der Gewerkschaft zu den Fähren dementiert.", 1},
		{"Die Reederei hat Vorwürfe zu den Fähren dementiert, sagte die Gewerkschaft.", 0},
		{"Die Reederei wies Berichte über die Fährenausfälle zurück.", 1},
		{"Die Reederei wies Berichte über die Bilanz zurück.", 0},
		{"Die Reederei sprach von widersprüchlichen Informationen zu den Fähren.", 1},
		// Accusing the other side back is a counter-statement; being accused is not.
		{"Die Reederei beschuldigte die Gewerkschaft, den Streit um die Fähren begonnen zu haben.", 1},
		{"Die Reederei hat die Stadt für den Streit um die Fähren verantwortlich gemacht.", 1},
		{"Die Reederei wurde von der Gewerkschaft beschuldigt, die Fähren nicht geprüft zu haben.", 0},
		{"Die Gewerkschaft beschuldigte die Reederei, die Fähren nicht geprüft zu haben.", 0},
		{"Nordlicht blamed the Union for the row over the ferries.", 1},
		{"Nordlicht was blamed for the row over the ferries by the city.", 0},
		{"Die Stadt und die Reederei beschuldigen sich gegenseitig, die Fähren vernachlässigt zu haben.", 1},
	} {
		lang := "de"
		if strings.HasPrefix(tt.text, "Nordlicht") {
			lang = "en"
		}
		rs := ruleScore(t, set.Apply(article(head+tt.text, lang, "2025-03-04", "faehre-2025")), "denial.missing")
		if rs.Score != tt.score {
			t.Errorf("%q: score %v, want %v (%s)", tt.text, rs.Score, tt.score, rs.Note)
		}
	}
}

// TestDateFacts_UndatedLongStory: in an article without a publication
// date, a day without a year is placed near the story's last event; for
// a story of more than a year that is a guess, so such a day is not
// judged, while with a publication date it is.
func TestDateFacts_UndatedLongStory(t *testing.T) {
	const bridge = `story:
  id: aldoria-bridge
  title: A bridge in Aldoria collapses in 2019; an inquiry reports in 2024
  match:
    all:
      - [Brücke, bridge]
      - [Aldoria, Aldorias]
  primary_source: {name: the inquiry, aliases: [Untersuchungskommission, inquiry]}
  accused: {name: the bridge operator, aliases: [Betreiber, operator]}
  facts:
    - {id: collapse, date: 2019-05-02, description: the bridge collapses, cues: [eingestürzt, collapsed]}
    - {id: inquiry, type: report, date: 2024-11-20, description: the inquiry's report}
`
	m := fstest.MapFS{"stories/aldoria-bridge.yaml": {Data: []byte(bridge)}}
	files, _ := fs.Glob(BuiltinFS(), "*.yaml")
	for _, p := range files {
		data, _ := fs.ReadFile(BuiltinFS(), p)
		m[p] = &fstest.MapFile{Data: data}
	}
	set, err := Load(m, "test")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		text, pub string
		want      []string
	}{
		{"In Aldoria war die Brücke am 9. Mai eingestürzt.", "2019-06-01", []string{"9. Mai"}},
		{"In Aldoria war die Brücke am 2. Mai eingestürzt.", "2019-06-01", nil},
		{"In Aldoria war die Brücke am 9. Mai 2019 eingestürzt.", "", []string{"9. Mai 2019"}},
		// Placed near the inquiry (2024-11-20), "am 5. September" would
		// be its report, ten weeks early; the article may be of any year.
		{"Die Untersuchungskommission berichtete am 5. September über die Brücke in Aldoria.", "2024-11-25", []string{"5. September"}},
		{"Die Untersuchungskommission berichtete am 5. September über die Brücke in Aldoria.", "", nil},
	} {
		res := set.Apply(article(tc.text, "de", tc.pub, "aldoria-bridge"))
		if got := findingsOf(res, "dates.fact_mismatch", sourcescore.SeverityWarning); strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("%q (published %q): findings %q, want %q (%s)", tc.text, tc.pub, got, tc.want, ruleScore(t, res, "dates.fact_mismatch").Note)
		}
	}
}

// TestDateFacts_UndatedYearBefore: in an article without a publication
// date, a day without a year placed in the year nearest the story's last
// event but outside the story's time is read in the year before where that
// year puts it inside: "am 23. September" of a story that began on 23
// September 2024 and went on to June 2025 is that first day, not 23
// September 2025.
func TestDateFacts_UndatedYearBefore(t *testing.T) {
	const ministry = `story:
  id: aldoria-hackers
  title: Aldoria's ministry names hackers in September 2024 and offers a bounty in June 2025
  match:
    all:
      - [Hacker, hackers]
      - [Aldoria, Aldorias]
  primary_source: {name: the ministry, aliases: [Ministerium, ministry]}
  accused: {name: the cyber command, aliases: [Cyberkommando, cyber command]}
  facts:
    - {id: naming, type: report, date: 2024-09-23, description: the ministry names the hackers}
    - {id: bounty, type: report, date: 2025-06-05, description: the ministry offers a bounty, cues: [Kopfgeld, bounty]}
`
	m := fstest.MapFS{"stories/aldoria-hackers.yaml": {Data: []byte(ministry)}}
	files, _ := fs.Glob(BuiltinFS(), "*.yaml")
	for _, p := range files {
		data, _ := fs.ReadFile(BuiltinFS(), p)
		m[p] = &fstest.MapFile{Data: data}
	}
	set, err := Load(m, "test")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		text, pub string
		want      []string
	}{
		{"Das Ministerium in Aldoria berichtete am 23. September über die Hacker.", "", nil},
		{"Das Ministerium in Aldoria berichtete am 25. September über die Hacker.", "", []string{"25. September"}},
		{"The ministry in Aldoria reported on the hackers on September 23.", "", nil},
		// With a publication date the year is the publication's.
		{"Das Ministerium in Aldoria berichtete am 23. September über die Hacker.", "2025-10-01", []string{"23. September"}},
	} {
		lang := "de"
		if strings.HasPrefix(tc.text, "The ") {
			lang = "en"
		}
		res := set.Apply(article(tc.text, lang, tc.pub, "aldoria-hackers"))
		if got := findingsOf(res, "dates.fact_mismatch", sourcescore.SeverityWarning); strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("%q (published %q): findings %q, want %q (%s)", tc.text, tc.pub, got, tc.want, ruleScore(t, res, "dates.fact_mismatch").Note)
		}
	}
}

// stateStory is an invented story whose accused side is a country: its
// file lists the country's names, not each of its institutions.
const stateStory = `story:
  id: hungary-tolls-2025
  title: Nordlicht reports that Hungary falsified toll figures
  match:
    all:
      - [Maut, Mautdaten, Mautzahlen, toll, tolls, toll figures]
  primary_source: {name: Nordlicht, aliases: [Nordlicht, Nordlicht magazine]}
  accused:
    name: Hungary
    aliases: [Ungarn, Hungary, Budapest]
  other_parties: [Opposition, opposition, EU-Kommission, European Commission]
  facts:
    - {id: report, type: report, date: 2025-03-04, description: Nordlicht's report, tolerance_days: 1}
`

// stateLead opens the German articles of stateStory's tests.
const stateLead = "Das Magazin Nordlicht berichtet über geschönte Mautdaten in Ungarn. "

// stateLeadEN opens English articles of stateStory's tests; it names no party that
// could speak.
const stateLeadEN = "The Nordlicht magazine reports on falsified toll figures. "

// adjectiveLead opens the German articles of adjectiveStory's tests; unlike
// stateLead it names no country.
const adjectiveLead = "Das Magazin Nordlicht berichtet über geschönte Mautdaten. "

// TestDenial_StateInstitutions: an institution of the accused country named
// by the country's adjective (state_adjectives, state_nouns) is the accused
// side; the same adjective before a word that is no institution, or another
// country's adjective, is not.
func TestDenial_StateInstitutions(t *testing.T) {
	set := withStory(t, "hungary-tolls-2025", stateStory)
	const lead = stateLead
	const leadEN = "The Nordlicht magazine reports on falsified toll figures in Hungary. "
	wantDenialScores(t, set, []denialCase{
		{lead + "Die ungarische Verkehrsbehörde wies den Bericht am Mittwoch zurück.", "de", 1},
		{lead + "Das ungarische Außenministerium nannte den Bericht Unsinn.", "de", 1},
		{lead + "Ein Sprecher der ungarischen Regierung bestritt die Mautzahlen des Magazins.", "de", 1},
		{lead + "Die Budapester Regierung wies den Bericht am Mittwoch zurück.", "de", 1},
		// The accusation as the object, with a genitive of its own, far from "zurück".
		{lead + "Die ungarische Verkehrsbehörde weist zudem den Vorwurf der systematischen Manipulation sämtlicher Mautdaten der vergangenen fünf Jahre entschieden zurück.", "de", 1},
		{lead + "Die Behörden in Budapest wiesen den Bericht am Mittwoch zurück.", "de", 1},
		{leadEN + "On Wednesday the authorities in Budapest rejected the report.", "en", 1},
		{lead + "Die amerikanische Regierung in Budapest wies den Bericht zurück.", "de", 0},
		{leadEN + "The American embassy in Budapest rejected the report.", "en", 0},
		{leadEN + "The Hungarian transport ministry dismissed the report.", "en", 1},
		{leadEN + "Hungarian officials denied the report on Wednesday.", "en", 1},
		// Not the accused side.
		{lead + "Die polnische Regierung wies den Bericht am Mittwoch zurück.", "de", 0},
		{lead + "Die ungarische Opposition wies den Bericht am Mittwoch zurück.", "de", 0},
		{lead + "Ungarische Journalisten wiesen den Bericht am Mittwoch zurück.", "de", 0},
		{leadEN + "The Polish government dismissed the report.", "en", 0},
		{leadEN + "Hungarian opposition politicians dismissed the report.", "en", 0},
	})
}

// TestDenial_StateAdjectivesAnyCountry: the built-in state_adjectives name
// countries beyond those of the stories the rules were written on; a story
// about one of them, whose file lists only the country's names, hears its
// institutions named by the adjective, in German and in English.
func TestDenial_StateAdjectivesAnyCountry(t *testing.T) {
	for _, c := range []struct{ de, en, capital, adjDE, adjEN string }{
		{"Finnland", "Finland", "Helsinki", "finnische", "Finnish"},
		{"Sudan", "Sudan", "Khartum", "sudanesische", "Sudanese"},
		{"Marokko", "Morocco", "Rabat", "marokkanische", "Moroccan"},
	} {
		story := strings.NewReplacer("Ungarn", c.de, "Hungary", c.en, "Budapest", c.capital).Replace(stateStory)
		set := withStory(t, "hungary-tolls-2025", story)
		wantDenialScores(t, set, []denialCase{
			{"Das Magazin Nordlicht berichtet über geschönte Mautdaten. Die " + c.adjDE + " Verkehrsbehörde wies den Bericht am Mittwoch zurück.", "de", 1},
			{stateLeadEN + c.adjEN + " officials denied the report on Wednesday.", "en", 1},
			{stateLeadEN + c.adjEN + " opposition politicians dismissed the report.", "en", 0},
		})
	}
}

// TestDenial_RefusedRequests: a denial word whose object is a request, an
// application or access (refused_objects) refuses it and denies no claim
// (the accused side is not heard on the story either: the score is 0); the
// same words with the report for their object deny it.
func TestDenial_RefusedRequests(t *testing.T) {
	set := withStory(t, "hungary-tolls-2025", stateStory)
	wantDenialScores(t, set, []denialCase{
		{stateLead + "Die ungarische Verkehrsbehörde wies den Antrag des Magazins auf Einsicht in die Mautdaten zurück.", "de", 0},
		{stateLead + "Die ungarische Verkehrsbehörde wies den Bericht über die Mautdaten zurück.", "de", 1},
		{stateLeadEN + "Hungarian officials rejected the magazine's request to see the toll figures.", "en", 0},
		{stateLeadEN + "Hungarian officials rejected the repeated requests of the magazine to see the toll figures.", "en", 0},
		{stateLeadEN + "Hungarian officials denied reporters access to the toll figures.", "en", 0},
		{stateLeadEN + "Hungarian officials rejected the report on the toll figures.", "en", 1},
	})
}

// TestDenial_AdjectiveOfAnotherNoun: a denial adjective before a noun that
// is no report, claim or act says what that noun is ("sought to raise
// unfounded doubts", "published a fake clip"); before a claim it denies.
func TestDenial_AdjectiveOfAnotherNoun(t *testing.T) {
	set := withStory(t, "hungary-tolls-2025", stateStory)
	wantDenialScores(t, set, []denialCase{
		{stateLeadEN + "The magazine says it is part of Hungary's effort to raise unfounded doubts about the toll system.", "en", 0},
		{stateLeadEN + "Hungary published a fake clip about the toll figures, the magazine says.", "en", 0},
		{stateLead + "Die Mautzahlen seien Teil der Versuche Ungarns, unbegründete Zweifel an der Maut zu säen.", "de", 0},
		{stateLeadEN + "Hungary called them unfounded allegations about the toll figures.", "en", 1},
		{stateLeadEN + "Budapest spoke of baseless media reports on the toll figures.", "en", 1},
		{stateLeadEN + "Budapest spoke of unfounded U.S. claims about the toll figures.", "en", 1},
		{stateLeadEN + "Hungary said the toll report was unfounded and politically driven.", "en", 1},
		{stateLead + "Ungarn sprach von haltlosen Mautvorwürfen des Magazins.", "de", 1},
	})
}

// TestDenial_FalseWithAdverb: falsity stated with an adverb between the
// verb and "false" denies; negated, it does not.
func TestDenial_FalseWithAdverb(t *testing.T) {
	set := withStory(t, "hungary-tolls-2025", stateStory)
	wantDenialScores(t, set, []denialCase{
		{stateLeadEN + "“Claims that Hungary altered the toll figures are entirely false,” the Hungarian ministry said.", "en", 1},
		{stateLead + "Die Behauptungen über die Mautdaten seien gänzlich falsch, erklärte die ungarische Regierung.", "de", 1},
		{stateLead + "Die ungarische Regierung erklärte, die Mautdaten seien nicht falsch.", "de", 0.5}, // heard, no denial
	})
}

// TestDenial_EvidenceAndHostility: wanting to see evidence, and calling
// the other side hostile to one's people ("russenfeindlich", the German of
// "Russophobic"), answer the report.
func TestDenial_EvidenceAndHostility(t *testing.T) {
	set := withStory(t, "hungary-tolls-2025", stateStory)
	wantDenialScores(t, set, []denialCase{
		{stateLead + "Zu den Mautvorwürfen des Magazins sagte die ungarische Regierung, sie wolle Beweise sehen.", "de", 1},
		{stateLeadEN + "Asked about the toll report, Hungary said it wants to see evidence.", "en", 1},
		{stateLead + "Die ungarische Regierung nannte den Bericht des Magazins russenfeindlich.", "de", 1},
	})
}

// TestDenial_Anaphors: a state noun after a definite article takes up the
// party named before with it ("The ministry rejected …" after "the
// Hungarian transport ministry"), the subject where a sentence names two
// ("Die Bundesregierung hat die ungarische Regierung aufgefordert …");
// not a noun with its own "of" ("the president of the toll court") nor a
// vague one ("the agency").
func TestDenial_Anaphors(t *testing.T) {
	story := strings.Replace(stateStory, "other_parties: [Opposition,", "other_parties: [Bundesregierung, Opposition,", 1)
	set := withStory(t, "hungary-tolls-2025", story)
	wantDenialScores(t, set, []denialCase{
		{stateLeadEN + "The Hungarian transport ministry was asked about the toll figures. Its answer came late. The ministry rejected the magazine's report on Monday.", "en", 1},
		{stateLeadEN + "The Hungarian president was asked about the toll figures. Its answer came late. The president of the toll court rejected the magazine's report on Monday.", "en", 0},
		{stateLeadEN + "The Hungarian customs agency was asked about the toll figures. Its answer came late. The agency rejected the magazine's report on Monday.", "en", 0},
		{stateLead + "Die Bundesregierung hat die ungarische Regierung zur Aufklärung der Mautdaten aufgefordert. Eine Antwort steht aus. Die Regierung wies den Bericht des Magazins zurück.", "de", 0},
		{stateLead + "Die ungarische Regierung wurde von der Bundesregierung zur Aufklärung der Mautdaten aufgefordert. Eine Antwort steht aus. Die Regierung wies den Bericht des Magazins zurück.", "de", 1},
	})
}

// TestDenial_AddresseeAndBoth: a party after "gegenüber" is whom someone
// speaks to, not the speaker a later sentence's "Der Beamte" takes up; and
// "beide Länder"/"both countries" as a cue's subject are the parties named
// before, the accused side among them.
func TestDenial_AddresseeAndBoth(t *testing.T) {
	set := withStory(t, "hungary-tolls-2025", stateStory)
	wantDenialScores(t, set, []denialCase{
		{stateLead + "Ein Sprecher der ungarischen Regierung bestätigte gegenüber der EU-Kommission den Eingang der Mautzahlen. Der Beamte wies jedoch die Vorwürfe des Magazins kategorisch zurück.", "de", 1},
		{stateLead + "Mit den Aussagen der EU-Kommission wurden die Vorwürfe gegen Ungarn und die Slowakei erdrückender, die beide Länder weiter bestreiten.", "de", 1},
		{stateLeadEN + "The European Commission's findings made the toll case against Hungary and Slovakia stronger, though both countries still deny the report.", "en", 1},
		{stateLead + "Die EU-Kommission und die Opposition streiten über die Mautzahlen, die beide Seiten bestreiten.", "de", 0},
	})
}

// TestDenial_OthersWordsAboutTheAccused: words of another party about the
// accused side are not its denial: the remarks "von Herrn …" called
// unacceptable (a title between the preposition and the name), and a
// passive relative clause after an auxiliary that ends the clause before
// ("… weitergegeben hat, die für … verantwortlich gemacht werden").
func TestDenial_OthersWordsAboutTheAccused(t *testing.T) {
	set := withStory(t, "hungary-tolls-2025", adjectiveStory)
	wantDenialScores(t, set, []denialCase{
		{adjectiveLead + "Die Regierung der Slowakei erfuhr mit großem Erstaunen von den subversiven und inakzeptablen Bemerkungen von Herrn Viktor Orbán zu den Mautdaten.", "de", 0},
		{adjectiveLead + "Grund sind Berichte, dass Orbán Mautdaten an Firmen weitergegeben hat, die für den Betrug mit den Mautzahlen verantwortlich gemacht werden.", "de", 0},
		// In English, a party after the cue inside a quotation of its own is
		// what the speaker says of it.
		{"The Nordlicht magazine reports on falsified toll figures. Its editor described the toll figures as a “provocation” and warned that “Hungary will regret it”.", "en", 0},
		{"The Nordlicht magazine reports on falsified toll figures. Orbán called the toll report a “provocation”.", "en", 1},
		// The party after "durch" or "by" after a cue that is a noun is who
		// does what it names; after a participle, the passive's agent denies.
		{adjectiveLead + "Jede „Provokation“ durch Orbán werde Folgen haben, warnte die Slowakei.", "de", 0},
		{"The Nordlicht magazine reports on falsified toll figures. Any provocation by Orbán will be answered, Slovakia warned.", "en", 0},
		{"The Nordlicht magazine reports on falsified toll figures. The toll report was rejected by Orbán on Monday.", "en", 1},
		// Orbán's own remarks, and Orbán blaming others, still deny.
		{adjectiveLead + "Orbán nannte die Mautdaten des Magazins inakzeptabel.", "de", 1},
		{adjectiveLead + "Orbán hat die Betreiber für die falschen Mautzahlen verantwortlich gemacht.", "de", 1},
	})
}

// TestDenial_OwnActDenied: the accused side saying it did not do the act
// ("said they had never used", "erklärte, man habe keine … eingesetzt")
// denies it; what it will or can not do does not.
func TestDenial_OwnActDenied(t *testing.T) {
	set := withStory(t, "hungary-tolls-2025", stateStory)
	wantDenialScores(t, set, []denialCase{
		{stateLeadEN + "Hungarian officials said they had never used false toll figures.", "en", 1},
		{stateLeadEN + "Hungary insisted it did not target the magazine over its toll report.", "en", 1},
		{stateLead + "Die ungarische Verkehrsbehörde erklärte, man habe keine falschen Mautdaten eingesetzt.", "de", 1},
		{stateLeadEN + "Hungarian officials said they would not publish the toll figures.", "en", 0.5},
	})
}

// adjectiveStory is stateStory with the accused side named by its
// institutions only, not by its country, and a president who accuses.
const adjectiveStory = `story:
  id: hungary-tolls-2025
  title: Nordlicht reports that Hungary falsified toll figures
  match:
    all:
      - [Maut, Mautdaten, Mautzahlen, toll, tolls, toll figures]
  primary_source: {name: Nordlicht, aliases: [Nordlicht, Nordlicht magazine, Novák, Katalin Novák]}
  accused:
    name: the Hungarian government
    aliases: [ungarisches Verkehrsministerium, ungarisches Mautunternehmen, Hungarian government, Orbán]
  other_parties: [Opposition, opposition]
  facts:
    - {id: report, type: report, date: 2025-03-04, description: Nordlicht's report, tolerance_days: 1}
`

// TestDenial_AccusedAdjective: an accused alias with a German adjective in
// -sch matches its other endings; an alias that opens with a country's
// adjective makes that country's institutions the accused side, unless a
// primary-source name is the institution's; a German passive's agent after
// "von" denies.
func TestDenial_AccusedAdjective(t *testing.T) {
	set := withStory(t, "hungary-tolls-2025", adjectiveStory)
	wantDenialScores(t, set, []denialCase{
		{adjectiveLead + "Das ungarische Mautunternehmen wies den Bericht am Mittwoch zurück.", "de", 1},
		{adjectiveLead + "Die Vorwürfe wurden von der ungarischen Regierungsspitze energisch zurückgewiesen.", "de", 1},
		{adjectiveLead + "Die Vorwürfe sind vom ungarischen Verkehrsministerium zurückgewiesen worden.", "de", 1},
		{stateLeadEN + "Hungarian officials denied the report on Wednesday.", "en", 1},
		// Not the accused side.
		{adjectiveLead + "Die Vorwürfe wurden von der Opposition energisch zurückgewiesen.", "de", 0},
		{stateLeadEN + "Hungarian President Katalin Novák rejected the toll figures on Wednesday.", "en", 0},
		{adjectiveLead + "Der Bericht wurde von der polnischen Regierung zurückgewiesen.", "de", 0},
	})
}

// TestDenial_AccusedCountry: where an accused name opens with a country's
// adjective, the country's own name is the accused side ("Ungarn wies …
// zurück"), though not after "of" ("The President of Hungary": the title's
// holder speaks), nor where a primary-source name opens with the same
// adjective (the country is then either side).
func TestDenial_AccusedCountry(t *testing.T) {
	set := withStory(t, "hungary-tolls-2025", adjectiveStory)
	wantDenialScores(t, set, []denialCase{
		{adjectiveLead + "Ungarn wies den Bericht über die Mautdaten am Mittwoch zurück.", "de", 1},
		{stateLeadEN + "Hungary rejected the toll figures on Wednesday.", "en", 1},
		{stateLeadEN + "The President of Hungary rejected the toll figures on Wednesday.", "en", 0},
	})
	split := strings.Replace(adjectiveStory, "aliases: [Nordlicht, Nordlicht magazine, Novák, Katalin Novák]",
		"aliases: [Nordlicht, Nordlicht magazine, Hungarian President Novák]", 1)
	wantDenialScores(t, withStory(t, "hungary-tolls-2025", split), []denialCase{
		{stateLeadEN + "Hungary rejected the toll figures on Wednesday.", "en", 0},
	})
}

// TestDenial_IntentAndEvidence: the accused side denying an intent ("habe
// keine … beabsichtigt", "had no intention"), saying the accusers have
// presented no evidence, not recognising a court or a finding or playing it
// down denies; the accusers saying the same does not.
func TestDenial_IntentAndEvidence(t *testing.T) {
	wantStateDenials(t, []denialCase{
		{stateLead + "Ungarn habe keine Fälschung der Mautdaten beabsichtigt, teilte die Regierung in Budapest mit.", "de", 1},
		{stateLeadEN + "Budapest said it had no intention of faking toll figures.", "en", 1},
		{stateLeadEN + "Budapest does not interfere in the toll business of other countries, a spokesman said of the magazine's figures.", "en", 1},
		{stateLead + "Ungarn mische sich nicht in die Mautpolitik anderer Länder ein, sagte ein Sprecher zu den Mautdaten.", "de", 1},
		{stateLeadEN + "Budapest said Nordlicht had not presented any evidence of faked toll figures.", "en", 1},
		{stateLead + "Budapest erklärte, Nordlicht habe keine Beweise vorgelegt, dass die Mautdaten geschönt seien.", "de", 1},
		{stateLeadEN + "Nordlicht said Budapest had not presented any evidence that the toll figures were right.", "en", 0},
		{stateLeadEN + "Budapest has never accepted the magazine's account of the toll figures.", "en", 1},
		{stateLead + "Budapest hat die Darstellung der Mautdaten nie anerkannt.", "de", 1},
		// Not recognising a court or a finding, and playing it down.
		{stateLead + "Ungarn erkennt die Zuständigkeit des Mautgerichts für die Mautdaten nicht an.", "de", 1},
		{stateLead + "Das Mautgericht, dessen Zuständigkeit Ungarn nicht anerkennt, urteilte über die Mautdaten.", "de", 1},
		{stateLead + "Budapest spielte die Bedeutung der Mautdaten am Montag herunter.", "de", 1},
		{stateLeadEN + "Budapest downplayed the magazine's toll figures.", "en", 1},
		{stateLead + "Nordlicht erkennt die Zuständigkeit des Mautgerichts für die Mautdaten nicht an.", "de", 0},
	})
}

// TestDenial_Findings: a sentence whose own speaker finds something
// ("concluded that", "stellte fest, dass") names who speaks: the party of
// the sentence before, or the one inside what was found, does not deny; and
// a verb of a finding does not make the party after it speak.
func TestDenial_Findings(t *testing.T) {
	wantStateDenials(t, []denialCase{
		{stateLeadEN + "Budapest faked the toll figures, the magazine says. But EU auditors concluded that was false.", "en", 0},
		{stateLead + "Der Rechnungshof stellte in einem Bericht fest, dass Ungarn die Mautdaten korrekt erhob. Dies widersprach den Behauptungen des Magazins.", "de", 0},
		{stateLeadEN + "Budapest faked the toll figures, the magazine says. Budapest said that was false.", "en", 1},
		{stateLeadEN + "Auditors Conclude Budapest Faked Toll Figures", "en", 0},
	})
}

// TestDenial_SpreadContent: a denial word for what the accused side is said
// to spread ("verbreitet Lügen", "Fake-News-Kampagnen") or is accused of
// ("wirft Ungarn Lügen vor") is no denial; the accused side saying or
// alleging that others spread lies still denies.
func TestDenial_SpreadContent(t *testing.T) {
	wantStateDenials(t, []denialCase{
		{stateLead + "Ungarn verbreitet seit Jahren Lügen über die Mautdaten.", "de", 0},
		{stateLead + "Ungarn verstärkt Fake-News-Kampagnen über die Mautdaten.", "de", 0},
		{stateLeadEN + "Budapest is spreading lies about the toll figures, the magazine says.", "en", 0},
		{stateLead + "Die Opposition wirft Ungarn Lügen über die Mautdaten vor.", "de", 0},
		{stateLeadEN + "The opposition accuses Budapest of lies about the toll figures.", "en", 0},
		{stateLead + "Ungarn warf Nordlicht vor, Lügen über die Mautdaten zu verbreiten.", "de", 1},
		{stateLeadEN + "Budapest said that spreading lies about toll figures was the magazine's method.", "en", 1},
		// A pattern's match that runs past its sentence's end (a number read as the end: "137."): no panic.
		{stateLead + "Budapest nannte die Vorwürfe am Mittwoch, 137. März, „Unsinn“.", "de", 1},
	})
}

// TestDenial_HeardAtSentenceEnd: a verb of saying that ends the sentence
// after the accused side ("…, Budapest said.", "…, wie Budapest
// sagte.") frames what it says, so the accused side is heard on the
// story; a German participle after other words ("… für ungültig erklärt.")
// does not.
func TestDenial_HeardAtSentenceEnd(t *testing.T) {
	wantStateDenials(t, []denialCase{
		{stateLeadEN + "The toll figures come from 2023, Budapest said.", "en", 0.5},
		{stateLeadEN + "The toll figures come from 2023, Budapest also said.", "en", 0.5},
		{stateLead + "Die Mautdaten stammen aus dem Jahr 2023, wie Budapest sagte.", "de", 0.5},
		{stateLead + "Die Regierung hat die Mautdaten Ungarns für ungültig erklärt.", "de", 0},
	})
}

// TestDenial_PlaceAndVoice: an institution "in" the accused place is the
// accused side (the military and ministries too, unless an adjective says
// whose they are), and so is a party whose spokesperson or representative
// speaks ("a spokesman for Budapest"), though a preposition governs it.
func TestDenial_PlaceAndVoice(t *testing.T) {
	wantStateDenials(t, []denialCase{
		{stateLead + "Das Militär in Budapest wies die Vorwürfe zu den Mautdaten zurück.", "de", 1},
		{stateLead + "Das Verkehrsministerium in Budapest wies die Vorwürfe zu den Mautdaten zurück.", "de", 1},
		{stateLead + "Das französische Militär in Budapest wies die Vorwürfe zu den Mautdaten zurück.", "de", 0},
		{stateLeadEN + "The transport ministry in Budapest rejected the toll report.", "en", 1},
		{stateLeadEN + "A spokesman for Budapest rejected the toll report.", "en", 1},
		{stateLead + "Eine Vertreterin von Ungarn wies die Vorwürfe zu den Mautdaten zurück.", "de", 1},
	})
}

// TestDenial_QuotedParty: in a quotation of several sentences, the accused
// side named inside it is what its speaker, named after it, speaks of; but
// the accused side right before a denial verb is that verb's subject,
// whose denial the speaker reports.
func TestDenial_QuotedParty(t *testing.T) {
	wantStateDenials(t, []denialCase{
		{stateLeadEN + "\"Budapest has faked the toll figures again, which is unacceptable. We will act,\" the European Commission said.", "en", 0},
		{stateLeadEN + "\"In March Budapest publicly denied faking the toll figures. We know better,\" the European Commission said.", "en", 1},
	})
}

// cameraStory is an invented story whose match phrases name a thing by a
// noun after a word that says which ("toll cameras", "Maut-Kameras"); it
// takes the state story's id, so wantDenialScores applies to it.
const cameraStory = `story:
  id: hungary-tolls-2025
  title: Nordlicht reports that Hungary tampered with toll cameras
  match:
    all:
      - [Maut-Kameras, toll cameras]
  primary_source: {name: Nordlicht, aliases: [Nordlicht, Nordlicht magazine]}
  accused:
    name: Hungary
    aliases: [Ungarn, Hungary, Budapest]
  facts:
    - {id: report, type: report, date: 2025-03-04, description: Nordlicht's report, tolerance_days: 1}
`

// TestDenial_DefiniteHead: a denial that names the story's thing by its
// head noun after an article or a demonstrative ("die Kameras" of
// Maut-Kameras, "the cameras" of toll cameras) is about the story, though
// the sentence before names nothing of it; the bare noun is not.
func TestDenial_DefiniteHead(t *testing.T) {
	set := withStory(t, "hungary-tolls-2025", cameraStory)
	const lead = "Das Magazin Nordlicht berichtet über manipulierte Maut-Kameras in Ungarn. Der Verkehr auf den Autobahnen wächst seit Jahren. "
	const leadEN = "The Nordlicht magazine reports on tampered toll cameras in Hungary. Traffic on the motorways has grown for years. "
	wantDenialScores(t, set, []denialCase{
		{lead + "Budapest bestritt, die Kameras manipuliert zu haben.", "de", 1},
		{lead + "Budapest bestritt, diese Kameras manipuliert zu haben.", "de", 1},
		{lead + "Budapest bestritt, Kameras in Österreich manipuliert zu haben.", "de", 0},
		{leadEN + "Budapest denied tampering with the cameras.", "en", 1},
		{leadEN + "Budapest denied tampering with cameras in Austria.", "en", 0},
	})
}

// denialCase is an article of the state story's tests and denial.missing's
// score on it.
type denialCase struct {
	text, lang string
	score      float64
}

// wantStateDenials checks denial.missing's score on each case, articles of
// stateStory.
func wantStateDenials(t *testing.T, cases []denialCase) {
	t.Helper()
	wantDenialScores(t, withStory(t, "hungary-tolls-2025", stateStory), cases)
}

// wantDenialScores checks denial.missing's score on each case.
func wantDenialScores(t *testing.T, set *Set, cases []denialCase) {
	t.Helper()
	for _, c := range cases {
		wantDenialScore(t, set, "", c.text, c.lang, c.score)
	}
}

// wantDenialScore applies set to text (an article of the state story) and
// checks denial.missing's score.
func wantDenialScore(t *testing.T, set *Set, name, text, lang string, want float64) {
	t.Helper()
	res := set.Apply(article(text, lang, "2025-03-06", "hungary-tolls-2025"))
	if rs := ruleScore(t, res, "denial.missing"); !rs.Applied || rs.Score != want {
		t.Errorf("%s %q: denial.missing score = %v (applied %v), want %v (note: %s)", name, text, rs.Score, rs.Applied, want, rs.Note)
	}
}

// attackStory is an invented story whose report follows an event: dates a
// report recounts from before the event are not the report's.
const attackStory = `story:
  id: harbour-attack-2025
  title: A magazine reports who attacked the harbour
  match:
    all:
      - [Hafen, harbour, harbor]
  primary_source: {name: Nordlicht, aliases: [Nordlicht, Nordlicht magazine, the magazine]}
  accused: {name: Aldoria, aliases: [Aldoria]}
  facts:
    - {id: attack, date: 2025-03-01, description: the harbour is attacked, cues: [Anschlag, attack]}
    - {id: report, type: report, date: 2025-03-04, description: Nordlicht's report, tolerance_days: 1}
`

// TestAfterPublication_StoryYear: a date without a year that lies after the
// publication in this year's reading, but within the story's time in last
// year's, is last year's day, no past event dated after publication;
// without a story, or outside its time, it is still reported.
func TestAfterPublication_StoryYear(t *testing.T) {
	withHarbour, without := withStory(t, "harbour-attack-2025", attackStory), builtin(t)
	const text = "The harbour was attacked on March 2, and the magazine reported it on March 4."
	for _, tc := range []struct {
		set              *Set
		story, published string
		want             []string
	}{
		{withHarbour, "harbour-attack-2025", "2026-01-20", nil},
		{without, "", "2026-01-20", []string{"March 2", "March 4"}},
		{withHarbour, "harbour-attack-2025", "2025-02-20", []string{"March 2", "March 4"}},
	} {
		res := tc.set.Apply(article(text, "en", tc.published, tc.story))
		if got := findingsOf(res, "dates.after_publication", sourcescore.SeverityError); !slices.Equal(got, tc.want) {
			t.Errorf("story %q, published %s: dates.after_publication findings %q, want %q", tc.story, tc.published, got, tc.want)
		}
	}
}

// TestDateFacts_BeforeTheStory: a date before the story's first event, in a
// sentence of the report, is the past the report recounts ("said the
// suspect entered the country on February 10"), not the report's day.
func TestDateFacts_BeforeTheStory(t *testing.T) {
	set := withStory(t, "harbour-attack-2025", attackStory)
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Nordlicht reported the suspect entered the country on February 10 and rented a flat by the harbour.", nil},
		{"Nordlicht reported on March 8 that it had found the harbour’s attackers.", []string{"March 8"}},
	} {
		wantMismatches(t, set, article(tc.text, "en", "2025-03-09", "harbour-attack-2025"), tc.want)
	}
}

// wantMismatches checks the evidence of dates.fact_mismatch's findings (at
// warning or above) on article a.
func wantMismatches(t *testing.T, set *Set, a *sourcescore.Article, want []string) {
	t.Helper()
	res := set.Apply(a)
	if got := findingsOf(res, "dates.fact_mismatch", sourcescore.SeverityWarning); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("%q: findings %q, want %q (%s)", a.Text, got, want, ruleScore(t, res, "dates.fact_mismatch").Note)
	}
}

// TestDateFacts_NearDays: a weekday or a day counted from the publication
// ties to a fact only within a month of it: one months away names another
// event of the article's week, not a wrong date of the fact.
func TestDateFacts_NearDays(t *testing.T) {
	set := withStory(t, "harbour-attack-2025", attackStory)
	for _, tc := range []struct {
		text, published string
		want            []string
	}{
		{"Nordlicht reported on Friday that it had found the harbour’s attackers.", "2025-03-09", []string{"Friday"}},
		{"The harbour police arrested two men, the broadcaster reported on Friday.", "2025-06-14", nil},
		{"The harbour police arrested two men, the broadcaster reported yesterday.", "2025-06-14", nil},
		{"Nordlicht reported on June 13 that the harbour’s attackers were known.", "2025-06-14", []string{"June 13"}},
	} {
		res := set.Apply(article(tc.text, "en", tc.published, "harbour-attack-2025"))
		if got := findingsOf(res, "dates.fact_mismatch", sourcescore.SeverityWarning); strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("%q (published %s): findings %q, want %q (%s)", tc.text, tc.published, got, tc.want, ruleScore(t, res, "dates.fact_mismatch").Note)
		}
	}
}

// watchStory has a fact whose cues name a party: the watchdog's report.
const watchStory = `story:
  id: harbour-watch-2025
  title: A watchdog reports on the harbour attack
  match:
    all:
      - [Hafen, harbour, harbor]
  primary_source: {name: Nordlicht, aliases: [Nordlicht]}
  accused: {name: Aldoria, aliases: [Aldoria]}
  other_parties: [Harbour Watch, HW]
  facts:
    - {id: attack, date: 2025-03-01, description: the harbour is attacked, cues: [Anschlag, attack]}
    - {id: watch_report, date: 2025-03-20, description: Harbour Watch publishes its findings, cues: [Harbour Watch, HW]}
`

// TestDateFacts_PartyAndFuture: a party named as a fact's cue ties a date
// right after it only where the date fits (another statement of the party's
// is no wrong date of its report), and a date in a clause that looks ahead is
// not given for a fact already past.
func TestDateFacts_PartyAndFuture(t *testing.T) {
	wantMismatchTable(t, withStory(t, "harbour-watch-2025", watchStory), "harbour-watch-2025", "2025-03-22", []mismatchCase{
		{"en", "The harbour authority said it received questions from HW two weeks ago.", nil},
		{"en", "HW on March 12 asked the harbour authority for its records.", nil},
		{"en", "The harbour attack on March 5 killed two.", []string{"March 5"}},
		{"en", "The harbour authority will discuss the attack on March 24 with Aldoria.", nil},
		{"en", "The harbour authority discussed the attack on March 20 with Aldoria.", []string{"March 20"}},
		{"en", "The harbour authority will discuss the attack of March 5 with Aldoria.", []string{"March 5"}},
	})
}

// mismatchCase is an article of one sentence and the dates.fact_mismatch
// findings it must give.
type mismatchCase struct {
	lang, text string
	want       []string
}

// wantMismatchTable checks each case as an article about story published
// on pub.
func wantMismatchTable(t *testing.T, set *Set, story, pub string, cases []mismatchCase) {
	t.Helper()
	for _, tc := range cases {
		wantMismatches(t, set, article(tc.text, tc.lang, pub, story), tc.want)
	}
}

// harbourStory is a story file on the harbour, reported by Nordlicht,
// Aldoria accused, with the facts given (YAML list items).
func harbourStory(id, title, facts string) string {
	return "story:\n  id: " + id + "\n  title: " + title + "\n  match:\n    all:\n      - [Hafen, harbour, harbor]\n" +
		"  primary_source: {name: Nordlicht, aliases: [Nordlicht]}\n  accused: {name: Aldoria, aliases: [Aldoria]}\n  facts:\n" + facts
}

var twoReportsStory = harbourStory("harbour-reports-2025", "Nordlicht reports twice on the harbour",
	`    - {id: first_report, type: report, date: 2025-02-10, tolerance_days: 1, description: Nordlicht reports the harbour's sale}
    - {id: second_report, type: report, date: 2025-03-05, tolerance_days: 1, description: Nordlicht reports the harbour's wiretaps}
`)

// TestDateFacts_ReportsAndOtherMedia: a general report word shared by two
// report facts ties a date to the one nearest it in days (a day after the
// second report is no wrong date of the first), and a report word beside
// other media (other_reporters) or after another medium's name dates their
// report, not the story's.
func TestDateFacts_ReportsAndOtherMedia(t *testing.T) {
	wantMismatchTable(t, withStory(t, "harbour-reports-2025", twoReportsStory), "harbour-reports-2025", "2025-03-22", []mismatchCase{
		{"de", "Am 6. März berichtete Nordlicht, dass der Hafen abgehört wurde.", nil},
		{"en", "On March 6, Nordlicht reported that the harbour was wiretapped.", nil},
		{"de", "Am 20. Februar berichtete Nordlicht, dass der Hafen abgehört wurde.", []string{"20. Februar"}},
		{"de", "Örtliche Medien berichteten am 27. Februar, dass der Hafen geschlossen bleibt.", nil},
		{"en", "Local media reported on February 27 that the harbour stays closed.", nil},
		{"de", "Nordlicht und örtliche Medien berichteten am 27. Februar über den Hafen.", []string{"27. Februar"}},
		{"de", "Die Website Hafenblick berichtete am 27. Februar, dass der Hafen geschlossen bleibt.", nil},
		{"en", "The news site Harbourview reported on February 27 that the harbour stays closed.", nil},
		// A name right before the report word that is not the primary source's.
		{"en", "The Harbour Gazette reported on February 27 that the harbour stays closed.", nil},
		{"en", "Officials reported on February 20 that the harbour was wiretapped.", []string{"February 20"}},
		{"en", "A week later Nordlicht reported on February 20 that the harbour was wiretapped.", []string{"February 20"}},
	})
}

// closureStory's primary source has a German name that opens in lower
// case, and its report fact fell on a Monday.
const closureStory = `story:
  id: border-closure-2025
  title: Velia closes its border crossings to Aldoria
  match:
    all:
      - [Grenze, Grenzübergänge, border, border crossings]
  primary_source: {name: the Velian government, aliases: [velische Regierung, Velian government]}
  accused: {name: Aldoria, aliases: [Aldoria]}
  facts:
    - {id: closure, type: report, date: 2025-03-03, description: the Velian government closes the border crossings, cues: [Grenzübergänge, closure, Kolm Crossing]}
    - {id: reopening, date: 2025-03-08, description: the crossings reopen, cues: [reopened, wiedereröffnet, Wiedereröffnung]}
`

// TestDateFacts_OtherActs: dates of other acts than the fact's are not
// given for it: a party's name, though it opens in lower case, ties as a
// name and not as a verb; a noun that is what someone is asked about ties
// the date after it only where the date fits, and so does one after an
// indefinite article ("a closure on Friday"); a weekday that is the fact's
// own weekday names the fact's day in another week, not a wrong day; a
// verb after "and has" is another verb phrase's; a date before the story's
// first fact is the past; a night's bounds and a name's "from" open a
// period.
func TestDateFacts_OtherActs(t *testing.T) {
	wantMismatchTable(t, withStory(t, "border-closure-2025", closureStory), "border-closure-2025", "2025-03-10", []mismatchCase{
		{"de", "Am Mittwoch entscheidet die velische Regierung über die Dauer der Sperre an der Grenze.", nil},
		{"de", "Am 5. März gab die velische Regierung bekannt, dass die Grenze zu bleibt.", nil},
		{"de", "Die Regierung schloss die Grenzübergänge am 5. März.", []string{"5. März"}},
		{"en", "When asked about the closure on Friday, an official of Aldoria declined to comment on the border.", nil},
		{"en", "The closure on Friday stranded hundreds of trucks at the border.", []string{"Friday"}},
		{"en", "Aldoria's border agency announced a closure on Friday.", nil},
		{"en", "The Velian government announced the closure on Monday, and the border stayed shut.", nil},
		{"en", "The Velian government announced the closure on Tuesday, and the border stayed shut.", []string{"Tuesday"}},
		// A verb phrase of its own after a coordinator and an auxiliary.
		{"en", "The Velian embassy was closed on Friday and has now reopened at the border.", nil},
		{"en", "The border crossings reopened on Friday.", []string{"Friday"}},
		// Before the story's first fact: the past the article recounts.
		{"de", "Am 20. Februar wurde die Grenze schon einmal wiedereröffnet.", nil},
		{"de", "Am 5. März wurde die Grenze wiedereröffnet.", []string{"5. März"}},
		// The bounds of a night.
		{"de", "In der Nacht vom 7. auf den 8. März wurde die Grenze wiedereröffnet.", nil},
		// A span's first bound names the whole span to its noun.
		{"de", "Die Wiedereröffnung vom 7. bis 8. März an der Grenze verlief ruhig.", nil},
		{"de", "Die Wiedereröffnung vom 5. bis 6. März an der Grenze verlief ruhig.", []string{"5."}},
		// A name's "from" opens a period; a noun's is its date.
		{"en", "Aldoria said it would close the border road to Kolm Crossing from March 20.", nil},
		{"en", "Aldoria denied the border closure from March 5.", []string{"March 5"}},
	})
}

// TestDenial_WhoSpeaks: the accused side heard on the story (a half
// score) or not, by how the sentence names who speaks.
func TestDenial_WhoSpeaks(t *testing.T) {
	set := withStory(t, "hungary-tolls-2025", stateStory)
	const lead = stateLead
	for _, tc := range []struct {
		name, text string
		score      float64
	}{
		{"the German genitive of an accused name", lead + "Ein Vertreter Ungarns bestritt die Mautzahlen des Magazins.", 1},
		{"nach Angaben aus the accused capital", lead + "Nach Angaben aus Budapest wurden die Mautdaten korrekt erhoben.", 0.5},
		{"spricht von", lead + "Ungarn spricht von einer Verwechslung bei den Mautdaten.", 0.5},
		{"a denial that points back reaches one sentence further", lead + "Die Zahlen stammen aus dem Jahr 2023. Budapest wies dies am Montag zurück.", 1},
		{"a denial that does not point back does not", lead + "Die Zahlen stammen aus dem Jahr 2023. Budapest wies es am Montag zurück.", 0},
		{"verwies auf is a statement", lead + "Ungarn verwies auf eine Prüfung der Mautdaten durch ein Gericht.", 0.5},
		{"pointed to is a statement", stateLeadEN + "Budapest pointed to an audit of the toll figures by a court.", 0.5},
		{"a party after gegen does not speak", lead + "Die Mautdaten halfen der Regierung im Streit gegen Ungarn, berichtet das Magazin.", 0},
		{"a verb after the clause's comma names another speaker", lead + "Ungarn profitierte davon, berichtet das Magazin über die Mautdaten.", 0},
		{"a party inside a quotation before its comma does not speak", lead + "„Die Mautdaten wurden im Auftrag Ungarns geschönt“, sagte er.", 0},
		{"zufolge names the word right before it", lead + "Vor der Wahl soll die ungarische Regierung Insidern zufolge die Mautdaten geschönt haben.", 0},
		{"the party after its verb of saying speaks", stateLeadEN + "The toll figures were checked twice, said Budapest on Wednesday.", 0.5},
		{"the party after a verb of saying that opens the reported clause does not speak", stateLeadEN + "A local analyst said Hungary would lose trust over the toll figures.", 0},
		{"a party inside an English quotation before its comma does not speak", stateLeadEN + "\"The toll figures were faked by the Budapest regime,\" he said on Monday.", 0},
		{"the party before its verb of saying speaks", stateLeadEN + "Budapest said the toll figures were correct.", 0.5},
		{"the speaker named after a quotation of several sentences denies", stateLeadEN + "\"We reject the toll report. The figures are correct,\" Budapest said on Monday.", 1},
		{"the speaker named after a German quotation of several sentences denies", lead + "„Wir weisen den Bericht zurück. Die Mautzahlen stimmen“, sagte ein Sprecher der ungarischen Regierung.", 1},
		{"a party that does not comment is not heard", lead + "Ungarn äußerte sich nicht zu den Mautdaten.", 0},
		{"a party after a verb of saying negated is not heard", lead + "Woher das Magazin die Mautdaten habe, sagte Budapest nicht.", 0},
		{"a party that did not say is not heard", stateLeadEN + "Budapest did not say where the toll figures came from.", 0},
		{"the primary source who speaks does not deny for the accused side", stateLeadEN + "Nordlicht said that Budapest's faking of the toll figures was unacceptable.", 0},
		{"the primary source after its quotation does not deny for the accused side", lead + "Ungarn äußerte sich nicht. „Jede Fälschung der Mautdaten ist inakzeptabel“, schrieb Nordlicht.", 0},
		{"a party right before the cue after the primary source's words denies", lead + "Nordlicht berichtete, die Mautdaten seien geschönt, was Ungarn aber abstritt.", 1},
		{"the primary source named as the report does not speak", lead + "Ungarn wies den Nordlicht-Bericht als inakzeptabel zurück.", 1},
		{"the sentence before's party speaks, not the primary source it names", lead + "Ungarn nahm am Abend Stellung zu den Mautdaten, die Nordlicht veröffentlichte. „Das stimmt nicht“, sagte der Regierungs-Sprecher.", 1},
		{"the primary source named as the speaker of the sentence before", lead + "„Wir haben die Regierung in Ungarn gewarnt“, so Nordlicht. „Jede Fälschung der Mautdaten ist inakzeptabel.“", 0},
		{"the primary source after laut does not deny for the accused side", lead + "Laut Chefredakteurin Nordlicht gibt es jedoch keine Beweise, dass Ungarn die Mautdaten korrekt erhoben hat.", 0},
		{"the primary source after a verb of saying and its comma is what is said", lead + "Ungarn erklärte, Nordlicht habe gelogen, und wies die Vorwürfe zu den Mautdaten zurück.", 1},
		{"a name in quotation marks of its own speaks", stateLeadEN + "The toll office of \"Budapest\" noted that the toll figures were checked.", 0.5},
		{"the primary source told something is no speaker", stateLeadEN + "Budapest told Nordlicht on Thursday that it rejected the toll report.", 1},
		{"the party that introduces a quotation speaks it", stateLeadEN + "In response, the Budapest government issued a statement.\n\n\"Nordlicht fabricates facts about the toll figures. We firmly reject this.\"", 1},
		{"the party before a colon speaks the quotation", lead + "Nordlicht schrieb am Montag: „Ungarn hat die Mautdaten gefälscht, alles andere ist falsch.“", 0},
		{"a tweet is a statement", stateLeadEN + "\"There is no evidence the toll figures came from anyone but Budapest,\" Nordlicht tweeted on Saturday.", 0},
		{"a quotation of several sentences by another speaker", stateLeadEN + "\"We reject the toll report. The figures are correct,\" the European Commission said on Monday.", 0},
		{"a party ending a quotation without its comma does not speak", lead + "„Kaum ein Land fälscht Mautdaten so dreist wie Ungarn“sagte der Verkehrsminister.", 0},
		{"a party ending an English quotation without its comma does not speak", stateLeadEN + "\"No one fakes toll figures like Budapest\" the minister said on Monday.", 0},
		{"the party after criticized is whom it is said of", stateLeadEN + "A local analyst who criticized Budapest over the toll figures was fired.", 0},
		{"the party after kritisierte is whom it is said of", lead + "Der Verkehrsminister kritisierte Ungarn wegen der Mautdaten.", 0},
		{"the party after warned, after a quotation's comma, speaks", stateLeadEN + "\"The toll figures are correct,\" warned Budapest on Monday.", 0.5},
		{"the party after kritisierte, after a clause's comma, speaks", lead + "Die Mautdaten seien korrekt erhoben, kritisierte Ungarn am Montag.", 0.5},
		{"the party after sagte dem is whom it is said to", lead + "Der Verkehrsminister sagte dem ungarischen Premier, die Mautdaten müssten geprüft werden.", 0},
		{"the party after told is whom it is said to", stateLeadEN + "The minister told Budapest the toll figures must be checked.", 0},
		{"a party ending the clause before its comma and verb does not speak", lead + "Die Mautdaten stammten von Mitarbeitern der Regierung Budapest, erklärte das Magazin.", 0},
		{"a party after a preposition before its comma and verb does not speak", lead + "Unter den Geprüften seien auch Beamte aus Ungarn, erklärte das Magazin zu den Mautdaten.", 0},
		{"a party in an apposition after a title speaks", stateLeadEN + "The operator's head, Hungarian official Budapest, said the toll figures were correct.", 0.5},
		{"a party between commas speaks", lead + "Der Absender der Mautdaten, Budapest, sagte, die Zahlen seien korrekt.", 0.5},
		{"not having ordered it is a denial", stateLeadEN + "Budapest did not order any change to the toll figures.", 1},
		{"keinen Befehl is a denial", lead + "Ungarn habe keinen Befehl zur Änderung der Mautdaten gegeben, sagte die Regierung in Budapest.", 1},
		{"accusing another side's authorities back is a counter-claim", stateLeadEN + "Budapest accused the Austrian authorities of faking the toll figures.", 1},
		{"a paper named after the accused place is the paper", lead + "Wie die Budapest Times berichtete, wurden die Mautdaten geprüft.", 0},
		{"a paper named Times of the accused place is the paper", stateLeadEN + "The Times of Hungary reported that the toll figures were checked.", 0},
		{"a name in German quotation marks of its own speaks", lead + "Die Mautbehörde „Ungarn“ sagte, die Mautdaten seien korrekt.", 0.5},
		{"the party of an absolute clause of saying after with speaks", stateLeadEN + "The toll figures were disputed, with Budapest claiming that the counters had been reset.", 0.5},
		{"the party after with and a verb of saying in -ing and a denial denies", stateLeadEN + "The toll report drew fire, with Budapest saying it was a fabrication.", 1},
		{"the party after with and no verb of saying does not speak", stateLeadEN + "Nordlicht compared the toll figures with Budapest's own and found them wrong, the magazine says.", 0},
		{"the party after with and a comma does not speak", stateLeadEN + "The toll figures were checked against trade with Budapest, claiming nothing new.", 0},
		{"giving the other side the blame is a counter-claim", lead + "Ungarn gab der EU-Kommission die Schuld an den falschen Mautdaten.", 1},
		{"wanting to give the other side the blame is a counter-claim", lead + "Budapest will der Opposition die Schuld an den Mautdaten geben.", 1},
		{"the primary source giving the accused side the blame is no denial", lead + "Nordlicht gab Ungarn die Schuld an den falschen Mautdaten.", 0},
		{"a statement introduced in a sentence of its own answers what was said before it", stateLeadEN + "Budapest's envoy was summoned over the toll figures.\n\nIn response, the Budapest government issued a statement.\n\n\"They fabricate facts. We firmly reject this.\"", 1},
		{"a statement introduced in a sentence of its own after a sentence on something else", stateLeadEN + "The weather was fine on Monday.\n\nIn response, the Budapest government issued a statement.\n\n\"They fabricate facts. We firmly reject this.\"", 0},
		{"nicht nur does not negate the denial", lead + "Ungarn wies nicht nur die Vorwürfe zu den Mautdaten zurück, sondern drohte dem Magazin.", 1},
		{"not only does not negate the denial", stateLeadEN + "Budapest not only denied the toll report but also sued the magazine.", 1},
		{"nicht still negates the denial", lead + "Ungarn wies die Vorwürfe zu den Mautdaten nicht zurück.", 0},
		{"not recognising the accusation is a denial", stateLeadEN + "Budapest does not recognize the toll figures of the report.", 1},
		{"calling the report fictitious is a denial", stateLeadEN + "Budapest called the toll report fictitious and biased.", 1},
		{"calling it a lie in the perfect tense is a denial", lead + "Ungarn hat die Berichte über die Mautdaten als „Falschbeschuldigungen“ bezeichnet.", 1},
		{"verleumderisch is a denial word", lead + "Budapest nannte die Berichte über die Mautdaten verleumderisch.", 1},
		{"a party before a participle of saying is heard", lead + "Am Mittwoch hatte ein Sprecher Ungarns gesagt, man warte die Prüfung der Mautdaten ab.", 0.5},
		{"the party in a relative clause after a counter-claim does not blame", lead + "Das Magazin macht dafür eine Mautfirma verantwortlich, die dem Geheimdienst Ungarns untersteht.", 0},
		{"a party inside the quotation of the sentence before does not speak on", stateLeadEN + "\"We can trace the toll figures to a firm that Budapest runs,\" the minister said. This is \"completely unacceptable\".", 0},
		{"the party of the sentence before outside its quotation speaks on", stateLeadEN + "Budapest called the toll figures correct. This is \"completely unacceptable\", it added.", 1},
		{"calling for something is not calling it false", stateLeadEN + "Budapest called for unity against the false toll report of a hostile magazine.", 0},
		{"calling a party's claims false is a denial", stateLeadEN + "Budapest called Nordlicht's toll report false.", 1},
		{"a pronoun that speaks is the speaker named in the sentence before", lead + "Nordlicht sagte, man habe die Mautdaten gegenüber Budapest angesprochen. Er sagte, das sei inakzeptabel.", 0},
		{"a pronoun that speaks is the accused speaker named in the sentence before", lead + "Budapest sagte, man habe die Mautdaten gegenüber Nordlicht erläutert. Er sagte, der Bericht sei inakzeptabel.", 1},
		{"a sentence whose own speaker is no party is not the sentence before's party's", stateLeadEN + "Budapest faces questions over the toll figures. The prosecutor stressed that the faking was politically motivated.", 0},
		{"a pronoun that speaks is the sentence before's party", stateLeadEN + "Budapest faces questions over the toll figures. It stressed that the report was politically motivated.", 1},
		{"a name that blames is not the sentence before's party", stateLeadEN + "Budapest faced questions over the toll figures. Smith directly blamed the European Commission for the figures.", 0},
		{"a noun after an article that blames refers back", stateLeadEN + "Budapest's minister spoke on television about the toll figures. The minister accuses the European Commission of lying.", 1},
		{"a party inside the reported clause before a colon does not introduce the quotation", lead + "Der Minister sagte zu den Mautdaten, dass Ungarn verantwortlich sei: „Es gibt keine Beweise, dass die Zählung stimmte.“", 0},
	} {
		lang := "de"
		if strings.HasPrefix(tc.text, stateLeadEN) {
			lang = "en"
		}
		wantDenialScore(t, set, tc.name+":", tc.text, lang, tc.score)
	}
}

// builtinFiles returns the built-in rule files, each passed through edit
// (nil: as they are), to load with more files or changed ones.
func builtinFiles(t testing.TB, edit func(path, text string) string) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	if err := fs.WalkDir(BuiltinFS(), ".", func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		data, err := fs.ReadFile(BuiltinFS(), p)
		if err != nil {
			return err
		}
		if edit != nil {
			data = []byte(edit(p, string(data)))
		}
		m[p] = &fstest.MapFile{Data: data}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return m
}

// withStory loads the built-in rules with one more story file.
func withStory(t *testing.T, id, story string) *Set {
	t.Helper()
	m := builtinFiles(t, nil)
	m["stories/"+id+".yaml"] = &fstest.MapFile{Data: []byte(story)}
	set, err := Load(m, "test")
	if err != nil {
		t.Fatal(err)
	}
	return set
}

// TestDateFacts_PrimaryRejectsAndMissingPerson: a denial word whose
// subject is the primary source is the source's own rejection, not the
// accused side's denial, and ties no date to the denial; and a report word
// that reports someone missing is no report of the story.
func TestDateFacts_PrimaryRejectsAndMissingPerson(t *testing.T) {
	const tolls = `story:
  id: ostland-tolls
  title: Nordlicht and the toll office's head Varga report that Ostland's hackers broke in; Ostland denies
  match:
    all:
      - [Hacker, hackers]
  primary_source: {name: Nordlicht and the toll office, aliases: [Nordlicht, magazine, Magazin, Varga]}
  accused: {name: Ostland, aliases: [Ostland]}
  facts:
    - {id: report, type: report, date: 2025-03-04, description: Nordlicht's report}
    - {id: denial, type: denial, date: 2025-03-08, description: Ostland denies}
`
	m := fstest.MapFS{"stories/ostland-tolls.yaml": {Data: []byte(tolls)}}
	files, _ := fs.Glob(BuiltinFS(), "*.yaml")
	for _, p := range files {
		data, _ := fs.ReadFile(BuiltinFS(), p)
		m[p] = &fstest.MapFile{Data: data}
	}
	set, err := Load(m, "test")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		text, lang string
		want       []string
	}{
		{"Varga previously rejected the claims of the hackers' friends as false in his statement on Friday, March 7.", "en", nil},
		{"Ostland previously rejected the claims about the hackers as false in its statement on Friday, March 7.", "en", []string{"March 7"}},
		{"The families of the two hackers reported them missing to the police on March 1, long before the magazine wrote about them.", "en", nil},
		{"Die Familie meldete die beiden Hacker am 1. März als vermisst.", "de", nil},
		{"The magazine reported on the hackers on March 1.", "en", []string{"March 1"}},
		{"Das Magazin meldete am 1. März, die Hacker seien gefasst.", "de", []string{"1. März"}},
	} {
		res := set.Apply(article(tc.text, tc.lang, "2025-03-20", "ostland-tolls"))
		if got := findingsOf(res, "dates.fact_mismatch", sourcescore.SeverityWarning); strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("%q: findings %q, want %q (%s)", tc.text, got, tc.want, ruleScore(t, res, "dates.fact_mismatch").Note)
		}
	}
}

// TestDateFacts_GovernedNames: an English name that is another noun's
// object or a place ("the assassination of Jon Adler on 11 October", "in
// Lindau on 8 September") ties a date to the fact it is a cue of only where
// the date fits: the date may be the assassination's. The same name as the
// subject before the date still ties it.
func TestDateFacts_GovernedNames(t *testing.T) {
	const story = `story:
  id: varnia-killings-2024
  title: Ostmark says Varnian agents killed two exiles; Varnia denies
  match:
    all:
      - [killings, killed, assassination]
      - [Varnia, Varnian]
  primary_source: {name: Ostmark's foreign office, aliases: [Ostmark, foreign office]}
  accused: {name: Varnia, aliases: [Varnia, Varnian government]}
  facts:
    - {id: evidence, type: report, date: 2024-01-25, description: Ostmark says it has evidence linking Varnian agents to two killings, cues: [Jon Adler, Marek Stein, Lindau], tolerance_days: 1}
`
	wantMismatchTable(t, withStory(t, "varnia-killings-2024", story), "varnia-killings-2024", "2024-01-26", []mismatchCase{
		{"en", "Ostmark said it had evidence that Varnian agents were behind two killings. The first case is the assassination of Jon Adler on 11 October 2023, the second that of Marek Stein in Lindau on 8 September 2023.", nil},
		{"en", "Ostmark said it had evidence that Varnian agents were behind two killings. Jon Adler on 11 October 2023 presented the evidence.", []string{"11 October 2023"}},
	})
}

// anchorStory has two facts close in time: the pipeline's rupture and the
// recovery of an anchor, whose cue is a verb.
var anchorStory = harbourStory("harbour-anchor-2025", "An anchor recovered near the harbour's pipeline",
	`    - {id: rupture, date: 2025-03-01, description: the harbour's pipeline ruptures, cues: [leak]}
    - {id: anchor, date: 2025-03-10, description: divers recover an anchor, cues: [recovered, geborgen]}
`)

// TestDateFacts_FarVerbOtherFact: a verb far from a date (more than farVerb
// characters between) does not make the date an error against its fact
// where the date is the very day of another fact of the story; a verb
// right before the date does, and so does a far one where no fact falls
// on the date.
func TestDateFacts_FarVerbOtherFact(t *testing.T) {
	wantMismatchTable(t, withStory(t, "harbour-anchor-2025", anchorStory), "harbour-anchor-2025", "2025-03-14", []mismatchCase{
		{"en", "In the harbour, divers recovered an anchor from the site of the pipeline rupture on March 1.", nil},
		{"en", "In the harbour, divers recovered an anchor on March 1.", []string{"March 1"}},
		{"en", "In the harbour, divers recovered an anchor from the site of the pipeline rupture on March 3.", []string{"March 3"}},
		{"de", "Im Hafen wurde am 1. März in der Nähe der beschädigten Leitung ein großer Anker vom Meeresboden geborgen.", nil},
	})
}
