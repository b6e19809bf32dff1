package rules

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"sourcescore"
	"sourcescore/rules/internal/engine"
)

// denialSpec: the accused side's denial must be reported, tied to the
// accused side and to the story, and not buried at the end.
type denialSpec struct {
	Header    `yaml:",inline"`
	Cues      Terms    `yaml:"cues"`       // the general wording of denial (German, English); a story file adds its own
	About     []string `yaml:"about"`      // words for the report and its claims: a denial must be about one of them, the primary source or the story's about words; they also date a story's report fact
	AboutActs []string `yaml:"about_acts"` // words for what the accused side may deny doing or taking part in ("Beteiligung", "role", "incident", "behind"): a denial may be about them too, but they name no report and date no report fact
	// AboutCharges are charges in general ("espionage", "interference",
	// "Spionage", "Einmischung"): an about word followed by "of", "über",
	// … and one of them ("allegations of espionage", "Vorwürfe über
	// Einmischung") is about the story, not about something else: the
	// accused side denying a charge of its kind in an article on the
	// story denies the story's.
	AboutCharges         []string `yaml:"about_charges"`
	CounterClaims        Terms    `yaml:"counter_claims"`         // a counter-claim that blames someone else ("only the other side had the means"): a denial when the accused side says it of another party
	NoComment            Terms    `yaml:"no_comment"`             // wording of "declined to comment": no denial, reported as an info finding
	TopicWindow          int      `yaml:"topic_window"`           // sentences before the denial that may name what is denied (default 1)
	LateFraction         float64  `yaml:"late_fraction"`          // a denial first reported after this share of the body's sentences is buried (default 0.8; 1 disables)
	LateScore            float64  `yaml:"late_score"`             // score of a buried denial (default 0.5)
	LateSeverity         string   `yaml:"late_severity"`          // severity of the buried-denial finding (default warning)
	MinSentences         int      `yaml:"min_sentences"`          // a body of fewer sentences buries nothing (default 5)
	LateAfter            int      `yaml:"late_after"`             // a denial in the body's first late_after sentences is never buried: a reader gets that far (default 10; 1 leaves late_fraction alone)
	NonAgentPrepositions []string `yaml:"non_agent_prepositions"` // an actor right after one of these is not the one denying ("Kontakt zu Putin")
	// RefusedObjects are the things a denial word may refuse that are no
	// claim: a denial word whose object is one of them ("rejected the
	// request", "denied access", "wies den Antrag zurück") refuses a
	// request, it does not deny the report.
	RefusedObjects []string `yaml:"refused_objects"`
	// Adjectives are the denial words that are adjectives ("unfounded",
	// "fake", "haltlose"). Right before a noun one says what that noun is:
	// it denies only where the noun, or the word after it, is one of about
	// or about_acts ("unfounded allegations", "haltlose Vorwürfe"). Before
	// another noun it describes something else: "Moscow's effort to raise
	// unfounded questions", "Russia made fake video".
	Adjectives  []string `yaml:"adjectives"`
	SpeechVerbs []string `yaml:"speech_verbs"` // verbs of saying: the party they name is the one who denies ("…, sagte Peskow")
	// Verbs of a finding ("concluded", "stellte … fest"): like a verb of
	// saying, one whose subject is no pronoun names the sentence's own
	// speaker, so the sentence before's party is not who denies; unlike
	// one, it does not make the party after it speak ("concludes China …").
	FindingVerbs []string `yaml:"finding_verbs"`
	// HeardScore and HeardSeverity: no denial wording found, but the
	// accused side is heard on the story ("the ministry said a fire
	// detonated ammunition"): its own version may answer the report in
	// words no rule knows, so the finding asks the analyst to read it and
	// claims no missing denial (default 0.5, info; a grade cap at 0 does
	// not apply).
	HeardScore    float64 `yaml:"heard_score"`
	HeardSeverity string  `yaml:"heard_severity"`
	// StateAdjectives and StateNouns: an institution of the accused
	// country named by the country's adjective ("die iranische
	// Luftfahrtbehörde", "the Russian defence ministry") is the accused
	// side though the story file does not list it. StateAdjectives maps an
	// adjective (German without its ending: "russisch" for "russische",
	// "russischen") to the country's names; it applies when the story's
	// accused side has one of those names among its aliases. StateNouns
	// are the institutions, matched at a word's end ("Luftfahrtbehörde" by
	// "behörde"), at most three words after the adjective.
	StateAdjectives map[string][]string `yaml:"state_adjectives"`
	StateNouns      []string            `yaml:"state_nouns"`
}

var denialKind = kindSpec{
	summary: "looks for denial wording (the rule's cues and the story's) in a sentence whose nearest actor is the accused side and that (or the sentence before) is about the story; a missing denial is a finding, a buried one (late in the body, by sentences) a lesser one, and \"declined to comment\" an info finding",
	params:  func() any { return new(denialSpec) },
	compile: func(spec any, x node, ls *loadState, errs *ErrorList) checker {
		s := spec.(*denialSpec)
		if s.TopicWindow == 0 {
			s.TopicWindow = 1
		}
		if s.MinSentences == 0 {
			s.MinSentences = 5
		}
		if s.LateAfter == 0 {
			s.LateAfter = 15
		}
		if s.LateAfter < 0 {
			*errs = append(*errs, x.get("late_after").errf("a number of sentences, 1 or more", "late_after %d is out of range", s.LateAfter))
		}
		defaultFloat(&s.LateFraction, 0.8)
		defaultFloat(&s.LateScore, 0.5)
		defaultFloat(&s.HeardScore, 0.5)
		checkRange(x, "late_fraction", s.LateFraction, 0, 1, errs)
		checkRange(x, "late_score", s.LateScore, 0, 1, errs)
		checkRange(x, "heard_score", s.HeardScore, 0, 1, errs)
		if s.TopicWindow < 0 || s.TopicWindow > 10 {
			*errs = append(*errs, x.get("topic_window").errf("a number of sentences from 0 to 10", "topic_window %d is out of range", s.TopicWindow))
		}
		late := sourcescore.SeverityWarning
		if s.LateSeverity != "" {
			var err error
			if late, err = sourcescore.ParseSeverity(s.LateSeverity); err != nil {
				*errs = append(*errs, x.get("late_severity").errf("info, warning or error", "%v", err))
			}
		}
		heard := sourcescore.SeverityInfo
		if s.HeardSeverity != "" {
			var err error
			if heard, err = sourcescore.ParseSeverity(s.HeardSeverity); err != nil {
				*errs = append(*errs, x.get("heard_severity").errf("info, warning or error", "%v", err))
			}
		}
		preps := map[string]bool{}
		for _, p := range s.NonAgentPrepositions {
			preps[sourcescore.LowerSameLength(p)] = true
		}
		dn := &denial{spec: s, late: late, heard: heard, preps: preps, speech: map[string]bool{}}
		for _, v := range s.SpeechVerbs {
			dn.speech[sourcescore.LowerSameLength(v)] = true
		}
		dn.refused = map[string]bool{}
		for _, w := range s.RefusedObjects {
			dn.refused[sourcescore.LowerSameLength(strings.TrimSpace(w))] = true
		}
		dn.adjectives = map[string]bool{}
		for _, w := range s.Adjectives {
			dn.adjectives[sourcescore.LowerSameLength(strings.TrimSpace(w))] = true
		}
		dn.aboutWords = map[string]bool{}
		for _, w := range append(slices.Clip(s.About), s.AboutActs...) {
			dn.aboutWords[sourcescore.LowerSameLength(strings.TrimSpace(w))] = true
		}
		for _, w := range s.AboutCharges {
			if w = sourcescore.LowerSameLength(strings.TrimSpace(w)); w != "" {
				dn.charges = append(dn.charges, w)
			}
		}
		dn.finding = map[string]bool{}
		for _, v := range s.FindingVerbs {
			dn.finding[sourcescore.LowerSameLength(v)] = true
		}
		if len(s.Cues.Phrases)+len(s.Cues.Patterns) > 0 {
			dn.cues = ls.compileTerms(s.Cues, x.get("cues"), errs)
		}
		if len(s.CounterClaims.Phrases)+len(s.CounterClaims.Patterns) > 0 {
			dn.counter = ls.compileTerms(s.CounterClaims, x.get("counter_claims"), errs)
		}
		if len(s.NoComment.Phrases)+len(s.NoComment.Patterns) > 0 {
			dn.noComment = ls.compileTerms(s.NoComment, x.get("no_comment"), errs)
		}
		dn.reportWords = ls.eng.Phrases(s.About)
		dn.about = dn.reportWords
		if len(s.AboutActs) > 0 {
			dn.about = ls.eng.Phrases(append(slices.Clip(s.About), s.AboutActs...))
		}
		dn.stateOf = map[string][]string{}
		for adj, names := range s.StateAdjectives {
			if strings.TrimSpace(adj) == "" || strings.Contains(strings.TrimSpace(adj), " ") || len(names) == 0 {
				*errs = append(*errs, x.get("state_adjectives").errf("one adjective (one word) and the list of its country's names", "state adjective %q", adj))
				continue
			}
			for _, n := range names {
				dn.stateOf[sourcescore.LowerSameLength(strings.TrimSpace(adj))] = append(dn.stateOf[sourcescore.LowerSameLength(strings.TrimSpace(adj))], sourcescore.LowerSameLength(strings.TrimSpace(n)))
			}
		}
		for i, n := range s.StateNouns {
			if n = strings.TrimSpace(n); n == "" || strings.Contains(n, " ") {
				*errs = append(*errs, x.get("state_nouns").index(i).errf("one word", "state noun %q", n))
				continue
			}
			dn.stateNouns = append(dn.stateNouns, sourcescore.LowerSameLength(n))
		}
		// "The ministry", "die Regierung": every state noun after a
		// definite article, found by the set's one scan (anaphors).
		var anaphors []string
		for _, n := range dn.stateNouns {
			if !vagueHeads[n] {
				for _, a := range slices.Sorted(maps.Keys(definiteArticles)) {
					anaphors = append(anaphors, a+" "+n)
				}
			}
		}
		if len(anaphors) > 0 {
			dn.anaphorSet = ls.eng.Phrases(anaphors)
		}
		// Every form of every adjective, found by the set's one scan.
		for _, adj := range slices.Sorted(maps.Keys(dn.stateOf)) {
			for _, e := range append([]string{""}, germanEndings...) {
				dn.stateForms = append(dn.stateForms, adj+e)
				dn.stateKey = append(dn.stateKey, adj)
			}
		}
		dn.stateAdj = ls.eng.Phrases(dn.stateForms)
		// Every country name, with the adjectives that name it.
		byName := map[string][]string{}
		for adj, names := range s.StateAdjectives {
			for _, n := range names {
				n = strings.TrimSpace(n)
				byName[n] = append(byName[n], sourcescore.LowerSameLength(strings.TrimSpace(adj)))
			}
		}
		names := slices.Sorted(maps.Keys(byName))
		for _, n := range names {
			dn.countryAdjs = append(dn.countryAdjs, byName[n])
		}
		dn.countries = ls.eng.Phrases(names)
		if len(dn.stateOf) > 0 && len(dn.stateNouns) == 0 || len(dn.stateOf) == 0 && len(dn.stateNouns) > 0 {
			*errs = append(*errs, x.errf("give both state_adjectives and state_nouns, or neither", "state_adjectives and state_nouns go together"))
		}
		return dn
	},
}

type denial struct {
	spec        *denialSpec
	late        sourcescore.Severity
	heard       sourcescore.Severity // the accused side heard without denial wording
	preps       map[string]bool
	speech      map[string]bool     // SpeechVerbs, lower-cased
	finding     map[string]bool     // FindingVerbs, lower-cased
	refused     map[string]bool     // RefusedObjects, lower-cased
	adjectives  map[string]bool     // Adjectives, lower-cased
	aboutWords  map[string]bool     // About and AboutActs, lower-cased
	charges     []string            // AboutCharges, lower-cased
	cues        *engine.Matcher     // general denial wording; nil when the rule lists none
	counter     *engine.Matcher     // counter-claims; nil when none
	noComment   *engine.Matcher     // "declined to comment"; nil when none
	about       *engine.PhraseSet   // general words for the report and its claims, and for what the accused side may deny doing (about and about_acts)
	reportWords *engine.PhraseSet   // the words for the report and its claims alone (about): they date a story's report fact
	stateOf     map[string][]string // StateAdjectives, lower-cased
	stateNouns  []string            // StateNouns, lower-cased
	stateAdj    *engine.PhraseSet   // every form of every state adjective (stateForms); nil when none
	anaphorSet  *engine.PhraseSet   // a definite article and a state noun ("the ministry"); nil when none
	stateForms  []string            // the forms, and
	stateKey    []string            // the adjective of each
	// countries finds the countries' names of StateAdjectives;
	// countryAdjs are the adjectives of each, by pattern.
	countries   *engine.PhraseSet
	countryAdjs [][]string
}

var _ checker = (*denial)(nil)

// actorMention is a mention of a party in a sentence.
type actorMention struct {
	start, end int
	accused    bool
}

// buried reports whether a denial first reported in sentence si (from 0)
// of a body of n sentences is buried: past the first late_fraction of the
// sentences, in a body of at least min_sentences, and past the first
// late_after sentences, which a reader reads in any article: a short news
// item that ends on the denial ("Der Kreml wies den Bericht zurück.")
// gives it the place such items give the reaction.
func (dn *denial) buried(si, n int) bool {
	sp := dn.spec
	return sp.LateFraction < 1 && n >= sp.MinSentences && si+1 > sp.LateAfter && float64(si+1)/float64(n) > sp.LateFraction
}

func (dn *denial) apply(d *Doc) outcome {
	st := d.Story
	if st == nil {
		return notApplied("not scored: the article matches no story")
	}
	if st.accused == nil {
		return notApplied(fmt.Sprintf("not scored: story %s names no accused side", st.ID))
	}
	if dn.cues.Empty() && st.denialCues.Empty() {
		return notApplied(fmt.Sprintf("not scored: neither the rule nor story %s has denial wording", st.ID))
	}
	accused := notInOutletName(d, dn.withState(d, st, d.find(st.accused), d.find(st.primary)))
	others := notInOutletName(d, d.find(st.others))
	// The primary source speaks too ("…, so Trudeau"): where it is who
	// says the cue, the cue is not the accused side's.
	primary := notInsideLonger(d.find(st.primary), accused)
	accused = append(accused, dn.anaphors(d, accused, others, primary)...)
	slices.SortStableFunc(accused, func(a, b engine.Match) int { return a.Start - b.Start })
	// The story's thing named again by its head noun ("die Rebellen" of
	// M23-Rebellen) is the story too.
	specific := append(st.topicWords(d), d.find(st.heads)...)
	// A party named inside a longer phrase of the story's own is the story,
	// not another party: "Malaysia" in "Malaysia Airlines" of a story
	// matched by "Malaysia Airlines".
	others = notInsideLonger(others, specific)
	// Another party in the denial's sentence makes it that party's affair
	// ("bestritt, dass er und Trump in Kontakt geblieben seien"), unless a
	// preposition governs it: "has made démarches with the United States"
	// names whom the accused side answers, not whose affair it is.
	ungoverned := make([]engine.Match, 0, len(others))
	for _, m := range others {
		if !dn.preps[governingWord(d, m.Start)] {
			ungoverned = append(ungoverned, m)
		}
	}
	// A report "about" the story's people (the other parties) is about the
	// story: "Berichte über eine Absprache mit dem Betreiber".
	general, elsewhere := dn.generalAbout(d, append(append([]engine.Match(nil), specific...), d.find(st.others)...))
	about := append(general, specific...)
	// Which cues are phrases (a phrase's own "nicht" never negates it), and
	// the patterns the others came from (nor does one the pattern writes).
	phrase := map[engine.Match]bool{}
	written := map[engine.Match]string{}
	for _, m := range []*engine.Matcher{dn.cues, st.denialCues} {
		for _, c := range d.findTerms(m) {
			if m.IsPhrase(c) {
				phrase[c] = true
			} else {
				written[c] = m.Source(c)
			}
		}
	}
	cues := engine.LeftmostLongest(append(append([]engine.Match(nil), d.findTerms(dn.cues)...), d.findTerms(st.denialCues)...))
	counter := d.findTerms(dn.counter)
	if len(counter) > 0 {
		cues = append(cues, counter...)
		for _, c := range counter {
			if dn.counter.IsPhrase(c) {
				phrase[c] = true
			} else if _, ok := written[c]; !ok {
				written[c] = dn.counter.Source(c)
			}
		}
		slices.SortStableFunc(cues, func(a, b engine.Match) int { return a.Start - b.Start })
	}
	n := len(d.sentences)
	for _, c := range cues {
		si := d.sentenceAt(c.Start)
		if si < 0 {
			continue
		}
		sent := d.sentences[si]
		if negated(d, c, sent, phrase[c], written[c]) {
			continue // "kein Dementi", "did not deny", "wies den Bericht nicht zurück"
		}
		if truncatedCompound(d.Body, c.End) {
			continue // "die Lügen- und Verzerrungskampagne": the first part of a compound, whose head says what it is
		}
		if dn.refusesRequest(d, c, sent, phrase[c]) {
			continue // "rejected the request to visit the site": no claim denied
		}
		if removedFrom(d, c) {
			continue // "he was dismissed from the agency": removed from a post
		}
		if phrase[c] && dn.qualifiesOther(d, c, sent) {
			continue // "to raise unfounded questions", "made fake video": not what the report is called
		}
		if dn.spreadContent(d, c, sent, accused, withPrimaryOf(others, primary)) {
			continue // "verstärkt die Falschmeldungen", "Fake-News-Kampagnen": what the accused side is said to spread
		}
		if !slices.Contains(counter, c) && accusedOfIt(d, c, sent, accused) {
			continue // "wirft Russland Falschinformationen vor": what the accused side is accused of
		}
		var agent actorMention
		var ok bool
		isCounter := slices.Contains(counter, c)
		if isCounter {
			// Who blames another: the speaker outside the claim, and the
			// blamed inside it must not be the accused side itself.
			if overlapsWithin(accused, c) {
				continue
			}
			// The one who blames stands before the claim ("Die Regierung
			// macht dafür die Gruppe APT28 verantwortlich, die vom GRU
			// gesteuert wird": not the GRU).
			agent, ok = dn.agent(d, sent, c, before(accused, c), before(others, c), outside(primary, c))
			// "als der albanische Führer den Iran beschuldigte, …": a
			// party in the accusative right before the verb at the end of
			// its clause is the one accused, not the one who accuses.
			if ok && agent.accused && accusativeBefore(d, agent, c) {
				continue
			}
			if ok && agent.start < sent.start && blames(d.Lower[c.Start:c.End]) && ownSubject(d.Body[sent.start:c.Start]) {
				continue
			}
			// Its own version of what happened in a sentence with no verb
			// of saying after it ("Bei den Angeklagten handelt es sich um
			// …") is the accused side's only where the sentence before
			// names it as the one who speaks, not merely last.
			if ok && agent.start < sent.start && !blames(d.Lower[c.Start:c.End]) && !dn.saysIn(d.Lower[c.End:sent.end]) &&
				!dn.namedSpeaker(d, d.sentences[d.sentenceAt(agent.start)], agent) {
				continue
			}
		} else {
			agent, ok = dn.agent(d, sent, c, accused, others, primary)
		}
		if !ok || !agent.accused {
			continue
		}
		// A counter-claim by the accused side ("Das waren andere") answers
		// the story whatever words it uses; other denials must name it.
		if !isCounter && !dn.onTopic(d, si, about, elsewhere, ungoverned, agent, c.End) && !dn.introOnTopic(d, si, c, about, elsewhere, ungoverned, agent) {
			continue
		}
		// Where the denial stands is counted in sentences, so that blank
		// lines between paragraphs change nothing.
		where := fmt.Sprintf("sentence %d of %d", si+1, n)
		by := d.evidence(agent.start, agent.end)
		buried := dn.buried(si, n)
		if buried && !d.cutOff() {
			sev := dn.late
			return outcome{score: dn.spec.LateScore, note: "denial by " + by + " only in " + where,
				hits: []hit{{start: c.Start, end: c.End, detail: "The accused side's denial is buried: denial by " + by + " first reported in " + where, severity: &sev, message: true}}}
		}
		if buried {
			where += " (the text stops mid-sentence, so where the article ends is unknown: not judged buried)"
		}
		info := sourcescore.SeverityInfo
		return outcome{score: 1, note: "denial by " + by + " in " + where,
			hits: []hit{{start: c.Start, end: c.End, detail: "denial by " + by + " reported in " + where, severity: &info, own: true}}}
	}
	if m, by, ok := dn.heardOnTopic(d, accused, others, about, elsewhere, ungoverned); ok {
		sev := dn.heard
		where := fmt.Sprintf("sentence %d of %d", d.sentenceAt(m.Start)+1, n)
		return outcome{score: dn.spec.HeardScore, note: "no denial wording; " + by + " is heard on the story in " + where,
			hits: []hit{{start: m.Start, end: m.End, severity: &sev, own: true, // evidence of the accused side's voice, not a missing denial
				detail: "No denial wording found, but the accused side is heard on the story: " + by + " in " + where + "; read whether its statement answers the report"}}}
	}
	hits := []hit{{start: -1, detail: "no denial by " + st.AccusedName + " found"}}
	note := "no denial by " + st.AccusedName
	if nc, by, ok := dn.declined(d, accused, others, primary); ok {
		info := sourcescore.SeverityInfo
		hits = append(hits, hit{start: nc.Start, end: nc.End, detail: "The accused side declined to comment: " + by, severity: &info, message: true})
		note += "; " + by + " declined to comment"
	}
	return outcome{score: 0, note: note, hits: hits}
}

// heardOnTopic returns the first mention of the accused side framed as the
// one who speaks ("the Russian defence ministry said", "laut Kreml",
// "according to Moscow", "…, sagte Peskow") in a sentence about the story,
// with the mention's words.
func (dn *denial) heardOnTopic(d *Doc, accused, others, about, elsewhere, ungoverned []engine.Match) (engine.Match, string, bool) {
	silent := d.findTerms(dn.noComment)
	for _, m := range accused {
		si := d.sentenceAt(m.Start)
		if si < 0 {
			continue
		}
		sent := d.sentences[si]
		if declinedAfter(d, silent, m, sent) {
			continue // "Ungarn äußerte sich nicht", "Israel declined to comment": not heard
		}
		before := strings.Fields(d.Lower[sent.start:m.Start])
		accordingTo := len(before) >= 2 && before[len(before)-2] == "according" && before[len(before)-1] == "to" ||
			len(before) >= 3 && before[len(before)-3] == "according" && before[len(before)-2] == "to"
		// "nach Angaben aus Moskau", "Angaben des russischen Verteidigungsministeriums".
		angaben := len(before) >= 2 && before[len(before)-2] == "angaben" && angabenLinks[before[len(before)-1]] ||
			len(before) >= 3 && before[len(before)-3] == "angaben" && angabenLinks[before[len(before)-2]] && determiners[before[len(before)-1]]
		if dn.preps[governingWord(d, m.Start)] && !opensWithAus(d.Lower[sent.start:m.Start]) && !accordingTo && !angaben && !dn.withSpeaking(d, m.Start, m.End, sent) {
			continue // "Kontakt zu Putin": not who speaks
		}
		after := strings.Fields(d.Lower[m.End:sent.end])
		if len(after) > 0 && (strings.TrimRight(after[0], ".,;:!?") == "nicht" || after[0] == "didn't" || after[0] == "didn’t" ||
			after[0] == "did" && len(after) > 1 && after[1] == "not") {
			continue // "Woher sie es hat, sagte Simonjan nicht", "Moscow did not say": a verb of saying negated is no statement
		}
		// After it, a verb of saying ("Peskov said", "the ministry also
		// said"), not a passive ("Russia is said to have planned").
		framed := angaben || len(after) > 0 && !passiveAux[strings.Trim(after[0], ",")] && !endsQuotation(d.Body, m.Start, m.End) &&
			!endsClause(d, sent, m, after) && dn.speechIn(after)
		// Before it, a verb of saying with nothing but titles and articles
		// between ("sagte Kremlsprecher Peskow", "laut Kreml", "according
		// to the ministry"); "Es hieß, Putin wolle ..." and "said that
		// Putin uses doubles" report what is said of Putin, not what he says.
		if !framed {
			// "said Israel would respond" reports what is said of Israel:
			// the party opens the reported clause.
			framed = dn.speakerBefore(d, sent, m.Start, 3, accordingTo) && (len(after) == 0 || !clauseVerbs[after[0]])
		}
		if !framed {
			continue
		}
		agent := actorMention{m.Start, m.End, true}
		if dn.onTopic(d, si, about, elsewhere, ungoverned, agent, -1) {
			return m, d.evidence(m.Start, m.End), true
		}
	}
	return engine.Match{}, "", false
}

// declinedAfter reports whether one of the no-comment matches begins in
// the mention's sentence at most three words after it.
func declinedAfter(d *Doc, silent []engine.Match, m engine.Match, sent span) bool {
	for _, c := range silent {
		if c.Start >= m.End && c.End <= sent.end && len(strings.Fields(d.Lower[m.End:c.Start])) <= 3 {
			return true
		}
	}
	return false
}

// angabenLinks are the words that join "Angaben" to whose statement it is:
// "nach Angaben aus Moskau", "Angaben des Ministeriums".
var angabenLinks = map[string]bool{"aus": true, "von": true, "vom": true, "des": true, "der": true}

// clauseVerbs are the auxiliaries, modals and verbs that follow the subject
// of a reported clause with "that" left out: after "said Israel would
// respond" Israel is not who speaks.
var clauseVerbs = map[string]bool{"would": true, "will": true, "was": true, "were": true, "is": true, "are": true,
	"had": true, "has": true, "have": true, "could": true, "can": true, "should": true, "shall": true, "may": true,
	"might": true, "must": true, "did": true, "does": true, "do": true, "wanted": true, "wants": true, "planned": true,
	"plans": true, "intended": true, "intends": true, "knew": true, "knows": true, "used": true, "needed": true,
	"needs": true, "tried": true, "tries": true, "sought": true, "seeks": true}

// passiveAux are the auxiliaries of a passive or reported "said": "is said
// to", "soll ... haben".
var passiveAux = map[string]bool{"is": true, "are": true, "was": true, "were": true, "be": true, "been": true,
	"being": true, "soll": true, "sollen": true, "sollte": true, "sollten": true}

// titleWord reports whether a word between a verb of saying and the
// speaker (lower-cased, and as written) may belong to the speaker's name:
// an article, the "to" of "according to", or a capitalised word (a title:
// "Kremlsprecher", "Außenministerin").
func titleWord(lower, written string) bool {
	switch lower {
	case "the", "der", "die", "das", "des", "dem", "den", "to":
		return true
	}
	r, _ := utf8.DecodeRuneInString(written)
	return unicode.IsUpper(r)
}

// overlapsWithin reports whether a mention lies inside the match.
func overlapsWithin(ms []engine.Match, c engine.Match) bool {
	for _, m := range ms {
		if m.Start >= c.Start && m.End <= c.End {
			return true
		}
	}
	return false
}

// notInOutletName returns the mentions that are not part of a paper's
// name made of a place and a word of the press: "the Times of India
// reported", "the Moscow Times wrote", "the Kyiv Independent" are the
// papers, not India, Russia or Ukraine speaking.
func notInOutletName(d *Doc, ms []engine.Match) []engine.Match {
	out := ms[:0:0]
	for _, m := range ms {
		next, _, _ := strings.Cut(strings.TrimLeft(d.Body[m.End:], " "), " ")
		next = strings.TrimRight(next, ".,;:!?\"'“”«»)")
		prev := strings.Fields(d.Body[max(0, m.Start-12):m.Start])
		if m.End < len(d.Body) && d.Body[m.End] == ' ' && pressWords[next] ||
			len(prev) >= 2 && prev[len(prev)-1] == "of" && pressWords[prev[len(prev)-2]] {
			continue
		}
		out = append(out, m)
	}
	return out
}

// pressWords name a paper after its place: "Moscow Times", "Kyiv Post",
// "Times of India", "Jerusalem Post", "Kyiv Independent".
var pressWords = map[string]bool{"Times": true, "Post": true, "Independent": true, "Herald": true, "Tribune": true,
	"Observer": true, "Journal": true, "Gazette": true, "Telegraph": true, "Chronicle": true, "Courier": true}

// notInsideLonger returns the mentions that do not lie inside a longer
// match of longer.
func notInsideLonger(ms, longer []engine.Match) []engine.Match {
	if len(longer) == 0 {
		return ms
	}
	out := ms[:0:0]
	for _, m := range ms {
		inside := false
		for _, l := range longer {
			if l.Start <= m.Start && m.End <= l.End && l.End-l.Start > m.End-m.Start {
				inside = true
				break
			}
		}
		if !inside {
			out = append(out, m)
		}
	}
	return out
}

// before returns the matches of ms that end before c begins.
func before(ms []engine.Match, c engine.Match) []engine.Match {
	var out []engine.Match
	for _, m := range ms {
		if m.End <= c.Start {
			out = append(out, m)
		}
	}
	return out
}

// outside returns the mentions that do not lie inside the match.
func outside(ms []engine.Match, c engine.Match) []engine.Match {
	var out []engine.Match
	for _, m := range ms {
		if m.Start >= c.End || m.End <= c.Start {
			out = append(out, m)
		}
	}
	return out
}

// contractedNot reports whether w, the word at off of lower, is the "t"
// of an English "n't" ("didn't", "won’t", "can't"): the apostrophe is no
// word character, so the contraction reads as two words.
func contractedNot(lower string, off int, w string) bool {
	if w != "t" || off < 2 {
		return false
	}
	r, size := utf8.DecodeLastRuneInString(lower[:off])
	if r != '\'' && r != '’' {
		return false
	}
	return strings.HasSuffix(lower[:off-size], "n")
}

// negators turn a denial word into its opposite.
var negators = map[string]bool{
	"kein": true, "keine": true, "keinen": true, "keinem": true, "keiner": true, "nicht": true, "nie": true, "niemals": true, "ohne": true, "niemand": true, "weder": true,
	"no": true, "not": true, "never": true, "without": true, "nobody": true, "neither": true, "cannot": true,
	// "didn't", "won’t": the apostrophe splits the word; contractedNot reads the "t".
}

// spreadContent reports whether a denial word names what the accused side
// is said to spread, not what it calls the report: the word is the first
// part of a compound ("Fake-News-Kampagnen"), or a verb of spreading stands
// among the three words before it in its sentence ("verstärkt die
// Falschmeldungen", "spreading fake news") or, in German, among the three
// after it ("erfundene Geschichten zu verbreiten"); and the party nearest
// before that, in the sentence, is the accused side, with no verb of
// saying between and none of accusing in the sentence up to it or in the
// denial's own words. Where the accused side says or alleges that
// others spread lies ("warf London vor, Desinformation zu verbreiten",
// "said spreading rumours was a US tactic"), the word still counts.
func (dn *denial) spreadContent(d *Doc, c engine.Match, sent span, accused, others []engine.Match) bool {
	at := -1 // where the spreading begins: the verb, or the compound's word
	if c.End+1 < len(d.Body) && d.Body[c.End] == '-' && wordStartsAt(d.Body, c.End+1) {
		at = c.Start
	}
	if at < 0 {
		from := c.Start
		for k := 0; k < 3 && from > sent.start; k++ {
			w := wordBefore(d.Lower[:from], from)
			if w == "" {
				break
			}
			from = strings.LastIndex(d.Lower[:from], w)
			if spreadVerbs[w] {
				at = from
				break
			}
			if spreadNouns[w] {
				// "Mit der Verbreitung der Falschinformationen wolle
				// Russland …": the noun names no spreader before it; the
				// accused side named anywhere in the sentence is one.
				if slices.ContainsFunc(accused, func(m engine.Match) bool { return m.Start >= sent.start && m.End <= sent.end }) {
					return !accuses(d.Lower[sent.start:sent.end])
				}
				break
			}
		}
	}
	if at < 0 && d.Lang == "de" && c.End < sent.end { // a pattern's match may run past its sentence's end
		after := strings.FieldsFunc(d.Lower[c.End:sent.end], func(r rune) bool { return !isWordRune(r) })
		for i := 0; i < min(3, len(after)); i++ {
			if spreadVerbs[after[i]] {
				at = c.Start
				break
			}
		}
	}
	if at < 0 {
		return false
	}
	nearest, isAccused := -1, false
	for k, ms := range [][]engine.Match{accused, others} {
		for _, m := range ms {
			if m.Start >= sent.start && m.End <= at && m.End > nearest {
				nearest, isAccused = m.End, k == 0
			}
		}
	}
	if nearest < 0 || !isAccused {
		return false
	}
	return !dn.saysIn(d.Lower[nearest:at]) && !accuses(d.Lower[sent.start:max(at, c.End)])
}

// accusedOfIt reports whether a denial word is what the accused side is
// accused of: the accused side's mention nearest before it in its sentence
// is the object of a verb of accusing right before it ("Die Regierung wirft
// Russland Falschinformationen vor", "accuses Moscow of lies"), with at most
// four words and no comma between the mention and the word. The accused
// side accusing others ("Russland wirft London Lügen vor") still denies.
func accusedOfIt(d *Doc, c engine.Match, sent span, accused []engine.Match) bool {
	nearest := -1
	for k, m := range accused {
		if m.Start >= sent.start && m.End <= c.Start && (nearest < 0 || m.End > accused[nearest].End) {
			nearest = k
		}
	}
	if nearest < 0 {
		return false
	}
	m := accused[nearest]
	between := d.Lower[m.End:c.Start]
	if strings.ContainsAny(between, ",;:") || len(strings.Fields(between)) > 4 {
		return false
	}
	w := wordBefore(d.Lower[:m.Start], m.Start)
	if determiners[w] {
		w = wordBefore(d.Lower[:m.Start], strings.LastIndex(d.Lower[:m.Start], w))
	}
	return accuses(w)
}

// accuses reports whether text, lower-cased, holds a verb of accusing
// ("warf … vor", "accused"): what follows is what someone is accused of.
func accuses(text string) bool {
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !isWordRune(r) }) {
		switch w {
		case "warf", "wirft", "warfen", "werfen", "vorgeworfen", "beschuldigte", "beschuldigt", "accused", "accuses",
			"accusing", "blamed", "blames":
			return true
		}
	}
	return false
}

// truncatedCompound reports whether the word ending at end is the first
// part of a German compound whose head comes after "und", "oder" or a
// comma ("Lügen- und Verzerrungskampagne", "Fake-, Hass- und
// Propagandaseiten"): a hyphen right after it, then a space.
func truncatedCompound(body string, end int) bool {
	if end+1 >= len(body) || body[end] != '-' {
		return false
	}
	rest := strings.TrimLeft(body[end+1:], " ")
	return len(rest) < len(body[end+1:]) && (strings.HasPrefix(rest, "und ") || strings.HasPrefix(rest, "oder ") || strings.HasPrefix(rest, "sowie ")) ||
		strings.HasPrefix(body[end+1:], ", ")
}

// spreadVerbs spread or amplify content: a denial word after them names
// what is spread.
var spreadVerbs = map[string]bool{"verbreitet": true, "verbreiten": true, "verbreitete": true, "verbreiteten": true,
	"verbreite": true, "streut": true, "streute": true, "streuten": true, "streuen": true, "verstärkt": true,
	"verstärkte": true, "verstärkten": true, "verstärken": true, "spread": true, "spreads": true, "spreading": true,
	"amplify": true, "amplifies": true, "amplified": true, "amplifying": true, "disseminate": true, "disseminates": true,
	"disseminated": true, "disseminating": true, "peddle": true, "peddles": true, "peddled": true, "peddling": true}

// spreadNouns name the spreading of content: a denial word after them
// names what is spread ("die Verbreitung von Falschinformationen").
var spreadNouns = map[string]bool{"verbreitung": true, "dissemination": true}

// negated reports whether a denial word is negated: a negator among the
// two words before it ("kein Dementi", "did not deny", "nicht
// zurückgewiesen"), or, for a pattern's cue that spans words ("wies ...
// zurück"), a negator inside it. A phrase's own words ("stimmt nicht",
// "not true") never negate it, nor does a negator the pattern (written,
// as in the rule file) names itself: "not our policy", "nicht Teil ihrer
// Politik".
func negated(d *Doc, c engine.Match, sent span, phrase bool, written string) bool {
	off := c.Start
	next := "" // the word after w, nearer the cue
	var before [2]string
	for k := 0; k < 4 && off > sent.start; k++ {
		w := wordBefore(d.Lower[:off], off)
		if w == "" {
			break
		}
		// Past the two words before the cue only for "confirm or": "did
		// not confirm or deny", "weder bestätigt noch dementiert".
		if k == 2 && !(orWords[before[0]] && confirmWords[before[1]]) {
			break
		}
		at := strings.LastIndex(d.Lower[:off], w)
		if (negators[w] || contractedNot(d.Lower, at, w)) && !onlyWords[next] {
			return true
		}
		if k < 2 {
			before[k] = w
		}
		off = at
		if off < 0 {
			break
		}
		next = w
	}
	if phrase {
		return false
	}
	inner := d.Lower[c.Start:c.End]
	for i := 0; i < len(inner); {
		w := wordAfter(inner, i, len(inner))
		if w == "" {
			i++
			continue
		}
		i += strings.Index(inner[i:], w) + len(w)
		if negators[w] && !onlyWords[wordAfter(inner, i, len(inner))] && !writesWord(written, w) {
			return true
		}
	}
	return false
}

// refusesRequest reports whether the denial word c has one of
// refused_objects for its object: the first word after it (for a pattern
// that spans words, "wies den Antrag zurück", after its first word) that
// is no article, determiner or possessive, or the word after that one (an
// adjective may stand before the noun: "rejected the UN's repeated
// requests").
func (dn *denial) refusesRequest(d *Doc, c engine.Match, sent span, phrase bool) bool {
	if len(dn.refused) == 0 {
		return false
	}
	off, end := c.End, sent.end
	if !phrase {
		first := wordAfter(d.Lower, c.Start, c.End)
		off = c.Start + strings.Index(d.Lower[c.Start:c.End], first) + len(first)
		end = c.End
	}
	content := 0
	for k, w := range strings.FieldsFunc(d.Lower[off:end], func(r rune) bool { return !isWordRune(r) }) {
		if k == 5 || content == 2 {
			break
		}
		if dn.refused[w] {
			return true
		}
		if !objectDeterminers[w] && w != "s" { // "s" of a possessive ("the magazine's request")
			content++
		}
	}
	return d.Lang == "en" && dn.refusedBefore(d, c, sent)
}

// refusedBefore reports whether an English relative clause holds the
// denial word c and one of refused_objects is what the clause is about:
// "an offer that has already been rejected by Tehran", "the request
// which Moscow rejected". The noun stands right before "that" or
// "which", at most five words before the cue, with no punctuation
// between.
func (dn *denial) refusedBefore(d *Doc, c engine.Match, sent span) bool {
	before := d.Lower[sent.start:c.Start]
	if i := strings.LastIndexAny(before, ",;:\"“”()"); i >= 0 {
		before = before[i+1:]
	}
	words := strings.Fields(before)
	for k := len(words) - 1; k >= 1 && k >= len(words)-5; k-- {
		if words[k] == "that" || words[k] == "which" {
			return dn.refused[words[k-1]]
		}
	}
	return false
}

// removedFrom reports whether the denial word c is "dismissed" in the
// sense of removed from a post: "he was dismissed from the agency". Who
// dismisses a claim dismisses it, not from somewhere.
func removedFrom(d *Doc, c engine.Match) bool {
	if d.Lang != "en" || !strings.HasPrefix(d.Lower[c.Start:c.End], "dismiss") {
		return false
	}
	return wordAfter(d.Lower, c.End, min(len(d.Lower), c.End+16)) == "from"
}

// qualifiesOther reports whether the denial word c is one of adjectives
// standing before a noun that is no report, claim or act (about,
// about_acts): then it says what that noun is, and denies nothing. The
// noun is the next word, with no punctuation between; in German a
// capitalised one (nouns are), in English any but a function word. The
// word after the noun counts too ("unfounded US claims", "fake Haitian
// voter video" has none), and so does a German compound's end
// ("haltlose Spionagevorwürfe").
func (dn *denial) qualifiesOther(d *Doc, c engine.Match, sent span) bool {
	if len(dn.adjectives) == 0 || !dn.adjectives[d.Lower[c.Start:c.End]] || c.End >= sent.end {
		return false
	}
	rest := d.Body[c.End:sent.end]
	if !strings.HasPrefix(rest, " ") {
		return false // a comma, a hyphen, a quotation mark: no noun follows
	}
	words := strings.Fields(rest)
	if len(words) == 0 {
		return false
	}
	next := words[0]
	n := strings.TrimRight(next, ".,;:!?")
	// The clause ends after the noun at its punctuation, not at an
	// abbreviation's point ("unfounded U.S. claims").
	ends := n != next && !(strings.HasSuffix(next, ".") && strings.Contains(n, "."))
	if strings.IndexFunc(n, func(r rune) bool { return !unicode.IsLetter(r) && r != '-' && r != '.' }) >= 0 {
		return false // a quotation mark, a digit: no plain noun follows
	}
	r, _ := utf8.DecodeRuneInString(n)
	if n == "" || d.Lang == "de" && !unicode.IsUpper(r) || d.Lang != "de" && notNounEN[strings.ToLower(n)] {
		return false
	}
	for k, w := range words[:min(2, len(words))] {
		w = sourcescore.LowerSameLength(strings.Trim(w, ".,;:!?\"'“”„«»()"))
		if dn.aboutWords[w] {
			return false
		}
		if d.Lang == "de" {
			for a := range dn.aboutWords {
				if len(a) >= 4 && strings.HasSuffix(w, a) {
					return false
				}
			}
		}
		if k == 0 && ends {
			break // the noun ends the clause
		}
	}
	return true
}

// notNounEN are English words that may follow a predicative adjective:
// after one of them the adjective is no noun's ("the claims were baseless
// and malicious", "dismissed as fake by Moscow").
var notNounEN = map[string]bool{"and": true, "or": true, "but": true, "nor": true, "by": true, "to": true, "of": true,
	"in": true, "on": true, "for": true, "with": true, "as": true, "at": true, "from": true, "that": true, "which": true,
	"who": true, "because": true, "since": true, "is": true, "are": true, "was": true, "were": true, "be": true,
	"been": true, "and/or": true, "than": true, "if": true, "when": true, "while": true, "after": true, "before": true,
	"he": true, "she": true, "it": true, "they": true, "we": true, "i": true, "you": true, "the": true, "a": true, "an": true,
	"this": true, "these": true, "those": true, "his": true, "her": true, "its": true, "their": true, "our": true,
	"said": true, "says": true, "say": true, "told": true, "added": true, "according": true}

// objectDeterminers are the articles, determiners and possessives
// before an object noun, German and English.
var objectDeterminers = map[string]bool{"the": true, "a": true, "an": true, "its": true, "their": true, "his": true, "her": true,
	"our": true, "this": true, "these": true, "that": true, "those": true, "all": true, "any": true, "every": true,
	"der": true, "die": true, "das": true, "den": true, "dem": true, "des": true, "ein": true, "eine": true, "einen": true,
	"einem": true, "einer": true, "sein": true, "seine": true, "seinen": true, "ihr": true, "ihre": true, "ihren": true,
	"diesen": true, "diese": true, "dieses": true, "alle": true, "jeden": true, "jede": true, "jedes": true}

// writesWord reports whether the regular expression src names the
// lower-case word w as a literal of its own ("(?i)\b(?:not|never)\s+..."
// names "not"), its escapes (\b, \s) read as no letters.
func writesWord(src, w string) bool {
	src = strings.ToLower(src)
	for i := 0; i < len(src); {
		k := strings.Index(src[i:], w)
		if k < 0 {
			return false
		}
		start, end := i+k, i+k+len(w)
		i = start + 1
		escaped := start >= 2 && src[start-2] == '\\' // the letter of an escape: \bnot
		if wordEndsAt(src, start) && !escaped || wordStartsAt(src, end) {
			continue
		}
		return true
	}
	return false
}

// orWords and confirmWords make "confirm or deny" one verb, negated by a
// negator before "confirm": "neither confirmed nor denied", "hat weder
// bestätigt noch dementiert", "did not confirm or deny".
var (
	orWords      = map[string]bool{"or": true, "nor": true, "noch": true, "oder": true}
	confirmWords = map[string]bool{"confirm": true, "confirmed": true, "confirms": true, "confirming": true, "bestätigt": true,
		"bestätigte": true, "bestätigen": true, "bestätigten": true}
)

// onlyWords after a negator make it "not only" ("wies nicht nur die
// Vorwürfe zurück, sondern …", "not only denied"): no negation.
var onlyWords = map[string]bool{"nur": true, "bloß": true, "allein": true, "only": true, "just": true, "merely": true}

// aboutQualifiers introduce what a report or claim is about ("Berichte
// über ...", "claims that ..."): a general about word followed by one of
// them is about the story only when what follows names it.
var aboutQualifiers = map[string]bool{
	"über": true, "zu": true, "zum": true, "zur": true, "wonach": true, "dass": true, "daß": true, "um": true,
	"about": true, "on": true, "of": true, "that": true, "regarding": true, "concerning": true, "into": true, "over": true,
}

// generalAbout returns where the rule's general about words (the report,
// claims, information) stand, leaving out those that say they are about
// something else: "Berichte über Putins Gesundheit" names no word of the
// story after "über", so a denial of it is a denial of something else.
// The others are returned as elsewhere.
func (dn *denial) generalAbout(d *Doc, specific []engine.Match) (out, elsewhere []engine.Match) {
	for _, m := range d.find(dn.about) {
		si := d.sentenceAt(m.Start)
		if si < 0 {
			continue
		}
		end := d.sentences[si].end
		if q := wordAfter(d.Lower, m.End, end); !aboutQualifiers[q] || datedAfter(d, m.End, q) {
			out = append(out, m) // "den Bericht am Dienstag", "the report on March 4": a date, not a topic
			continue
		}
		limit := min(end, m.End+120)
		named := false
		for _, x := range specific {
			if x.Start >= m.End && x.End <= limit {
				named = true
				break
			}
		}
		if !named && d.Story != nil {
			named = beginsCompound(d.Lower[m.End:limit], d.Story.stems)
		}
		if !named {
			named = pointsBack(d.Lower[m.End:limit])
		}
		if !named {
			named = dn.namesCharge(d.Lower[m.End:limit])
		}
		if named {
			out = append(out, m)
		} else {
			elsewhere = append(elsewhere, m)
		}
	}
	return out, elsewhere
}

// namesCharge reports whether text, what a report or claim is said to be
// about (lower-cased, from the word after the about word), names a charge
// in general: one of the rule's about_charges, or a German compound that
// begins with one, among the three words after the qualifier, the words
// before it being articles, pronouns or adjectives ("allegations of
// espionage", "claims of Chinese interference", "Vorwürfe über
// Spionageaktivitäten").
func (dn *denial) namesCharge(text string) bool {
	if len(dn.charges) == 0 {
		return false
	}
	words := strings.FieldsFunc(text, func(r rune) bool { return !isWordRune(r) })
	if len(words) < 2 {
		return false
	}
	for _, w := range words[1:min(len(words), 4)] {
		for _, c := range dn.charges {
			if strings.HasPrefix(w, c) && (len(w) == len(c) || len(c) >= 5) {
				return true
			}
		}
		if !chargeLead(w) {
			return false
		}
	}
	return false
}

// chargeLead reports whether w, lower-cased, may stand before the noun of a
// charge: an article, a pronoun or an adjective ("the", "any", "its",
// "alleged", "Chinese", "russische", "systematic", "gezielte").
func chargeLead(w string) bool {
	switch w {
	case "the", "a", "an", "any", "its", "their", "his", "her", "alleged", "illegal", "covert", "political",
		"der", "die", "des", "den", "dem", "eine", "einer", "einen", "angebliche", "angeblichen", "angeblicher",
		"mutmaßliche", "mutmaßlichen", "mutmaßlicher", "illegale", "illegalen", "politische", "politischen", "politischer":
		return true
	}
	for _, suf := range []string{"ese", "ian", "ish", "ische", "ischen", "ischer", "isch",
		// English adjectives and participles ("systematic", "extrajudicial",
		// "targeted"), German participles ("gezielte", "gezielten").
		"ic", "al", "ous", "ive", "ed", "te", "ten"} {
		if len(w) > len(suf)+2 && strings.HasSuffix(w, suf) {
			return true
		}
	}
	return false
}

// pointsBack reports whether text, what a report or claim is said to be
// about, points back to what the article told before rather than naming
// something else: "accusations that it is carrying out such attacks",
// "that we are interfering in this", "Vorwürfe über derartige Angriffe".
func pointsBack(text string) bool {
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !isWordRune(r) }) {
		if backPointers[w] {
			return true
		}
	}
	return false
}

// backPointers are the words of pointsBack.
var backPointers = map[string]bool{"such": true, "this": true, "these": true, "solche": true, "solchen": true, "solcher": true,
	"solches": true, "derartige": true, "derartigen": true, "derartiger": true, "dies": true, "diese": true, "diesen": true,
	"dieser": true, "dieses": true}

// beginsCompound reports whether a word of text is a longer word that
// begins with one of stems: a German compound of a story's word
// ("Berichte über den Truppenaufmarsch" names the story of Truppen).
func beginsCompound(text string, stems []string) bool {
	if len(stems) == 0 {
		return false
	}
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !isWordRune(r) }) {
		for _, st := range stems {
			if len(w) > len(st) && strings.HasPrefix(w, st) {
				return true
			}
		}
	}
	return false
}

// datedAfter reports whether the word q after off is followed by a date
// mention ("report on Tuesday", "claims of 4 March").
func datedAfter(d *Doc, off int, q string) bool {
	i := strings.Index(d.Lower[off:], q)
	if i < 0 {
		return false
	}
	next := off + i + len(q)
	for _, m := range d.dates() {
		if m.Start >= next && m.Start <= next+2 {
			return true
		}
		if m.Start > next+2 {
			break
		}
	}
	return false
}

// wordAfter returns the word that follows off, before end (lower-cased
// text), skipping spaces and a comma.
func wordAfter(lower string, off, end int) string {
	i := off
	for i < end && (lower[i] == ' ' || lower[i] == ',' || lower[i] == '\t') {
		i++
	}
	j := i
	for j < end {
		r, w := utf8.DecodeRuneInString(lower[j:])
		if !isWordRune(r) {
			break
		}
		j += w
	}
	return lower[i:j]
}

// declined finds the accused side declining to comment ("wollte sich
// nicht äußern", "declined to comment"): no denial, but what the article
// reports of the accused side.
func (dn *denial) declined(d *Doc, accused, others, primary []engine.Match) (engine.Match, string, bool) {
	for _, c := range d.findTerms(dn.noComment) {
		si := d.sentenceAt(c.Start)
		if si < 0 {
			continue
		}
		if agent, ok := dn.agent(d, d.sentences[si], c, accused, others, primary); ok && agent.accused {
			return c, d.evidence(agent.start, agent.end), true
		}
	}
	return engine.Match{}, "", false
}

// agent returns who denies: the party the sentence's speech frame names
// ("…, sagte Kremlsprecher Peskow", "Peskov said …", "so der Kreml"),
// else the party mentioned nearest to the cue. A party does not count
// right after one of non_agent_prepositions ("Kontakt zu Putin",
// "Ermordung von Papperger"), as the first part of a compound
// ("Rheinmetall-Chef", "China-Cuba base"), or deep inside a cue that spans
// words (the object of "wies Berichte über … zurück"). A sentence that names
// no party (a pronoun: "betonte er") takes the last party of the sentence
// before. The primary source's names (primary) count as parties where the
// frame names them as the speaker ("…, so Trudeau", "Trudeau emphasized
// that …") and in the sentence before: its words are often the story's
// report itself ("wies den WSJ-Bericht zurück"), never who denies.
func (dn *denial) agent(d *Doc, sent span, c engine.Match, accused, others, primary []engine.Match) (actorMention, bool) {
	if m, ok := dn.introducer(d, sent, c, accused, others, primary); ok {
		return m, true
	}
	if m, ok := bothParties(d, sent, c, accused, others); ok {
		return m, true
	}
	cands := dn.candidates(d, sent, c, accused, others)
	if q, ok := quoteAround(d, c); ok && len(cands) > 0 && !slices.ContainsFunc(cands, func(m actorMention) bool {
		return m.start < q.start || m.end > q.end || subjectOf(d, m, c)
	}) {
		// The parties inside a quotation of several sentences are what its
		// speaker, named after it, speaks of: in '"Russia has violated
		// our airspace four times, which is unacceptable. …," said the
		// foreign minister' the minister says it, not Russia. A party
		// right before the cue is its subject, whom the speaker reports
		// denying: '"In September, North Korea publicly denied it. …,"
		// the White House said'.
		if m, ok := dn.quoteSpeaker(d, sent, c, accused, withPrimaryOf(others, primary)); ok {
			return m, true
		}
	}
	if q, ok := quoteAround(d, c); ok {
		// A party before the quotation inside a reported clause is what
		// the speaker speaks of, not who speaks the quotation: "Der
		// Minister sagte, dass Ungarn verantwortlich sei: „Es gibt keine
		// Beweise …“".
		cands = slices.DeleteFunc(cands, func(m actorMention) bool {
			return m.end <= q.start && reportedClauseBefore(d.Lower[sent.start:m.start])
		})
	}
	var speaker actorMention // the primary source as the sentence's speaker, the nearest
	speakerDist := -1
	for _, m := range dn.candidates(d, sent, c, nil, primary) {
		if dist := gap(m.start, m.end, c.Start, c.End); dn.primarySpeaks(d, sent, m, c, cands) && !contrastSubject(d, m, c, cands) && (speakerDist < 0 || dist < speakerDist) {
			speaker, speakerDist = m, dist
		}
	}
	if len(cands) == 0 {
		if speakerDist >= 0 {
			return speaker, true
		}
		withPrimary := withPrimaryOf(others, primary)
		if m, ok := dn.quoteSpeaker(d, sent, c, accused, withPrimary); ok {
			return m, true
		}
		si := d.sentenceAt(sent.start)
		if si >= 0 && si+1 < len(d.sentences) && !d.inQuote(c.Start) {
			// "Such a situation is unacceptable. The ministers of X stated
			// this.", "… Das teilte X mit.": the sentence after names who
			// said it, and a speaker it names who is no party of the story
			// is not the accused side.
			next := d.sentences[si+1]
			if saysThis(d.Lower[next.start:next.end]) {
				if ns := dn.candidates(d, next, engine.Match{Start: next.end, End: next.end}, accused, withPrimary); len(ns) > 0 {
					return ns[0], true
				}
				return actorMention{}, false
			}
		}
		if si <= 0 || dn.othersSpeech(d.Lower[sent.start:c.Start]) {
			return actorMention{}, false
		}
		prev := d.sentences[si-1]
		end := engine.Match{Start: prev.end, End: prev.end}
		// A party inside a quotation there is what its speaker spoke of
		// ('„… der Gruppe APT28 zuordnen, die vom GRU gesteuert wird“,
		// sagte die Ministerin. Das sei „inakzeptabel“'), not who speaks on.
		// So is a party in what another speaker of it says ("Der
		// Geheimdienstrat stellte fest, dass die Regierung die Bande nicht
		// leitet. Dies widerspricht den Behauptungen …").
		cands = slices.DeleteFunc(dn.candidates(d, prev, end, accused, others), func(m actorMention) bool {
			return d.inQuote(m.start) || reportedClauseBefore(d.Lower[prev.start:m.start]) && dn.othersSpeech(d.Lower[prev.start:m.start])
		})
		// "Er sagte, …", "She said …": the pronoun is the sentence
		// before's speaker, whom a verb of saying names there ("Sunak
		// sagte, er habe es gegenüber Li Qiang angesprochen. Er sagte, das
		// sei inakzeptabel"), not its last party.
		tagAfter := c.End <= sent.end && dn.pronounTagAfter(d.Lower[c.End:sent.end]) // a cue may run past its sentence's end
		if pronounSpeaks(dn, d.Lower[sent.start:c.Start]) || tagAfter {
			all := append(append([]actorMention(nil), cands...), dn.candidates(d, prev, end, nil, primary)...)
			slices.SortFunc(all, func(a, b actorMention) int { return a.start - b.start })
			for _, m := range all {
				if dn.namedSpeaker(d, prev, m) {
					return m, true
				}
			}
			// No verb of saying names one there: the pronoun stands for
			// the sentence before's subject, its first party, not its
			// last ("… hat Borrell Russland Provokationen vorgeworfen. Das
			// sei inakzeptabel, kritisierte er").
			if tagAfter && len(all) > 0 {
				return all[0], true
			}
		}
		// The sentence before's last party, or its primary source where a
		// verb of saying names it after that party ("«…», so Trudeau."),
		// not where it is only named ("wies Woodwards Angaben zurück").
		for _, m := range slices.Backward(dn.candidates(d, prev, end, nil, primary)) {
			if (len(cands) == 0 || m.start > cands[len(cands)-1].start) && dn.namedSpeaker(d, prev, m) {
				return m, true
			}
		}
		if len(cands) == 0 {
			return actorMention{}, false
		}
		return cands[len(cands)-1], true
	}
	best, bestDist := actorMention{}, -1
	framed := false
	for _, m := range cands {
		f := dn.speaks(d, sent, m, c) && !contrastSubject(d, m, c, cands)
		dist := gap(m.start, m.end, c.Start, c.End)
		if f && !framed || f == framed && (bestDist < 0 || dist < bestDist) {
			best, bestDist, framed = m, dist, f
		}
	}
	if !framed && d.Lang == "de" && best.start >= c.End && strings.HasPrefix(strings.TrimLeft(d.Lower[c.End:best.start], " "), ",") &&
		!dn.speechIn(strings.Fields(d.Lower[c.End:best.start])) {
		// The cue ends its clause and the party stands in the clause after
		// the comma: what is denied, not who denies ("Ruanda hat die
		// Vorwürfe zurückgewiesen, es unterstütze die M23"). German puts
		// the subject of such a clause before the cue; a clause of saying
		// after the comma names the speaker ("…, erklärte die Sprecherin
		// des Weißen Hauses Karine Jean-Pierre").
		for _, m := range slices.Backward(cands) {
			if m.end <= c.Start {
				best, bestDist = m, gap(m.start, m.end, c.Start, c.End)
				break
			}
		}
	}
	if speakerDist >= 0 && (!framed || speakerDist < bestDist) {
		return speaker, true
	}
	if !best.accused {
		// Parties joined in one list speak together: "Kiew und Washington
		// wiesen jede Beteiligung zurück" is Kyiv's denial too.
		for _, m := range cands {
			if m.accused && (joinedInList(d, m, best) || coordinatedSubject(d, sent, m, best, c)) {
				return m, true
			}
		}
	}
	return best, true
}

// primarySpeaks reports whether the primary source's mention m is who says
// the cue: its verb of saying follows it at once ("Trudeau emphasized that
// …", not "blamed Ukraine, saying …", where the one who blames says it) or
// stands right before it ("Laut Pompeo gibt es keine Beweise"), or frames
// it after the cue ('"…", said Cameron'), and no other party stands
// between them: after the cue outside its quotation (one inside it is what
// the speaker speaks of), or up to three words before the cue, where it is
// the cue's own subject ("Aus der Ukraine hieß es, …, was Russland aber
// abstritt": Russia denies).
func (dn *denial) primarySpeaks(d *Doc, sent span, m actorMention, c engine.Match, cands []actorMention) bool {
	from, to := m.end, c.Start
	if m.start >= c.End {
		from, to = c.End, m.start
	} else {
		after := strings.Fields(d.Lower[m.end:sent.end])
		verbAfter := len(after) > 0 && dn.speech[strings.Trim(after[0], ",:;\"'„“”«»")] && !strings.HasPrefix(after[0], ",")
		before := !verbAfter && dn.framedBefore(d, sent, m)
		if !verbAfter && !before {
			return false
		}
		if before {
			// "Laut Pompeo gibt es keine Beweise": the frame names the
			// speaker of all that follows, unless a party right before
			// the cue is its subject.
			for _, o := range cands {
				if o.start >= m.end && o.end <= c.Start && len(strings.Fields(d.Lower[o.end:c.Start])) <= 3 {
					return false
				}
			}
			return true
		}
	}
	for _, o := range cands {
		if o.start >= from && o.end <= to && (m.start >= c.End && !d.inQuote(o.start) || m.start < c.End && len(strings.Fields(d.Lower[o.end:c.Start])) <= 3) {
			return false
		}
	}
	return dn.speaks(d, sent, m, c)
}

// endsClause reports whether the party m ends the clause before a comma
// that its verb of saying follows, the verb's own subject after it:
// "Unter den Diplomaten seien fünf Mitarbeiter russischer Geheimdienste,
// erklärte das Weiße Haus", "faked by Budapest, the magazine says". A
// party in an apposition, a comma at most maxAppositionWords words before
// it, speaks: "Der Sprecher, Dmitri Peskow, sagte", "The ship's captain,
// Russian Aleksander Stechentsev, claimed", "Ali Abedzadeh, head of Iran's
// Civil Aviation Organization, said".
func endsClause(d *Doc, sent span, m engine.Match, after []string) bool {
	if len(after) == 0 || after[0] != "," {
		return false
	}
	before := d.Body[sent.start:m.Start]
	comma := strings.LastIndexByte(before, ',')
	return comma < 0 || len(strings.Fields(before[comma+1:])) > maxAppositionWords
}

// maxAppositionWords is the most words between an apposition's comma and
// the party it names.
const maxAppositionWords = 6

// introducer returns who speaks a quotation that holds the cue when the
// text before the quotation introduces it: a colon ("Peskov said: „…“"), or
// a sentence before that ends with a statement ("In response, the embassy
// issued a statement. "The UK fabricates facts …""). The introduction's
// last party speaks, whatever parties the quotation names.
func (dn *denial) introducer(d *Doc, sent span, c engine.Match, accused, others, primary []engine.Match) (actorMention, bool) {
	intro, _, ok := quoteIntro(d, c)
	if !ok {
		return actorMention{}, false
	}
	withPrimary := withPrimaryOf(others, primary)
	end := engine.Match{Start: intro.end, End: intro.end}
	cands := dn.candidates(d, intro, end, accused, withPrimary)
	// A party inside a reported clause ("Pompeo erklärte, dass der Iran
	// verantwortlich sei: „…“") is what the speaker speaks of.
	for len(cands) > 0 && reportedClauseBefore(d.Lower[intro.start:cands[len(cands)-1].start]) {
		cands = cands[:len(cands)-1]
	}
	if len(cands) == 0 {
		return actorMention{}, false
	}
	return cands[len(cands)-1], true
}

// reportedClauseBefore reports whether before, the lower-cased text of a
// sentence before a party, opens a reported clause the party stands in:
// "dass", "ob", "that" or "whether".
func reportedClauseBefore(before string) bool {
	for _, w := range strings.Fields(before) {
		switch strings.Trim(w, ",;:\"'„“”«»") {
		case "dass", "ob", "that", "whether":
			return true
		}
	}
	return false
}

// subjectPronouns stand for a party named in an earlier sentence.
var subjectPronouns = map[string]bool{"er": true, "sie": true, "es": true, "man": true, "he": true, "she": true,
	"it": true, "they": true}

// quoteMarks are the quotation marks a word may carry at either end.
const quoteMarks = `"“”„«»‚‘’'`

// othersSpeech reports whether before, the lower-cased text of a sentence
// before its cue, has a verb of saying or of a finding whose subject is no
// pronoun: "The
// federal prosecutor had stressed that it was a politically motivated
// crime" names its own speaker, who is no party, and the party of the
// sentence before does not speak there ("He stressed", "sagte er" do).
// After a determiner such a word is a noun ('"These claims are
// unfounded," he said').
func (dn *denial) othersSpeech(before string) bool {
	ws := strings.Fields(before)
	for k, w := range ws {
		if w = strings.Trim(w, ",:;"); !dn.speech[w] && !dn.finding[w] || k == 0 {
			continue
		}
		if objectDeterminers[strings.Trim(ws[k-1], quoteMarks)] {
			continue // a noun: '"These claims are unfounded," he said'
		}
		pron := subjectPronouns[strings.Trim(ws[0], quoteMarks)] || subjectPronouns[strings.Trim(ws[k-1], ",")] ||
			k+1 < len(ws) && subjectPronouns[strings.Trim(ws[k+1], ",")]
		return !pron
	}
	return false
}

// ownSubject reports whether before, the text of a sentence before a
// claim that blames, ends with a name as the verb's subject (adverbs such
// as "directly" skipped): the one who blames is named there ("Pompeo
// directly blamed the Islamic Republic for …"), and a party of the sentence
// before is not who blames. A pronoun or a noun after an article ("He
// blamed", "the dictator accuses the EU of") refers back to it.
func ownSubject(before string) bool {
	ws := strings.Fields(before)
	for len(ws) > 0 {
		w := strings.ToLower(strings.Trim(ws[len(ws)-1], ","))
		if !strings.HasSuffix(w, "ly") && !subjectAdverbs[w] {
			break
		}
		ws = ws[:len(ws)-1]
	}
	if len(ws) == 0 {
		return false
	}
	last := strings.Trim(ws[len(ws)-1], ",")
	r, _ := utf8.DecodeRuneInString(last)
	if !unicode.IsUpper(r) || subjectPronouns[strings.ToLower(last)] {
		return false
	}
	return len(ws) == 1 || !determiners[strings.ToLower(ws[len(ws)-2])]
}

// subjectAdverbs stand between a subject and its verb ("Moskau wiederum
// warf", "Pompeo also blamed").
var subjectAdverbs = map[string]bool{"also": true, "then": true, "now": true, "again": true, "auch": true,
	"dann": true, "jetzt": true, "nun": true, "erneut": true, "wiederum": true, "bereits": true, "zudem": true}

// blames reports whether a counter-claim's text opens with a verb of
// blaming (its subject before it is the one who blames), not with the
// accused side's own version ("handelte es sich um", "said that …").
func blames(cue string) bool {
	for _, v := range []string{"accus", "blame", "beschuldig", "warf", "wirft", "werfen", "mach", "gab", "gib", "geb", "schob", "schieb"} {
		if strings.HasPrefix(cue, v) {
			return true
		}
	}
	return false
}

// pronounSpeaks reports whether before, the lower-cased text of a sentence
// before its cue, opens with a personal pronoun and a verb of saying right
// after it ("Er sagte", "She added").
// pronounTagAfter reports whether after, the lower-cased rest of a
// sentence after a cue, is a tag of saying with a pronoun for its speaker
// (', kritisierte er.', '," she said.'): the speaker is named in the
// sentence before.
func (dn *denial) pronounTagAfter(after string) bool {
	ws := strings.FieldsFunc(after, func(r rune) bool { return !isWordRune(r) })
	if len(ws) != 2 || strings.Count(after, ",") != 1 {
		return false
	}
	return dn.speech[ws[0]] && subjectPronouns[ws[1]] || subjectPronouns[ws[0]] && dn.speech[ws[1]]
}

func pronounSpeaks(dn *denial, before string) bool {
	ws := strings.Fields(before)
	return len(ws) >= 2 && subjectPronouns[ws[0]] && dn.speech[strings.Trim(ws[1], ",:;")]
}

// quoteAround returns the quotation the match c stands in.
func quoteAround(d *Doc, c engine.Match) (span, bool) {
	for _, x := range d.quotes {
		if x.start <= c.Start && c.End <= x.end {
			return x, true
		}
	}
	return span{}, false
}

// quoteIntro returns the text that introduces the quotation the cue c
// stands in: the words before it in its sentence up to a colon ("Peskov
// said: „…“"), or the sentence before a quotation that opens its
// sentence, when that one ends with a colon or a word for a statement
// ("issued a statement."; ownSentence). ok is false when c is in no
// quotation or nothing introduces it.
func quoteIntro(d *Doc, c engine.Match) (intro span, ownSentence, ok bool) {
	q, ok := quoteAround(d, c)
	if !ok {
		return span{}, false, false
	}
	qi := d.sentenceAt(q.start) // the quotation may open a sentence before the cue's
	if qi < 0 {
		return span{}, false, false
	}
	intro = span{d.sentences[qi].start, q.start}
	before := strings.TrimSpace(d.Body[intro.start:intro.end])
	if !strings.HasSuffix(before, ":") {
		if before != "" || qi == 0 {
			return span{}, false, false
		}
		intro, ownSentence = d.sentences[qi-1], true
		last := strings.TrimSpace(d.Lower[intro.start:intro.end])
		w := strings.TrimRight(last[strings.LastIndexAny(last, " \t\n")+1:], ".")
		if !strings.HasSuffix(last, ":") && !statementWords[w] {
			return span{}, false, false
		}
	}
	return intro, ownSentence, true
}

// statementWords end a sentence that introduces the quotation after it:
// "issued a statement.", "veröffentlichte eine Erklärung."
var statementWords = map[string]bool{"statement": true, "statements": true, "erklärung": true, "mitteilung": true,
	"stellungnahme": true}

// namedSpeaker reports whether a verb of saying names the mention m as its
// sentence's speaker: right after it ("Trudeau sagte"), or before it with
// only titles between ("so Trudeau", "said Prime Minister Trudeau").
func (dn *denial) namedSpeaker(d *Doc, sent span, m actorMention) bool {
	if after := strings.Fields(d.Lower[m.end:sent.end]); len(after) > 0 && dn.speech[strings.Trim(after[0], ",:;.\"'„“”«»")] {
		return true
	}
	return dn.framedBefore(d, sent, m)
}

// framedBefore reports whether a verb of saying stands right before the
// mention m, with only titles between: "laut US-Außenminister Mike
// Pompeo", "so Trudeau", "said Prime Minister Trudeau".
func (dn *denial) framedBefore(d *Doc, sent span, m actorMention) bool {
	return dn.speakerBefore(d, sent, m.start, 4, false)
}

// speakerBefore reports whether a verb of saying among the reach words
// before start, with nothing but titles and articles between ("sagte
// Kremlsprecher Peskow", "laut Kreml", "according to the ministry"), names
// the party at start as its speaker: not a verb with a comma ("erklärte,
// die Ukraine habe …": the comma opens what is said of Ukraine), nor one
// that names whom it is said to ("told the court", "sagte dem Sender";
// "to" counts as a title word after "according" when accordingTo) or of
// ("criticized Tehran").
func (dn *denial) speakerBefore(d *Doc, sent span, start, reach int, accordingTo bool) bool {
	before := strings.Fields(d.Lower[sent.start:start])
	written := strings.Fields(d.Body[sent.start:start]) // the same words, as written
	for k := len(before) - 1; k >= max(0, len(before)-reach) && k < len(written); k-- {
		w := strings.Trim(before[k], "\"'„“”«»")
		if dn.speech[w] {
			// "a report that said Russia …": the report speaks, of Russia.
			return w != "told" && w != "tells" && (!objectFirst[w] || invertedAt(before, k)) && (k == 0 || !relativePronouns[before[k-1]])
		}
		if w != before[k] || strings.TrimRight(w, ",:;") != w || !titleWord(w, written[k]) || addressee[w] && !accordingTo {
			return false
		}
	}
	return false
}

// objectFirst are verbs of saying whose object, not their subject, is
// the party right after them ("who criticized Tehran", "the minister
// warned Iran", "der Minister kritisierte Russland") except where they
// follow the quotation or clause they introduce ('"…," warned Peskov',
// "…, kritisierte Peskow"): invertedAt.
var objectFirst = map[string]bool{"criticized": true, "criticised": true, "criticizes": true, "criticises": true,
	"warned": true, "warns": true, "kritisierte": true, "kritisiert": true, "kritisierten": true, "warnte": true, "warnt": true}

// invertedAt reports whether the verb at words[k] follows what it
// introduces: the word before it ends a clause with a comma or a
// quotation with its closing mark.
func invertedAt(words []string, k int) bool {
	if k == 0 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(words[k-1])
	return r == ',' || doubleQuote(r)
}

// addressee are the words after a verb of saying that make what follows
// whom it is said to: "sagte dem Sender", "sagte den Reportern", "said to
// the court".
var addressee = map[string]bool{"dem": true, "den": true, "to": true}

// quoteSpeaker returns the party named as the speaker right after a
// quotation of several sentences that holds the cue and goes on past its
// sentence: '"We reject the accusations. We are not doing this," said
// Kremlin spokesman Dmitry Peskov.'
func (dn *denial) quoteSpeaker(d *Doc, sent span, c engine.Match, accused, others []engine.Match) (actorMention, bool) {
	for _, q := range d.quotes {
		if q.start > c.Start {
			break
		}
		if c.End > q.end || q.end <= sent.end {
			continue
		}
		si := d.sentenceAt(q.end - 1)
		if si < 0 {
			return actorMention{}, false
		}
		last := d.sentences[si]
		closing := engine.Match{Start: q.end, End: q.end}
		for _, m := range dn.candidates(d, last, closing, accused, others) {
			if m.start >= q.end && dn.speaks(d, last, m, closing) {
				return m, true
			}
		}
		return actorMention{}, false
	}
	return actorMention{}, false
}

// bothWords name two parties named before as one subject: "beide Länder",
// "both countries".
var bothWords = []string{"beide länder", "beide staaten", "beide regierungen", "beide seiten", "both countries",
	"both states", "both governments", "both sides"}

// bothParties returns the accused side's mention when the cue's subject is
// two parties named before ("die beide Länder weiter bestreiten", "both
// countries deny"), at most two words between and no punctuation, and the
// accused side is one of the two distinct parties named last before it,
// in its sentence or, where the sentence names fewer, in the one before.
func bothParties(d *Doc, sent span, c engine.Match, accused, others []engine.Match) (actorMention, bool) {
	before := d.Lower[sent.start:c.Start]
	at := -1
	for _, w := range bothWords {
		if i := strings.LastIndex(before, w); i >= 0 && i > at {
			at = i
		}
	}
	if at < 0 {
		return actorMention{}, false
	}
	between := before[at:]
	if strings.ContainsAny(between, ",;:.!?\"“”„«»") || len(strings.Fields(between)) > 4 {
		return actorMention{}, false // the two words of the subject and at most two more
	}
	end := sent.start + at
	var named []actorMention // the parties named before the subject, nearest first
	for _, from := range []int{sent.start, prevSentenceStart(d, sent)} {
		named = named[:0]
		for k, ms := range [][]engine.Match{accused, others} {
			for _, m := range ms {
				if m.Start >= from && m.End <= end {
					named = append(named, actorMention{m.Start, m.End, k == 0})
				}
			}
		}
		slices.SortFunc(named, func(a, b actorMention) int { return b.start - a.start })
		if distinctNames(d, named, 2) >= 2 {
			break
		}
	}
	seen := map[string]bool{}
	for _, m := range named {
		name := d.Lower[m.start:m.end]
		if !seen[name] {
			seen[name] = true
			if m.accused {
				return m, true
			}
		}
		if len(seen) == 2 {
			break
		}
	}
	return actorMention{}, false
}

// prevSentenceStart returns where the sentence before sent starts, or
// sent's own start for the first.
func prevSentenceStart(d *Doc, sent span) int {
	if si := d.sentenceAt(sent.start); si > 0 {
		return d.sentences[si-1].start
	}
	return sent.start
}

// distinctNames counts the distinct names among ms, up to limit.
func distinctNames(d *Doc, ms []actorMention, limit int) int {
	seen := map[string]bool{}
	for _, m := range ms {
		seen[d.Lower[m.start:m.end]] = true
		if len(seen) == limit {
			break
		}
	}
	return len(seen)
}

// subjectOf reports whether the party m stands right before the cue c, at
// most two words between and no punctuation: the cue's subject ("North
// Korea publicly denied").
func subjectOf(d *Doc, m actorMention, c engine.Match) bool {
	if m.end > c.Start {
		return false
	}
	between := d.Body[m.end:c.Start]
	return !strings.ContainsAny(between, ",;:.!?\"“”„«»") && len(strings.Fields(between)) <= 2
}

// joinedInList reports whether two party mentions stand next to each other
// in a list ("Kiew und Washington", "Moscow, Beijing and Tehran"), with
// nothing but commas, "und", "and", "sowie", "or" and articles between.
func joinedInList(d *Doc, a, b actorMention) bool {
	if a.start > b.start {
		a, b = b, a
	}
	return a.end <= b.start && listed(d.Lower[a.end:b.start])
}

// coordinatedSubject reports whether two party mentions are the joined
// subject that opens the sentence before the cue, the second with words of
// its own ("Die USA und Pakistans mächtiges Militär weisen die Vorwürfe
// zurück", "Moscow and its close ally Minsk denied …"): at most three words
// before the first, "und", "and" or "sowie" and at most three words between
// the two, and at most six words, no punctuation, from the second to the
// cue.
func coordinatedSubject(d *Doc, sent span, a, b actorMention, c engine.Match) bool {
	if a.start > b.start {
		a, b = b, a
	}
	if a.end > b.start || b.end > c.Start || a.start < sent.start {
		return false
	}
	const marks = ",;:.!?\"“”„«»()"
	head, between, after := d.Lower[sent.start:a.start], d.Lower[a.end:b.start], d.Lower[b.end:c.Start]
	if strings.ContainsAny(head, marks) || strings.ContainsAny(between, marks) || strings.ContainsAny(after, marks) {
		return false
	}
	words := strings.Fields(between)
	if len(words) == 0 || len(words) > 4 || len(strings.Fields(head)) > 3 || len(strings.Fields(after)) > 6 {
		return false
	}
	switch words[0] {
	case "und", "and", "sowie":
		return true
	}
	return false
}

// candidates returns the party mentions of the sentence that may be the
// one who denies, in text order.
func (dn *denial) candidates(d *Doc, sent span, c engine.Match, accused, others []engine.Match) []actorMention {
	var all []actorMention
	add := func(ms []engine.Match, isAccused bool) {
		for _, m := range ms {
			if m.Start >= sent.start && m.End <= sent.end {
				all = append(all, actorMention{m.Start, m.End, isAccused})
			}
		}
	}
	add(accused, true)
	add(others, false)
	slices.SortFunc(all, func(a, b actorMention) int { return a.start - b.start })
	var out []actorMention
	governed := false // the party before was the object of a preposition
	for i, m := range all {
		// A party listed after another ("aus Südkorea, den USA und der
		// NATO") is governed as the list's first one is.
		if i > 0 && listed(d.Lower[min(all[i-1].end, m.start):m.start]) && !dn.speaksNext(d, m) {
			if governed {
				continue
			}
		} else if governed = dn.preps[governingWord(d, m.start)] && !opensWithAus(d.Lower[sent.start:m.start]) && !voiceOf(d.Lower[sent.start:m.start]) && !dn.withSpeaking(d, m.start, m.end, sent) &&
			!relativeSubject(d.Lower[m.end:max(m.end, c.Start)]) && !passiveAgent(d, sent, m, c); governed {
			continue
		}
		if m.end < len(d.Body) && d.Body[m.end] == '-' && wordStartsAt(d.Body, m.end+1) ||
			m.start > 1 && d.Body[m.start-1] == '-' && wordEndsAt(d.Body, m.start-1) {
			continue // "Rheinmetall-Chef", "China-Cuba base": a part of a compound describes, it does not speak
		}
		if m.start >= c.End && agentOfNoun(d, c, m) {
			continue // "jede Provokation durch Seoul", "provocations by Seoul": who provokes, not who denies
		}
		if d.Lang == "en" && m.start >= c.End && dn.ownsObject(d, c, m) {
			continue // "denied Iran's claim": whose claim is denied, not who denies
		}
		if d.Lang == "en" && m.start >= c.End && d.inQuote(m.start) {
			// After the cue, inside a quotation of its own ('called the
			// flights a "provocation" and warned that "Budapest will
			// regret it"'): what the speaker says of the party.
			if q, ok := quoteAround(d, c); !ok || m.start >= q.end {
				continue
			}
		}
		if m.start > c.Start && m.end <= c.End && (len(strings.Fields(d.Body[c.Start:m.start])) > 3 || d.Lang == "en") {
			// Deep inside the cue, its object; in English, anywhere after
			// the cue's first word ("described the UN draft as a ploy"), as
			// English puts the subject first (a German cue may hold it:
			// "wies der Kreml den Bericht zurück").
			continue
		}
		out = append(out, m)
	}
	return out
}

// agentOfNoun reports whether the party m stands right after "durch" or
// "by" (an article between) after the cue c, and c is a noun: a German
// word in capitals, an English one that is no -ed participle. The party
// is then who does what the noun names ("jede „Provokation“ durch
// Seoul"), not who denies; after a participle it is the passive's agent,
// who does ("zurückgewiesen durch Moskau", "rejected by Moscow").
func agentOfNoun(d *Doc, c engine.Match, m actorMention) bool {
	words := strings.Fields(strings.Trim(d.Lower[c.End:m.start], " „“”\"'«»"))
	if len(words) == 0 || len(words) > 2 || words[0] != "durch" && words[0] != "by" ||
		len(words) == 2 && !determiners[words[1]] {
		return false
	}
	cue := d.Body[c.Start:c.End]
	if d.Lang == "de" {
		r, _ := utf8.DecodeRuneInString(cue)
		return unicode.IsUpper(r) && !strings.ContainsRune(cue, ' ')
	}
	return !strings.HasSuffix(strings.ToLower(cue), "ed") && !strings.ContainsRune(cue, ' ')
}

// ownsObject reports whether the English party m right after the cue c
// (an article between at most) owns the cue's object: it is possessive
// ("rejected Warsaw's accusations", "denied Tehran’s claim") or a noun of
// a report or claim follows it at once ("denied Irans claim"). English
// puts who denies before the verb; after it stands what is denied.
func (dn *denial) ownsObject(d *Doc, c engine.Match, m actorMention) bool {
	gap := d.Lower[c.End:m.start]
	if strings.ContainsAny(gap, ",;:.!?\"“”'‘’()") {
		return false
	}
	if ws := strings.Fields(gap); len(ws) > 1 || len(ws) == 1 && ws[0] != "the" {
		return false
	}
	rest := d.Lower[m.end:]
	if strings.HasPrefix(rest, "'s ") || strings.HasPrefix(rest, "’s ") {
		return true
	}
	return strings.HasPrefix(rest, " ") && dn.aboutWords[wordAfter(d.Lower, m.end, min(len(d.Lower), m.end+24))]
}

// passiveAgent reports whether the party at m is the agent of a German
// passive whose participle is the cue: "Die Vorwürfe wurden von der
// Regierung energisch zurückgewiesen", "… sind vom Kreml dementiert
// worden". "von", "vom" or "durch" governs it, an auxiliary of the passive
// stands before it in its clause ("ist", "sind", "war", "waren" only with
// "worden" after the cue), and the cue follows within a few words, with
// no punctuation between.
func passiveAgent(d *Doc, sent span, m actorMention, c engine.Match) bool {
	if d.Lang != "de" || m.end > c.Start {
		return false
	}
	switch governingWord(d, m.start) {
	case "von", "vom", "durch":
	default:
		return false
	}
	between := d.Lower[m.end:c.Start]
	if strings.ContainsAny(between, ",;:.!?") || len(strings.Fields(between)) > 6 {
		return false
	}
	before := d.Lower[sent.start:m.start]
	if i := strings.LastIndexAny(before, ",;:"); i >= 0 {
		before = before[i+1:]
	}
	worden := c.End < sent.end && strings.HasPrefix(strings.TrimLeft(d.Lower[c.End:sent.end], " "), "worden")
	for _, w := range strings.Fields(before) {
		switch w {
		case "wurde", "wurden", "wird", "werden", "worden":
			return true
		case "ist", "sind", "war", "waren":
			if worden {
				return true
			}
		}
	}
	return false
}

// relativeSubject reports whether between, the text from a party to the
// cue, opens a relative clause the party is the subject of, with the cue in
// it: "talks with Russian officials, who denied …", "Gespräche mit
// russischen Beamten, die jede Beteiligung bestritten".
func relativeSubject(between string) bool {
	rest, ok := strings.CutPrefix(strings.TrimLeft(between, " "), ",")
	if !ok {
		return false
	}
	ws := strings.Fields(rest)
	if len(ws) == 0 || len(ws) > 6 || ws[0] != "who" && ws[0] != "die" && ws[0] != "der" {
		return false
	}
	return !strings.ContainsAny(rest, ",;:.!?")
}

// withSpeaking reports whether the party at body[start:end] is the subject
// of an English absolute clause of saying: "with" right before it and a
// verb of saying in -ing right after it, or after at most two more words
// of its name ("The cause was disputed, with Russia claiming that a fire
// …", "with the Kremlin's spokesman saying …"). "With" governs the party
// elsewhere ("talks with Russia"), and nobody speaks there.
func (dn *denial) withSpeaking(d *Doc, start, end int, sent span) bool {
	if wordBefore(d.Lower, start) != "with" {
		return false
	}
	after := strings.Fields(d.Lower[end:sent.end])
	for k := 0; k < len(after) && k < 3; k++ {
		w := strings.Trim(after[k], "\"'“”«»")
		if strings.HasSuffix(w, "ing") && dn.speech[w] {
			return true
		}
		if w != after[k] || strings.ContainsAny(w, ",.;:") {
			return false // a comma or a quotation mark ends the clause first
		}
	}
	return false
}

// speaksNext reports whether a verb of saying follows the party m at once:
// "the report on Musk, Peskov said" opens a clause after the comma, not a
// list of parties.
func (dn *denial) speaksNext(d *Doc, m actorMention) bool {
	after := strings.Fields(d.Lower[m.end:min(len(d.Lower), m.end+40)])
	return len(after) > 0 && dn.speech[strings.Trim(after[0], ",:;.")]
}

// voiceOf reports whether before, the sentence's text before a party,
// lower-cased, ends with a noun for who speaks for someone and the
// preposition that names whom: "Eine Sprecherin von Várhelyi wies die
// Vorwürfe zurück", "a spokesman for Lukashenko", "the office of the
// prime minister". The party speaks through them; "von", "for" and "of"
// elsewhere govern a party that does not ("Kontakt von Putin").
func voiceOf(before string) bool {
	return voiceOfRE.MatchString(before)
}

var voiceOfRE = regexp.MustCompile(`\b(?:sprecher|sprecherin|sprecherinnen|spokes(?:man|woman|person|people|men|women)|vertreter|vertreterin|representatives?|anwalt|anwältin|anwälte|lawyers?|attorneys?|büro|office)\s+(?:von|vom|für|of|for)\s+(?:(?:der|dem|den|the)\s+)?$`)

// opensWithAus reports whether before, the sentence's text before a party,
// is "Aus" and at most two more words: the German idiom that names who
// speaks ("Aus Moskau hieß es", "Aus dem Kreml verlautete", "Aus Peking
// werden die Vorwürfe zurückgewiesen"), where "aus" elsewhere governs a
// party that does not speak ("Truppen aus Russland").
func opensWithAus(before string) bool {
	ws := strings.Fields(before)
	return len(ws) >= 1 && len(ws) <= 3 && ws[0] == "aus"
}

// listed reports whether between, the text between two party mentions,
// joins them in a list: commas, "und", "oder", "sowie", "and", "or", the
// second half of a pair ("sowohl Russland als auch die Taliban",
// "Russland wie auch China", "Moscow as well as Tehran") and articles
// only, with at least a comma or one of the words.
func listed(between string) bool {
	joined := false
	words := strings.FieldsFunc(between, func(r rune) bool { return r == ' ' || r == ',' })
	for i := 0; i < len(words); i++ {
		switch w := words[i]; {
		case w == "und" || w == "oder" || w == "sowie" || w == "and" || w == "or":
			joined = true
		case (w == "als" || w == "wie") && i+1 < len(words) && words[i+1] == "auch":
			joined = true
			i++
		case w == "as" && i+2 < len(words) && words[i+1] == "well" && words[i+2] == "as":
			joined = true
			i += 2
		case !determiners[w]:
			return false
		}
	}
	return joined || strings.Contains(between, ",")
}

// wordEndsAt reports whether a word rune ends right before s[i].
func wordEndsAt(s string, i int) bool {
	if i <= 0 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return isWordRune(r)
}

// speaks reports whether the sentence's speech frame names the party m as
// the speaker of what the cue says: a verb of saying at most four words
// before it, after the cue ("…, sagte Kremlsprecher Peskow", "…, said
// Kremlin spokesman Dmitry Peskov"), or at most three words after it,
// before the cue ("Peskov said …", "Der Kreml erklärte, …"), or after an
// aside between commas ("Peskov, speaking to reporters, said …").
func (dn *denial) speaks(d *Doc, sent span, m actorMention, c engine.Match) bool {
	if len(dn.speech) == 0 {
		return false
	}
	if m.start >= c.End {
		words := strings.Fields(d.Lower[max(c.End, sent.start):m.start])
		for k := max(0, len(words)-5); k < len(words); k++ {
			// Not the verb of a relative clause: in "a report that said
			// Russia paid …" the report speaks, of Russia.
			if dn.speech[strings.Trim(words[k], ",:;\"'„“”«»")] && (k == 0 || !relativePronouns[words[k-1]]) {
				return true
			}
		}
		after := strings.Fields(d.Lower[m.end:sent.end]) // "…, ministry spokeswoman Lea Born said."
		for k := 0; k < len(after) && k < 2; k++ {
			if dn.speech[strings.Trim(after[k], ",:;.\"'„“”«»")] {
				return true
			}
		}
		return false
	}
	if m.end <= c.Start {
		if endsQuotation(d.Body, m.start, m.end) {
			return false
		}
		words := strings.Fields(d.Lower[m.end:c.Start])
		if dn.speechIn(words) {
			return true
		}
		// An aside between commas after the party: "Peskov, in a
		// statement, said …", "Peskow, der Sprecher des Kremls, sagte …".
		if len(words) > 0 && strings.HasPrefix(words[0], ",") {
			for k := 1; k < len(words) && k <= maxAsideWords; k++ {
				if strings.HasSuffix(words[k], ",") {
					return dn.speechIn(words[k+1:])
				}
			}
		}
	}
	return false
}

// relativePronouns open a relative clause whose verb is not the sentence's
// frame of saying.
var relativePronouns = map[string]bool{"that": true, "which": true, "who": true}

// endsQuotation reports whether the party at body[start:end] ends a
// quotation: a closing double quotation mark right after it, without an
// opening one right before it (a name in quotation marks of its own,
// '"Energoatom" noted', speaks). The speaker is the one named after the
// quotation: "„… wie der Iran“ sagte Justizminister Garland", a comma
// lost ('… Budapest" Nordlicht tweeted').
func endsQuotation(body string, start, end int) bool {
	r, _ := utf8.DecodeRuneInString(body[end:])
	p, _ := utf8.DecodeLastRuneInString(body[:start])
	return doubleQuote(r) && !doubleQuote(p)
}

// doubleQuote reports whether r is a double quotation mark of German or
// English text (not an apostrophe: "Iran’s ministry said").
func doubleQuote(r rune) bool {
	switch r {
	case '"', '„', '“', '”', '«', '»':
		return true
	}
	return false
}

// saysIn reports whether text holds a verb of saying: "…, sagte Hale".
func (dn *denial) saysIn(text string) bool {
	for _, w := range strings.Fields(text) {
		if dn.speech[strings.Trim(w, ",.:;\"'„“”«»")] {
			return true
		}
	}
	return false
}

// auxBeforeFinal are the words that may stand between a party and the verb
// of saying that ends its sentence: "…, the ministry also said.", "…, wie
// der Kreml später sagte.".
var auxBeforeFinal = map[string]bool{"also": true, "later": true, "then": true, "further": true, "has": true, "had": true, "have": true,
	"auch": true, "später": true, "dann": true, "zudem": true}

// maxAsideWords is the longest aside between commas, in words, that
// speaks looks past for the verb of saying.
const maxAsideWords = 8

// speechIn reports whether one of the first three words is a verb of
// saying, with no clause-ending comma before it.
func (dn *denial) speechIn(words []string) bool {
	if len(words) > 0 && strings.ContainsAny(words[0], ",.") && strings.Trim(words[0], ",.;:") != "" && strings.Trim(words[0], ",.;:\"'“”«»") == "" {
		// The party ends a quotation ('… anyone but Budapest," Nordlicht
		// tweeted'): the speaker is the one named after it (a name in
		// quotation marks of its own, '"Energoatom" noted', speaks).
		return false
	}
	for k := 0; k < len(words) && k < 3; k++ {
		w := strings.Trim(words[k], ",:;\"'„“”«»")
		if end := strings.TrimRight(w, ".!?"); end != w && !slices.ContainsFunc(words[:k], func(b string) bool { return !auxBeforeFinal[b] }) {
			// The verb ends the sentence: "…, the ministry said.", "…, wie
			// der Kreml sagte.", "…, Zakharova also said."; not a German
			// participle after other words ("zwei Diplomaten für unzulässig
			// erklärt.").
			w = end
		}
		if dn.speech[w] && (w != "zufolge" || k == 0) {
			// "zufolge" follows its source at once: in "der Geheimdienst
			// Insidern zufolge" the insiders speak.
			return true
		}
		if unquoted := strings.TrimRight(words[k], "\"'“”«»"); len(unquoted) > 1 && strings.HasSuffix(unquoted, ",") {
			// The party's clause ends: "… im Krieg gegen Russland
			// unterstützten, berichtet der Sender" and '"… der
			// Regierung einzurichten", sagte er' name another speaker
			// (a comma right after the party closes an aside:
			// "Peskov, said"); so does one before a closing quote
			// ('… the Kiev regime," she said').
			return false
		}
	}
	return false
}

// onTopic reports whether the denial is about the story: its sentence names
// what the story is about; or, when it names nothing of the story and no
// other party either (a pronoun: "bestreitet es"), one of the TopicWindow
// sentences before it does. A sentence that names another party ("bestritten,
// dass er und Trump …") or a report about something else ("dementierte
// Berichte über ihren Rücktritt") and nothing of the story denies something
// else. With cueEnd (not -1), where the cue ends in the sentence, a party
// in a clause after it that a contrasting conjunction opens ("…, aber die
// Vereinigten Staaten haben …", "…, but France says …") is that clause's,
// not the denial's.
func (dn *denial) onTopic(d *Doc, si int, about, elsewhere, others []engine.Match, agent actorMention, cueEnd int) bool {
	sent := d.sentences[si]
	partyEnd := sent.end
	if cueEnd >= sent.start && cueEnd <= sent.end {
		if k := contrastAfter(d.Lower[cueEnd:sent.end]); k >= 0 {
			partyEnd = cueEnd + k
		}
	}
	within := func(ms []engine.Match, from, to int) bool {
		for _, m := range ms {
			if m.Start >= from && m.End <= to && (m.Start != agent.start || m.End != agent.end) {
				return true
			}
		}
		return false
	}
	if within(about, sent.start, sent.end) {
		return true
	}
	if within(others, sent.start, partyEnd) || within(elsewhere, sent.start, partyEnd) {
		return false // another party's affair, or a report about something else
	}
	window := dn.spec.TopicWindow
	if cueEnd >= sent.start && cueEnd <= sent.end && pointsBack(d.Lower[sent.start:min(sent.end, cueEnd+40)]) {
		window++ // "rejects these facts", "wies diese Vorwürfe zurück": what the sentences before said
	}
	return within(about, d.sentences[windowStart(d, si, window)].start, sent.start)
}

// contrastAfter returns where in text, lower-cased, the first clause that a
// contrasting conjunction opens after a comma or a semicolon begins ("…,
// aber …", "…; doch …", "…, but …", "…, while …"), or -1.
func contrastAfter(text string) int {
	best := -1
	for _, w := range contrastWords {
		for _, sep := range []string{", ", "; "} {
			if k := strings.Index(text, sep+w+" "); k >= 0 && (best < 0 || k < best) {
				best = k
			}
		}
	}
	return best
}

// accusativeBefore reports whether the party m stands right before the
// cue c after a German accusative article ("den Iran beschuldigte"): in a
// clause that ends with its verb, the object of the verb of accusing.
//
// So is a party right after a relative pronoun that opens the clause:
// "Darmanin, der Baku am Donnerstag der Einmischung beschuldigte" — the
// pronoun is the subject, the party the object.
func accusativeBefore(d *Doc, m actorMention, c engine.Match) bool {
	if d.Lang != "de" || m.end > c.Start {
		return false
	}
	w := wordBefore(d.Lower, m.start)
	if strings.TrimSpace(d.Lower[m.end:c.Start]) == "" && (w == "den" || w == "einen") {
		return true
	}
	if w != "der" && w != "die" && w != "welcher" && w != "welche" || strings.ContainsAny(d.Lower[m.end:c.Start], ",;:") {
		return false
	}
	at := strings.LastIndex(d.Lower[:m.start], w)
	if at <= 0 || !strings.HasSuffix(strings.TrimRight(d.Lower[:at], " "), ",") {
		return false
	}
	// The verb ends its clause ("… beschuldigte: „", "… beschuldigte."),
	// as in a relative clause; one followed by its object is a main
	// clause after a comma ("…, die Regierung in Moskau beschuldigte
	// die Ukraine"), whose subject is the party.
	verb := wordAfter(d.Lower, c.Start, len(d.Lower))
	rest := strings.TrimLeft(d.Lower[c.Start+len(verb):], " ")
	r, _ := utf8.DecodeRuneInString(rest) // the next mark, not the whole rest of the text as runes
	return rest == "" || strings.ContainsRune(",.:;!?", r)
}

// contrastSubject reports whether a clause opened by a contrasting
// conjunction stands between m and the cue c with a party of its own
// before the cue: "Rutte said it was too early to say, while Kremlin
// spokesman Peskov rejected the allegations" — Rutte's verb of saying
// does not reach past "while", and Peskov is the one who rejects.
func contrastSubject(d *Doc, m actorMention, c engine.Match, cands []actorMention) bool {
	if m.end > c.Start {
		return false
	}
	k := contrastAfter(d.Lower[m.end:c.Start])
	if k < 0 {
		return false
	}
	from := m.end + k
	return slices.ContainsFunc(cands, func(o actorMention) bool { return o.start >= from && o.end <= c.Start })
}

// contrastWords open a clause that sets something against the one before.
var contrastWords = []string{"aber", "doch", "jedoch", "während", "wohingegen", "but", "while", "whereas", "however", "yet"}

// saysThis reports whether a sentence, lower-cased, only names who said
// what the sentence before says: "This was stated by the minister", "The
// ministers stated this in an interview", "Das teilte das Ministerium mit",
// "Dies erklärte der Sprecher".
func saysThis(sent string) bool {
	return saysThisRE.MatchString(sent)
}

var saysThisRE = regexp.MustCompile(`^(?:(?:this|that) (?:was|has been|had been) (?:stated|said|announced|declared|reported|noted|written)\b|(?:[\p{L}\p{N}'’.,-]+ ){1,12}(?:stated|said|announced|declared|noted|wrote) (?:this(?:[.,]| (?:in|on|at|during|to|after|when|while)\b)|that[.,])|(?:das|dies|dieses|darüber) (?:sagte|sagten|erklärte|erklärten|teilte|teilten|schrieb|schrieben|betonte|betonten|meldete|meldeten|berichtete|berichteten)\b)`)

// withPrimaryOf returns others and primary in one list.
func withPrimaryOf(others, primary []engine.Match) []engine.Match {
	return append(append([]engine.Match(nil), others...), primary...)
}

// windowStart returns the index of the first of the n sentences of prose
// before sentence si, passing over lines of their own that end with no
// punctuation: a photo's caption or a subheading that the page puts
// between two paragraphs ("Die Feuerwehr im Einsatz nach einem Angriff")
// is not the sentence a denial answers.
func windowStart(d *Doc, si, n int) int {
	i := si
	for n > 0 && i > 0 {
		i--
		if !bareLine(d.Body, d.sentences[i]) {
			n--
		}
	}
	return i
}

// bareLine reports whether sentence s is a whole line of body that ends
// with no punctuation.
func bareLine(body string, s span) bool {
	before := strings.TrimRight(body[:s.start], " \t")
	after := strings.TrimLeft(body[s.end:], " \t")
	text := strings.TrimSpace(body[s.start:s.end])
	if text == "" || before != "" && !strings.HasSuffix(before, "\n") || after != "" && after[0] != '\n' && after[0] != '\r' {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(text)
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// introOnTopic reports whether a cue inside a quotation that the sentence
// before introduces ("In response, the embassy issued a statement.") is
// about the story by what that sentence, or the one before it, names: the
// statement answers what was said before it, though its own words may
// name nothing of the story ("The UK fabricates facts …").
func (dn *denial) introOnTopic(d *Doc, si int, c engine.Match, about, elsewhere, others []engine.Match, agent actorMention) bool {
	// Only a sentence of its own: "X sagte, dass Iran … sei: „…“" names
	// the accused side inside what the speaker says.
	intro, ownSentence, ok := quoteIntro(d, c)
	if !ok || !ownSentence || agent.start < intro.start || agent.end > intro.end {
		return false // the agent is not the one who introduces it
	}
	ii := d.sentenceAt(intro.start)
	if ii < 0 || ii >= si {
		return false
	}
	return dn.onTopic(d, ii, about, elsewhere, others, agent, -1)
}

// prepositionsLikeAdjectives are prepositions that end as German adjectives
// do (-e, -en), which governingWord would otherwise skip: "im Krieg gegen
// Russland".
var prepositionsLikeAdjectives = map[string]bool{"gegen": true, "zwischen": true, "wegen": true, "neben": true, "binnen": true, "ohne": true}

// nameTitles are the German titles before a person's name ("Herrn",
// "Frau", "Dr."), lower-cased.
var nameTitles = map[string]bool{"herr": true, "herrn": true, "frau": true, "dr": true, "prof": true}

// governingWord returns the word of d before off, looking past articles,
// attributive words and a title ("mit dem russischen Präsidenten",
// "von Herrn Andrij Jusow" → "mit", "von"). In
// German "an" is the preposition ("Waffen an die Ukraine"), not the English
// article, and a capitalised word before the word before off is a noun,
// not an adjective ("in der Presse sprachen Malis Beamte": no preposition
// governs them); right before off it is the noun of a genitive ("im Sinne
// Russlands": "im" governs both).
func governingWord(d *Doc, off int) string {
	lower := d.Lower
	for i := 0; i < 3; i++ {
		w := wordBefore(lower, off)
		if w == "an" && d.Lang == "de" {
			return w
		}
		k := strings.LastIndex(lower[:off], w)
		if k < 0 {
			return w
		}
		// Right before off a German noun has the party as its genitive or
		// apposition ("für eine Beteiligung Russlands", "mit Präsident
		// Putin"): what governs the noun governs the party.
		noun := false
		if r, _ := utf8.DecodeRuneInString(d.Body[k:]); i == 0 && d.Lang == "de" && !determiners[w] && unicode.IsUpper(r) && !prepositionsLikeAdjectives[w] &&
			!opensSentence(d.Body, k) {
			noun = true
		}
		if nameTitles[w] && d.Lang == "de" {
			off = k // "von Herrn Andrij Jusow": the title of the name, governed as the name is
			continue
		}
		if !noun && (!determiners[w] && !strings.HasSuffix(w, "en") && !strings.HasSuffix(w, "e") || w == "" || prepositionsLikeAdjectives[w]) {
			return w
		}
		if r, _ := utf8.DecodeRuneInString(d.Body[k:]); i > 0 && d.Lang == "de" && !determiners[w] && unicode.IsUpper(r) {
			return w
		}
		off = k
	}
	return wordBefore(lower, off)
}

// opensSentence reports whether the word at body[k:] is the first of its
// sentence or line (capitalised whatever it is: "Von chinesischer Seite").
func opensSentence(body string, k int) bool {
	i := strings.LastIndexFunc(body[:k], func(r rune) bool { return r != ' ' && r != '\t' && !isOpener(r) })
	return i < 0 || strings.ContainsRune(".!?:\n", rune(body[i]))
}

// withState adds to accused, the mentions of the accused side by its
// names, the institutions of its country named by an adjective: the
// country's ("die iranische Luftfahrtbehörde", "the Russian defence
// ministry": state_adjectives, for a country among the accused side's
// names), or, in German, the one made of one of those names ("die Pekinger
// Regierung", "der Moskauer Führung"); then at most three words on, with
// only spaces between, one that ends in a state noun (in German a
// capitalised one); and an institution "in" or "aus" one of the accused
// side's names ("die Behörden in Belarus", "officials in Minsk"). An
// institution that is the primary source's, by its noun or by the name
// right after it ("Georgian President Salome Zourabichvili" where the
// president accuses her country's government), is not added.
func (dn *denial) withState(d *Doc, st *Story, accused, primary []engine.Match) []engine.Match {
	if dn.stateAdj == nil || len(st.accusedNames) == 0 {
		return accused
	}
	var add []engine.Match
	institution := func(m engine.Match) {
		at := m.End
		for range 3 {
			start, end, ok := spacedWord(d.Body, at)
			if !ok {
				return
			}
			r, _ := utf8.DecodeRuneInString(d.Body[start:])
			if dn.stateNoun(d.Lower[start:end]) && (d.Lang != "de" || unicode.IsUpper(r)) {
				if !primaryAt(d, primary, start, end) {
					add = append(add, engine.Match{Start: m.Start, End: end})
				}
				return
			}
			at = end
		}
	}
	for _, m := range d.find(dn.stateAdj) {
		if dn.ofAccused(dn.stateKey[m.Pattern], st) {
			institution(m)
		}
	}
	if d.Lang == "de" {
		for _, m := range d.find(st.placeAdj) {
			institution(m)
		}
	}
	// "Italien dementiert" where the story file names "italienische
	// Regierung": the country, where one of the accused side's names
	// opens with its adjective, is its state; not where a primary-source
	// name does too ("Georgian President Zourabichvili" accuses the
	// Georgian government: "Georgia" is either).
	for _, m := range d.find(dn.countries) {
		if w := wordBefore(d.Lower[:m.Start], m.Start); w == "of" || w == "von" {
			continue // "The President of Georgia": the title's holder speaks, not the state
		}
		adjs := dn.countryAdjs[m.Pattern] // in German and English: the file may name either side in either
		opens := func(names map[string]bool) bool {
			return slices.ContainsFunc(adjs, func(adj string) bool { return opensWithAdjective(names, adj) })
		}
		if opens(st.accusedNames) && !opens(st.primaryNames) && !primaryAt(d, primary, m.Start, m.End) {
			add = append(add, m)
		}
	}
	// "die Behörden in Belarus", "the government in Minsk", "Beamte aus
	// Moskau": the accused place's own institutions, unless an adjective
	// names whose they are ("die amerikanische Regierung in …").
	for _, m := range accused {
		ps, pe, ok := spacedWordBefore(d.Body, m.Start)
		if !ok || d.Lower[ps:pe] != "in" && d.Lower[ps:pe] != "aus" {
			continue
		}
		ns, ne, ok := spacedWordBefore(d.Body, ps)
		if !ok || !placeInstitution(d.Lower[ns:ne]) {
			continue
		}
		if r, _ := utf8.DecodeRuneInString(d.Body[ns:]); d.Lang == "de" && !unicode.IsUpper(r) {
			continue
		}
		if bs, be, ok := spacedWordBefore(d.Body, ns); ok && !determiners[d.Lower[bs:be]] {
			r, _ := utf8.DecodeRuneInString(d.Body[bs:])
			if unicode.IsUpper(r) || d.Lang == "de" && slices.ContainsFunc(germanEndings, func(e string) bool { return strings.HasSuffix(d.Lower[bs:be], e) }) {
				continue
			}
		}
		add = append(add, engine.Match{Start: ns, End: m.End})
	}
	if len(add) == 0 {
		return accused
	}
	return engine.LeftmostLongest(append(append([]engine.Match(nil), accused...), add...))
}

// primaryAt reports whether a primary-source mention overlaps
// body[start:end] or begins right after it, with only spaces between.
func primaryAt(d *Doc, primary []engine.Match, start, end int) bool {
	for _, p := range primary {
		if p.Start < end && start < p.End || p.Start > end && strings.Trim(d.Body[end:p.Start], " \t") == "" {
			return true
		}
	}
	return false
}

// spacedWord returns the word that begins after the spaces at body[at:], and
// false when something other than spaces (punctuation, a quotation mark, a
// line break) comes first.
func spacedWord(body string, at int) (start, end int, ok bool) {
	i := at
	for i < len(body) && (body[i] == ' ' || body[i] == '\t') {
		i++
	}
	if i == at {
		return 0, 0, false
	}
	j := i
	for j < len(body) {
		r, w := utf8.DecodeRuneInString(body[j:])
		if !isWordRune(r) && r != '-' {
			break
		}
		j += w
	}
	return i, j, j > i
}

// placeInstitutions are the institutions that "in" or "aus" and a place
// make a party of that place ("die Behörden in Belarus", "das Militär in
// Moskau", "the defence ministry in Beijing"); not an embassy or troops,
// which are often another state's in that place. The military counts
// because another state's military there has its adjective ("das
// französische Militär in Mali"), which makes it no party of the place;
// so does a German word in -ministerium ("Verteidigungsministerium").
var placeInstitutions = map[string]bool{"regierung": true, "regierungen": true, "führung": true, "staatsführung": true, "behörden": true,
	"behörde": true, "machthaber": true, "beamte": true, "beamten": true, "offizielle": true, "offiziellen": true,
	"militär": true, "militärs": true, "armee": true, "generalstab": true, "ministerien": true,
	"government": true, "governments": true, "authorities": true, "officials": true, "leadership": true, "regime": true, "administration": true,
	"military": true, "army": true, "ministry": true, "ministries": true}

// placeInstitution reports whether lw, a lower-cased word, is one of
// placeInstitutions or a German ministry.
func placeInstitution(lw string) bool {
	return placeInstitutions[lw] || strings.HasSuffix(lw, "ministerium")
}

// spacedWordBefore returns the bounds of the word that ends right before
// at, with only spaces between: "Behörden" before " in".
func spacedWordBefore(body string, at int) (start, end int, ok bool) {
	j := at
	for j > 0 && (body[j-1] == ' ' || body[j-1] == '\t') {
		j--
	}
	if j == at {
		return 0, 0, false
	}
	i := j
	for i > 0 {
		r, w := utf8.DecodeLastRuneInString(body[:i])
		if !isWordRune(r) && r != '-' {
			break
		}
		i -= w
	}
	return i, j, j > i
}

// germanEndings are the endings of a German adjective.
var germanEndings = []string{"e", "en", "er", "es", "em"}

// ofAccused reports whether adj, a state adjective, is that of a country
// among the accused side's names, or begins one of its names ("Serbian
// government", "serbische Regierung": the story file says the country's
// institutions are the accused side though it does not list the country,
// so "Serbian officials" are too).
func (dn *denial) ofAccused(adj string, st *Story) bool {
	for _, n := range dn.stateOf[adj] {
		if st.accusedNames[n] {
			return true
		}
	}
	return opensWithAdjective(st.accusedNames, adj)
}

// opensWithAdjective reports whether one of names, lower-cased, opens with
// the state adjective adj, in any of its German endings, and a word after
// it ("serbian government", "serbische regierung").
func opensWithAdjective(names map[string]bool, adj string) bool {
	for n := range names {
		rest, ok := strings.CutPrefix(n, adj)
		if !ok {
			continue
		}
		if i := strings.IndexByte(rest, ' '); i == 0 || i > 0 && slices.Contains(germanEndings, rest[:i]) {
			return true
		}
	}
	return false
}

// definiteArticles open a noun that takes up one named before.
var definiteArticles = map[string]bool{"the": true, "der": true, "die": true, "das": true, "den": true, "dem": true, "des": true}

// anaphors returns the accused side named again by the head noun of a
// mention of it, a state noun after a definite article: "The command
// said …" after "the Information, Communications and Electronic Force
// Command", "Die Botschaft erklärte …" after "die russische Botschaft".
// The nearest mention before it whose last word ends in the same noun
// decides whose it is: an accused side's, not another party's or the
// primary source's ("the embassy" after "the US embassy" is that one).
func (dn *denial) anaphors(d *Doc, accused, others, primary []engine.Match) []engine.Match {
	if dn.anaphorSet == nil || len(accused) == 0 {
		return nil
	}
	found := d.find(dn.anaphorSet)
	if len(found) == 0 {
		return nil
	}
	type named struct {
		m       engine.Match
		head    string
		accused bool
	}
	var all []named
	for k, ms := range [][]engine.Match{accused, others, primary} {
		for _, m := range ms {
			words := strings.FieldsFunc(d.Lower[m.Start:m.End], func(r rune) bool { return !isWordRune(r) })
			if len(words) == 0 || !dn.stateNoun(words[len(words)-1]) || len(words) == 1 && dn.isStateNoun(words[0]) {
				continue // a state noun alone ("Kremlin", "Regierung") names no one to take up; a compound does ("Bundesregierung")
			}
			all = append(all, named{m, words[len(words)-1], k == 0})
		}
	}
	if len(all) == 0 {
		return nil
	}
	inside := func(start, end int) bool {
		for _, ms := range [][]engine.Match{accused, others, primary} {
			for _, m := range ms {
				if start < m.End && m.Start < end {
					return true
				}
			}
		}
		return false
	}
	var out []engine.Match
	for _, am := range found {
		start, ne := am.Start, am.End
		ns := start + strings.LastIndexByte(d.Lower[start:ne], ' ') + 1
		noun := d.Lower[ns:ne]
		r, _ := utf8.DecodeRuneInString(d.Body[ns:])
		if d.Lang == "de" && !unicode.IsUpper(r) || inside(start, ne) {
			continue
		}
		if _, we, ok := spacedWord(d.Body, ne); ok && ofWords[d.Lower[ne:we][strings.IndexFunc(d.Lower[ne:we], isWordRune):]] {
			continue // "the president of the court", "die Regierung des Landes": a new noun, not one taken up
		}
		var last *named
		for k := range all {
			if all[k].m.End <= start && strings.HasSuffix(all[k].head, noun) && (last == nil || all[k].m.End > last.m.End) {
				last = &all[k]
			}
		}
		if last != nil {
			// In the sentence of the nearest one, its subject is what a
			// later sentence takes up: "Die Bundesregierung … hat die
			// russische Regierung aufgefordert … Die Regierung teilte mit".
			si := d.sentenceAt(last.m.Start)
			for k := range all {
				if si >= 0 && all[k].m.End <= start && strings.HasSuffix(all[k].head, noun) && d.sentenceAt(all[k].m.Start) == si &&
					opensClause(d, d.sentences[si].start, all[k].m.Start) {
					last = &all[k]
					break
				}
			}
		}
		if last != nil && last.accused {
			out = append(out, engine.Match{Start: start, End: ne})
		}
	}
	return out
}

// vagueHeads are state nouns too general to take up one party named
// before: "according to the agency" may be the news agency, "the
// officials" anyone's.
var vagueHeads = map[string]bool{"agency": true, "side": true, "seite": true, "official": true, "officials": true,
	"authority": true, "authorities": true, "forces": true, "intelligence": true, "investigators": true, "ermittler": true,
	"prosecutor": true, "prosecutors": true, "staatsanwaltschaft": true, "organisation": true, "organization": true,
	"commanders": true, "diplomat": true, "diplomats": true, "diplomaten": true, "beamte": true, "beamten": true,
	"offizielle": true, "offiziellen": true, "stellen": true, "kreise": true, "kreisen": true, "behörden": true,
	"amt": true, "amts": true, "spitze": true, "kommission": true, "justiz": true, "vertreter": true}

// ofWords after a noun make it a new one: "the president of the court".
var ofWords = map[string]bool{"of": true, "des": true, "der": true, "von": true, "vom": true}

// opensClause reports whether only articles and adjectives in lower case
// stand between from, a sentence's start, and off: the mention at off is
// the sentence's subject ("Die Bundesregierung hegt …", "The Russian
// embassy said …").
func opensClause(d *Doc, from, off int) bool {
	for _, w := range strings.Fields(d.Body[from:off]) {
		if !definiteArticles[strings.ToLower(w)] && !indefiniteWords[strings.ToLower(w)] {
			return false
		}
	}
	return true
}

// isStateNoun reports whether lw, a lower-cased word, is a state noun
// itself, not a compound ending in one.
func (dn *denial) isStateNoun(lw string) bool { return slices.Contains(dn.stateNouns, lw) }

// stateNoun reports whether lw, a lower-cased word, ends in a state noun.
func (dn *denial) stateNoun(lw string) bool {
	for _, n := range dn.stateNouns {
		if strings.HasSuffix(lw, n) {
			return true
		}
	}
	return false
}
