package rules

import (
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"sourcescore"
	"sourcescore/rules/internal/dates"
	"sourcescore/rules/internal/engine"
)

// Story is a compiled story file: how articles about it are recognised and
// what is known about it.
type Story struct {
	ID          string
	Title       string
	File        string  // the story file it came from
	Line        int     // where its id is written
	Column      int     // and its column
	Primary     string  // primary source's name
	AccusedName string  // the accused side's name
	Facts       []Fact  // sorted by date
	Claims      []Claim // the key claims, in the file's order
	match       []*engine.PhraseSet
	primary     *engine.PhraseSet // primary source aliases
	accused     *engine.PhraseSet // accused side's actors
	others      *engine.PhraseSet // other parties
	denialCues  *engine.Matcher
	denialAbout *engine.PhraseSet
	denialBy    *denial // the set's denial rule, for telling who denies (linkStories); nil when none
	// accusedNames are the accused side's name and aliases, lower-cased:
	// a country among them lets the denial rule take its institutions
	// named by the country's adjective (state_adjectives).
	accusedNames map[string]bool
	// primaryNames are the primary source's name and aliases, lower-cased:
	// where one opens with a country's adjective, the country is not the
	// accused side's state (see denial.withState).
	primaryNames map[string]bool
	// placeAdj are the German adjectives of the accused side's one-word
	// names ("Pekinger", "Moskauer" for Peking, Moskau): "die Pekinger
	// Regierung" is the accused side.
	placeAdj *engine.PhraseSet
	// stems are the match groups' one-word phrases of minStemLetters or
	// more, lower-cased, that are no name of the accused side: a German
	// compound they begin ("Truppenaufmarsch" for Truppen) is about the
	// story too (see denial.generalAbout).
	stems []string
	// heads are the head nouns of the match groups' phrases with a
	// determiner before them ("the rebels" for "M23 rebels", "die
	// Rebellen" for "M23-Rebellen"): a denial whose sentence names the
	// story's thing so is about the story. They do not date a report:
	// "die Störungen" of a GPS story may be others' than the story's.
	heads *engine.PhraseSet
}

// minStemLetters is the shortest match phrase a compound may begin with
// and still name the story.
const minStemLetters = 5

// The types of fact.
const (
	FactEvent  = "event"  // dated by its own cues only
	FactReport = "report" // the primary source's report: also dated by the primary source's names and the denial rule's about words
	FactDenial = "denial" // the accused side's denial: also dated by the denial rule's wording and the story's denial cues
)

// Fact is a dated event of a story.
type Fact struct {
	ID          string
	Date        time.Time
	Description string
	Type        string // FactEvent, FactReport or FactDenial
	Tolerance   int    // days a date may be off and only earn an info finding
	Scheduled   bool   // a scheduled event, not a development of the story
	cues        *engine.PhraseSet
	extra       []*engine.Matcher // the general wording its type adds, linked once the whole set is loaded (linkStories)
}

// Claim is a key claim of a story: an article states it when it has one of
// its cues. The story comparison counts which outlets state which claims.
type Claim struct {
	ID          string
	Description string
	cues        *engine.PhraseSet
}

// span is the number of days from the story's first fact to its last
// event (0 with fewer than two).
func (s *Story) span() int {
	last := s.LastEvent()
	if len(s.Facts) == 0 || last.IsZero() {
		return 0
	}
	first := s.Facts[0].Date
	for _, f := range s.Facts {
		if f.Date.Before(first) {
			first = f.Date
		}
	}
	return int(last.Sub(first).Hours() / 24)
}

// LastEvent returns the date of the story's latest development (its latest
// fact that is not a scheduled event), or zero.
func (s *Story) LastEvent() time.Time {
	for i := len(s.Facts) - 1; i >= 0; i-- {
		if !s.Facts[i].Scheduled {
			return s.Facts[i].Date
		}
	}
	return time.Time{}
}

func (ls *loadState) loadStory(x node, errs *ErrorList) *Story {
	var sp storySpec
	before := len(*errs)
	if !x.decode(&sp, errs) {
		return nil
	}
	s := &Story{ID: sp.ID, Title: sp.Title, File: x.file, Primary: sp.PrimarySource.Name, AccusedName: sp.Accused.Name}
	s.Line, s.Column = x.get("id").pos()
	if strings.TrimSpace(sp.ID) == "" {
		*errs = append(*errs, x.get("id").errf("add id: a-short-slug (the manifest's story column names it)", "story has no id"))
	}
	mx := x.get("match")
	if len(sp.Match.All) == 0 {
		*errs = append(*errs, mx.errf("add match: {all: [[name, alias], [other name]]}", "story %q has no match rules, so no article can be recognised as being about it", sp.ID))
	}
	for i, g := range sp.Match.All {
		if len(g) == 0 {
			*errs = append(*errs, mx.get("all").index(i).errf("list at least one phrase", "empty match group"))
			continue
		}
		s.match = append(s.match, ls.eng.Phrases(withIngForms(withPlurals(withDativePlurals(withNounGenitives(withAdjectiveForms(g)))))))
	}
	if len(sp.Facts) == 0 {
		*errs = append(*errs, x.get("facts").errf("add facts: - {id: report, date: 2024-10-24, cues: [report]}", "story %q has no facts", sp.ID))
	}
	fx := x.get("facts")
	for i, f := range sp.Facts {
		d, err := time.Parse("2006-01-02", f.Date)
		if err != nil {
			*errs = append(*errs, fx.index(i).get("date").errf("write the date as YYYY-MM-DD", "fact date %q is not a date", f.Date))
			continue
		}
		typ := f.Type
		switch typ {
		case "":
			typ = FactEvent
		case FactEvent, FactReport, FactDenial:
		default:
			*errs = append(*errs, fx.index(i).get("type").errf("report, denial or event", "unknown fact type %q", f.Type))
			continue
		}
		if len(f.Cues) == 0 && typ == FactEvent {
			*errs = append(*errs, fx.index(i).errf("list the words that tie a date to this fact (cues: [...]), or give it type: report or type: denial", "fact %q has no cues", f.ID))
			continue
		}
		if f.ToleranceDays < 0 || f.ToleranceDays > 7 {
			*errs = append(*errs, fx.index(i).get("tolerance_days").errf("0 to 7 days; 1 covers reports that cross time zones", "tolerance_days %d is out of range", f.ToleranceDays))
			continue
		}
		ls.warnDateCues(f, d, fx.index(i).get("cues"))
		var cues *engine.PhraseSet
		if len(f.Cues) > 0 {
			cues = ls.eng.Phrases(f.Cues)
		}
		s.Facts = append(s.Facts, Fact{ID: f.ID, Date: d, Description: f.Description, Type: typ, Tolerance: f.ToleranceDays,
			Scheduled: f.Scheduled, cues: cues})
	}
	sortFacts(s.Facts)
	s.Claims = ls.loadClaims(sp, x, errs)
	s.primary = ls.eng.Phrases(withDativePlurals(withNounGenitives(withAdjectiveForms(append(sp.PrimarySource.Aliases, nonEmpty(sp.PrimarySource.Name)...)))))
	s.accused = ls.eng.Phrases(withGenitives(withAdjectiveForms(append(sp.Accused.Aliases, nonEmpty(sp.Accused.Name)...))))
	accusedWord := map[string]bool{}
	for _, a := range append(sp.Accused.Aliases, sp.Accused.Name) {
		accusedWord[sourcescore.LowerSameLength(strings.TrimSpace(a))] = true
	}
	s.accusedNames = accusedWord
	s.primaryNames = map[string]bool{}
	for _, a := range append(sp.PrimarySource.Aliases, sp.PrimarySource.Name) {
		s.primaryNames[sourcescore.LowerSameLength(strings.TrimSpace(a))] = true
	}
	s.placeAdj = ls.eng.Phrases(placeAdjectives(append(sp.Accused.Aliases, sp.Accused.Name)))
	for _, g := range sp.Match.All {
		for _, w := range g {
			w = sourcescore.LowerSameLength(strings.TrimSpace(w))
			if utf8.RuneCountInString(w) >= minStemLetters && !strings.ContainsAny(w, " -") && !accusedWord[w] && !slices.Contains(s.stems, w) {
				s.stems = append(s.stems, w)
			}
		}
	}
	if hs := definiteHeads(sp.Match.All); len(hs) > 0 {
		s.heads = ls.eng.Phrases(hs)
	}
	s.others = ls.eng.Phrases(withAdjectiveForms(sp.OtherParties))
	if len(sp.Denial.Cues.Phrases)+len(sp.Denial.Cues.Patterns) > 0 {
		s.denialCues = ls.compileTerms(sp.Denial.Cues, x.get("denial").get("cues"), errs)
	}
	if len(sp.Denial.About) > 0 {
		s.denialAbout = ls.eng.Phrases(sp.Denial.About)
	}
	if len(*errs) > before {
		return nil
	}
	return s
}

// topicWords returns where the article names the story itself: the
// story's about words, the primary source, and the phrases of its match
// groups that are not the accused side's names (the accused side is named
// in any denial, whatever it denies).
func (s *Story) topicWords(d *Doc) []engine.Match {
	out := append(append([]engine.Match(nil), d.find(s.denialAbout)...), d.find(s.primary)...)
	accused := d.find(s.accused)
	for _, g := range s.match {
		for _, m := range d.find(g) {
			if !overlapsAny(m, accused) {
				out = append(out, m)
			}
		}
	}
	return out
}

// definiteHeads returns, for each match phrase that is a noun after a
// word naming which one ("M23 rebels", "car bomb", "M23-Rebellen",
// "Wagner-Söldner"), its head noun after a definite article or a
// demonstrative: "the rebels", "these rebels", "die Rebellen", "den
// Rebellen". An article that has named the story's thing names it so
// again ("Ruanda bestreitet, die Rebellen zu unterstützen"). Heads of
// fewer than minHeadLetters letters are left out.
func definiteHeads(groups [][]string) []string {
	var out []string
	add := func(dets []string, head string) {
		for _, det := range dets {
			if p := det + " " + head; !slices.Contains(out, p) {
				out = append(out, p)
			}
		}
	}
	for _, g := range groups {
		for _, w := range g {
			w = strings.TrimSpace(w)
			if k := strings.LastIndexByte(w, ' '); k > 0 {
				head := w[k+1:]
				if utf8.RuneCountInString(head) >= minHeadLetters && strings.ToLower(head) == head && isLetters(head) {
					add(englishDefinite, head)
				}
				continue
			}
			if k := strings.LastIndexByte(w, '-'); k > 0 {
				head := w[k+1:]
				r, _ := utf8.DecodeRuneInString(head)
				if utf8.RuneCountInString(head) >= minHeadLetters && unicode.IsUpper(r) && isLetters(head) {
					add(germanDefinite, head)
				}
			}
		}
	}
	return out
}

// minHeadLetters is the shortest head noun definiteHeads takes.
const minHeadLetters = 4

var (
	englishDefinite = []string{"the", "this", "these", "that", "those"}
	germanDefinite  = []string{"der", "die", "das", "den", "dem", "des", "diese", "dieser", "diesen", "dieses", "diesem"}
)

func isLetters(w string) bool {
	for _, r := range w {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

func overlapsAny(m engine.Match, ms []engine.Match) bool {
	for _, x := range ms {
		if x.Start < m.End && m.Start < x.End {
			return true
		}
	}
	return false
}

// linkStories gives each report and denial fact the general wording that
// dates it: a denial fact the cues of the set's denial rules and the story's
// own denial cues; a report fact the primary source's names and the denial
// rules' about words (the report, its claims; not their about_acts, the
// involvement or the incident denied, which name no report). It runs once the whole set
// is loaded, so that a story file and the rules may come from any file.
func linkStories(stories []*Story, rules []*Rule) {
	var cues, about []*engine.Matcher
	var first *denial
	for _, r := range rules {
		if dn, ok := r.check.(*denial); ok {
			if first == nil {
				first = dn
			}
			if !dn.cues.Empty() {
				cues = append(cues, dn.cues)
			}
			if dn.reportWords != nil {
				about = append(about, &engine.Matcher{Phrases: dn.reportWords})
			}
		}
	}
	for _, st := range stories {
		st.denialBy = first
		for i := range st.Facts {
			f := &st.Facts[i]
			f.extra = nil
			switch f.Type {
			case FactDenial:
				f.extra = append(f.extra, cues...)
				if !st.denialCues.Empty() {
					f.extra = append(f.extra, st.denialCues)
				}
			case FactReport:
				if st.primary != nil {
					f.extra = append(f.extra, &engine.Matcher{Phrases: st.primary})
				}
				f.extra = append(f.extra, about...)
			}
		}
	}
}

// cueMatches returns where the fact's cues and linked wording stand in
// the article, each marked verbal (a verb or predicate that governs the
// dates of its clause) or not (a noun, which governs only a date linked to
// it: "der Bericht vom 24. Oktober"). A denial fact's wording counts only
// where the accused side denies: not "Musk bestritt das vor zwei Jahren".
// Only the matches keep takes are looked at.
func (f *Fact) cueMatches(d *Doc, st *Story, keep func(engine.Match) bool) []cueMatch {
	var out []cueMatch
	for _, m := range d.find(f.cues) {
		if keep(m) {
			out = append(out, cueMatch{m, verbal(d, m), false})
		}
	}
	for _, x := range f.extra {
		name := x.Phrases != nil && x.Phrases == st.primary
		for _, m := range d.findTerms(x) {
			if keep(m) {
				out = append(out, cueMatch{m, !x.IsPhrase(m) || verbal(d, m), name})
			}
		}
	}
	if len(out) == 0 {
		return nil
	}
	if f.Type == FactDenial && st.denialBy != nil {
		accused, others := d.find(st.accused), d.find(st.others)
		primary := notInsideLonger(d.find(st.primary), accused)
		kept := out[:0]
		for _, c := range out {
			si := d.sentenceAt(c.Start)
			if si < 0 {
				continue
			}
			agent, ok := st.denialBy.agent(d, d.sentences[si], c.Match, accused, others, primary)
			if !ok && slices.ContainsFunc(primary, func(p engine.Match) bool {
				return subjectOf(d, actorMention{start: p.Start, end: p.End}, c.Match)
			}) {
				// The primary source right before the word is its subject:
				// "Raffensperger previously rejected the video's claims" is
				// the source's own rejection, not the accused side's denial.
				continue
			}
			if !ok || agent.accused {
				kept = append(kept, c)
			}
		}
		out = kept
	}
	return out
}

// cueMatch is a fact's cue in the article.
type cueMatch struct {
	engine.Match
	verbal bool
	name   bool // a name of the story's primary source (a report fact's linked wording)
}

// englishVerbs are English cue words that are verbs though they do not
// end in -ed.
var englishVerbs = map[string]bool{
	"said": true, "says": true, "wrote": true, "writes": true, "told": true, "tells": true, "spoke": true, "met": true,
	"denies": true, "deny": true, "rejects": true, "reject": true, "dismisses": true, "dismiss": true, "calls": true,
	"publishes": true, "reveals": true, "reports": false,
}

// verbal reports whether a phrase cue is a verb or predicate: in German a
// cue written in lower case (nouns are capitalised: "Bericht", "Dementi");
// in English one that ends in -ed or is a known verb form ("reported",
// "denied", "wrote"; "report", "denial" are nouns).
func verbal(d *Doc, m engine.Match) bool {
	text := d.Body[m.Start:m.End]
	first, _, _ := strings.Cut(text, " ")
	r, _ := utf8.DecodeRuneInString(first)
	if unicode.IsUpper(r) {
		return false
	}
	if d.Lang == "en" {
		low := strings.ToLower(first)
		if determinersEN[wordBefore(d.Lower, m.Start)] {
			return false // "the reported call": a participle used as an adjective
		}
		return strings.HasSuffix(low, "ed") || englishVerbs[low]
	}
	return true
}

// determinersEN make the participle after them an adjective.
var determinersEN = map[string]bool{"the": true, "a": true, "an": true, "this": true, "that": true, "its": true, "his": true,
	"her": true, "their": true, "these": true, "those": true, "our": true}

func nonEmpty(s string) []string {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	return []string{s}
}

func sortFacts(f []Fact) {
	sort.SliceStable(f, func(i, j int) bool { return f[i].Date.Before(f[j].Date) })
}

// matches reports whether the article is about the story: every match
// group has a phrase in it.
func (s *Story) matches(d *Doc) bool { return s.matchCount(d) > 0 }

// matchCount is how often the article names the story's match phrases
// when every group has one in it, else 0.
func (s *Story) matchCount(d *Doc) int {
	n := 0
	for _, g := range s.match {
		k := len(d.find(g))
		if k == 0 {
			return 0
		}
		n += k
	}
	return n
}

// Story returns the set's story with id, or nil.
func (s *Set) Story(id string) *Story {
	for _, x := range s.Stories {
		if x.ID == id {
			return x
		}
	}
	return nil
}

// StoryIDs returns the ids of the set's stories, sorted.
func (s *Set) StoryIDs() []string {
	ids := make([]string, len(s.Stories))
	for i, x := range s.Stories {
		ids[i] = x.ID
	}
	return ids
}

// Matching returns the stories whose match rules fit the article's text,
// whatever its manifest says, sorted by id. Apply takes the manifest's
// story, else the first of these.
func (s *Set) Matching(a *sourcescore.Article) []*Story {
	d := s.doc(a)
	defer d.release()
	var out []*Story
	for _, x := range s.Stories {
		if x.matches(d) {
			out = append(out, x)
		}
	}
	return out
}

// loadClaims compiles a story's key claims: each needs an id, unique among
// them, and at least one cue.
func (ls *loadState) loadClaims(sp storySpec, x node, errs *ErrorList) []Claim {
	cx := x.get("claims")
	var out []Claim
	seen := map[string]bool{}
	for i, c := range sp.Claims {
		ix := cx.index(i)
		switch {
		case strings.TrimSpace(c.ID) == "":
			*errs = append(*errs, ix.errf("add id: a-short-slug (it names the claim in the story comparison)", "claim %d has no id", i+1))
			continue
		case seen[c.ID]:
			*errs = append(*errs, ix.get("id").errf("give each claim its own id", "claim id %q is used twice", c.ID))
			continue
		}
		seen[c.ID] = true
		var cues []string
		for _, cue := range c.Cues {
			if strings.TrimSpace(cue) != "" {
				cues = append(cues, cue)
			}
		}
		if len(cues) == 0 {
			*errs = append(*errs, ix.errf("list the phrases that state it (cues: [...]); any one of them is enough", "claim %q has no cues", c.ID))
			continue
		}
		desc := c.Description
		if strings.TrimSpace(desc) == "" {
			desc = c.ID
		}
		out = append(out, Claim{ID: c.ID, Description: desc, cues: ls.eng.Phrases(cues)})
	}
	return out
}

// withGenitives returns names with the German genitive in -s of each that
// ends in a letter that takes it ("Russlands", "Saudi-Arabiens",
// "Verteidigungsministeriums" for "Russland", "Saudi-Arabien",
// "Verteidigungsministerium"), where the file does not list it already: "ein
// Vertreter Saudi-Arabiens sagte" names the accused side.
func withGenitives(names []string) []string {
	return withForms(names, func(n string) string {
		r, _ := utf8.DecodeLastRuneInString(n)
		if !unicode.IsLower(r) || strings.ContainsRune("sßxz", r) {
			return ""
		}
		return n + "s"
	})
}

// withNounGenitives adds to phrases the German genitive in -s of each that
// ends in a capitalised word ending in a letter that takes it ("des
// Europäischen Parlaments", "des Kremls", "des Untersuchungsrichters" for
// "Europäischen Parlament", "Kreml", "Untersuchungsrichter"), so that a
// story's match words and sources need not list it; a word in lower case
// is left to withPlurals, and in English the form is a plural or no word.
func withNounGenitives(phrases []string) []string {
	return withForms(phrases, func(p string) string {
		last := p[strings.LastIndexByte(p, ' ')+1:]
		first, _ := utf8.DecodeRuneInString(last)
		end, _ := utf8.DecodeLastRuneInString(last)
		if !unicode.IsUpper(first) || !unicode.IsLower(end) || strings.ContainsRune("sßxz", end) {
			return ""
		}
		return p + "s"
	})
}

// withDativePlurals adds to phrases the German form in -n of each that
// ends in a capitalised word ending in -er, -el or -e: the dative plural of
// a noun whose plural is its singular ("mit Trojanern", "von Hackern" for
// "Trojaner", "Hacker") and the plural of one in -e ("Drohnen",
// "Behörden" for "Drohne", "Behörde"), so that a story's match words and
// sources need not list them. A name gets a form no text has ("Hofern"),
// which costs nothing; English words are left to withPlurals.
func withDativePlurals(phrases []string) []string {
	return withForms(phrases, func(p string) string {
		last := p[strings.LastIndexByte(p, ' ')+1:]
		first, _ := utf8.DecodeRuneInString(last)
		if utf8.RuneCountInString(last) < 4 || !unicode.IsUpper(first) || strings.IndexFunc(last[1:], func(r rune) bool { return !unicode.IsLower(r) }) >= 0 {
			return ""
		}
		if strings.HasSuffix(last, "er") || strings.HasSuffix(last, "el") || strings.HasSuffix(last, "e") {
			return p + "n"
		}
		return ""
	})
}

// adjectiveEndings are the endings a German adjective takes before a noun.
var adjectiveEndings = []string{"e", "en", "es", "er", "em"}

// withAdjectiveForms adds to phrases the other declensions of a German
// adjective in -isch or -sch before a capitalised noun ("chinesische
// Außenministerium", "chinesischen Außenministerium" for "chinesisches
// Außenministerium"; "russischen Regierung" for "russische Regierung"), as
// the article, the case and the number make it: a story file written in
// ten minutes lists one or two of them, and "Das pakistanische
// Außenministerium wies … zurück" names the accused side whichever it
// listed. Every such adjective of a phrase takes the same ending; a phrase
// with none, or English ("Chinese government"), is left alone.
func withAdjectiveForms(phrases []string) []string {
	out := slices.Clip(phrases)
	have := map[string]bool{}
	for _, p := range phrases {
		have[strings.TrimSpace(p)] = true
	}
	for _, p := range phrases {
		words := strings.Fields(p)
		var adj []int // the words that are such adjectives
		for i := 0; i+1 < len(words); i++ {
			next, _ := utf8.DecodeRuneInString(words[i+1])
			if unicode.IsUpper(next) && adjectiveStem(words[i]) != "" {
				adj = append(adj, i)
			}
		}
		if len(adj) == 0 {
			continue
		}
		for _, e := range adjectiveEndings {
			form := slices.Clone(words)
			for _, i := range adj {
				form[i] = adjectiveStem(words[i]) + e
			}
			if f := strings.Join(form, " "); !have[f] {
				out = append(out, f)
				have[f] = true
			}
		}
	}
	return out
}

// adjectiveStem returns w without its ending where w is a German adjective
// in -sch with one of adjectiveEndings, in lower case after any hyphen
// ("chinesisch" for "chinesischen", "US-amerikanisch" for
// "US-amerikanische"); "" for any other word.
func adjectiveStem(w string) string {
	tail := w[strings.LastIndexByte(w, '-')+1:]
	if tail == "" || strings.IndexFunc(tail, func(r rune) bool { return !unicode.IsLower(r) }) >= 0 {
		return ""
	}
	for _, e := range []string{"en", "es", "er", "em", "e"} {
		if stem, ok := strings.CutSuffix(w, e); ok && strings.HasSuffix(stem, "sch") && len(stem) > len(w)-len(tail)+4 {
			return stem
		}
	}
	return ""
}

// withPlurals adds to phrases the English plural of each that ends in a
// lower-case word of three letters or more that is not a plural already
// ("cyber attack" → "cyber attacks", "breach" → "breaches", "spy" →
// "spies"), so that a story's match words need not list both; a name
// (capitalised) is left alone. A German word in lower case gets a form
// that no text has ("gehackts"), which costs nothing.
func withPlurals(phrases []string) []string {
	return withForms(phrases, func(p string) string {
		last := p[strings.LastIndexByte(p, ' ')+1:]
		switch {
		case len(last) < 3 || strings.HasSuffix(last, "s") || strings.IndexFunc(last, func(r rune) bool { return r < 'a' || r > 'z' }) >= 0:
			return "" // short, a plural already ("hackers"), or not an English word in lower case
		case strings.HasSuffix(last, "x") || strings.HasSuffix(last, "z") || strings.HasSuffix(last, "ch") || strings.HasSuffix(last, "sh"):
			return p + "es"
		case strings.HasSuffix(last, "y") && !strings.ContainsRune("aeiou", rune(last[len(last)-2])):
			return p[:len(p)-1] + "ies"
		}
		return p + "s"
	})
}

// withIngForms adds to phrases the English -ing form of each that ends in a
// lower-case word of four letters or more that is no plural, no -ing and
// no -ed form already ("car bomb" → "car bombing", "hack" → "hacking",
// "explode" → "exploding"): an article about the story names its event
// either way ("denied allegations that Kyiv was behind the car bombing"). A
// word whose -ing form doubles its last letter ("stab", "stabbing") gets a
// form no text has, which costs nothing.
func withIngForms(phrases []string) []string {
	return withForms(phrases, func(p string) string {
		last := p[strings.LastIndexByte(p, ' ')+1:]
		switch {
		case len(last) < 4 || strings.IndexFunc(last, func(r rune) bool { return r < 'a' || r > 'z' }) >= 0,
			strings.HasSuffix(last, "s"), strings.HasSuffix(last, "ing"), strings.HasSuffix(last, "ed"):
			return ""
		case strings.HasSuffix(last, "e") && !strings.HasSuffix(last, "ee"):
			return p[:len(p)-1] + "ing"
		}
		return p + "ing"
	})
}

// withForms returns phrases followed by form of each (trimmed), where form
// gives one ("" for none) and the list does not hold it already.
func withForms(phrases []string, form func(string) string) []string {
	have := map[string]bool{}
	for _, p := range phrases {
		have[strings.TrimSpace(p)] = true
	}
	out := slices.Clip(phrases)
	for _, p := range phrases {
		if f := form(strings.TrimSpace(p)); f != "" && !have[f] {
			out = append(out, f)
			have[f] = true
		}
	}
	return out
}

// placeAdjectives returns the German adjectives of the one-word names
// among names: the name and "er" ("Pekinger", "Moskauer", "Teheraner",
// "Kiewer"), for a capitalised name that ends in a lower-case letter other
// than "e" (those make theirs otherwise).
func placeAdjectives(names []string) []string {
	var out []string
	for _, n := range names {
		n = strings.TrimSpace(n)
		first, _ := utf8.DecodeRuneInString(n)
		last, _ := utf8.DecodeLastRuneInString(n)
		if n == "" || strings.ContainsAny(n, " -") || !unicode.IsUpper(first) || !unicode.IsLower(last) || last == 'e' {
			continue
		}
		out = append(out, n+"er")
	}
	return out
}

// splitCue reports whether a cue is digits alone that make a year
// (1900 to 2099) or only zeros: what is left of "May 1, 2018" or
// "20,000" when a comma of a YAML flow list splits it.
func splitCue(cue string) bool {
	c := strings.TrimSpace(cue)
	if c == "" || strings.Trim(c, "0123456789") != "" {
		return false
	}
	return strings.Trim(c, "0") == "" || len(c) == 4 && (strings.HasPrefix(c, "19") || strings.HasPrefix(c, "20"))
}

// warnDateCues warns of a fact's cue that is itself a date other than the
// fact's ("28. Januar" among the cues of a report dated 2024-02-15): a cue
// ties the dates near it to its fact, so every article that gives that date
// would be told it disagrees with the fact. Usually the date is that of
// another event of the story, which wants a fact of its own.
func (ls *loadState) warnDateCues(f factSpec, date time.Time, cues node) {
	for j, cue := range f.Cues {
		if splitCue(cue) {
			// "2018" from "[May 1, 2018]", "000" from "[20,000]": a comma
			// of a flow list split the cue the file meant.
			ls.warnings = append(ls.warnings, cues.index(j).errf(
				`quote a cue that holds a comma ("May 1, 2018", "20,000")`,
				"fact %q: the cue %q is a year or zeros alone, what a comma in a [list] leaves of \"May 1, 2018\" or \"20,000\": "+
					"it names no fact, and no date that holds it is tied to it", f.ID, cue))
			continue
		}
		for _, m := range dates.Find(cue) {
			if m.Month == 0 || m.Day == 0 || (m.Kind != dates.Full && m.Kind != dates.DayMonth) {
				continue
			}
			year := m.Year
			if m.Kind == dates.DayMonth {
				year = date.Year()
			}
			given := time.Date(year, time.Month(m.Month), m.Day, 0, 0, 0, 0, time.UTC)
			if m.Kind == dates.DayMonth {
				// The nearest of the day in the fact's year and its neighbours.
				for _, y := range []int{date.Year() - 1, date.Year() + 1} {
					g := time.Date(y, time.Month(m.Month), m.Day, 0, 0, 0, 0, time.UTC)
					if absDays(g.Sub(date)) < absDays(given.Sub(date)) {
						given = g
					}
				}
			}
			if absDays(given.Sub(date)) <= f.ToleranceDays {
				continue
			}
			ls.warnings = append(ls.warnings, cues.index(j).errf(
				"give that date a fact of its own (type: event) and take it out of these cues",
				"fact %q: the cue %q is a date, %s, not the fact's (%s): every article that gives it will be told it disagrees with this fact",
				f.ID, cue, given.Format("2006-01-02"), date.Format("2006-01-02")))
		}
	}
}
