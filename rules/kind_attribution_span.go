package rules

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Where a source begins and ends. A cue's slot is a stretch of text that
// holds the source and often more: "Präsidentensprecher Dmitri Peskow und
// erklärte", "das Berliner Tagesblatt am 12", "Heorhiy Tikhiy on November 10".
// The functions here cut a slot down to the source, with closed-class words
// of German and English (articles, srcPrepositions, conjunctions, pronouns,
// adverbs that open a sentence) and the rule's ends: words that end a
// source (verbs, time words, "dass", "zufolge").

// tok is a word of a slot: its span in the body and its text lower-cased,
// without punctuation at its edges.
type tok struct {
	start, end int    // the word without edge punctuation
	low        string // lower-cased
	cap        bool   // its first letter is upper case
	mark       bool   // punctuation only ("-", "–"): it ends any source
}

// tokens splits s at white space.
func tokens(d *Doc, s span) []tok {
	var out []tok
	if s.end > s.start {
		// One allocation for most: a word and its space take 6 bytes and more.
		out = make([]tok, 0, (s.end-s.start)/6+1)
	}
	body := d.Body
	i := s.start
	for i < s.end {
		if c := body[i]; c < utf8.RuneSelf {
			if asciiSpace[c] {
				i++
				continue
			}
		} else if r, w := utf8.DecodeRuneInString(body[i:]); unicode.IsSpace(r) {
			i += w
			continue
		}
		j := i
		for j < s.end {
			if c := body[j]; c < utf8.RuneSelf {
				if asciiSpace[c] {
					break
				}
				j++
				continue
			}
			r, w := utf8.DecodeRuneInString(body[j:])
			if unicode.IsSpace(r) {
				break
			}
			j += w
		}
		// The core: without leading and trailing runes that are not part of
		// a word.
		cs, ce := i, j
		for cs < ce {
			if c := body[cs]; c < utf8.RuneSelf {
				if isWordRune(rune(c)) {
					break
				}
				cs++
				continue
			}
			r, w := utf8.DecodeRuneInString(body[cs:])
			if isWordRune(r) {
				break
			}
			cs += w
		}
		for ce > cs {
			if c := body[ce-1]; c < utf8.RuneSelf {
				if isWordRune(rune(c)) {
					break
				}
				ce--
				continue
			}
			r, w := utf8.DecodeLastRuneInString(body[cs:ce])
			if isWordRune(r) {
				break
			}
			ce -= w
		}
		if cs == ce {
			out = append(out, tok{start: i, end: j, mark: true})
		} else {
			capital := 'A' <= body[cs] && body[cs] <= 'Z'
			if body[cs] >= utf8.RuneSelf {
				first, _ := utf8.DecodeRuneInString(body[cs:])
				capital = unicode.IsUpper(first)
			}
			out = append(out, tok{start: cs, end: ce, low: d.Lower[cs:ce], cap: capital})
		}
		i = j
	}
	return out
}

// asciiSpace tells the ASCII characters unicode.IsSpace accepts.
var asciiSpace = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = unicode.IsSpace(rune(c))
	}
	return
}()

// spanOf returns the span of toks, which must not be empty.
func spanOf(toks []tok) span { return span{toks[0].start, toks[len(toks)-1].end} }

// set makes a set of the space-separated words of s.
func set(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// determiners are capitalised words that never start a name.
var determiners = map[string]bool{
	"der": true, "die": true, "das": true, "den": true, "dem": true, "des": true, "ein": true, "eine": true,
	"einem": true, "einer": true, "eines": true, "the": true, "a": true, "an": true, "this": true, "diese": true,
	"dieser": true, "dieses": true, "sein": true, "seine": true, "ihr": true, "ihre": true, "er": true, "sie": true, "es": true,
}

var (
	// articles are the articles of German and English, lower-cased.
	articles = set("der die das den dem des ein eine einen einem einer eines the a an")
	// definite are the definite articles that open a phrase naming a role
	// ("die Ministerin", "the minister").
	definite = set("der die das the")
	// conjunctions join phrases and clauses.
	conjunctions = set("und oder sowie bzw aber doch denn sondern and or but yet")
	// attachers are the words by which a phrase attaches to the noun before
	// it inside a source ("Sprecher des Ministeriums", "Beamte aus den
	// USA", "a spokesperson for the ministry").
	attachers = set("des der eines einer dieses dieser seines ihres von vom aus im in bei beim für mit innerhalb außerhalb of from for at in with within")
	// srcPrepositions open a phrase of time, place or manner between a verb
	// of saying and its clause ("sagte am Montag in Berlin,").
	srcPrepositions = set("an am auf aus bei beim bis durch für gegen gegenüber hinter in im ins mit nach neben ohne seit trotz über um unter von vom vor während wegen zu zum zur zwischen laut about after at before by during following for from in into of on over since to under with")
	// objects are the articles and possessives that open a direct object:
	// after a verb of saying and outside a prepositional phrase, one means
	// the verb is not reporting speech ("betonte die Bedeutung", "erklärte
	// seinen Rücktritt", "added a clause").
	objects = set("die das den ein eine einen sein seine seinen ihr ihre ihren the a an his her its their")
	// reflexives: "erklärte sich bereit" is no reported speech.
	reflexives = set("sich himself herself itself themselves")
	// particles are separable verb particles: a verb of saying whose
	// clause ends in one is another verb ("sagte den Termin ab", "sagte
	// Hilfe zu", "sagte Sturm voraus").
	particles = set("ab an auf aus bei ein fest fort her hin los mit nach vor voraus weg zu zurück zusammen bekannt hinzu klar hervor up off out down back away")
	// reportingParticles make verbs of saying ("teilte mit", "fügte
	// hinzu", "räumte ein").
	reportingParticles = set("mit hinzu ein")
	// auxiliaries: a negation after one negates the verb of saying.
	auxiliaries = set("has have had did does do will would could should can may might must")
	// intensifiers after a speaker: "Papperger selbst sagte", "he himself".
	intensifiers = set("selbst selber himself herself itself themselves")
	// relatives open a relative clause after a preposition: "ein Bericht,
	// laut dem Putin und Trump …" (the source is the report).
	relatives = set("dem der denen deren dessen welchem welcher which whom")
	// negations: "Klein sagte nicht, ob …" reports no statement.
	negations = set("nicht nichts kein keine keinen keinem keiner keinerlei nie niemals not nothing never")
	// passive: "X is said to …", "Y was told" name no speaker.
	passive = set("is was were are be been being")
	// pronouns stand for a speaker named before: the attribution is kept,
	// its source is unclear.
	pronouns = set("er sie he she they")
	// leadSkip are adverbs that may stand between a verb of saying and its
	// subject ("sagte jetzt Putins Sprecher", "bestätigte aber der Kreml").
	leadSkip = set("es aber jedoch auch zudem außerdem nun jetzt dann später erneut bereits noch weiter ebenfalls heute gestern also however then later again further now today yesterday meanwhile separately")
	// notSpeakerDE and notSpeakerEN are words that never begin the phrase
	// of a speaker before a verb of saying: srcPrepositions, adverbs,
	// subordinating conjunctions, pronouns that stand for no person ("Am
	// Montag sagte Klein", "Dazu sagte er", "Dies sagte Xi", "It said"). In
	// German the phrase before the verb is one constituent: when it is not
	// the subject, the subject follows the verb and a cue with the source
	// after it finds it.
	notSpeakerDE = set(`an am auf aus bei beim bis durch für gegen gegenüber hinter in im ins mit nach neben ohne seit trotz über um unter von vom vor während wegen zu zum zur zwischen laut gemäß angesichts dank statt außer ab
		dazu darüber dabei damit danach davor dann daher deshalb deswegen darum dennoch trotzdem jedoch allerdings zudem außerdem ferner weiter weiterhin später zuvor vorher anschließend zuletzt zunächst schließlich letztlich bereits schon auch noch nur so sogar erst gestern heute morgen vorgestern damals einst nun jetzt derzeit inzwischen mittlerweile unterdessen derweil gleichzeitig zugleich kürzlich jüngst bislang bisher seither hier dort hierzu darauf daraufhin demnach demzufolge folglich also wörtlich ebenfalls ebenso stattdessen vielmehr immerhin zwar wiederholt erneut mehrfach oft häufig manchmal immer nie niemals kaum offenbar angeblich vermutlich wohl tatsächlich offiziell öffentlich ausdrücklich
		es dies man ich wir du ihr was wer wie wo warum wann weshalb wieso
		als weil da dass ob wenn obwohl nachdem bevor sobald seitdem sodass indem falls`)
	notSpeakerEN = set(`about after against among as at before behind by despite during following for from in into like near of on over since through to under until upon with within without
		yesterday today earlier later then also however meanwhile separately still now previously recently asked speaking
		when while if because although though whether that this these those it there here what who which where why how i we you so thus therefore instead indeed moreover furthermore additionally`)
	// notSpeaker is both, for names and for articles in no known language.
	notSpeaker = union(notSpeakerDE, notSpeakerEN)
	// gluedTail are capitalised closed-class words that, run into the word
	// before them, show a lost space ("WSJDen", "SputnikThe").
	gluedTail = set("Der Die Das Den Dem Des Ein Eine Einen Einem Einer Und Oder Aber Doch Auch Als Wie Wenn Dass Laut Nach Von Vom Mit Bei Aus Auf Zum Zur Seit Dies Diese Dieser Jetzt The And But For From With This That According They She")
)

func union(a, b map[string]bool) map[string]bool {
	m := make(map[string]bool, len(a)+len(b))
	for w := range a {
		m[w] = true
	}
	for w := range b {
		m[w] = true
	}
	return m
}

// notSpeakerIn returns the words that begin no speaker in a language.
func notSpeakerIn(lang string) map[string]bool {
	switch lang {
	case "de":
		return notSpeakerDE
	case "en":
		return notSpeakerEN
	}
	return notSpeaker
}

// timeWord reports whether a word after "am" or "on" names a day or a date
// ("am Freitag", "am Dienstagabend", "on Monday", "am 12"), not a place
// ("am Rande des Gipfels").
func timeWord(w string) bool {
	if isDigits(w) {
		return true
	}
	for _, suf := range [...]string{"tag", "abend", "morgen", "mittag", "mittwoch", "day", "night", "morning", "evening", "afternoon"} {
		if strings.HasSuffix(w, suf) {
			return true
		}
	}
	return false
}

// maxSpeakerWords is the longest phrase before a verb of saying read as its
// speaker.
const maxSpeakerWords = 10

// isDigits reports whether s is a number or a date: digits, perhaps with
// separators ("am 12", "on November 10", "2023-04-25").
func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		if !unicode.IsDigit(r) && (i == 0 || !strings.ContainsRune("-./", r)) {
			return false
		}
	}
	return true
}

// endAt returns how many tokens from toks[i] on make one of the rule's
// ends (a word, a digit run or a mark ends a source too); 0 when none does.
func (a *attribution) endAt(toks []tok, i int) int {
	if toks[i].mark || isDigits(toks[i].low) {
		return 1
	}
	if toks[i].cap {
		return 0 // "Theresa May", "Will Smith"; a sentence's first word is read elsewhere
	}
	for _, e := range a.endsBy[toks[i].low] {
		if i+len(e) > len(toks) {
			continue
		}
		ok := true
		for k, w := range e {
			if toks[i+k].low != w {
				ok = false
				break
			}
		}
		if ok {
			return len(e)
		}
	}
	return 0
}

// firstEnd returns the index of the first token, from `from` on, that
// begins one of the ends, or len(toks).
func (a *attribution) firstEnd(toks []tok, from int) int {
	for i := from; i < len(toks); i++ {
		if a.endAt(toks, i) > 0 {
			return i
		}
	}
	return len(toks)
}

// nounPhraseEnd returns where a German noun phrase that begins toks ends:
// after its head (a capitalised noun or name), a lower-case word other than
// one that attaches a complement ("des", "von", "aus") or coordinates a
// capitalised one ("und Geheimdienstmitarbeiter") is no longer part of it
// ("Diplomaten geht", "Kreml keine Probleme", "Peskow und erklärte"), and
// so is a dative after a name ("Robert Klein der Zeitung"). name tells
// the names written in lower case ("dpa").
func nounPhraseEnd(toks []tok, name func(tok) bool) int {
	needNoun := true
	for i, t := range toks {
		switch {
		case t.cap && !articles[t.low] || name(t):
			needNoun = false
		case needNoun:
			// Before the head: articles, numbers, adjectives.
		case (t.low == "der" || t.low == "dem") && i >= 2 && nameWord(toks[i-1]) && nameWord(toks[i-2]):
			// After a person's name, "der"/"dem" is the one told, not a
			// complement: "sagte Robert Klein der Zeitung".
			return i
		case attachers[t.low]:
			needNoun = true
		case conjunctions[t.low]:
			if i+1 < len(toks) && (toks[i+1].cap || articles[toks[i+1].low]) {
				needNoun = true
				continue
			}
			return i
		default:
			return i
		}
	}
	return len(toks)
}

// namedWord reports whether a token is a name of the rule's named list by
// itself ("dpa", "afp").
func (a *attribution) namedWord(t tok) bool {
	if t.cap || t.mark {
		return false
	}
	ms := a.named.Find(t.low)
	return len(ms) == 1 && ms[0].Start == 0 && ms[0].End == len(t.low)
}

// coordinatedClauseEnd is the English counterpart of nounPhraseEnd for its
// one reliable case: a name, then "and" and a lower-case word that is no
// article ("Peskov and added") ends the source at "and".
func coordinatedClauseEnd(toks []tok) int {
	for i := 1; i+1 < len(toks); i++ {
		if conjunctions[toks[i].low] && toks[i-1].cap && !toks[i+1].cap && !articles[toks[i+1].low] {
			return i
		}
	}
	return len(toks)
}

// trimTail drops trailing articles, srcPrepositions, conjunctions and digit
// runs, which a window can leave at a source's end ("… Flor auf").
func trimTail(toks []tok) []tok {
	for len(toks) > 0 {
		t := toks[len(toks)-1]
		if !(t.mark || articles[t.low] || attachers[t.low] || srcPrepositions[t.low] || conjunctions[t.low] || isDigits(t.low)) {
			break
		}
		toks = toks[:len(toks)-1]
	}
	return toks
}

// afterSource cuts the slot after cue words ("sagte …", "laut …") down to
// the source: leading adverbs and a time phrase are skipped ("sagte am
// Freitag Kremlsprecher …"); a negation means there is no attributed
// statement ("sagte nicht, ob"), and so do a preposition at the start and a
// verb particle at the end of the slot that belongs to the cue's verb
// ("sagte für Montag Sturm voraus", "sagte der Konzern die Feier ab");
// the source ends at the first of the
// rule's ends, where a German noun phrase ends, and after n words.
func (a *attribution) afterSource(d *Doc, slot span, n int) ([]tok, bool) {
	toks := tokens(d, slot)
	for len(toks) > 0 {
		switch t := toks[0]; {
		case leadSkip[t.low]:
			toks = toks[1:]
			continue
		case (t.low == "am" || t.low == "on") && len(toks) > 2 && timeWord(toks[1].low):
			toks = toks[2:]
			continue
		}
		break
	}
	if len(toks) == 0 || negations[toks[0].low] || a.endAt(toks, 0) > 0 {
		return nil, false
	}
	if pronouns[toks[0].low] {
		return toks[:1], true // "sagte er bisher": a speaker named before
	}
	if srcPrepositions[toks[0].low] && toks[0].low != "von" && toks[0].low != "vom" {
		return nil, false // an adverbial, not a subject: "sagte für Montag Sturm voraus"
	}
	cut := a.firstEnd(toks, 1)
	if d.Lang == "de" {
		cut = min(cut, nounPhraseEnd(toks[:cut], a.namedWord))
	} else {
		cut = min(cut, coordinatedClauseEnd(toks[:cut]))
	}
	if last := toks[len(toks)-1]; particles[last.low] && !last.cap && !reportingParticles[last.low] && len(toks) > 1 {
		// A verb particle at the end of the slot belongs to the cue's verb,
		// which is then another verb ("sagte der Konzern die Feier ab",
		// "sagte Hilfe zu"; "teilte … mit", "fügte … hinzu" report), unless
		// a verb of its own stands after the source ("laut X geht die Firma
		// … vor").
		verb := false
		for _, t := range toks[min(cut, len(toks)-1) : len(toks)-1] {
			if !t.cap && !t.mark && !articles[t.low] && !srcPrepositions[t.low] && !conjunctions[t.low] && !attachers[t.low] && !leadSkip[t.low] && !particles[t.low] && !isDigits(t.low) {
				verb = true // "… vor Journalisten und merkte an"
				break
			}
		}
		if !verb {
			return nil, false
		}
	}
	w := min(cut, n)
	// A German source ends with its noun: a window that stops at an
	// adjective takes the noun after it ("einen früheren
	// Geheimdienstmitarbeiter").
	if d.Lang == "de" && w < cut && !toks[w-1].cap {
		for j := w; j < min(w+2, cut); j++ {
			if toks[j].cap {
				w = j + 1
				break
			}
		}
	}
	toks = trimTail(toks[:w])
	return toks, len(toks) > 0
}

// beforeSource cuts the slot before cue words ("… zufolge", "wie … sagte")
// down to the source: its last n words, after the last of the rule's ends
// ("hat einem Bericht zufolge"), without ends at its end ("Reuters also
// reported") or a conjunction or adverb at its start.
func (a *attribution) beforeSource(d *Doc, slot span, n int) ([]tok, bool) {
	toks := tokens(d, slot)
	if len(toks) > n {
		toks = toks[len(toks)-n:]
	}
	for len(toks) > 0 && a.endAt(toks, len(toks)-1) == 1 {
		toks = toks[:len(toks)-1]
	}
	for i := len(toks) - 1; i >= 0; i-- {
		if k := a.endAt(toks, i); k > 0 {
			toks = toks[min(i+k, len(toks)):]
			break
		}
	}
	for len(toks) > 0 && (conjunctions[toks[0].low] || leadSkip[toks[0].low]) {
		toks = toks[1:]
	}
	return toks, len(toks) > 0
}

// clauseStart returns where the clause holding off begins, looking back
// from off within its sentence, and whether it begins after a comma or a
// dash (a clause inside a sentence) rather than at the sentence's start, a
// colon, a semicolon or a parenthesis. Quotation marks end no clause: a
// name may be quoted ("Der „Spiegel“ berichtete") and so may words in a
// clause ("die „roten Linien“ des Kremls").
func clauseStart(d *Doc, off int) (start int, inner bool) {
	floor := 0
	if s := d.sentenceAt(max(off-1, 0)); s >= 0 {
		floor = d.sentences[s].start
	} else if ls, _ := d.lineOf(off); ls > floor {
		floor = ls
	}
	for i := off; i > floor; {
		r, w := utf8.DecodeLastRuneInString(d.Body[floor:i])
		switch r {
		case ',', '–', '—':
			return i, true
		case ';', ':', '(', ')', '\n':
			return i, false
		case '-':
			if i-w > floor && d.Body[i-w-1] == ' ' && i < len(d.Body) && d.Body[i] == ' ' {
				return i, true
			}
		}
		i -= w
	}
	return floor, false
}

// speakerWords is the phrase before a verb of saying read as its speaker.
type speakerWords struct {
	toks    []tok
	pronoun bool // "er", "she": a speaker named before
	paren   span // a parenthetical between speaker and verb, not part of either; zero when none
}

// speakerBefore finds the speaker of the verb of saying at v: the words
// from the start of its clause to the verb ("Wirtschaftsminister Robert
// Klein sagte", "…, a spokesperson said"), or a name and an apposition
// between commas ("Anna Berg, Sprecherin des Ministeriums, sagte"). ok is
// false when those words cannot be a speaker.
func (a *attribution) speakerBefore(d *Doc, v int) (speakerWords, bool) {
	start, inner := clauseStart(d, v)
	region := tokens(d, span{start, v})
	if len(region) == 0 && inner && d.Body[start-1] == ',' {
		// An apposition: "Anna Berg, Sprecherin des Ministeriums, sagte".
		comma := start - 1
		aStart, aInner := clauseStart(d, comma)
		if !aInner || aStart == 0 || d.Body[aStart-1] != ',' {
			return speakerWords{}, false
		}
		appo := tokens(d, span{aStart, comma})
		head, ok := a.speakerPhrase(d, aStart-1)
		if !ok || head.pronoun || len(appo) == 0 || len(appo) > maxSpeakerWords || hasMark(appo) {
			return speakerWords{}, false
		}
		if appo[0].cap || articles[appo[0].low] || determiners[appo[0].low] {
			head.toks = append(head.toks, appo...)
		} else {
			// A parenthetical, not an apposition: "The Post, citing
			// sources, reported", "Peskov, in his statement, said". It is
			// not the speaker, and is left to other cues.
			head.paren = span{aStart, comma}
		}
		return head, true
	}
	return a.speakerPhraseOf(d, inner, region) // the words speakerPhrase(d, v) would read
}

// speakerPhrase reads the words from the start of the clause before end to
// end as a speaker.
func (a *attribution) speakerPhrase(d *Doc, end int) (speakerWords, bool) {
	start, inner := clauseStart(d, end)
	return a.speakerPhraseOf(d, inner, tokens(d, span{start, end}))
}

// speakerPhraseOf is speakerPhrase on the words toks of the clause before
// end, inner as clauseStart says.
func (a *attribution) speakerPhraseOf(d *Doc, inner bool, toks []tok) (speakerWords, bool) {
	for len(toks) > 0 && toks[0].mark && strings.Trim(d.Body[toks[0].start:toks[0].end], "„“”\"»«‚‘’") == "" {
		toks = toks[1:] // "“We will,” Klein said": the quotation's end
	}
	conj := len(toks) > 0 && conjunctions[toks[0].low]
	if conj {
		toks = toks[1:]
	}
	german := d.Lang == "de"
	if len(toks) == 0 || len(toks) > maxSpeakerWords || hasMark(toks) || notSpeakerIn(d.Lang)[toks[0].low] {
		return speakerWords{}, false
	}
	for len(toks) > 1 && (intensifiers[toks[len(toks)-1].low] || !german && !toks[len(toks)-1].cap && strings.HasSuffix(toks[len(toks)-1].low, "ly")) {
		toks = toks[:len(toks)-1] // "Papperger selbst sagte", "Peskov emphatically stated"
	}
	if german && inner && !conj {
		// A German clause after a comma that begins with no conjunction is
		// a subordinate or relative clause ("…, die der Minister sagte,").
		return speakerWords{}, false
	}
	if german {
		// The whole phrase before the verb is the subject: a time word or a
		// verb in it means it is something else.
		if a.firstEnd(toks, 0) < len(toks) {
			return speakerWords{}, false
		}
	} else {
		if passive[toks[len(toks)-1].low] || negations[toks[len(toks)-1].low] {
			return speakerWords{}, false // "… is said to", "was told", "never said"
		}
		for i := 1; i < len(toks); i++ {
			if negations[toks[i].low] && (passive[toks[i-1].low] || auxiliaries[toks[i-1].low]) {
				return speakerWords{}, false // "has not yet confirmed", "did not say"
			}
		}
		for len(toks) > 1 && a.endAt(toks, len(toks)-1) == 1 {
			toks = toks[:len(toks)-1]
		}
		if cut := a.firstEnd(toks, 0); cut == 0 {
			return speakerWords{}, false
		} else {
			toks = toks[:cut]
		}
	}
	for _, t := range toks {
		if negations[t.low] {
			return speakerWords{}, false // "Trump's team has not yet confirmed"
		}
	}
	if len(toks) == 1 && pronouns[toks[0].low] {
		return speakerWords{toks: toks, pronoun: true}, true
	}
	if len(toks) == 1 && (articles[toks[0].low] || determiners[toks[0].low]) {
		return speakerWords{}, false // "Das sagte Klein"
	}
	if last := toks[len(toks)-1].low; conjunctions[last] || articles[last] {
		return speakerWords{}, false // "Peskow reagierte und sagte"
	}
	return speakerWords{toks: toks}, true
}

func hasMark(toks []tok) bool {
	for _, t := range toks {
		if t.mark {
			return true
		}
	}
	return false
}

// maxMiddleWords is the most words between a verb of saying and the comma,
// colon or "that" of its clause.
const maxMiddleWords = 8

// reportsSpeech checks the words between a verb of saying and the comma,
// colon or "that" of its clause ("am Montag in Berlin", "der Zeitung",
// "told reporters"): at most maxMiddleWords, none a negation ("sagte nicht, ob") or a
// reflexive ("erklärte sich bereit"), no object may stand outside a
// prepositional phrase ("betonte die Bedeutung der Gespräche, die …";
// a dative plural such as "den Journalisten" is no object), and they may
// not end in a verb particle ("sagte den Termin ab,").
func reportsSpeech(d *Doc, middle span) bool {
	toks := tokens(d, middle)
	if len(toks) > maxMiddleWords {
		return false
	}
	inPhrase := false
	for i, t := range toks {
		switch {
		case t.mark:
			return false
		case negations[t.low] || reflexives[t.low]:
			return false
		case srcPrepositions[t.low]:
			inPhrase = true
		case objects[t.low] && !inPhrase:
			if t.low == "den" && i+1 < len(toks) && strings.HasSuffix(toks[i+1].low, "n") {
				continue // dative plural: "sagte den Journalisten"
			}
			return false
		case objects[t.low] || articles[t.low]:
			// inside a prepositional phrase: "auf die Frage"
		default:
			inPhrase = false
		}
	}
	return len(toks) == 0 || !particles[toks[len(toks)-1].low]
}

// gluedWord reports whether a word is two run together across a lost
// space: a word or an acronym and a capitalised closed-class word
// ("WSJDen", "SputnikThe"). "BlackRock", "YouTube", "LinkedIn" are not.
func gluedWord(w string) bool {
	upper := false
	for i, r := range w {
		if i > 1 && unicode.IsUpper(r) {
			upper = true
			break
		}
	}
	if !upper {
		return false
	}
	runes := []rune(w)
	for k := 2; k < len(runes)-1; k++ {
		if !unicode.IsUpper(runes[k]) || !unicode.IsLower(runes[k+1]) {
			continue
		}
		if gluedTail[string(runes[k:])] && (unicode.IsLower(runes[k-1]) || isAcronym(runes[:k])) {
			return true
		}
	}
	return false
}
