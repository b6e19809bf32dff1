package rules

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"sourcescore"
	"sourcescore/rules/internal/dates"
	"sourcescore/rules/internal/engine"
)

// Drafting a story file from articles about one story (sourcescore story
// init). What recurs across the articles is a candidate: the names (runs of
// capitalised words) and their variants, the publication cited as the
// source, the dated events and the sentences they come from, the denial
// sentences. The draft says how often it found each, and what the analyst
// must check: it is a starting point, never a story file to use unread.

// DraftOptions are the choices of Draft.
type DraftOptions struct {
	ID     string // the story's id; "" makes one from the names and the year
	Source string // where the articles come from (the input folder), for the header comment
}

// Draft is a story file drafted from articles.
type Draft struct {
	ID       string // the story's id
	Articles int    // how many articles it was drafted from
	Facts    int    // dated events in its facts

	source   string
	title    string
	match    []*nameGroup
	both     int // articles every match group is in
	primary  *nameGroup
	cited    int // articles citing primary as the source
	accused  *nameGroup
	accusedN int       // articles in which the accused side's name is in a denial sentence
	speakers []speaker // names in the denial sentences in as many articles as a name must recur in, added to the accused side's aliases
	others   []*nameGroup
	denials  []draftSentence
	facts    []draftFact
	leftOut  []draftFact
}

// draftSentence is a sentence of an article, placed in its file.
type draftSentence struct {
	file string
	pos  sourcescore.Position
	text string
}

// draftFact is a date the articles give an event, with the sentences that
// give it.
type draftFact struct {
	date      time.Time
	docs      []int // the articles giving it
	sentences []draftSentence
	typ       string   // FactEvent, FactReport or FactDenial
	cues      []string // for a report or denial fact, only the words its type's wording does not cover
	more      []string // other words next to the date, found in one article only (report and denial facts)
	scheduled bool
	near      *draftFact // for a date left out: the date of more articles it is near
}

// speaker is a name found in the denial sentences beside the accused
// side's, and in how many articles.
type speaker struct {
	g    *nameGroup
	docs int
}

// nameGroup is a name and its variants.
type nameGroup struct {
	name    string
	aliases []string // the name first
	in      []bool   // per article: any alias is in it (whole words, any case, as the rules match)
	docs    int      // articles it is in
	order   int      // where it was first found, for stable choices
}

// drafter holds the articles being drafted from.
type drafter struct {
	set      *Set
	arts     []*draftArticle
	minDocs  int                 // articles a name must be in to count as recurring
	lowered  map[string]bool     // words seen starting in lower case (so not names: "laut", "alle")
	names    []*nameGroup        // recurring multi-word names, most frequent first
	nameWord map[string]bool     // every word of an accepted name, lower-cased
	cues     []*engine.Matcher   // the set's denial wording
	about    []*engine.PhraseSet // the set's words for a report and its claims
}

// draftArticle is one article with its words.
type draftArticle struct {
	a       *sourcescore.Article
	d       *Doc
	words   []word
	sent    []int  // sentence of each word, -1 for none
	first   []bool // the word begins its sentence
	inDate  []bool // the word is part of a date mention
	claimed []bool // the word belongs to an accepted name
}

func (da *draftArticle) text(i int) string  { return da.d.Body[da.words[i].start:da.words[i].end] }
func (da *draftArticle) lower(i int) string { return da.d.Lower[da.words[i].start:da.words[i].end] }

// Draft drafts a story file from articles about one story. It reads them
// only; the set gives the denial vocabulary when its denial rule has one.
// Articles that give no dated event or no recurring name cannot make a
// story file that loads: that is an error wrapping sourcescore.ErrConfig.
func (s *Set) Draft(articles []*sourcescore.Article, opt DraftOptions) (*Draft, error) {
	if len(articles) == 0 {
		return nil, fmt.Errorf("no articles to draft a story from: %w", sourcescore.ErrConfig)
	}
	dr := &drafter{set: s, lowered: map[string]bool{}, nameWord: map[string]bool{}, minDocs: min(2, len(articles))}
	dr.cues, dr.about = s.denialWording()
	for _, a := range articles {
		dr.add(a)
	}
	defer func() {
		for _, da := range dr.arts {
			da.d.release()
		}
	}()
	out := &Draft{Articles: len(articles), source: opt.Source}
	dr.findNames()
	if len(dr.names) == 0 {
		return nil, fmt.Errorf("no name (two or more capitalised words, such as a person's or a company's) recurs in %d of the %d articles, so no match rule can be drafted: %w",
			dr.minDocs, len(articles), sourcescore.ErrConfig)
	}
	out.primary, out.cited = dr.primarySource()
	var speakers []speaker
	out.denials, out.accused, out.accusedN, speakers = dr.denials(out.primary)
	out.match, out.both = dr.matchGroups(out.primary)
	if out.accused == nil {
		out.accused = out.match[0]
	}
	// The accused side's speakers are its aliases (as a spokesperson is the
	// Kremlin's), with a note of whose names they are.
	if len(speakers) > 0 {
		acc := *out.accused
		acc.aliases = slices.Clone(acc.aliases)
		for _, sp := range speakers {
			acc.aliases = append(acc.aliases, sp.g.aliases...)
		}
		out.speakers = speakers
		out.accused = &acc
	}
	for _, g := range dr.names {
		if g != out.primary && g.name != out.accused.name && !slices.Contains(out.match, g) && !slices.ContainsFunc(out.speakers, func(sp speaker) bool { return sp.g == g }) {
			out.others = append(out.others, g)
		}
	}
	// A match group other than the accused side is one of the other
	// parties too (they may deny something else).
	for _, g := range out.match {
		if g.name != out.accused.name && g != out.primary {
			out.others = append([]*nameGroup{g}, out.others...)
		}
	}
	out.facts, out.leftOut = dr.facts(out.primary)
	if len(out.facts) == 0 {
		return nil, fmt.Errorf("no article gives a day-precise date (\"3. März 2025\", \"March 3\"), so no fact can be drafted: %w", sourcescore.ErrConfig)
	}
	out.Facts = len(out.facts)
	out.ID = opt.ID
	if out.ID == "" {
		out.ID = dr.storyID(out)
	}
	out.title = out.accused.name
	if len(out.match) > 1 {
		other := out.match[1]
		if other == out.accused {
			other = out.match[0]
		}
		out.title += " and " + other.name
	}
	return out, nil
}

// add prepares an article.
func (dr *drafter) add(a *sourcescore.Article) {
	d := dr.set.doc(a)
	da := &draftArticle{a: a, d: d, words: d.words()}
	n := len(da.words)
	da.sent, da.first, da.inDate, da.claimed = make([]int, n), make([]bool, n), make([]bool, n), make([]bool, n)
	prev := -1
	for i, w := range da.words {
		da.sent[i] = d.sentenceAt(w.start)
		da.first[i] = da.sent[i] != prev
		prev = da.sent[i]
		if !w.capital && !w.digit {
			dr.lowered[da.lower(i)] = true
		}
	}
	for _, m := range d.dates() {
		from, to := wordsIn(da.words, m.Start, m.End)
		for i := from; i < to; i++ {
			da.inDate[i] = true
		}
	}
	dr.arts = append(dr.arts, da)
}

// nameable reports whether word i of an article may be part of a name: a
// capitalised word (or an acronym) that is not a function word, a title,
// part of a date, or a sentence's first word that is seen in lower case
// elsewhere ("Laut", "Alle").
func (dr *drafter) nameable(da *draftArticle, i int) bool {
	w := da.words[i]
	if !w.capital || w.digit || w.runes < 2 || da.inDate[i] {
		return false
	}
	low := da.lower(i)
	if draftStop[low] {
		return false
	}
	return !(da.first[i] && dr.lowered[low])
}

// occurrence is a run of words of one article: words [from, to).
type occurrence struct{ doc, from, to int }

// nameCand is a candidate name: its occurrences as a run of words.
type nameCand struct {
	key   string // its words, joined by one space
	words int
	occs  []occurrence
	docs  int
}

// findNames finds the recurring multi-word names: every run of 2 to 4
// capitalised words is a candidate; the candidates in most articles are
// taken first (then the longer), each claiming its words, so that a
// title before a name ("Wirtschaftsminister Tomas Berg") leaves the name.
// Then the variants of each name: inflected forms ("Velmarer Tageblatts"),
// a word of it used alone in as many articles ("Seegrund" for "Windpark
// Seegrund"), its acronym.
func (dr *drafter) findNames() {
	cands := map[string]*nameCand{}
	var order []string
	for di, da := range dr.arts {
		for i := 0; i < len(da.words); {
			if !dr.nameable(da, i) {
				i++
				continue
			}
			j := i + 1
			for j < len(da.words) && dr.nameable(da, j) && da.words[j].joined && da.sent[j] == da.sent[i] {
				j++
			}
			for from := i; from < j; from++ {
				for to := from + 2; to <= min(j, from+4); to++ {
					parts := make([]string, 0, to-from)
					for k := from; k < to; k++ {
						parts = append(parts, da.text(k))
					}
					key := strings.Join(parts, " ")
					c := cands[key]
					if c == nil {
						c = &nameCand{key: key, words: to - from}
						cands[key] = c
						order = append(order, key)
					}
					c.occs = append(c.occs, occurrence{di, from, to})
				}
			}
			i = j
		}
	}
	list := make([]*nameCand, 0, len(order))
	for _, k := range order {
		c := cands[k]
		c.docs = countDocs(c.occs)
		list = append(list, c)
	}
	// Stable: equal candidates keep the order they were found in.
	slices.SortStableFunc(list, func(a, b *nameCand) int {
		if c := cmp.Compare(b.docs, a.docs); c != 0 {
			return c
		}
		return cmp.Compare(b.words, a.words)
	})
	var accepted []*nameCand
	for _, c := range list {
		if c.docs < dr.minDocs {
			break
		}
		var free []occurrence
		for _, o := range c.occs {
			if !dr.anyClaimed(o) {
				free = append(free, o)
			}
		}
		if countDocs(free) < dr.minDocs || dr.allBeforeAName(free) {
			continue
		}
		for _, o := range free {
			for k := o.from; k < o.to; k++ {
				dr.arts[o.doc].claimed[k] = true
			}
		}
		accepted = append(accepted, c)
	}
	for _, c := range accepted {
		for _, w := range strings.Fields(c.key) {
			dr.nameWord[sourcescore.LowerSameLength(w)] = true
		}
	}
	for i, c := range accepted {
		aliases := []string{c.key}
		for _, v := range list {
			if v.words == c.words && v.key != c.key && isInflection(v.key, c.key) {
				aliases = append(aliases, v.key)
			}
		}
		aliases = append(aliases, dr.singleWordAliases(c.key, accepted)...)
		if a := dr.acronym(c.key); a != "" {
			aliases = append(aliases, a)
		}
		dr.names = append(dr.names, dr.group(c.key, aliases, i))
	}
	slices.SortStableFunc(dr.names, func(a, b *nameGroup) int { return cmp.Compare(b.docs, a.docs) })
}

// countDocs counts the articles of occurrences.
func countDocs(occs []occurrence) int {
	seen := map[int]bool{}
	for _, o := range occs {
		seen[o.doc] = true
	}
	return len(seen)
}

func (dr *drafter) anyClaimed(o occurrence) bool {
	for k := o.from; k < o.to; k++ {
		if dr.arts[o.doc].claimed[k] {
			return true
		}
	}
	return false
}

// allBeforeAName reports whether every occurrence is followed right away
// by an accepted name: then it is a title ("Economy Minister").
func (dr *drafter) allBeforeAName(occs []occurrence) bool {
	for _, o := range occs {
		da := dr.arts[o.doc]
		if o.to >= len(da.words) || !da.claimed[o.to] || !da.words[o.to].joined {
			return false
		}
	}
	return true
}

// inflections are the endings an inflected or possessive name may add
// ("Tageblatts", "Baltischen Rundschau", "Keller's").
var inflections = []string{"s", "es", "n", "en", "e", "er", "'s", "’s"}

// isInflection reports whether v is name with some words inflected.
func isInflection(v, name string) bool {
	vw, nw := strings.Fields(v), strings.Fields(name)
	if len(vw) != len(nw) {
		return false
	}
	for i := range vw {
		if vw[i] == nw[i] {
			continue
		}
		rest, ok := strings.CutPrefix(vw[i], nw[i])
		if !ok || !slices.Contains(inflections, rest) {
			// The name's word may be the inflected one ("Baltische" and "Baltischen").
			base := strings.TrimRight(nw[i], "ens")
			r1, ok1 := strings.CutPrefix(vw[i], base)
			r2, ok2 := strings.CutPrefix(nw[i], base)
			if !ok1 || !ok2 || len(base) < 3 || !slices.Contains(append(inflections, ""), r1) || !slices.Contains(append(inflections, ""), r2) {
				return false
			}
		}
	}
	return true
}

// singleWordAliases returns the words of name used alone (or as the first
// part of a compound: "Nordlicht-Sprecherin") in as many articles as a
// name must be in, when no other name has the word and it is never seen
// in lower case.
func (dr *drafter) singleWordAliases(name string, accepted []*nameCand) []string {
	var out []string
	for _, w := range strings.Fields(name) {
		low := sourcescore.LowerSameLength(w)
		if draftStop[low] || dr.lowered[low] || utf8.RuneCountInString(w) < 3 {
			continue
		}
		shared := false
		for _, c := range accepted {
			if c.key != name && slices.Contains(strings.Fields(c.key), w) {
				shared = true
			}
		}
		if shared {
			continue
		}
		docs := 0
		for _, da := range dr.arts {
			for i := range da.words {
				if da.claimed[i] {
					continue
				}
				t := da.text(i)
				if t == w && dr.nameable(da, i) || strings.HasPrefix(t, w+"-") {
					docs++
					break
				}
			}
		}
		if docs >= dr.minDocs {
			out = append(out, w)
		}
	}
	return out
}

// acronym returns the initials of a name when an article uses them as a
// word ("BGA" for "Baltic Grid Authority"), else "".
func (dr *drafter) acronym(name string) string {
	var b strings.Builder
	for _, w := range strings.Fields(name) {
		r, _ := utf8.DecodeRuneInString(w)
		b.WriteRune(unicode.ToUpper(r))
	}
	a := b.String()
	if utf8.RuneCountInString(a) < 2 {
		return ""
	}
	for _, da := range dr.arts {
		for i := range da.words {
			if da.text(i) == a {
				return a
			}
		}
	}
	return ""
}

// group makes a name group and finds the articles it is in.
func (dr *drafter) group(name string, aliases []string, order int) *nameGroup {
	g := &nameGroup{name: name, aliases: dedupeFold(aliases), order: order}
	ps := engine.NewPhraseSet(g.aliases)
	g.in = make([]bool, len(dr.arts))
	for i, da := range dr.arts {
		if len(ps.FindCase(da.d.Body, da.d.Lower)) > 0 {
			g.in[i] = true
			g.docs++
		}
	}
	return g
}

// dedupeFold drops repeated strings (any case), keeping the first.
func dedupeFold(list []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range list {
		k := sourcescore.LowerSameLength(s)
		if !seen[k] {
			seen[k] = true
			out = append(out, s)
		}
	}
	return out
}

// citeAfter are the words before a cited source ("laut X", "according to
// the X"); citeBefore the words after it ("wie X berichtete", "X reported").
var (
	citeAfter = [][]string{{"laut"}, {"according", "to"}, {"berichtete"}, {"berichtet"}, {"schreibt"}, {"schrieb"},
		{"meldete"}, {"meldet"}, {"citing"}, {"unter", "berufung", "auf"}, {"bericht"}, {"berichten"}, {"report", "by"}}
	citeBefore = map[string]bool{"berichtete": true, "berichtet": true, "berichten": true, "schreibt": true, "schrieb": true,
		"meldete": true, "meldet": true, "zufolge": true, "reported": true, "reports": true, "wrote": true, "writes": true}
	// citeSkip are the words between a cue and the source ("laut dem X").
	citeSkip = map[string]bool{"der": true, "die": true, "das": true, "des": true, "dem": true, "den": true, "the": true}
	// prepositions before a run make it no source: "im Windpark Seegrund berichtet".
	prepositions = map[string]bool{"im": true, "in": true, "am": true, "an": true, "auf": true, "über": true, "bei": true,
		"mit": true, "von": true, "vom": true, "zu": true, "zum": true, "zur": true, "nach": true, "aus": true, "für": true,
		"gegen": true, "at": true, "on": true, "of": true, "from": true, "with": true, "by": true, "for": true, "about": true}
)

// primarySource returns the name cited as the source in most articles and
// how many; nil when none is.
func (dr *drafter) primarySource() (*nameGroup, int) {
	type cited struct {
		key   string
		docs  map[int]bool
		n     int
		order int
	}
	byKey := map[string]*cited{}
	add := func(di int, name string) {
		key := name
		for _, g := range dr.names {
			for _, a := range g.aliases {
				if strings.EqualFold(a, name) {
					key = g.name
				}
			}
		}
		c := byKey[key]
		if c == nil {
			c = &cited{key: key, docs: map[int]bool{}, order: len(byKey)}
			byKey[key] = c
		}
		c.docs[di] = true
		c.n++
	}
	for di, da := range dr.arts {
		n := len(da.words)
		for i := 0; i < n; i++ {
			for _, cue := range citeAfter {
				if !da.wordsAre(i, cue) {
					continue
				}
				j := i + len(cue)
				for j < n && da.words[j].joined && citeSkip[da.lower(j)] {
					j++
				}
				if name := da.capitalRun(j, 1); name != "" {
					add(di, name)
				}
			}
			if citeBefore[da.lower(i)] && i > 0 && da.words[i].joined {
				if name, from := da.capitalRunBefore(i); name != "" && (from == 0 || !prepositions[da.lower(from-1)] || !da.words[from].joined) {
					add(di, name)
				}
			}
		}
	}
	var best *cited
	for _, c := range byKey {
		if best == nil || len(c.docs) > len(best.docs) || len(c.docs) == len(best.docs) && (c.n > best.n || c.n == best.n && c.order < best.order) {
			best = c
		}
	}
	if best == nil {
		return nil, 0
	}
	for _, g := range dr.names {
		if g.name == best.key {
			return g, len(best.docs)
		}
	}
	return dr.group(best.key, []string{best.key}, len(dr.names)), len(best.docs)
}

// wordsAre reports whether the words from i are ws (lower-cased), joined.
func (da *draftArticle) wordsAre(i int, ws []string) bool {
	if i+len(ws) > len(da.words) {
		return false
	}
	for k, w := range ws {
		if da.lower(i+k) != w || k > 0 && !da.words[i+k].joined {
			return false
		}
	}
	return true
}

// capitalRun returns the run of up to 4 capitalised words from word j,
// joined to the word before it, when it has at least min words; else "".
func (da *draftArticle) capitalRun(j, min int) string {
	var parts []string
	for k := j; k < len(da.words) && len(parts) < 4; k++ {
		w := da.words[k]
		if !w.joined || !w.capital || w.digit || da.inDate[k] || draftStop[da.lower(k)] {
			break
		}
		parts = append(parts, da.text(k))
	}
	if len(parts) < min {
		return ""
	}
	return strings.Join(parts, " ")
}

// capitalRunBefore returns the run of up to 4 capitalised words that ends
// right before word i, and the index of its first word.
func (da *draftArticle) capitalRunBefore(i int) (string, int) {
	from := i
	for k := i - 1; k >= 0 && i-k <= 4; k-- {
		w := da.words[k]
		if !w.capital || w.digit || da.inDate[k] || draftStop[da.lower(k)] || !da.words[k+1].joined {
			break
		}
		from = k
	}
	if from == i {
		return "", i
	}
	parts := make([]string, 0, i-from)
	for k := from; k < i; k++ {
		parts = append(parts, da.text(k))
	}
	return strings.Join(parts, " "), from
}

// matchGroups returns the two names (other than the primary source, while
// there are others) found together in most articles, and in how many.
func (dr *drafter) matchGroups(primary *nameGroup) ([]*nameGroup, int) {
	var cands []*nameGroup
	for _, g := range dr.names {
		if g != primary {
			cands = append(cands, g)
		}
	}
	if len(cands) == 0 {
		cands = dr.names
	}
	if len(cands) > 8 {
		cands = cands[:8]
	}
	if len(cands) == 1 {
		return cands, cands[0].docs
	}
	var best []*nameGroup
	bestBoth := -1
	for i := range cands {
		for j := i + 1; j < len(cands); j++ {
			a, b := cands[i], cands[j]
			if sharesWord(a, b) {
				continue
			}
			both := 0
			for k := range dr.arts {
				if a.in[k] && b.in[k] {
					both++
				}
			}
			if both > bestBoth {
				best, bestBoth = []*nameGroup{a, b}, both
			}
		}
	}
	if best == nil || bestBoth < dr.minDocs {
		return cands[:1], cands[0].docs
	}
	return best, bestBoth
}

// sharesWord reports whether two groups have an alias word in common.
func sharesWord(a, b *nameGroup) bool {
	words := map[string]bool{}
	for _, s := range a.aliases {
		for _, w := range strings.Fields(sourcescore.LowerSameLength(s)) {
			words[w] = true
		}
	}
	for _, s := range b.aliases {
		for _, w := range strings.Fields(sourcescore.LowerSameLength(s)) {
			if words[w] {
				return true
			}
		}
	}
	return false
}

// denials returns the sentences with the set's denial wording, the name
// found in them in most articles (other than the primary source) as the
// accused side, and in how many; the other names found in them in as many
// articles as a name must be in are its speakers ("Sprecherin Jana
// Keller"). Without denial wording in the set it finds none.
func (dr *drafter) denials(primary *nameGroup) (sents []draftSentence, accused *nameGroup, n int, speakers []speaker) {
	inDenial := map[*nameGroup]map[int]bool{}
	for di, da := range dr.arts {
		seen := map[int]bool{}
		for _, c := range dr.denialAt(da) {
			si := da.d.sentenceAt(c.Start)
			if seen[si] {
				continue
			}
			seen[si] = true
			sp := da.d.sentences[si]
			sents = append(sents, dr.sentence(da, sp))
			body, lower := da.d.Body[sp.start:sp.end], da.d.Lower[sp.start:sp.end]
			for _, g := range dr.names {
				if g == primary || len(engine.NewPhraseSet(g.aliases).FindCase(body, lower)) == 0 {
					continue
				}
				if inDenial[g] == nil {
					inDenial[g] = map[int]bool{}
				}
				inDenial[g][di] = true
			}
		}
	}
	slices.SortStableFunc(sents, func(a, b draftSentence) int {
		if c := strings.Compare(a.file, b.file); c != 0 {
			return c
		}
		return cmp.Compare(a.pos.Line*1_000_000+a.pos.Column, b.pos.Line*1_000_000+b.pos.Column)
	})
	for _, g := range dr.names {
		if len(inDenial[g]) > 0 && (accused == nil || len(inDenial[g]) > len(inDenial[accused])) {
			accused = g
		}
	}
	if accused == nil {
		return sents, nil, 0, nil
	}
	for _, g := range dr.names {
		if g != accused && len(inDenial[g]) >= dr.minDocs {
			speakers = append(speakers, speaker{g, len(inDenial[g])})
		}
	}
	return sents, accused, len(inDenial[accused]), speakers
}

// sentence places a sentence of an article in its file.
func (dr *drafter) sentence(da *draftArticle, sp span) draftSentence {
	return draftSentence{file: da.a.File, pos: da.a.Position(sp.start), text: strings.Join(strings.Fields(da.d.Body[sp.start:sp.end]), " ")}
}

// facts returns the day-precise dates the articles give (resolved against
// each article's publication date), with the sentences that give them and
// the words near them as cues, sorted by date; and the dates left out: a
// date only one article gives, a few days from one that more articles give
// (most likely a wrong date for the same event, which the facts must not
// make right).
//
// A date whose sentences mostly hold the set's denial wording is a denial
// fact, one whose sentences mostly name the primary source or the report
// (the denial rule's about words) a report fact: the rules date those by
// that general wording, so their cues are only the words next to the date
// that it does not cover and that more than one article uses.
func (dr *drafter) facts(primary *nameGroup) (kept, leftOut []draftFact) {
	byDate := map[time.Time]*draftFact{}
	cues := map[time.Time]map[string]*cueStat{}
	denied := map[time.Time]map[int]bool{}   // articles whose sentence with the date holds denial wording
	reported := map[time.Time]map[int]bool{} // articles whose sentence with the date names the report
	var primaryPS *engine.PhraseSet
	if primary != nil {
		primaryPS = engine.NewPhraseSet(primary.aliases)
	}
	var latest time.Time // the latest publication date
	for di, da := range dr.arts {
		ref := da.a.Meta.Published
		if ref.After(latest) {
			latest = ref
		}
		denial := dr.denialAt(da)
		report := primaryPS.FindCase(da.d.Body, da.d.Lower)
		for _, ps := range dr.about {
			report = append(report, da.d.find(ps)...)
		}
		mentions := da.d.dates()
		for _, m := range mentions {
			switch m.Kind {
			case dates.Full:
			case dates.DayMonth:
				if ref.IsZero() {
					continue
				}
			default:
				continue
			}
			day, _, ok := m.Resolve(ref)
			if !ok {
				continue
			}
			si := da.d.sentenceAt(m.Start)
			if si < 0 {
				continue
			}
			sp := da.d.sentences[si]
			if dateline(da.d.Body[sp.start:sp.end]) {
				continue // "Stand: 11.03.2026 19:20 Uhr": when the page was made, no event of the story
			}
			// Whether the report or the denial is dated here is read in the
			// date's clause, as the date-fact rules read it: "Nach den
			// Unterlagen, die das Magazin veröffentlichte, wurde am 14.
			// November übergeben" dates a handover, not the report.
			cl := clauseAround(da.d, sp, m, mentions)
			f := byDate[day]
			if f == nil {
				f = &draftFact{date: day}
				byDate[day] = f
				cues[day] = map[string]*cueStat{}
				denied[day], reported[day] = map[int]bool{}, map[int]bool{}
			}
			if !slices.Contains(f.docs, di) {
				f.docs = append(f.docs, di)
				f.sentences = append(f.sentences, dr.sentence(da, sp))
			}
			if anyWithin(denial, cl.start, cl.end) {
				denied[day][di] = true
			}
			if anyWithin(report, cl.start, cl.end) {
				reported[day][di] = true
			}
			for _, c := range da.cuesNear(m, si, dr.nameWord) {
				k := sourcescore.LowerSameLength(c.text)
				st := cues[day][k]
				if st == nil {
					st = &cueStat{docs: map[int]bool{}, dist: c.dist, text: c.text}
					cues[day][k] = st
				}
				st.docs[di] = true
				st.dist = min(st.dist, c.dist)
				st.inReport = st.inReport || coversSpan(report, c.start, c.end)
				st.inDenial = st.inDenial || coversSpan(denial, c.start, c.end)
			}
		}
	}
	var all []*draftFact
	for _, f := range byDate {
		n := len(f.docs)
		switch {
		case len(denied[f.date]) > 0 && len(denied[f.date])*2 >= n:
			f.typ = FactDenial
		case len(reported[f.date])*2 > n: // more than half: the source's name also stands in "laut X" beside other events
			f.typ = FactReport
		default:
			f.typ = FactEvent
		}
		if f.typ == FactEvent {
			f.cues = topCues(cues[f.date], 1)
		} else {
			own := map[string]*cueStat{}
			for k, st := range cues[f.date] {
				if f.typ == FactDenial && !st.inDenial || f.typ == FactReport && !st.inReport {
					own[k] = st
				}
			}
			f.cues = topCues(own, min(2, len(dr.arts)))
			for _, w := range topCues(own, 1) {
				if !slices.Contains(f.cues, w) {
					f.more = append(f.more, w)
				}
			}
		}
		f.scheduled = !latest.IsZero() && f.date.After(latest)
		all = append(all, f)
	}
	slices.SortFunc(all, func(a, b *draftFact) int { return a.date.Compare(b.date) })
	for _, f := range all {
		if len(f.cues) == 0 && f.typ == FactEvent {
			continue // no word near it to tie it by
		}
		if len(f.docs) == 1 && len(dr.arts) > 1 {
			for _, g := range all {
				d := absDays(g.date.Sub(f.date))
				if len(g.docs) > 1 && d <= 3 && (f.near == nil || d < absDays(f.near.date.Sub(f.date)) ||
					d == absDays(f.near.date.Sub(f.date)) && len(g.docs) > len(f.near.docs)) {
					f.near = g
				}
			}
			if f.near != nil {
				leftOut = append(leftOut, *f)
				continue
			}
		}
		kept = append(kept, *f)
	}
	return kept, leftOut
}

// anyWithin reports whether a match lies in [start, end).
func anyWithin(ms []engine.Match, start, end int) bool {
	for _, m := range ms {
		if m.Start >= start && m.End <= end {
			return true
		}
	}
	return false
}

// coversSpan reports whether a match covers [start, end).
func coversSpan(ms []engine.Match, start, end int) bool {
	for _, m := range ms {
		if m.Start <= start && end <= m.End {
			return true
		}
	}
	return false
}

// cueStat is a word found next to a date: in which articles, how near.
type cueStat struct {
	docs     map[int]bool
	dist     int
	text     string
	inDenial bool // it is part of the denial wording somewhere
	inReport bool // it is the primary source's name or a word for the report somewhere
}

// maxCues is the most cues a drafted fact gets.
const maxCues = 5

// topCues returns the words found next to a date that tie it best: the
// words of the family (the same first 6 letters: "Bericht", "berichtete")
// found in most articles first, then the nearer; at most maxCues, of
// families found in at least minDocs articles.
func topCues(words map[string]*cueStat, minDocs int) []string {
	type family struct {
		docs  map[int]bool
		dist  int
		words []*cueStat
	}
	fams := map[string]*family{}
	for low, st := range words {
		r := []rune(low)
		key := string(r[:min(len(r), 6)])
		f := fams[key]
		if f == nil {
			f = &family{docs: map[int]bool{}, dist: st.dist}
			fams[key] = f
		}
		for d := range st.docs {
			f.docs[d] = true
		}
		f.dist = min(f.dist, st.dist)
		f.words = append(f.words, st)
	}
	list := make([]*family, 0, len(fams))
	for _, f := range fams {
		slices.SortFunc(f.words, func(a, b *cueStat) int {
			if c := cmp.Compare(a.dist, b.dist); c != 0 {
				return c
			}
			return strings.Compare(a.text, b.text)
		})
		list = append(list, f)
	}
	slices.SortFunc(list, func(a, b *family) int {
		if c := cmp.Compare(len(b.docs), len(a.docs)); c != 0 {
			return c
		}
		if c := cmp.Compare(a.dist, b.dist); c != 0 {
			return c
		}
		return strings.Compare(a.words[0].text, b.words[0].text)
	})
	var out []string
	for _, f := range list {
		if len(f.docs) < minDocs {
			break
		}
		for _, w := range f.words {
			if len(out) < maxCues {
				out = append(out, w.text)
			}
		}
	}
	return out
}

func absDays(d time.Duration) int {
	n := int(d.Hours() / 24)
	if n < 0 {
		return -n
	}
	return n
}

// nearWord is a cue candidate and its distance, in words, from the date.
type nearWord struct {
	text       string
	dist       int
	start, end int // where it is in the body
}

// cuesNear returns the nearest word on each side of date mention m in
// sentence si that could tie a date to an event: a word of 4 or more
// letters that is no function word, no name's and no date's.
func (da *draftArticle) cuesNear(m dates.Mention, si int, nameWord map[string]bool) []nearWord {
	from, to := wordsIn(da.words, m.Start, m.End)
	content := func(k int) bool {
		w := da.words[k]
		low := da.lower(k)
		return !w.digit && w.runes >= 4 && !draftStop[low] && !da.inDate[k] && !nameWord[low] && !da.claimed[k]
	}
	var out []nearWord
	for k := from - 1; k >= 0 && da.sent[k] == si; k-- {
		if content(k) {
			out = append(out, nearWord{da.text(k), from - k, da.words[k].start, da.words[k].end})
			break
		}
	}
	for k := to; k < len(da.words) && da.sent[k] == si; k++ {
		if content(k) {
			out = append(out, nearWord{da.text(k), k - to + 1, da.words[k].start, da.words[k].end})
			break
		}
	}
	return out
}

// storyID makes an id from the accused side's (or first match group's)
// first word and the year of the earliest fact: "nordlicht-2025"; a number
// is added when the set has a story of that id.
// datelineWords are the words of a line that only says when a page was
// made or changed.
var datelineWords = map[string]bool{"stand": true, "aktualisiert": true, "veröffentlicht": true, "am": true, "um": true, "uhr": true,
	"updated": true, "published": true, "posted": true, "last": true, "on": true, "at": true, "gmt": true, "utc": true, "mez": true, "cet": true,
	"pm": true, "am.": true, "zuletzt": true, "meldung": true, "vom": true, "artikel": true, "beitrag": true, "nachricht": true,
	"erschienen": true, "publiziert": true, "erstellt": true, "geändert": true, "datum": true, "first": true, "date": true}

// dateline reports whether a sentence holds nothing but a date, a time and
// words such as "Stand", "Updated": "Stand: 11.03.2026 19:20 Uhr".
func dateline(s string) bool {
	words := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) })
	if len(words) > 6 {
		return false
	}
	for _, w := range words {
		if !datelineWords[w] && !isMonthWord(w) {
			return false
		}
	}
	return true
}

// isMonthWord reports whether a lower-case word names a month, German or
// English, in full or short.
func isMonthWord(w string) bool {
	switch strings.TrimSuffix(w, ".") {
	case "januar", "jänner", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "dezember",
		"january", "february", "march", "may", "june", "july", "october", "december",
		"jan", "feb", "mär", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "okt", "oct", "nov", "dez", "dec":
		return true
	}
	return false
}

func (dr *drafter) storyID(d *Draft) string {
	g := d.accused
	base := slug(strings.Fields(g.name)[0]) + "-" + d.facts[0].date.Format("2006")
	id := base
	for n := 2; dr.set.Story(id) != nil; n++ {
		id = fmt.Sprintf("%s-%d", base, n)
	}
	return id
}

// slug lower-cases a word to ASCII letters and digits ("Küsten" → "kuesten").
func slug(s string) string {
	var b strings.Builder
	for _, r := range sourcescore.LowerSameLength(s) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == 'ä':
			b.WriteString("ae")
		case r == 'ö':
			b.WriteString("oe")
		case r == 'ü':
			b.WriteString("ue")
		case r == 'ß':
			b.WriteString("ss")
		}
	}
	if b.Len() == 0 {
		return "story"
	}
	return b.String()
}

// draftStop are the capitalised words that are no part of a name and no
// cue of an event: articles, pronouns, prepositions, conjunctions,
// auxiliaries, titles and forms of address, German and English
// (lower-cased).
var draftStop = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`
der die das den dem des ein eine einen einem einer eines kein keine
er sie es wir ihr ich man sich mich dich ihnen sein seine seinen seiner ihre ihren ihrer ihm ihn uns euch dies diese dieser dieses diesem diesen jene
und oder aber doch auch als wie wenn dass ob weil denn sondern nicht nur noch schon sehr mehr so nun jetzt dann da hier dort
in im am an auf aus bei mit nach von vom vor zu zum zur über unter um für gegen ohne seit bis durch zwischen laut gemäß trotz wegen während
ist sind war waren wird werden wurde wurden hat haben hatte hatten habe soll sollen sollte will wollen wollte kann können konnte muss müssen musste
sei seien wäre wären worden gewesen
alle allen aller alles jeder jede jedes viele einige mehrere beide etwa bereits wo was wer wann
sagte sagt sagten erklärte said says told
herr herrn frau dr prof
the a an this that these those it its he she they we you i his her their our
and or but if as than then so not no also only
of in on at to for from with by about against between into over under after before during since until according via
is are was were be been being has have had will would shall should can could may might must do does did
all every each some many several both any which who what when where there
mr mrs ms sir
`) {
		m[w] = true
	}
	return m
}()

// denialWording returns the general wording of the set's denial rules
// (their cues), and their words for a report and its claims (about, not
// about_acts).
func (s *Set) denialWording() (cues []*engine.Matcher, about []*engine.PhraseSet) {
	for _, r := range s.Rules {
		if dn, ok := r.check.(*denial); ok {
			if !dn.cues.Empty() {
				cues = append(cues, dn.cues)
			}
			if dn.reportWords != nil {
				about = append(about, dn.reportWords)
			}
		}
	}
	return cues, about
}

// denialAt returns where the set's denial wording is in an article, leaving
// out negated wording ("kein Dementi", "did not deny").
func (dr *drafter) denialAt(da *draftArticle) []engine.Match {
	var out []engine.Match
	for _, m := range dr.cues {
		for _, c := range da.d.findTerms(m) {
			si := da.d.sentenceAt(c.Start)
			if si >= 0 && !negated(da.d, c, da.d.sentences[si], m.IsPhrase(c), m.Source(c)) {
				out = append(out, c)
			}
		}
	}
	return out
}
