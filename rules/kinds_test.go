package rules

import (
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"sourcescore"
	"sourcescore/rules/internal/dates"
)

var (
	builtinOnce sync.Once
	builtinSet  *Set
	builtinErr  error
)

// builtin loads the built-in rules once for all tests.
func builtin(t testing.TB) *Set {
	t.Helper()
	builtinOnce.Do(func() { builtinSet, builtinErr = Builtin() })
	if builtinErr != nil {
		t.Fatalf("built-in rules: %v", builtinErr)
	}
	return builtinSet
}

// article makes an article of text, in lang, published on pub
// (YYYY-MM-DD or ""), about story (or "" to let the rules recognise it).
func article(text, lang, pub, story string) *sourcescore.Article {
	a := &sourcescore.Article{ID: "t", File: "t.txt", Text: text, Body: text, Words: len(strings.Fields(text))}
	a.Meta.Language = lang
	a.Meta.Story = story
	if pub != "" {
		a.Meta.Published, _ = time.Parse("2006-01-02", pub)
	}
	a.Lines = sourcescore.NewLineIndex(text, nil)
	return a
}

// findingsOf returns the evidence of the findings of rule id at or above
// severity min.
func findingsOf(res Result, id string, min sourcescore.Severity) []string {
	var out []string
	for _, f := range res.Findings {
		if f.RuleID == id && f.Severity >= min {
			out = append(out, f.Evidence)
		}
	}
	return out
}

func ruleScore(t testing.TB, res Result, id string) sourcescore.RuleScore {
	t.Helper()
	for _, r := range res.Rules {
		if r.RuleID == id {
			return r
		}
	}
	t.Fatalf("no score for rule %s", id)
	return sourcescore.RuleScore{}
}

const story = "musk-putin-2024"

// snippet is a text and what one rule must (or must not) find in it.
type snippet struct {
	name string
	text string
	lang string
	pub  string
	want []string // evidence of the rule's findings at warning or above (info too with info); nil: none
	info bool     // count info findings too (a rule of severity info)
}

func runSnippets(t *testing.T, id string, tests []snippet) {
	t.Helper()
	set := builtin(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lang := tt.lang
			if lang == "" {
				lang = "de"
			}
			res := set.Apply(article(tt.text, lang, tt.pub, story))
			least := sourcescore.SeverityWarning
			if tt.info {
				least = sourcescore.SeverityInfo
			}
			got := findingsOf(res, id, least)
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("%s findings = %q, want %q\n(rule note: %s)", id, got, tt.want, ruleScore(t, res, id).Note)
			}
		})
	}
}

func TestGluedWords(t *testing.T) {
	runSnippets(t, "translation.glued_words", []snippet{
		{name: "acronym into preposition", text: "Politische Analysten stammen aus der WSJIn der Berichterstattung wird deutlich.", want: []string{"WSJIn"}},
		{name: "acronym into article", text: "Laut der WSJDen Angaben zufolge dauerten die Kontakte.", want: []string{"WSJDen"}},
		{name: "word into verb", text: "Mehrere Medien, wie das Magazin Politischsind besorgt.", want: []string{"Politischsind"}},
		{name: "word into article", text: "Das berichtete die ZeitungDie Regierung schweigt.", want: []string{"ZeitungDie"}},
		{name: "brand names are not glued", text: "SpaceX, WhatsApp, iPhone, YouTube, McDonald, OpenAI, BioNTech und PayPal sind Marken. DeSantis sprach."},
		{name: "compounds ending like function words", text: "Der Hund und der Grund, die Länder und die Kinder, das Studio, der Journalist."},
		{name: "all-caps words", text: "DIE NACHRICHTEN SIND DA. NEWSLETTER"},
	})
}

func TestGluedWords_English(t *testing.T) {
	runSnippets(t, "translation.glued_words_en", []snippet{
		{name: "acronym into article", lang: "en", text: "Officials told the WSJThe contacts continued.", want: []string{"WSJThe"}},
		{name: "brands", lang: "en", text: "SpaceX and WhatsApp and iPhone users."},
	})
}

func TestHonorific(t *testing.T) {
	runSnippets(t, "translation.honorific", []snippet{
		{name: "repeated in prose", text: "Laut Herrn Peskow ist das falsch. Herr Musk hat Herrn Trump unterstützt.", want: []string{"Herrn Peskow", "Herr Musk", "Herrn Trump"}, info: true},
		{name: "once is tolerated", text: "Laut Herrn Peskow ist das falsch.", info: true},
		{name: "inside quotations it is speech", text: `„Herr Musk und Herr Putin haben telefoniert“, sagte er. "Herr Peskow irrt", schrieb sie.`, info: true},
	})
}

func TestNameArticle(t *testing.T) {
	runSnippets(t, "translation.name_article", []snippet{
		{name: "wrong article", text: "Ein Bericht von der Wall Street Journal schlug Wellen, schreibt das Newsweek.", want: []string{"der Wall Street Journal", "das Newsweek"}},
		{name: "missing article after preposition", text: "Zu den Vorwürfen von Wall Street Journal Der Tesla-Chef schwieg.", want: []string{"von Wall Street Journal"}},
		{name: "right articles", text: "Ein Bericht des Wall Street Journal, im „Wall Street Journal“ und laut Newsweek; die New York Times und der Spiegel."},
		{name: "compound", text: "Der Wall-Street-Journal-Bericht und der WSJ-Bericht."},
	})
}

func TestDenial(t *testing.T) {
	set := builtin(t)
	tests := []struct {
		name  string
		text  string
		score float64
	}{
		{"spokesman denies the report", "Musk soll Kontakt zu Putin gehabt haben.\n\nKremlsprecher Dmitri Peskow dementierte den Bericht.\n\nMehr folgt.\n\nUnd mehr.\n\nEnde.", 1},
		{"the Kremlin rejects it", "Musk und Putin.\n\nDer Kreml wies den Bericht als \"absolut falsche Informationen\" zurück.\n\nA.\n\nB.\n\nC.", 1},
		{"Musk's old denial of another report is not the Kremlin's", "Musk hat Kontakt zu Putin. Vor zwei Jahren hatte Musk einen Bericht über angeblichen Kontakt zu Putin noch ausdrücklich bestritten.", 0},
		{"Putin denying contact with Trump is about something else", "Musk und der Kreml. Der russische Präsident hat bestritten, dass er und Trump in Kontakt geblieben seien.", 0},
		{"buried at the end", "Musk und Putin.\n\nA.\n\nB.\n\nC.\n\nD.\n\nE.\n\nF.\n\nG.\n\nH.\n\nI.\n\nJ.\n\nK.\n\nL.\n\nM.\n\nN.\n\nO.\n\nPeskow dementierte den Bericht.", 0.5},
		// A short item that ends on the denial is read to its end: not buried.
		{"the last of ten sentences", "Musk und Putin.\n\nA.\n\nB.\n\nC.\n\nD.\n\nE.\n\nF.\n\nG.\n\nH.\n\nPeskow dementierte den Bericht.", 1},
		// A text that stops mid-sentence (a cut-off page) may go on for long
		// after the denial: where the article ends is unknown, not buried.
		{"late in a text that stops mid-sentence", "Musk und Putin.\n\nA.\n\nB.\n\nC.\n\nD.\n\nE.\n\nF.\n\nG.\n\nH.\n\nI.\n\nJ.\n\nK.\n\nL.\n\nM.\n\nN.\n\nO.\n\nPeskow dementierte den Bericht. Danach ging es in der Pressekonferenz um die Lage an der Front und um", 1},
		{"late in a text that ends on a short line of page furniture", "Musk und Putin.\n\nA.\n\nB.\n\nC.\n\nD.\n\nE.\n\nF.\n\nG.\n\nH.\n\nI.\n\nJ.\n\nK.\n\nL.\n\nM.\n\nN.\n\nO.\n\nPeskow dementierte den Bericht.\n\nQuelle: Agenturen", 0.5},
		{"English", "Musk and Putin spoke.\n\nKremlin spokesman Dmitry Peskov denied the report.\n\nMore.\n\nMore.\n\nEnd.", 1},
		// "Aus Moskau ..." names who speaks; "Truppen aus Russland" do not.
		{"Aus Moskau", "Musk und Putin.\n\nAus Moskau wurde der Bericht über Musk zurückgewiesen.\n\nA.\n\nB.\n\nC.", 1},
		{"troops from Russia", "Musk und Putin.\n\nA.\n\nTruppen aus Russland haben den Bericht über Musk zurückgewiesen.\n\nA.\n\nB.\n\nC.", 0},
		// Another party after a preposition is whom the accused side
		// answers, not whose affair the denial is.
		{"another party after a preposition", "Musk soll mit Putin telefoniert haben, berichtet die Zeitung.\n\nPeskow dementierte dies in einem Gespräch mit Trump.\n\nA.\n\nB.\n\nC.", 1},
		{"another party as the subject", "Musk soll mit Putin telefoniert haben, berichtet die Zeitung.\n\nPeskow dementierte, dass Trump dies gesagt habe.\n\nA.\n\nB.\n\nC.", 0},
		{"mutual blame around its object", "Musk und Putin.\n\nWashington und Moskau machten sich gegenseitig für den Bericht über Musk verantwortlich.\n\nA.\n\nB.\n\nC.", 1},
		{"English cannot accept", "Musk and Putin spoke, the report says.\n\nPeskov said Moscow cannot accept the report's findings on Musk.\n\nMore.\n\nMore.\n\nEnd.", 1},
		{"demands evidence", "Musk und Putin.\n\nDer Kreml fordert Beweise für den Bericht über Musk.\n\nA.\n\nB.\n\nC.", 1},
		{"English reject", "Musk and Putin spoke.\n\nAsked about the report on Musk, Peskov said: \"We categorically reject it.\"\n\nMore.\n\nMore.\n\nEnd.", 1},
		// The accused side heard on the story in words of its own: no
		// denial wording, so half the score and an info finding asking
		// the analyst to read it, not a missing denial.
		{"accused heard without denial words", "Musk soll mit Putin telefoniert haben, berichtet die Zeitung.\n\nDer Bericht über Musk sei eine Frage für die Unternehmen, sagte Peskow.\n\nA.\n\nB.\n\nC.", 0.5},
		{"English accused heard", "Musk and Putin spoke, the paper reports.\n\nAccording to Peskov, the report on Musk concerns business matters.\n\nMore.\n\nMore.\n\nEnd.", 0.5},
		{"said of the accused, not by it", "Musk soll mit Putin telefoniert haben, berichtet die Zeitung über Musk.\n\nEs hieß, Putin wolle die Krim behalten.\n\nA.\n\nB.\n\nC.", 0},
		// A negator the rule's pattern writes itself is the cue's own: the
		// accused side disowning the act as not its policy is a denial.
		{"English not its policy", "Musk and Putin spoke, the paper reports.\n\nThe Kremlin told the paper that contacts of this kind were not its policy.\n\nMore.\n\nMore.\n\nEnd.", 1},
		{"nicht Teil seiner Politik", "Musk soll mit Putin telefoniert haben, berichtet die Zeitung.\n\nDer Kreml erklärte der Zeitung, solche Kontakte seien nicht Teil seiner Politik.\n\nA.\n\nB.\n\nC.", 1},
		// German "an" is a preposition, not the English article: the party
		// after it is whom something went to, not who denies.
		{"a party after an", "Musk soll mit Putin telefoniert haben, berichtet die Zeitung.\n\nDer Kreml hat den Bericht stets bestritten, Informationen an Musk weitergegeben zu haben.\n\nA.\n\nB.\n\nC.", 1},
		{"a party after auf", "Musk soll mit Putin telefoniert haben, berichtet die Zeitung.\n\nKremlsprecher Peskow verwies auf Trump, als er von einer Lüge sprach.\n\nA.\n\nB.\n\nC.", 1},
		{"English a party after at", "Musk and Putin spoke, the paper reports.\n\nPeskov lashed out at Biden over the report, calling it a lie.\n\nMore.\n\nMore.\n\nEnd.", 1},
		// A capitalised word before the verb ends the search for a
		// preposition: "in der Presse" does not govern the party
		// after "sprachen".
		{"a party after a verb after a noun", "Musk soll mit Putin telefoniert haben, sagte Trump der Zeitung.\n\nIn der Presse sprachen Russlands Diplomaten von einem erfundenen Bericht.\n\nA.\n\nB.\n\nC.", 1},
		// Its own version with no verb of saying, whose only party is the
		// last one of the sentence before (not named there as who speaks),
		// is nobody's: no denial.
		{"own version without a speaker", "Musk soll mit Putin telefoniert haben, berichtet die Zeitung. Sie beruft sich auf Quellen im Umfeld des Kremls.\n\nBei den Gesprächspartnern handelte es sich um Geschäftsleute.\n\nA.\n\nB.\n\nC.", 0},
		// What a denied claim is about may point back to the story ("such
		// calls") instead of naming it.
		{"English claims about such calls", "Musk and Putin spoke, the paper reports.\n\nThe Kremlin has in the past denied accusations that it arranges such calls.\n\nMore.\n\nMore.\n\nEnd.", 1},
		{"Vorwürfe über derartige Gespräche", "Musk soll mit Putin telefoniert haben, berichtet die Zeitung.\n\nDer Kreml wies Vorwürfe über derartige Gespräche stets zurück.\n\nA.\n\nB.\n\nC.", 1},
		{"Berichte über eine Erkrankung", "Musk soll mit Putin telefoniert haben, berichtet die Zeitung.\n\nDer Kreml wies Berichte über eine Erkrankung des Präsidenten stets zurück.\n\nA.\n\nB.\n\nC.", 0},
		// A party after a preposition may open a relative clause it is the
		// subject of.
		{"English relative clause", "Musk and Putin spoke, Biden told the paper.\n\nWashington held talks on the report with Russian officials, who denied any contact.\n\nMore.\n\nMore.\n\nEnd.", 1},
		{"Relativsatz", "Musk soll mit Putin telefoniert haben, berichtet die Zeitung.\n\nDer Bericht war Thema in Gesprächen mit dem Kreml, der jeden Kontakt bestritt.\n\nA.\n\nB.\n\nC.", 1},
		// The verb of a relative clause is no frame of saying: the report
		// says it, of the party after it.
		{"English a report that said", "Musk and Putin spoke, the paper reports.\n\nBiden denied knowing of a report that said Russia arranged the calls with Musk.\n\nMore.\n\nMore.\n\nEnd.", 0},
		// A party that is a noun's genitive or apposition is governed as
		// the noun is; a capitalised preposition opening the sentence is
		// no noun.
		{"eine Beteiligung Russlands", "Musk soll mit Putin telefoniert haben, berichtet die Zeitung.\n\nBisher wurden keine Beweise für eine Beteiligung Russlands an den Gesprächen vorgelegt.\n\nA.\n\nB.\n\nC.", 0},
		{"Von russischer Seite", "Musk soll mit Putin telefoniert haben, berichtet die Zeitung.\n\nVon russischer Seite hieß es nur, man kenne den Bericht über Musk.\n\nA.\n\nB.\n\nC.", 0},
		// Neither confirming nor denying is no denial.
		{"weder bestätigt noch dementiert", "Musk soll mit Putin telefoniert haben, berichtet die Zeitung.\n\nDer Kreml hat den Bericht über Musk weder bestätigt noch dementiert.\n\nA.\n\nB.\n\nC.", 0},
		{"English did not confirm or deny", "Musk and Putin spoke, the paper reports.\n\nThe Kremlin did not confirm or deny the report on Musk.\n\nMore.\n\nMore.\n\nEnd.", 0},
		{"English neither denied nor confirmed", "Musk and Putin spoke, the paper reports.\n\nThe Kremlin neither denied nor confirmed the report on Musk.\n\nMore.\n\nMore.\n\nEnd.", 0},
		// Nobody denying is no denial; the speaker is heard on the story
		// (in English too, with the verb at the sentence's end).
		{"niemand", "Musk soll mit Putin telefoniert haben, berichtet die Zeitung.\n\n„Niemand bestreitet den Bericht“, sagte Peskow.\n\nA.\n\nB.\n\nC.", 0.5},
		{"English nobody", "Musk and Putin spoke, the paper reports.\n\n\"Nobody denies the report,\" Peskov said.\n\nMore.\n\nMore.\n\nEnd.", 0.5},
		// A photo's caption between the report and the denial is not the
		// sentence the denial answers.
		{"a caption between", "Musk soll mit Putin telefoniert haben, berichtet die Zeitung.\n\nBlick auf den Roten Platz an einem Wintermorgen\n\nDer Kreml bestreitet es.\n\nA.\n\nB.\n\nC.", 1},
		// The sentence after names who said it: not the accused side.
		{"English stated this", "Musk and Putin spoke, the paper reports.\n\nSuch contacts are unacceptable.\n\nThe foreign ministers of Estonia and Latvia stated this in an interview.\n\nMore.\n\nEnd.", 0},
		{"das teilte mit", "Putin soll nach einem Bericht der Zeitung oft mit Musk gesprochen haben.\n\nDer Bericht sei falsch.\n\nDas teilte das estnische Außenministerium am Freitag mit.\n\nA.\n\nB.", 0},
		// In English a party after the cue's verb is its object.
		{"English a party after the verb", "Musk and Putin spoke, the paper reports.\n\nThe Russian ambassador to Washington on Monday described the Musk story as a ploy.\n\nMore.\n\nMore.\n\nEnd.", 1},
		{"accused named, not heard", "Musk soll mit Putin telefoniert haben, berichtet die Zeitung über Musk.\n\nPutin regiert seit 1999.\n\nA.\n\nB.\n\nC.", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lang := "de"
			if strings.HasPrefix(tt.name, "English") {
				lang = "en"
			}
			res := set.Apply(article(tt.text, lang, "2024-10-25", story))
			rs := ruleScore(t, res, "denial.missing")
			if rs.Score != tt.score {
				t.Errorf("denial.missing score = %v, want %v (%s)", rs.Score, tt.score, rs.Note)
			}
		})
	}
}

func TestDateFacts(t *testing.T) {
	runSnippets(t, "dates.fact_mismatch", []snippet{
		{name: "wrong election date", pub: "2024-10-26", text: "Die Rolle des Milliardärs bei den US-Präsidentschaftswahlen am 15. November ist groß.", want: []string{"15. November"}},
		{name: "right election date", pub: "2024-10-26", text: "Trump will die Wahl am 5. November gewinnen."},
		{name: "date of another fact in the same sentence", pub: "2024-10-26", text: "Peskow dementierte am 25. Oktober einen Bericht des Wall Street Journal."},
		{name: "date far from any cue", pub: "2024-10-26", text: "Am 3. Januar war es kalt, und viel später, nach langer Zeit und vielen weiteren Worten, ging es um die Präsidentschaftswahl."},
		{name: "English", lang: "en", pub: "2024-10-26", text: "Ahead of the election on November 15, Musk spoke.", want: []string{"November 15"}},
		// A noun of the clause whose fact falls on the date may own it,
		// though a verb of another fact is nearer: the reading is open.
		{name: "a noun of the clause fits", pub: "2024-10-26", text: "Peskow dementierte den Bericht über Gespräche vor der Wahl in den Vereinigten Staaten am 5. November."},
		// A year before the story began is another report, even of the
		// story's first fact.
		{name: "a report last year", lang: "en", pub: "2024-10-26", text: "The paper had named Musk a risk in a report published last year."},
		// Inside a quotation "today" is the speaker's day, which the
		// article may not give.
		{name: "today inside a quotation", lang: "en", pub: "2024-10-30", text: `Peskov said: "Today we denied the report again."`},
		{name: "a weekday inside a quotation", lang: "en", pub: "2024-10-30", text: `Peskov said: "On Monday we denied the report."`},
		{name: "today outside a quotation", lang: "en", pub: "2024-10-30", text: `Peskov denied the report today.`, want: []string{"today"}},
		// The bounds of a span date a period, not the clause's verb.
		{name: "the bounds of a span", pub: "2024-10-26", text: "Das Wall Street Journal berichtete über Gespräche zwischen dem 1. Januar und dem 15. März."},
		{name: "the bounds of an English span", lang: "en", pub: "2024-10-26", text: "The Wall Street Journal reported on talks from January 1 to March 15."},
		{name: "weekday tied to a fact", pub: "2024-10-25", text: "Die Zeitung berichtete am Mittwoch über Musk.", want: []string{"Mittwoch"}},
		{name: "weekday that fits", pub: "2024-10-25", text: "Die Zeitung berichtete am Donnerstagabend über Musk."},
		{name: "a possessive date is its noun's", lang: "en", pub: "2024-11-08", text: "The Kremlin dismissed the report again ahead of Tuesday's election."},
		{name: "a possessive date of the wrong day", lang: "en", pub: "2024-11-08", text: "Before Wednesday's election, the Kremlin dismissed the report again.", want: []string{"Wednesday"}},
		{name: "a cue inside a quotation does not tie a date outside it", pub: "2024-10-25", text: `"Das sind falsche Informationen, die in einer Zeitung veröffentlicht wurden", sagte Peskow am Freitag in Moskau.`},
		// A page that breaks a line inside a date: the date runs past its
		// sentence, which ends at the line break.
		{name: "a date across a line break", pub: "2024-10-26", text: "Trump will die Wahl am 15.\nNovember gewinnen.", want: []string{"15.\nNovember"}},
		{name: "a right date across a line break", pub: "2024-10-26", text: "Trump will die Wahl am 5.\nNovember gewinnen."},
		// Eight months after the election, "am 5. November" is closest to
		// the coming November, but last November's fits the fact.
		{name: "a day without a year that fits the fact a year before", pub: "2025-06-10", text: "Trump hatte die Wahl am 5. November gewonnen."},
		{name: "a day without a year that fits no year", pub: "2025-02-10", text: "Trump hatte die Wahl am 15. November gewonnen.", want: []string{"15. November"}},
		// A general report word ties a date to the story's report only
		// where its sentence or the one before names the story.
		{name: "a report word among sentences about something else", pub: "2024-10-26", text: "Musk und Putin sollen telefoniert haben.\n\nDas Wetter in Berlin war schön. Der Sender berichtete am Mittwoch über das Wetter."},
		{name: "a report word after a sentence about the story", pub: "2024-10-26", text: "Musk und Putin sollen telefoniert haben. Der Sender berichtete am Mittwoch darüber.", want: []string{"Mittwoch"}},
		// A line that only says when the page was made dates no event.
		{name: "the page's own date line", pub: "2024-10-29", text: "Meldung vom 29.10.2024\n\nDas Wall Street Journal berichtet über Gespräche zwischen Musk und Putin."},
		{name: "the same date in a sentence", pub: "2024-10-29", text: "Am 29.10.2024 berichtete das Wall Street Journal über Gespräche zwischen Musk und Putin.", want: []string{"29.10.2024"}},
		// The denial of 25 October repeated later: "zuletzt", "again".
		{name: "a later date of a repetition", pub: "2024-10-31", text: "Peskow dementierte den Bericht zuletzt am Mittwoch."},
		{name: "a later date of a repetition in English", lang: "en", pub: "2024-10-31", text: "Peskov denied the report again on Wednesday."},
		{name: "the same later date without a word of repetition", pub: "2024-10-31", text: "Peskow dementierte den Bericht am Mittwoch.", want: []string{"Mittwoch"}},
	})
	runSnippets(t, "dates.fact_conflict", []snippet{
		{name: "two election dates", pub: "2024-10-26", text: "Bei den Wahlen am 15. November. Er werde die Wahl am 5. November gewinnen.", want: []string{"5. November"}},
		{name: "one date twice", pub: "2024-10-26", text: "Die Wahl am 5. November. Die Wahl am 5. November."},
		{name: "a span and a day in it", pub: "2024-11-08", text: "Die Wahl am 5. November. Die Wahl in dieser Woche."},
		{name: "a span and a day outside it", pub: "2024-11-20", text: "Die Wahl am 5. November. Die Wahl in dieser Woche.", want: []string{"in dieser Woche"}}, {name: "a repetition on another day is no conflict", pub: "2024-10-31", text: "Peskow dementierte den Bericht am 25. Oktober. Peskow dementierte den Bericht zuletzt am Mittwoch."},
	})
}

func TestDatePublication(t *testing.T) {
	set := builtin(t)
	text := "Musk und Putin: Der Kreml dementierte."
	res := set.Apply(article(text, "de", "", story))
	if got := findingsOf(res, "dates.publication_missing", sourcescore.SeverityWarning); len(got) != 1 {
		t.Errorf("no publication date: findings %q, want one", got)
	}
	if rs := ruleScore(t, res, "dates.stale"); rs.Applied {
		t.Errorf("dates.stale applied without a publication date")
	}
	res = set.Apply(article(text, "de", "2024-12-03", story))
	if rs := ruleScore(t, res, "dates.stale"); !rs.Applied || rs.Score != 0 {
		t.Errorf("published 2024-12-03: dates.stale = %+v, want applied with score 0", rs)
	}
	res = set.Apply(article(text, "de", "2024-10-26", story))
	if rs := ruleScore(t, res, "dates.stale"); rs.Score != 1 {
		t.Errorf("published 2024-10-26: dates.stale = %+v, want 1", rs)
	}
	// Before the story's last development (the denial of 25 October): not
	// stale, and the note says so without negative days.
	res = set.Apply(article(text, "de", "2024-10-24", story))
	if rs := ruleScore(t, res, "dates.stale"); rs.Score != 1 || rs.Note != "published 2024-10-24, 1 day before the story's last development (2024-10-25)" {
		t.Errorf("published 2024-10-24: dates.stale = %+v, want 1, 1 day before 2024-10-25", rs)
	}
}

func TestDateFormat(t *testing.T) {
	runSnippets(t, "translation.date_format", nil)
	set := builtin(t)
	res := set.Apply(article("Báo Dân trí•26/10/2024\nAm 25.10.2024 sprach er.", "de", "2024-10-26", story))
	got := findingsOf(res, "translation.date_format", sourcescore.SeverityInfo)
	if strings.Join(got, "|") != "26/10/2024" {
		t.Errorf("foreign date formats = %q, want [26/10/2024]", got)
	}
}

func TestAttribution(t *testing.T) {
	set := builtin(t)
	tests := []struct {
		name             string
		text             string
		lang             string
		named, spec, vag int
	}{
		{"named and specific", `Laut Kremlsprecher Dmitri Peskow ist das falsch. Das "Wall Street Journal" beruft sich auf mehrere derzeitige und ehemalige Beamte.`, "de", 1, 1, 0},
		{"vague", "Es hieß, Putin wolle die Krim. Das wissen wir aus offiziellen Quellen. Insidern zufolge stimmt es.", "de", 0, 0, 3},
		{"English", "According to the Wall Street Journal, they spoke. Sources say it continued. The report cited a current and a former intelligence official.", "en", 1, 0, 1},
		{"source between wie and the verb", "Aus Russland kamen Dementis, wie Die Zeit schreibt. Wie die Nachrichtenagentur dpa meldete, schwieg Musk. Wie Insider sagen, stimmt es.", "de", 2, 0, 1},
		{"English sources", "People familiar with the matter said the talks continued. Kremlin spokesman Dmitry Peskov told reporters it was false. According to reports, Musk declined.", "en", 1, 1, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := set.Apply(article(tt.text, tt.lang, "2024-10-25", story))
			var named, spec, vague int
			for _, f := range res.Findings {
				if f.RuleID != "sourcing.attribution" {
					continue
				}
				switch {
				case strings.Contains(f.Message, "named source"):
					named++
				case strings.Contains(f.Message, "specific anonymous"):
					spec++
				case f.Severity >= sourcescore.SeverityWarning:
					vague++
				}
			}
			if named != tt.named || spec != tt.spec || vague != tt.vag {
				t.Errorf("named %d specific %d vague %d, want %d %d %d\n%s", named, spec, vague, tt.named, tt.spec, tt.vag, ruleScore(t, res, "sourcing.attribution").Note)
			}
		})
	}
}

func TestApply_LanguageWithoutRules(t *testing.T) {
	set := builtin(t)
	res := set.Apply(article("Musk et Putin. Le Kremlin a démenti.", "fr", "2024-10-25", story))
	rs := ruleScore(t, res, "translation.glued_words")
	if rs.Applied || !strings.Contains(rs.Note, "not scored") {
		t.Errorf("a German rule on a French article: %+v, want not applied with a note", rs)
	}
}

func TestApply_FindingPositions(t *testing.T) {
	set := builtin(t)
	text := "Titel\n\nÄrger: Laut Herrn Peskow. Herr Musk schwieg."
	a := article(text, "de", "2024-10-25", story)
	res := set.Apply(a)
	for _, f := range res.Findings {
		if f.Evidence == "Herr Musk" {
			if f.Pos.Line != 3 || f.Pos.Column != 27 {
				t.Errorf("Herr Musk at %v, want 3:27", f.Pos)
			}
			return
		}
	}
	t.Errorf("no finding for Herr Musk in %+v", res.Findings)
}

func FuzzApply(f *testing.F) {
	f.Add("Laut Herrn Peskow dementierte der Kreml am 25. Oktober den WSJIn Bericht.")
	f.Add("„unclosed quote. 26/10/2024 Politischsind")
	// A denial pattern's match that runs past a sentence end put after a number.
	f.Add("Musk und Putin sprachen, berichtet das WSJ. Der Kreml nannte die Vorwürfe am Mittwoch, 137. März, „Unsinn“.")
	f.Add("Musk und Putin sprachen, berichtet das WSJ. Die Vorwürfe wurden vom Kreml am 137. März zurückgewiesen worden.")
	set, err := Builtin()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8Valid(text) {
			return
		}
		res := set.Apply(article(text, "de", "2024-10-25", story))
		for _, fd := range res.Findings {
			if fd.Offset >= 0 && (fd.Offset > len(text) || fd.Pos.Line < 1 || fd.Pos.Column < 1) {
				t.Fatalf("finding %+v outside the text", fd)
			}
		}
		for _, r := range res.Rules {
			if r.Applied && (r.Score < 0 || r.Score > 1) {
				t.Fatalf("rule %s score %v outside 0..1", r.RuleID, r.Score)
			}
		}
	})
}

func utf8Valid(s string) bool { return utf8.ValidString(s) }

func TestApply_LanguageWithoutRules_NoFamilyScored(t *testing.T) {
	set := builtin(t)
	res := set.Apply(article("Musk et Putin se parlent, selon le Wall Street Journal. Le Kremlin a démenti le 25 octobre.", "fr", "2024-10-25", story))
	for _, r := range res.Rules {
		if r.Applied {
			t.Errorf("rule %s applied to a French article", r.RuleID)
		}
	}
	if len(res.Findings) != 0 {
		t.Errorf("findings on a French article: %+v", res.Findings)
	}
}

// TestApply_Concurrent: Apply from many goroutines at once gives each
// article what it gets alone (run with -race).
func TestApply_Concurrent(t *testing.T) {
	set := builtin(t)
	texts := seedArticles(t)
	want := make([]Result, len(texts))
	for i, text := range texts {
		want[i] = set.Apply(article(string(text), "de", "2024-10-25", ""))
	}
	var wg sync.WaitGroup
	errs := make(chan string, 8*len(texts))
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range texts {
				i := (k + g) % len(texts)
				got := set.Apply(article(string(texts[i]), "de", "2024-10-25", ""))
				if !reflect.DeepEqual(got, want[i]) {
					errs <- fmt.Sprintf("seed %d: concurrent result differs", i)
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

// TestGlued_SameAsEveryTokenChecked: the shortcuts of glued_words (capitals
// noted while reading a token, check only for a token that may end in a
// suffix) find what checking every token finds.
func TestGlued_SameAsEveryTokenChecked(t *testing.T) {
	set := builtin(t)
	texts := []string{
		"WSJIn WSJDen Politischsind Magazinund ZeitungDie iPhone YouTube ÄÖÜsind ÖLsind xÄyDie abÜbung WSJÜber",
		"Dassdass nichtnicht Wirdwird wurdenwurden sind wird Warumsind Großsind ßßßßsind İİsind ǅǅǅIn",
	}
	for _, s := range seedArticles(t) {
		texts = append(texts, string(s))
	}
	for _, r := range set.Rules {
		g, ok := r.check.(*glued)
		if !ok {
			continue
		}
		for _, text := range texts {
			a := article(text, "de", "2024-10-25", "")
			d, _ := set.prepare(a)
			var want []hit
			runes := []rune(text)
			off := 0
			for i := 0; i < len(runes); {
				if !unicode.IsLetter(runes[i]) {
					off += utf8.RuneLen(runes[i])
					i++
					continue
				}
				j, end, upper := i, off, false
				for j < len(runes) && unicode.IsLetter(runes[j]) {
					upper = upper || j-i >= 2 && unicode.IsUpper(runes[j])
					end += utf8.RuneLen(runes[j])
					j++
				}
				dateline := upper && datelineGlue(text, off, end) // skipped by design
				if detail := g.check(text[off:end], d.Lower[off:end], upper); detail != "" && !dateline {
					want = append(want, hit{start: off, end: end, detail: detail})
				}
				i, off = j, end
			}
			got := g.apply(d).hits
			if !reflect.DeepEqual(want, got) {
				t.Errorf("%s on %.40q: every token %v, apply %v", r.ID, text, want, got)
			}
		}
	}
}

// firstDateCase is a text and whether a test's function holds for its
// first date.
type firstDateCase struct {
	text string
	want bool
}

// testFirstDate checks fn, named name, on the first date of each case's
// text.
func testFirstDate(t *testing.T, name string, fn func(d *Doc, m dates.Mention) bool, cases []firstDateCase) {
	t.Helper()
	for _, tc := range cases {
		d := newDoc(article(tc.text, "de", "", ""), nil, sourcescore.LowerSameLength(tc.text), nil)
		ms := d.dates()
		if len(ms) == 0 {
			t.Fatalf("%q: no date found", tc.text)
		}
		if got := fn(d, ms[0]); got != tc.want {
			t.Errorf("%s(%q, %q) = %v, want %v", name, tc.text, tc.text[ms[0].Start:ms[0].End], got, tc.want)
		}
	}
}

// TestStampLine: a line that only says when the page was made dates no
// event of the story; a sentence with the same date does.
func TestStampLine(t *testing.T) {
	testFirstDate(t, "stampLine", func(d *Doc, m dates.Mention) bool { return stampLine(d, m.Start) }, []firstDateCase{
		{"Meldung vom 25.08.2023\n\nDie Organisation berichtet von Toten an der Grenze.", true},
		{"Published: May 26, 2022 01:02 AM\nThe group reported deaths at the border.", true},
		{"Artikel vom 3. März\nDer Minister trat zurück.", true},
		{"Am 25.08.2023 berichtete die Organisation von Toten an der Grenze.", false},
		{"Bericht vom 25.08.2023\nDie Organisation berichtet von Toten.", false},
	})
}

// TestInDateline: the date of an agency's dateline says when the text was
// filed, not when an event of the story happened, so tieDates leaves it
// alone; a date after a place and a comma elsewhere is no dateline.
func TestInDateline(t *testing.T) {
	testFirstDate(t, "inDateline", inDateline, []firstDateCase{
		{"Washington, 27. Februar (dpa) – Das FBI erklärte, dass Nordkorea hinter dem Diebstahl stecke.", true},
		{"MOSCOW, March 5 (Reuters) - The Kremlin said on Tuesday it had no information.", true},
		{"Kiew, 5. März 2024 — Die Regierung erklärte am Abend, sie prüfe den Bericht.", true},
		{"Washington, 27. Februar: Das FBI erklärte, dass Nordkorea hinter dem Diebstahl stecke.", false},
		{"Das FBI erklärte am Montag, 27. Februar, dass Nordkorea hinter dem Diebstahl stecke.", false},
		{"Nach dem Treffen der Minister aus vielen Ländern, 27. Februar – ein Datum, das bleibt.", false},
	})
}

// TestGluedWords_Dateline: a place's name run into the first word at a
// line's start is a page's dateline, not glued words; an acronym there, or
// the same glue inside a line, still is.
func TestGluedWords_Dateline(t *testing.T) {
	runSnippets(t, "translation.glued_words", []snippet{
		{name: "dateline", text: "Kuala LumpurDer Frachter lag seit Tagen im Hafen. Die Polizei ermittelt."},
		{name: "two places", text: "Washington/BeirutDas Ministerium schwieg. Die Polizei ermittelt."},
		{name: "acronym at the line's start", text: "WSJIn der Berichterstattung wird darauf hingewiesen.", want: []string{"WSJIn"}},
		{name: "inside a line", text: "Der Frachter lag in Kuala LumpurDer Hafen war zu.", want: []string{"LumpurDer"}},
	})
}
