package rules

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"sourcescore"
)

// The Debian word lists the built-in rules read.
const (
	debianAmerican = "/usr/share/dict/american-english"
	debianBritish  = "/usr/share/dict/british-english"
	debianGerman   = "/usr/share/dict/ngerman"
)

// builtinReading loads the built-in rules with every word list path dir/…
// replaced by another: to[path] (a missing path runs the rules on their
// fallback lists alone).
func builtinReading(t testing.TB, to map[string]string) *Set {
	t.Helper()
	fsys := builtinFiles(t, func(_, text string) string {
		for from, to := range to {
			text = strings.ReplaceAll(text, from, to)
		}
		return text
	})
	set, err := Load(fsys, "builtin")
	if err != nil {
		t.Fatal(err)
	}
	return set
}

// builtinWithoutLists is the built-in set as it runs where no Debian word
// list is installed (as on CI).
func builtinWithoutLists(t testing.TB) *Set {
	missing := filepath.Join(t.TempDir(), "missing")
	return builtinReading(t, map[string]string{debianAmerican: missing + "/a", debianBritish: missing + "/b", debianGerman: missing + "/g"})
}

// TestBuiltin_ExamplesWithoutWordLists: the built-in examples hold without
// the word lists, whatever this machine has installed.
func TestBuiltin_ExamplesWithoutWordLists(t *testing.T) {
	for _, r := range builtinWithoutLists(t).Test() {
		if !r.Passed {
			t.Errorf("%s:%d %s[%d]:\n%s", r.File, r.Line, r.Want, r.Index, r.Diff)
		}
	}
}

func TestUntranslated_FallbackList(t *testing.T) {
	set := builtinWithoutLists(t)
	testEvidence(t, set, "translation.untranslated", "de", []evidenceCase{
		{name: "function words", text: "Die Regierung will das Gesetz ändern, which would den Streit beenden.", want: []string{"which", "would"}},
		{name: "an article before a German noun", text: "Der Ausschuss hat the Entscheidung verschoben.", want: []string{"the"}},
		{name: "German words English has too", text: "Er will die Wahl gewinnen, also hat er fast alles versucht; man war rot vor Wut, der Rat tagte."},
		{name: "capitalised words", text: "The Guardian und The Economist berichteten. Which Wahl?"},
		{name: "a title between capitalised words", text: "Sie sah House of the Dragon. Das Magazin kürte ihn zur Person of the Year. Laut the Guardian stimmt das."},
		{name: "a run too long for a title", text: "Sie sah gestern mit ihren Freunden und ihrer Schwester in Berlin die Serie House of the and the Dragon.",
			want: []string{"the", "and", "the"}},
		{name: "German words in the run", text: "Sie will the Regierung stürzen.", want: []string{"the"}},
		{name: "quotations", text: `Er schrieb „which would be fine“ und "the end".`},
		{name: "addresses", text: "Mehr unter www.the-news.example/with oder per Mail an which@example.org, #the, @would."},
		{name: "brands and numbers", text: "Das iPhone und eBay, the3 und b2b."},
		{name: "an English passage set off without quotation marks", text: "Brady sagte:\n\nIt has not sunk in yet, and we have been looking at it every week since the game.\n\nDas Team jubelte."},
		{name: "allowed phrases", text: "Last but not least, das ist nice to have, und last but not least kommt die Reform."},
		{name: "a word broken at the line end", text: "Er gab Inter- views, the- matisch breit."},
		{name: "the second part of a shortened compound", text: "Beim Online-Banking oder -which ist Vorsicht geboten."},
		{name: "a page's markup label on a line of its own", text: "Der Hafen bleibt gesperrt.\n\ntop-which-image\n\nDie Fähren warten."},
		{name: "the same word inside a sentence", text: "Der Hafen bleibt ein top-which-image Fall.", want: []string{"top-which-image"}},
		{name: "beside a word of a third language", text: "Sie sprach über the frontières."},
		{name: "the same word beside German", text: "Sie sprach über the Grenzen.", want: []string{"the"}},
	})
	res := set.Apply(article("which", "de", "", ""))
	if note := ruleScore(t, res, "translation.untranslated").Note; !strings.Contains(note, "not found: fallback list only") {
		t.Errorf("note %q does not say that the word lists were not found", note)
	}
	testEvidence(t, set, "translation.untranslated_en", "en", []evidenceCase{
		{name: "function words", text: "The minister und his deputy have nicht yet decided.", want: []string{"und", "nicht"}},
		{name: "names and titles", text: "Ursula von der Leyen met fans of Sturm und Drang and of Vorsprung durch Technik."},
		{name: "German words English uses", text: "The angst of the zeitgeist in the kindergarten."},
	})
}

// writeList writes a word list of the given words to a new file and
// returns its path.
func writeList(t *testing.T, name string, words ...string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte("# a test list\n"+strings.Join(words, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestUntranslated_WordLists: with word lists (small ones written here) a
// word counts when a foreign list has it and no own list has it, in any
// case; hyphenated words count by their parts.
func TestUntranslated_WordLists(t *testing.T) {
	american := writeList(t, "american", "deal", "breaker", "issue", "will", "online", "person", "year", "the", "of", "also", "don't", "email")
	british := writeList(t, "british", "colour", "issue")
	german := writeList(t, "german", "Deal", "will", "also", "online", "Person", "die", "Regierung", "der")
	set := builtinReading(t, map[string]string{debianAmerican: american, debianBritish: british, debianGerman: german})
	testEvidence(t, set, "translation.untranslated", "de", []evidenceCase{
		{name: "a word of the foreign list only", text: "Die Regierung will das issue schnell lösen.", want: []string{"issue"}},
		{name: "the second foreign list", text: "Die colour war falsch.", want: []string{"colour"}},
		{name: "a German noun written in lower case is German", text: "Das war ein guter deal für beide."},
		{name: "a hyphenated word by its parts", text: "Das ist ein echter deal-breaker für die Koalition.", want: []string{"deal-breaker"},
			details: []string{"part breaker"}},
		{name: "words of both languages", text: "Er will also online abstimmen."},
		{name: "allowed words", text: "Schreiben Sie eine email."},
		{name: "a curly apostrophe", text: "Er sagte nur don’t.", want: []string{"don’t"}},
		{name: "a fallback word not in the foreign lists", text: "Sie sagte, which ist egal.", want: []string{"which"}},
		{name: "a title of foreign words", text: "Sie wurde Person of the Year."},
	})
	res := set.Apply(article("Das issue.", "de", "", ""))
	if note := ruleScore(t, res, "translation.untranslated").Note; !strings.HasSuffix(note, "(word lists)") {
		t.Errorf("note %q does not say that the word lists were used", note)
	}
	hashed := map[string]bool{}
	for _, f := range set.Files {
		hashed[f.Path] = len(f.Hash) == 64
	}
	for _, p := range []string{american, british, german} {
		if !hashed["wordlist:"+p] {
			t.Errorf("word list %s is not among the set's files with its hash", p)
		}
	}

	// One foreign list missing: the other is used, and the note says so.
	set = builtinReading(t, map[string]string{debianAmerican: american, debianBritish: british + ".missing", debianGerman: german})
	testEvidence(t, set, "translation.untranslated", "de", []evidenceCase{
		{name: "a list missing", text: "Die colour und das issue.", want: []string{"issue"}},
	})
	if note := ruleScore(t, set.Apply(article("x", "de", "", "")), "translation.untranslated").Note; !strings.HasSuffix(note, "(word lists "+british+".missing not found)") {
		t.Errorf("note %q", note)
	}

	// The own list missing: the foreign lists alone would count every word
	// both languages have, so only the fallback list is used.
	set = builtinReading(t, map[string]string{debianAmerican: american, debianBritish: british, debianGerman: german + ".missing"})
	testEvidence(t, set, "translation.untranslated", "de", []evidenceCase{
		{name: "the own list missing", text: "Er will den deal-breaker lösen, which ist egal.", want: []string{"which"}},
	})
}

// TestUntranslatedEN_LowerCaseGermanOnly: with foreign_lower_only (the
// built-in translation.untranslated_en), a lower-case English word that the
// German list has only as a noun, with a capital, is no German word left
// untranslated; one German writes in lower case is.
func TestUntranslatedEN_LowerCaseGermanOnly(t *testing.T) {
	american := writeList(t, "american", "the", "patient", "had", "and", "nothing", "said", "so")
	british := writeList(t, "british", "the")
	german := writeList(t, "german", "Tinnitus", "Hotel", "nicht", "gesagt", "Gesagt")
	set := builtinReading(t, map[string]string{debianAmerican: american, debianBritish: british, debianGerman: german})
	testEvidence(t, set, "translation.untranslated_en", "en", []evidenceCase{
		{name: "a German noun in lower case", text: "The patient had tinnitus, and the hotel said so."},
		{name: "German words written in lower case", text: "The patient had gesagt nothing, and nicht so.", want: []string{"gesagt", "nicht"}},
	})
}

func TestForeignWords_MinHitsAndScore(t *testing.T) {
	set, err := loadFiles(t, map[string]string{"scoring.yaml": minimalScoring, "r.yaml": `rules:
  - {id: translation.f, family: translation, kind: foreign_words, weight: 1, severity: warning, description: d, message: m,
     fallback: [the, which], min_hits: 2, per_hit: 0.2}
`})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text  string
		want  []string
		score float64
		note  string
	}{
		{"Er sagte the Wahrheit.", nil, 1, "1 foreign words, fewer than 2: none counted (fallback list only)"},
		{"Er sagte the Wahrheit, which war egal.", []string{"the", "which"}, 0.6, "2 foreign words, 2 counted (fallback list only)"},
	}
	for _, tt := range tests {
		res := set.Apply(article(tt.text, "de", "", ""))
		rs := ruleScore(t, res, "translation.f")
		if diff := cmp.Diff(tt.want, findingsOf(res, "translation.f", sourcescore.SeverityWarning)); diff != "" {
			t.Errorf("%q findings (-want +got):\n%s", tt.text, diff)
		}
		if rs.Score != tt.score || rs.Note != tt.note {
			t.Errorf("%q: score %v note %q, want %v %q", tt.text, rs.Score, rs.Note, tt.score, tt.note)
		}
	}
}

// TestLoad_NewKindErrors: the mistakes a rule of the new kinds can have, as
// the analyst sees them.
func TestLoad_NewKindErrors(t *testing.T) {
	head := "id: translation.x, family: translation, weight: 1, severity: warning, description: d, message: m"
	tests := []struct {
		name string
		rule string
		want []string
	}{
		{"unknown check", "{" + head + ", kind: repetition, checks: [words, sentence]}", []string{
			`rules/r.yaml:2:138: unknown check "sentence"`, "\ttry: sentences"}},
		{"window out of range", "{" + head + ", kind: repetition, window: 11, min_sentence_words: 1}", []string{
			"rules/r.yaml:2:130: window 11 is out of range", "\ttry: a number of words from 1 to 10",
			"rules/r.yaml:2:154: min_sentence_words 1 is out of range", "\ttry: a number of words, 2 or more"}},
		{"max_clause_words not above window", "{" + head + ", kind: repetition, max_clause_words: 3}", []string{
			"rules/r.yaml:2:140: max_clause_words 3 is out of range", "\ttry: a number of words, more than window (3)"}},
		{"doublets without joiners", "{" + head + ", kind: repetition, checks: [doublets], doublet_words: 11}", []string{
			"rules/r.yaml:2:131: check doublets needs doublet_joiners, the words between the two copies", "\ttry: doublet_joiners: [and, und]",
			"rules/r.yaml:2:157: doublet_words 11 is out of range", "\ttry: a number of words from 1 to 10"}},
		{"foreign lists without own lists", "{" + head + ", kind: foreign_words, foreign_wordlists: [/a], min_hits: -1}", []string{
			"rules/r.yaml:2:144: foreign_wordlists need own_wordlists: without them every word both languages have would count",
			"\ttry: add own_wordlists: the word lists of the article's language",
			"rules/r.yaml:2:160: min_hits -1 is out of range", "\ttry: a count of 1 or more"}},
		{"nothing to look for", "{" + head + ", kind: foreign_words, allow: [online]}", []string{
			"rules/r.yaml:2:6: rule translation.x can never fire: it has no foreign words",
			"\ttry: add foreign_wordlists: (with own_wordlists:) or fallback:"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := loadFiles(t, map[string]string{"scoring.yaml": minimalScoring, "r.yaml": "rules:\n  - " + tt.rule + "\n"})
			if err == nil {
				t.Fatal("loaded without error")
			}
			if diff := cmp.Diff(tt.want, errorLines(t, err)); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
			if !errors.Is(err, sourcescore.ErrConfig) {
				t.Errorf("error is not ErrConfig")
			}
		})
	}
}

// TestUntranslated_DebianWordLists runs the built-in rules with the real
// Debian word lists, where they are installed.
func TestUntranslated_DebianWordLists(t *testing.T) {
	for _, p := range []string{debianAmerican, debianBritish, debianGerman} {
		if _, err := os.Stat(p); err != nil {
			t.Skipf("Debian word list %s not installed: apt install wngerman wamerican wbritish", p)
		}
	}
	set := builtin(t)
	testEvidence(t, set, "translation.untranslated", "de", []evidenceCase{
		{name: "an English noun in lower case", text: "Das Ministerium will das issue bis Freitag klären.", want: []string{"issue"}},
		{name: "a hyphenated word", text: "Die Koalition sieht darin einen echten deal-breaker.", want: []string{"deal-breaker"}},
		{name: "an English adjective", text: "Der Kompromiss gilt als weak und unfair.", want: []string{"weak"}},
		{name: "German prose with anglicisms", text: "Die Sitzung fand online statt, das Ergebnis war fair, die Stimmung easy. Der Deal steht."},
		{name: "German words in lower case", text: "Sie will also fast alles ändern, was man bisher hat; der Rat tagt, die Ampel steht auf rot."},
		{name: "a German compound adjective", text: "Die pro-russische und ultra-rechte Partei und die rot-grüne Koalition."},
	})
	testEvidence(t, set, "translation.untranslated_en", "en", []evidenceCase{
		{name: "a German adjective", text: "The minister spoke of a schwierige situation in the coalition.", want: []string{"schwierige"}},
		{name: "English prose", text: "The chancellor said on Tuesday that the budget talks would continue next week."},
	})
	testEvidence(t, set, "translation.glued_words_en", "en", []evidenceCase{
		{name: "a word run into the next", text: "The attack hit the providerto the east, the ministry reportedthat nothing else.", want: []string{"providerto", "reportedthat"}},
		{name: "words of the list", text: "The photo of the potato harvest was taken by a reporter in Toronto; another grotto, a manifesto."},
		{name: "too short a word before", text: "They met themto the east and sawthe mayor."},
	})
	res := set.Apply(article("x", "de", "", ""))
	if note := ruleScore(t, res, "translation.untranslated").Note; !strings.HasSuffix(note, "(word lists)") {
		t.Errorf("note %q does not say that the word lists were used", note)
	}
	// Every fallback word is a word of the foreign lists and of no own list.
	for _, r := range set.Rules {
		f, ok := r.check.(*foreign)
		if !ok {
			continue
		}
		for w := range f.fallback {
			if !f.isOwn(w) && !f.isForeign(w) {
				continue
			}
			if f.isOwn(w) {
				t.Errorf("%s: fallback word %q is a word of the article's language", r.ID, w)
			}
			found := false
			for _, m := range f.foreign {
				found = found || m.has(w)
			}
			if !found {
				t.Errorf("%s: fallback word %q is in no foreign word list", r.ID, w)
			}
		}
	}
}

// FuzzForeignWords: on any text the foreign_words rules give findings
// inside the text, in order, and a score from 0 to 1, with and without
// word lists.
func FuzzForeignWords(f *testing.F) {
	f.Add("Die Regierung will das issue lösen, which would the Entscheidung. House of the Dragon")
	f.Add("Inter- views, www.the.example, „the“ deal-breaker don’t Ver\u00adwaltung")
	sets := []*Set{builtinWithoutLists(f), builtin(f)}
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return
		}
		for _, set := range sets {
			var rules []*Rule
			for _, r := range set.Rules {
				if _, ok := r.check.(*foreign); ok {
					rules = append(rules, r)
				}
			}
			checkKindInvariants(t, set, rules, text)
		}
	})
}
