package dates

// The lexicon: every word the scanner cares about, lower-cased, with all its
// roles. A word can have several roles ("morgen" is tomorrow and a time of
// day, "vor" starts "vor zwei Jahren" and governs "vor 2022").

// lang is a set of languages.
type lang uint8

const (
	lDE   lang = 1
	lEN   lang = 2
	lBoth      = lDE | lEN
)

func (l lang) String() string {
	switch l {
	case lDE:
		return "de"
	case lEN:
		return "en"
	}
	return ""
}

// unit of a relative mention.
type unit uint8

const (
	uNone unit = iota
	uDay
	uWeek
	uMonth
	uYear
)

var unitNames = [...]string{"", "day", "week", "month", "year"}

// Parts of a year or month.
const (
	pNone uint8 = iota
	pEarly
	pMid
	pLate
	pSpring
	pSummer
	pAutumn
	pWinter
)

var partNames = [...]string{"", "early", "mid", "late", "spring", "summer", "autumn", "winter"}

// Times of day.
const (
	todNone uint8 = iota
	todMorning
	todNoon
	todAfternoon
	todEvening
	todNight
)

var todNames = [...]string{"", "morning", "noon", "afternoon", "evening", "night"}

// Word flags.
const (
	fYearLead  uint32 = 1 << iota // a bare 4-digit number after it is a year: im, seit, bis, Jahr, since, ...
	fDMLead                       // "5.11." after it is a date: am, vom, bis, ...
	fMonthLead                    // a bare month name after it is a date: im, seit, in, since, ...
	fPrep                         // reported as Mention.Prep
	fArticle                      // dem, den, der, des, the: skipped looking back for a preposition
	fOrdSuffix                    // st, nd, rd, th after a number
	fQtyLead                      // rund, etwa, Nr., Seite, about: the number after it is a quantity or an ID
	fQtyNoun                      // Millionen, Prozent, Menschen, people: the number before it is a quantity
	fHedge                        // gut, knapp, rund, fast: "vor gut zwei Jahren"
	fConnector                    // bis, auf, und, to: "16. auf den 22. Januar"
	fOf                           // of
	fAgo                          // ago
	fRelStart                     // vor, seit, in, im, innerhalb, within: may start a relative phrase
	fThan                         // als, than: "mehr als", "more than"
	fMoreLess                     // mehr, weniger, more, less
	fPaar                         // paar (ein paar), few/couple (a few)
	fAbbr                         // month abbreviation
	fUpper                        // the role (month, weekday) needs a capital first letter
	fPlural                       // plural unit
	fPartOf                       // part word that needs "of": end, beginning, start, middle
	fMid                          // mid ("mid-2022")
	fFall                         // "fall", a season only outside German text
	fIndef                        // indefinite article: a, an, ein, einem, ...
)

type wordInfo struct {
	key      string // the lower-cased word (a constant, for Mention.Prep)
	flags    uint32
	lang     lang  // language of the word's date roles
	vote     int8  // language vote: +1 German, -1 English
	month    int8  // 1..12
	wd       int8  // weekday + 1 (1 = Sunday)
	tod      uint8 // time of day
	rel      int8  // day offset of gestern/heute/morgen
	hasRel   bool
	relUnit  unit
	relLower bool // the relative role needs a lower-case first letter (morgen)
	num      int16
	vague    bool // einigen, several
	unit     unit
	unitMul  int8 // Jahrzehnt = 10 years
	deictic  int8 // letzte -1, diese 0, nächste +1
	hasDeic  bool
	deicPl   bool // the deictic word only works with plural units (recent, past)
	part     uint8
	active   bool   // some matcher can start at this word
	id       uint16 // index in entries, from 1
}

// lexicon holds the entries while they are built; lookups go through table.
var lexicon = map[string]*wordInfo{}

// table is an open-addressing hash table over the lexicon keyed by
// hashWord, faster than the map for the many words that are not in it.
var table []*wordInfo

// tableHash holds, beside each slot of table, its word's hash: a probe
// compares it first and reads the entry (elsewhere in memory) only when it
// is equal, which for a word not in the lexicon it seldom is.
var tableHash []uint32

// entries lists the lexicon's entries by id; entries[0] is nil, the id of a
// word not in the lexicon.
var entries []*wordInfo

const hashMul = 0x9E3779B1

// hashStep adds one byte of a lower-cased word to a hash.
func hashStep(h uint32, c byte) uint32 { return (h ^ uint32(c)) * hashMul }

// lookup returns the entry of the lower-cased word b with hash h, or nil.
func lookup(b []byte, h uint32) *wordInfo {
	mask := uint32(len(table) - 1)
	for i := (h ^ h>>16) & mask; ; i = (i + 1) & mask {
		e := table[i]
		if e == nil {
			return nil
		}
		if tableHash[i] != h {
			continue
		}
		if e.key == string(b) {
			return e
		}
	}
}

// lookupASCII is lookup for an ASCII word in any case.
func lookupASCII(word string, h uint32) *wordInfo {
	mask := uint32(len(table) - 1)
	for i := (h ^ h>>16) & mask; ; i = (i + 1) & mask {
		e := table[i]
		if e == nil {
			return nil
		}
		if tableHash[i] != h {
			continue
		}
		if len(e.key) == len(word) && eqLower(e.key, word) {
			return e
		}
	}
}

// eqLower reports whether the ASCII letters of word lower-cased are key.
func eqLower(key, word string) bool {
	for k := 0; k < len(key); k++ {
		if key[k] != word[k]|0x20 {
			return false
		}
	}
	return true
}

func buildTable() {
	n := 1
	for n < 4*len(lexicon) {
		n <<= 1
	}
	table = make([]*wordInfo, n)
	tableHash = make([]uint32, n)
	mask := uint32(n - 1)
	if len(lexicon) >= 1<<16 {
		panic("dates: lexicon too large for uint16 ids")
	}
	entries = make([]*wordInfo, 1, len(lexicon)+1)
	for k, e := range lexicon {
		e.id = uint16(len(entries))
		entries = append(entries, e)
		h := uint32(0)
		for j := 0; j < len(k); j++ {
			h = hashStep(h, k[j])
		}
		i := (h ^ h>>16) & mask
		for table[i] != nil {
			i = (i + 1) & mask
		}
		table[i], tableHash[i] = e, h
	}
	activeIDs = make([]bool, len(entries))
	for id, e := range entries[1:] {
		activeIDs[id+1] = e.active
	}
}

// activeIDs is, by entry id, whether the entry is active: the scan reads
// it for every word of a text, and a small flat array of it stays in the
// cache where the entries themselves, spread over the heap, do not.
var activeIDs []bool

// maxKey is the longest key in the lexicon in bytes; longer words are not looked up.
var maxKey int

func entry(w string) *wordInfo {
	e := lexicon[w]
	if e == nil {
		e = &wordInfo{key: w}
		lexicon[w] = e
		if len(w) > maxKey {
			maxKey = len(w)
		}
	}
	return e
}

func words(ws []string, f func(e *wordInfo)) {
	for _, w := range ws {
		f(entry(w))
	}
}

func init() {
	type mw struct {
		w     string
		m     int8
		l     lang
		flags uint32
	}
	months := []mw{
		{"januar", 1, lDE, 0}, {"jänner", 1, lDE, 0}, {"jaenner", 1, lDE, 0}, {"februar", 2, lDE, 0}, {"feber", 2, lDE, 0},
		{"märz", 3, lDE, 0}, {"maerz", 3, lDE, 0}, {"april", 4, lBoth, 0}, {"mai", 5, lDE, 0}, {"juni", 6, lDE, 0},
		{"juli", 7, lDE, 0}, {"august", 8, lBoth, fUpper}, {"september", 9, lBoth, 0}, {"oktober", 10, lDE, 0},
		{"november", 11, lBoth, 0}, {"dezember", 12, lDE, 0},
		{"january", 1, lEN, 0}, {"february", 2, lEN, 0}, {"march", 3, lEN, fUpper}, {"may", 5, lEN, fUpper},
		{"june", 6, lEN, 0}, {"july", 7, lEN, 0}, {"october", 10, lEN, 0}, {"december", 12, lEN, 0},
		// abbreviations: only in a day or year construction, capitalised
		{"jan", 1, lBoth, fAbbr | fUpper}, {"feb", 2, lBoth, fAbbr | fUpper}, {"mär", 3, lDE, fAbbr | fUpper},
		{"mrz", 3, lDE, fAbbr | fUpper}, {"mar", 3, lEN, fAbbr | fUpper}, {"apr", 4, lBoth, fAbbr | fUpper},
		{"jun", 6, lBoth, fAbbr | fUpper}, {"jul", 7, lBoth, fAbbr | fUpper}, {"aug", 8, lBoth, fAbbr | fUpper},
		{"sep", 9, lBoth, fAbbr | fUpper}, {"sept", 9, lBoth, fAbbr | fUpper}, {"okt", 10, lDE, fAbbr | fUpper},
		{"oct", 10, lEN, fAbbr | fUpper}, {"nov", 11, lBoth, fAbbr | fUpper}, {"dez", 12, lDE, fAbbr | fUpper},
		{"dec", 12, lEN, fAbbr | fUpper},
	}
	for _, m := range months {
		e := entry(m.w)
		e.month, e.lang, e.flags = m.m, m.l, e.flags|m.flags
	}

	type dw struct {
		w  string
		wd int8
		l  lang
	}
	weekdays := []dw{
		{"sonntag", 0, lDE}, {"montag", 1, lDE}, {"dienstag", 2, lDE}, {"mittwoch", 3, lDE},
		{"donnerstag", 4, lDE}, {"freitag", 5, lDE}, {"samstag", 6, lDE}, {"sonnabend", 6, lDE},
		{"sunday", 0, lEN}, {"monday", 1, lEN}, {"tuesday", 2, lEN}, {"wednesday", 3, lEN},
		{"thursday", 4, lEN}, {"friday", 5, lEN}, {"saturday", 6, lEN},
	}
	type tw struct {
		w   string
		tod uint8
		l   lang
	}
	deTod := []tw{
		{"morgen", todMorning, lDE}, {"früh", todMorning, lDE}, {"vormittag", todMorning, lDE},
		{"mittag", todNoon, lDE}, {"nachmittag", todAfternoon, lDE}, {"abend", todEvening, lDE},
		{"nacht", todNight, lDE},
	}
	enTod := []tw{
		{"morning", todMorning, lEN}, {"noon", todNoon, lEN}, {"midday", todNoon, lEN},
		{"afternoon", todAfternoon, lEN}, {"evening", todEvening, lEN}, {"night", todNight, lEN},
	}
	for _, d := range weekdays {
		e := entry(d.w)
		e.wd, e.lang = d.wd+1, d.l
		if d.l == lDE {
			e.flags |= fUpper
			if d.w == "sonnabend" {
				continue
			}
			// compounds: Donnerstagabend, Freitagmorgen
			for _, t := range deTod {
				c := entry(d.w + t.w)
				c.wd, c.lang, c.tod, c.flags = d.wd+1, lDE, t.tod, fUpper
			}
		}
	}
	for _, t := range append(deTod, enTod...) {
		e := entry(t.w)
		e.tod = t.tod
		if e.lang == 0 {
			e.lang = t.l
		}
	}

	// relative day words
	type rw struct {
		w     string
		rel   int8
		u     unit
		l     lang
		lower bool
		tod   uint8
	}
	for _, r := range []rw{
		{"gestern", -1, uDay, lDE, false, 0}, {"vorgestern", -2, uDay, lDE, false, 0},
		{"heute", 0, uDay, lDE, false, 0}, {"morgen", 1, uDay, lDE, true, todMorning},
		{"übermorgen", 2, uDay, lDE, true, 0}, {"heuer", 0, uYear, lDE, false, 0},
		{"yesterday", -1, uDay, lEN, false, 0}, {"today", 0, uDay, lEN, false, 0},
		{"tomorrow", 1, uDay, lEN, false, 0}, {"tonight", 0, uDay, lEN, false, todNight},
	} {
		e := entry(r.w)
		e.rel, e.hasRel, e.relUnit, e.lang, e.relLower = r.rel, true, r.u, r.l, r.lower
		if r.tod != 0 {
			e.tod = r.tod
		}
	}

	// number words
	type nw struct {
		w string
		n int16
		l lang
	}
	for _, n := range []nw{
		{"ein", 1, lDE}, {"eine", 1, lDE}, {"einem", 1, lDE}, {"einer", 1, lDE}, {"einen", 1, lDE}, {"eines", 1, lDE},
		{"zwei", 2, lDE}, {"drei", 3, lDE}, {"vier", 4, lDE}, {"fünf", 5, lDE}, {"fuenf", 5, lDE}, {"sechs", 6, lDE},
		{"sieben", 7, lDE}, {"acht", 8, lDE}, {"neun", 9, lDE}, {"zehn", 10, lDE}, {"elf", 11, lDE},
		{"zwölf", 12, lDE}, {"zwoelf", 12, lDE}, {"fünfzehn", 15, lDE}, {"zwanzig", 20, lDE}, {"dreißig", 30, lDE},
		{"fünfzig", 50, lDE}, {"hundert", 100, lDE},
		{"a", 1, lEN}, {"an", 1, lEN}, {"one", 1, lEN}, {"two", 2, lEN}, {"three", 3, lEN}, {"four", 4, lEN},
		{"five", 5, lEN}, {"six", 6, lEN}, {"seven", 7, lEN}, {"eight", 8, lEN}, {"nine", 9, lEN}, {"ten", 10, lEN},
		{"eleven", 11, lEN}, {"twelve", 12, lEN}, {"fifteen", 15, lEN}, {"twenty", 20, lEN}, {"thirty", 30, lEN},
		{"fifty", 50, lEN}, {"hundred", 100, lEN},
	} {
		e := entry(n.w)
		e.num = n.n
		if e.lang == 0 {
			e.lang = n.l
		}
	}
	words([]string{"einigen", "einige", "wenigen", "wenige", "mehreren", "mehrere", "etlichen", "etliche", "vielen", "viele", "zig"},
		func(e *wordInfo) { e.vague, e.lang = true, lDE })
	words([]string{"several", "some", "many"}, func(e *wordInfo) { e.vague, e.lang = true, lEN })
	words([]string{"paar"}, func(e *wordInfo) { e.flags |= fPaar; e.lang = lDE })
	words([]string{"few", "couple"}, func(e *wordInfo) { e.flags |= fPaar; e.lang = lEN })

	// units
	type uw struct {
		w   string
		u   unit
		mul int8
		pl  bool
		l   lang
	}
	for _, u := range []uw{
		{"tag", uDay, 1, false, lDE}, {"tage", uDay, 1, true, lDE}, {"tagen", uDay, 1, true, lDE}, {"tages", uDay, 1, false, lDE},
		{"woche", uWeek, 1, false, lDE}, {"wochen", uWeek, 1, true, lDE},
		{"monat", uMonth, 1, false, lDE}, {"monate", uMonth, 1, true, lDE}, {"monaten", uMonth, 1, true, lDE}, {"monats", uMonth, 1, false, lDE},
		{"jahr", uYear, 1, false, lDE}, {"jahre", uYear, 1, true, lDE}, {"jahren", uYear, 1, true, lDE}, {"jahres", uYear, 1, false, lDE},
		{"jahrzehnt", uYear, 10, false, lDE}, {"jahrzehnte", uYear, 10, true, lDE}, {"jahrzehnten", uYear, 10, true, lDE},
		{"day", uDay, 1, false, lEN}, {"days", uDay, 1, true, lEN}, {"week", uWeek, 1, false, lEN}, {"weeks", uWeek, 1, true, lEN},
		{"month", uMonth, 1, false, lEN}, {"months", uMonth, 1, true, lEN}, {"year", uYear, 1, false, lEN}, {"years", uYear, 1, true, lEN},
		{"decade", uYear, 10, false, lEN}, {"decades", uYear, 10, true, lEN},
	} {
		e := entry(u.w)
		e.unit, e.unitMul, e.lang = u.u, u.mul, u.l
		if u.pl {
			e.flags |= fPlural
		}
	}

	// deictic determiners
	deic := func(ws []string, d int8, l lang, pl bool) {
		words(ws, func(e *wordInfo) { e.deictic, e.hasDeic, e.lang, e.deicPl = d, true, l, pl })
	}
	deic([]string{"letzte", "letzten", "letzter", "letztes", "letztem", "vergangene", "vergangenen", "vergangener",
		"vergangenes", "vergangenem", "vorige", "vorigen", "voriger", "voriges", "vorigem"}, -1, lDE, false)
	deic([]string{"diese", "diesen", "dieser", "dieses", "diesem", "laufenden", "laufende", "laufendes"}, 0, lDE, false)
	deic([]string{"nächste", "nächsten", "nächster", "nächstes", "nächstem", "naechste", "naechsten", "naechstes",
		"kommende", "kommenden", "kommender", "kommendes", "kommendem"}, 1, lDE, false)
	deic([]string{"last"}, -1, lEN, false)
	deic([]string{"past", "recent"}, -1, lEN, true)
	deic([]string{"this"}, 0, lEN, false)
	deic([]string{"next"}, 1, lEN, false)
	deic([]string{"coming"}, 1, lEN, true)

	// parts of a year or month
	type pw struct {
		w     string
		p     uint8
		l     lang
		flags uint32
	}
	for _, p := range []pw{
		{"anfang", pEarly, lDE, 0}, {"beginn", pEarly, lDE, 0}, {"mitte", pMid, lDE, 0}, {"ende", pLate, lDE, 0},
		{"early", pEarly, lEN, 0}, {"mid", pMid, lEN, fMid}, {"late", pLate, lEN, 0},
		{"beginning", pEarly, lEN, fPartOf}, {"start", pEarly, lEN, fPartOf}, {"middle", pMid, lEN, fPartOf}, {"end", pLate, lEN, fPartOf},
		{"frühjahr", pSpring, lDE, 0}, {"fruehjahr", pSpring, lDE, 0}, {"frühling", pSpring, lDE, 0}, {"sommer", pSummer, lDE, 0},
		{"herbst", pAutumn, lDE, 0}, {"winter", pWinter, lBoth, 0},
		{"spring", pSpring, lEN, 0}, {"summer", pSummer, lEN, 0}, {"autumn", pAutumn, lEN, 0}, {"fall", pAutumn, lEN, fFall},
	} {
		e := entry(p.w)
		e.part, e.lang, e.flags = p.p, p.l, e.flags|p.flags
	}

	// prepositions and other context words
	flag := func(ws []string, f uint32) { words(ws, func(e *wordInfo) { e.flags |= f }) }
	flag([]string{"im", "in", "seit", "bis", "vor", "nach", "ab", "von", "vom", "zum", "um", "zwischen", "anno",
		"jahr", "jahre", "jahres", "jahren", "während", "gegen", "since", "until", "till", "by", "of", "from", "before",
		"after", "between", "year", "during", "through", "spätestens", "frühestens"}, fYearLead)
	flag([]string{"am", "an", "vom", "zum", "bis", "ab", "seit", "den", "dem", "stand", "zwischen", "datum", "vor", "nach", "und"}, fDMLead)
	flag([]string{"im", "in", "seit", "bis", "ab", "vor", "nach", "since", "until", "till", "by", "before", "after",
		"during", "from", "während", "zum", "vom"}, fMonthLead)
	flag([]string{"am", "an", "im", "in", "seit", "bis", "vor", "nach", "ab", "vom", "von", "zum", "um", "zwischen",
		"während", "gegen", "since", "until", "till", "by", "on", "at", "before", "after", "from", "during", "of",
		"between", "through", "innerhalb", "binnen", "within", "spätestens", "frühestens"}, fPrep)
	flag([]string{"dem", "den", "der", "des", "the"}, fArticle)
	flag([]string{"st", "nd", "rd", "th"}, fOrdSuffix)
	flag([]string{"rund", "etwa", "ca", "circa", "knapp", "mindestens", "höchstens", "beinahe", "insgesamt", "about",
		"around", "nearly", "almost", "approximately", "roughly", "than", "least", "nr", "no", "nummer", "seite",
		"page", "kapitel", "chapter", "artikel", "article", "paragraf", "paragraph", "tel", "fax", "plz", "zimmer",
		"room", "band", "vol", "nummern", "tweets", "bundesstraße", "route", "flug", "flight", "linie"}, fQtyLead)
	flag([]string{"millionen", "million", "millions", "milliarden", "milliarde", "billion", "billionen", "mio", "mrd",
		"euro", "euros", "dollar", "dollars", "franken", "pfund", "pounds", "rubel", "rubles", "yen", "prozent",
		"percent", "menschen", "personen", "leute", "people", "persons", "mal", "times", "stück", "meter", "metre",
		"metres", "meters", "km", "kilometer", "kilometern", "kilometres", "kilometers", "miles", "meilen", "tonnen",
		"tons", "tonnes", "kilo", "kg", "gramm", "liter", "litres", "jahre", "jahren", "years", "tage", "tagen",
		"days", "stunden", "hours", "minuten", "minutes", "sekunden", "seconds", "seiten", "pages", "soldaten",
		"soldiers", "troops", "mitarbeiter", "beschäftigte", "employees", "einwohner", "inhabitants", "fälle", "cases",
		"tote", "toten", "dead", "opfer", "victims", "stimmen", "votes", "punkte", "points", "uhr", "mann", "kinder",
		"children", "häuser", "wohnungen", "fahrzeuge", "autos", "cars", "schiffe", "flugzeuge", "drohnen", "drones",
		"raketen", "missiles", "teilnehmer", "besucher", "visitors", "zuschauer", "exemplare", "copies", "stellen",
		"jobs", "arbeitsplätze", "unterschriften", "signatures", "follower", "followers", "mitglieder", "members",
		"satelliten", "satellites", "einheiten", "units", "grad", "degrees", "watt", "kw", "mw", "ps", "hektar",
		"quadratmeter", "haushalte", "households", "patienten", "patients", "schüler", "students", "bürger", "citizens",
		"dosen", "doses", "tonne", "barrel", "fass", "flüchtlinge", "refugees", "gefangene", "prisoners", "geiseln",
		"hostages", "verletzte", "injured", "wounded", "festnahmen", "arrests"}, fQtyNoun)
	flag([]string{"gut", "knapp", "rund", "fast", "etwa", "über", "genau", "exakt", "beinahe", "nahezu", "ungefähr",
		"nur", "erst", "schon", "bereits", "mehr", "weniger", "ziemlich", "about", "almost", "nearly", "over", "exactly",
		"roughly", "around", "just", "only", "more", "less", "some"}, fHedge)
	flag([]string{"mehr", "weniger", "more", "less"}, fMoreLess)
	flag([]string{"als", "than"}, fThan)
	flag([]string{"bis", "auf", "und", "zum", "zur", "den", "to", "and", "until", "through", "till"}, fConnector)
	flag([]string{"of"}, fOf)
	flag([]string{"a", "an", "ein", "eine", "einem", "einer", "einen", "eines"}, fIndef)
	flag([]string{"ago"}, fAgo)
	flag([]string{"vor", "seit", "in", "im", "innerhalb", "binnen", "within"}, fRelStart)

	for _, e := range lexicon {
		e.active = e.month > 0 || e.part > 0 || e.wd > 0 || e.hasRel || e.hasDeic || e.num > 0 || e.vague ||
			e.unit > 0 || e.flags&(fRelStart|fHedge) != 0
	}

	// language votes: frequent function words
	words([]string{"der", "die", "das", "und", "ist", "nicht", "mit", "den", "dem", "von", "zu", "sich", "auf",
		"wird", "wurde", "auch", "für", "dass", "sie", "er", "es", "im", "bei", "nach", "hat", "haben", "sind", "eine",
		"einen", "ein", "des", "vom", "zum", "wie", "aber", "noch"}, func(e *wordInfo) { e.vote = 1 })
	words([]string{"the", "and", "of", "to", "is", "was", "with", "that", "for", "on", "are", "were", "he", "she",
		"it", "this", "by", "from", "has", "have", "will", "said", "which", "his", "her", "their", "would", "been"},
		func(e *wordInfo) { e.vote = -1 })
	buildTable()
}
