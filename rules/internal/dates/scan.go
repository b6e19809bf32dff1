package dates

import "time"

// scanner matches date expressions over the tokens of one text.
type scanner struct {
	text string
	t    []token
	doc  lang // the language the text seems to be in, 0 when unsure
	out  []Mention
}

// cand is a candidate mention covering the tokens [a, b).
type cand struct {
	a, b int
	m    Mention
}

func (s *scanner) run() {
	for i := 0; i < len(s.t); {
		if t := &s.t[i]; t.kind == tPunct || (t.kind == tWord && !activeIDs[t.wi]) {
			i++
			continue
		}
		if c, ok := s.matchAt(i); ok {
			s.out = append(s.out, s.finish(c))
			i = c.b
		} else {
			i++
		}
	}
}

// matchAt returns the longest expression starting at token i.
func (s *scanner) matchAt(i int) (best cand, found bool) {
	consider := func(c cand, ok bool) {
		if ok && (!found || c.b > best.b) {
			best, found = c, true
		}
	}
	t := &s.t[i]
	switch t.kind {
	case tNum:
		if !s.leftClean(i) {
			return
		}
		consider(s.numeric(i))
		if found {
			return
		}
		consider(s.dayFirst(i))
		consider(s.borrow(i))
		consider(s.yearAlone(i))
		consider(s.ago(i))
	case tWord:
		w := t.info()
		if w == nil {
			return
		}
		if w.month > 0 {
			consider(s.monthFirst(i, true))
		}
		if w.part > 0 {
			consider(s.partMatch(i))
		}
		if w.wd > 0 {
			consider(s.weekday(i, i, 0))
		}
		if w.hasRel {
			consider(s.relWord(i))
		}
		if w.flags&fRelStart != 0 {
			consider(s.relPrep(i))
		}
		if w.hasDeic {
			consider(s.deicticMatch(i))
		}
		if w.num > 0 || w.vague || w.unit > 0 || w.flags&fHedge != 0 {
			consider(s.ago(i))
		}
	}
	return
}

// finish fills in the offsets, the text and the preposition.
func (s *scanner) finish(c cand) Mention {
	m := c.m
	m.Start, m.End = s.t[c.a].start, s.t[c.b-1].end
	m.Text = s.text[m.Start:m.End]
	if m.Prep == "" {
		m.Prep = s.prepBefore(c.a)
	}
	return m
}

// prepBefore returns the preposition right before token a, looking past one
// article and one "Jahr"/"year" ("im Jahr 2022", "vor dem 5. November").
func (s *scanner) prepBefore(a int) string {
	j := a - 1
	if w := s.word(j); w != nil && w.unit == uYear && w.unitMul == 1 && w.flags&fPlural == 0 {
		j--
	}
	if s.has(j, fArticle) && !s.has(j, fPrep) {
		j--
	}
	if w := s.word(j); w != nil && w.flags&fPrep != 0 {
		return w.key
	}
	return ""
}

// --- token helpers ---

func (s *scanner) word(j int) *wordInfo {
	if j >= 0 && j < len(s.t) && s.t[j].kind == tWord {
		return s.t[j].info()
	}
	return nil
}

func (s *scanner) has(j int, f uint32) bool {
	w := s.word(j)
	return w != nil && w.flags&f != 0
}

func (s *scanner) isNum(j int) bool { return j >= 0 && j < len(s.t) && s.t[j].kind == tNum }

// numN reports whether token j is a number of lo to hi digits.
func (s *scanner) numN(j, lo, hi int) bool {
	return s.isNum(j) && int(s.t[j].ndig) >= lo && int(s.t[j].ndig) <= hi
}

func (s *scanner) punct(j int) rune {
	if j >= 0 && j < len(s.t) && s.t[j].kind == tPunct {
		return s.t[j].r
	}
	return 0
}

// adj reports whether token j touches token j-1.
func (s *scanner) adj(j int) bool { return j > 0 && j < len(s.t) && s.t[j].start == s.t[j-1].end }

func isDash(r rune) bool { return r == '-' || r == '–' || r == '—' }

// leftClean reports whether the number at token i is not glued to what comes
// before: no letter or digit, no "2." of "2.000", no "B" of "B2B", no "#", "$".
func (s *scanner) leftClean(i int) bool {
	if i == 0 || !s.adj(i) {
		return true
	}
	p := &s.t[i-1]
	if p.kind != tPunct {
		return false
	}
	switch p.r {
	case '-':
		// a day range "16-22 October" is fine; "2022-2023", "COVID-19" are not
		if s.adj(i-1) && s.t[i-2].kind != tPunct {
			return s.t[i-2].kind == tNum && s.t[i-2].ndig <= 2 && s.t[i].ndig <= 2
		}
		return true
	case '.', ',', ':', '/', '_', '\'':
		return !(s.adj(i-1) && s.t[i-2].kind != tPunct)
	case '#', '$', '€', '£', '¥', '§', '+', '@', '*', '=', '^':
		return false
	}
	return true
}

// rightClean reports whether the expression ending before token j is not
// glued to what follows: no letter or digit, no ",5" or ":58" or ".000",
// no "%" or currency.
func (s *scanner) rightClean(j int) bool {
	if j >= len(s.t) || !s.adj(j) {
		return true
	}
	n := &s.t[j]
	if n.kind != tPunct {
		return false
	}
	switch n.r {
	case '.', ',', ':':
		return !(s.adj(j+1) && s.t[j+1].kind == tNum)
	case '%', '€', '$', '£', '°', '@':
		return false
	}
	return true
}

// qtyAfter reports whether token j makes the number before it a quantity:
// "2000 Menschen", "2024 Prozent", "1990 €".
func (s *scanner) qtyAfter(j int) bool {
	if s.has(j, fQtyNoun) {
		return true
	}
	switch s.punct(j) {
	case '%', '€', '$', '£':
		return true
	}
	return false
}

// month returns the lexicon entry of token j if it can be a month name: a
// capital first letter where the word needs one (May, March, August and the
// abbreviations), abbreviations only when abbr is true.
func (s *scanner) month(j int, abbr bool) *wordInfo {
	w := s.word(j)
	if w == nil || w.month == 0 {
		return nil
	}
	if w.flags&fUpper != 0 && !s.t[j].upper {
		return nil
	}
	if w.flags&fAbbr != 0 && !abbr {
		return nil
	}
	return w
}

// monthEnd is the token after the month name at j, past the period of an
// abbreviation ("Okt.", "Oct.").
func (s *scanner) monthEnd(j int) int {
	if s.t[j].info().flags&fAbbr != 0 && s.punct(j+1) == '.' && s.adj(j+1) {
		return j + 2
	}
	return j + 1
}

// yearTok reports whether token j is a four-digit year in [lo, hi] that ends
// cleanly and is not a quantity.
func (s *scanner) yearTok(j, lo, hi int) bool {
	if !s.numN(j, 4, 4) {
		return false
	}
	v := s.t[j].val
	return v >= lo && v <= hi && s.rightClean(j+1) && !s.qtyAfter(j+1)
}

func (s *scanner) langOf(l, structural lang) string {
	switch l {
	case lDE, lEN:
		return l.String()
	}
	if structural != 0 {
		return structural.String()
	}
	return s.doc.String()
}

// --- calendar helpers ---

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y == 0 || (y%4 == 0 && (y%100 != 0 || y%400 == 0)) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// validDate reports whether d.m.y exists; y == 0 allows 29 February.
func validDate(y, m, d int) bool {
	return m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m)
}

// --- numbers ---

// numeric matches 2024-10-25, 25.10.2024, 25.10.24, 5.11., 26/10/2024, 10/26/2024.
func (s *scanner) numeric(i int) (c cand, ok bool) {
	t := &s.t[i]
	if t.ndig == 4 {
		if s.punct(i+1) == '-' && s.adj(i+1) && s.numN(i+2, 1, 2) && s.adj(i+2) &&
			s.punct(i+3) == '-' && s.adj(i+3) && s.numN(i+4, 1, 2) && s.adj(i+4) {
			y, m, d := t.val, s.t[i+2].val, s.t[i+4].val
			if y >= 1000 && validDate(y, m, d) && (s.rightClean(i+5) || s.isoTime(i+5)) {
				return cand{i, i + 5, Mention{Kind: Full, Year: y, Month: m, Day: d, Format: "yyyy-mm-dd"}}, true
			}
		}
		return
	}
	if t.ndig > 2 {
		return
	}
	p := s.punct(i + 1)
	if (p != '.' && p != '/') || !s.adj(i+1) || !s.numN(i+2, 1, 2) || !s.adj(i+2) || s.punct(i+3) != p || !s.adj(i+3) {
		return
	}
	a, b := t.val, s.t[i+2].val
	if p == '/' {
		if !s.numN(i+4, 4, 4) || !s.adj(i+4) || !s.rightClean(i+5) {
			return
		}
		y, d, m, f := s.t[i+4].val, a, b, "dd/mm/yyyy"
		if a <= 12 && b > 12 {
			d, m, f = b, a, "mm/dd/yyyy"
		}
		if y < 1000 || !validDate(y, m, d) {
			return
		}
		return cand{i, i + 5, Mention{Kind: Full, Year: y, Month: m, Day: d, Format: f}}, true
	}
	d, m := a, b
	if !validDate(0, m, d) {
		return
	}
	if s.isNum(i+4) && s.adj(i+4) {
		y := s.t[i+4].val
		if !s.rightClean(i + 5) {
			return
		}
		switch s.t[i+4].ndig {
		case 4:
			if y >= 1000 && validDate(y, m, d) {
				return cand{i, i + 5, Mention{Kind: Full, Year: y, Month: m, Day: d, Format: "dd.mm.yyyy"}}, true
			}
		case 2:
			if validDate(2000+y, m, d) {
				return cand{i, i + 5, Mention{Kind: Full, Year: 2000 + y, Month: m, Day: d, Format: "dd.mm.yy"}}, true
			}
		}
		return
	}
	// "5.11." without a year
	if s.adj(i+4) && s.t[i+4].kind != tPunct {
		return
	}
	if !s.adj(i+4) && s.yearTok(i+4, 1000, 2999) && validDate(s.t[i+4].val, m, d) { // "5.11. 2024"
		return cand{i, i + 5, Mention{Kind: Full, Year: s.t[i+4].val, Month: m, Day: d, Format: "dd.mm.yyyy"}}, true
	}
	if !s.dmContext(i) {
		return
	}
	return cand{i, i + 4, Mention{Kind: DayMonth, Month: m, Day: d, Format: "dd.mm.", Lang: "de"}}, true
}

// isoTime reports whether token j starts the "T09:58" of an ISO timestamp.
func (s *scanner) isoTime(j int) bool {
	return j+1 < len(s.t) && s.t[j].kind == tWord && s.t[j].end-s.t[j].start == 1 && s.text[s.t[j].start] == 'T' &&
		s.adj(j) && s.isNum(j+1) && s.adj(j+1)
}

// dmContext reports whether a yearless "5.11." at token i reads as a date:
// after am, vom, bis, zum, ab, seit, den, dem, Stand, ... or a weekday
// ("Freitag, 25.10.").
func (s *scanner) dmContext(i int) bool {
	j := i - 1
	if s.punct(j) == ',' {
		j--
		w := s.word(j)
		return w != nil && w.wd > 0
	}
	w := s.word(j)
	return w != nil && (w.flags&fDMLead != 0 || w.wd > 0)
}

// dayFirst matches "5. November [2024]", "25. Okt.", "24 October [2024]",
// "24th of October".
func (s *scanner) dayFirst(i int) (c cand, ok bool) {
	t := &s.t[i]
	if t.ndig > 2 || t.val < 1 || t.val > 31 {
		return
	}
	d := t.val
	var mw *wordInfo
	var j int
	var structural lang
	german := s.punct(i+1) == '.' && s.adj(i+1)
	if german {
		j = i + 2
		structural = lDE
	} else {
		j = i + 1
		if s.has(j, fOrdSuffix) && s.adj(j) {
			j++
			if s.has(j, fOf) {
				j++
			}
		} else if s.adj(j) {
			return
		}
		structural = lEN
	}
	if mw = s.month(j, true); mw == nil {
		return
	}
	m := int(mw.month)
	if !validDate(0, m, d) {
		return
	}
	k := s.monthEnd(j)
	c = cand{i, k, Mention{Kind: DayMonth, Day: d, Month: m, Lang: s.langOf(mw.lang, structural)}}
	if german {
		c.m.Format = "d. month"
	} else {
		c.m.Format = "d month"
	}
	y := k
	if !german && s.punct(y) == ',' {
		y++
	}
	if !s.adj(y) && s.yearTok(y, 1000, 2999) && validDate(s.t[y].val, m, d) {
		c.b = y + 1
		c.m.Kind, c.m.Year = Full, s.t[y].val
		c.m.Format += " yyyy"
	}
	return c, true
}

// borrow matches the first day of a range whose month comes with the second:
// "vom 16. auf den 22. Januar", "5. bis 7. November 2024", "16-22 October".
func (s *scanner) borrow(i int) (c cand, ok bool) {
	t := &s.t[i]
	if t.ndig > 2 || t.val < 1 || t.val > 31 {
		return
	}
	k := i + 1
	dotted := s.punct(k) == '.' && s.adj(k)
	if dotted {
		k++
	}
	end := k
	n := 0
	for ; n < 3; n++ {
		if w := s.word(k); w != nil && w.flags&fConnector != 0 {
			k++
			continue
		}
		if r := s.punct(k); isDash(r) || (dotted && (r == ',' || r == '/')) {
			k++
			continue
		}
		break
	}
	if n == 0 || !s.isNum(k) {
		return
	}
	target, found := s.dayFirst(k)
	if !found {
		if !dotted {
			return
		}
		if target, found = s.numeric(k); found && target.m.Format[2] != '.' {
			return
		}
		if !found { // "5., 6. und 7. Mai": the next day borrows too
			if target, found = s.borrow(k); !found {
				return
			}
			target.m.Format = "d. month"
		}
	}
	if dotted != (target.m.Format[1] == '.' || target.m.Format[2] == '.') {
		return
	}
	tm := target.m
	if t.val >= tm.Day || !validDate(tm.Year, tm.Month, t.val) {
		return
	}
	m := Mention{Kind: tm.Kind, Year: tm.Year, Month: tm.Month, Day: t.val, Format: "d", Lang: tm.Lang}
	if dotted {
		m.Format = "d."
	}
	return cand{i, end, m}, true
}

// yearAlone matches a bare year: four digits 1900-2099 standing as a word,
// not a quantity ("2000 Menschen", "rund 2000"), not an ID ("Nr. 2024").
func (s *scanner) yearAlone(i int) (c cand, ok bool) {
	if !s.bareYear(i) || s.isNum(i-1) || s.has(i-1, fQtyLead) || (s.punct(i-1) == '.' && s.has(i-2, fQtyLead)) ||
		(s.has(i-1, fThan) && s.has(i-2, fMoreLess)) {
		return
	}
	ctx := s.has(i-1, fYearLead) || (s.has(i-1, fArticle) && s.has(i-2, fYearLead))
	if !ctx && s.doc != lEN && i+1 < len(s.t) && s.t[i+1].kind == tWord && s.t[i+1].upper {
		// German nouns are capitalised: without a date word before it,
		// "2000 Soldaten" is a count.
		w := s.t[i+1].info()
		if w == nil || (w.month == 0 && w.wd == 0 && w.part == 0 && !w.hasRel) {
			return
		}
	}
	return cand{i, i + 1, Mention{Kind: Year, Year: s.t[i].val, Format: "yyyy"}}, true
}

// bareYear reports whether token j is a year 1900-2099 that can stand alone.
func (s *scanner) bareYear(j int) bool {
	return s.yearTok(j, 1900, 2099) && !s.isNum(j+1)
}

// --- words ---

// monthFirst matches "October 24", "Oct. 25th", "October 24, 2024",
// "Oktober 2024", "October of 2022" and, when needLead is false or a
// preposition comes before it, a bare month ("im Oktober").
func (s *scanner) monthFirst(i int, needLead bool) (c cand, ok bool) {
	mw := s.month(i, true)
	if mw == nil {
		return
	}
	m := int(mw.month)
	k := s.monthEnd(i)
	// month d: English only
	if s.numN(k, 1, 2) && !s.adj(k) && mw.lang&lEN != 0 && (s.doc != lDE || mw.lang == lEN) {
		d := s.t[k].val
		e := k + 1
		if s.has(e, fOrdSuffix) && s.adj(e) {
			e++
		}
		if validDate(0, m, d) && s.rightClean(e) && !s.qtyAfter(e) {
			c = cand{i, e, Mention{Kind: DayMonth, Month: m, Day: d, Format: "month d", Lang: "en"}}
			switch {
			case s.punct(e) == ',' && s.yearTok(e+1, 1000, 2999) && validDate(s.t[e+1].val, m, d):
				c.b, c.m.Kind, c.m.Year, c.m.Format = e+2, Full, s.t[e+1].val, "month d, yyyy"
			case !s.adj(e) && s.yearTok(e, 1000, 2999) && validDate(s.t[e].val, m, d):
				c.b, c.m.Kind, c.m.Year, c.m.Format = e+1, Full, s.t[e].val, "month d yyyy"
			}
			return c, true
		}
	}
	// month yyyy
	y := k
	if s.has(y, fOf) {
		y++
	}
	if !s.adj(y) && s.yearTok(y, 1000, 2999) {
		return cand{i, y + 1, Mention{Kind: MonthYear, Month: m, Year: s.t[y].val, Format: "month yyyy", Lang: s.langOf(mw.lang, 0)}}, true
	}
	if mw.flags&fAbbr != 0 || (needLead && !s.has(i-1, fMonthLead)) {
		return
	}
	return cand{i, i + 1, Mention{Kind: Month, Month: m, Format: "month", Lang: s.langOf(mw.lang, 0)}}, true
}

// partMatch matches "Ende 2022", "Anfang November", "Mitte Oktober 2024",
// "late 2022", "mid-2022", "the end of October", "Herbst 2022",
// "autumn of 2022", "Ende letzten Jahres", "early next year".
func (s *scanner) partMatch(i int) (c cand, ok bool) {
	w := s.t[i].info()
	k := i + 1
	if w.flags&fPartOf != 0 {
		if !s.has(k, fOf) {
			return
		}
		k++
	}
	if w.flags&fMid != 0 && isDash(s.punct(k)) && s.adj(k) && s.adj(k+1) {
		k++
	}
	part := partNames[w.part]
	if w.part >= pSpring {
		if w.flags&fFall != 0 && s.doc == lDE {
			return
		}
		if s.has(k, fOf) {
			k++
		}
		if s.bareYear(k) && !s.adj(k) {
			return cand{i, k + 1, Mention{Kind: Year, Year: s.t[k].val, Part: part, Format: "yyyy", Lang: s.langOf(w.lang, 0)}}, true
		}
		if r, ok := s.deicticUnit(k); ok && !r.m.Vague && r.m.Unit == "year" {
			r.a, r.m.Part, r.m.Lang = i, part, s.langOf(w.lang, 0)
			return r, true
		}
		return
	}
	if s.month(k, true) != nil {
		if r, ok := s.monthFirst(k, false); ok && (r.m.Kind == Month || r.m.Kind == MonthYear) {
			r.a, r.m.Part, r.m.Lang = i, part, s.langOf(w.lang, 0)
			return r, true
		}
		return
	}
	if s.bareYear(k) && (!s.adj(k) || w.flags&fMid != 0) {
		return cand{i, k + 1, Mention{Kind: Year, Year: s.t[k].val, Part: part, Format: "yyyy", Lang: s.langOf(w.lang, 0)}}, true
	}
	if r, ok := s.deicticUnit(k); ok && !r.m.Vague && r.m.Unit != "day" {
		r.a, r.m.Part, r.m.Lang = i, part, s.langOf(w.lang, 0)
		return r, true
	}
	// "Ende des Jahres [2022]", "Anfang des Monats"
	if d := s.word(k); d != nil && d.key == "des" && w.lang == lDE {
		if u := s.unitAt(k + 1); u != nil && u.unitMul == 1 && (u.key == "jahres" || u.key == "monats") {
			if u.unit == uYear && s.bareYear(k+2) {
				return cand{i, k + 3, Mention{Kind: Year, Year: s.t[k+2].val, Part: part, Format: "yyyy", Lang: "de"}}, true
			}
			m := rel(u.unit, 0, false, lDE)
			m.Part = part
			return cand{i, k + 2, m}, true
		}
	}
	return
}

// weekday matches the weekday at token i with an optional time of day
// ("Freitag", "Donnerstagabend", "Freitag früh", "Thursday evening"); the
// mention starts at token a (a deictic word before it) and gets amount.
func (s *scanner) weekday(a, i, amount int) (c cand, ok bool) {
	w := s.word(i)
	if w == nil || w.wd == 0 || (w.flags&fUpper != 0 && !s.t[i].upper) {
		return
	}
	tod := w.tod
	b := i + 1
	if tod == 0 {
		if t := s.word(i + 1); t != nil && t.tod > 0 && t.lang&w.lang != 0 && !t.hasDeic {
			tod, b = t.tod, i+2
		}
	}
	return cand{a, b, Mention{Kind: Weekday, Weekday: time.Weekday(w.wd - 1), Amount: amount, TimeOfDay: todNames[tod],
		Format: "weekday", Lang: w.lang.String()}}, true
}

func rel(u unit, amount int, vague bool, l lang) Mention {
	return Mention{Kind: Relative, Unit: unitNames[u], Amount: amount, Vague: vague, Format: "relative", Lang: l.String()}
}

// relWord matches gestern, heute, morgen (lower case only), vorgestern,
// übermorgen, heuer, yesterday, today, tomorrow, tonight, with an optional
// time of day ("gestern Abend", "heute Morgen", "yesterday morning").
func (s *scanner) relWord(i int) (c cand, ok bool) {
	w := s.t[i].info()
	if w.relLower && s.t[i].upper {
		return
	}
	c = cand{i, i + 1, rel(w.relUnit, int(w.rel), false, w.lang)}
	if w.key == "tonight" {
		c.m.TimeOfDay = todNames[todNight]
	} else if w.relUnit == uDay {
		if t := s.word(i + 1); t != nil && t.tod > 0 && t.lang&w.lang != 0 {
			c.b, c.m.TimeOfDay = i+2, todNames[t.tod]
		}
	}
	return c, true
}

// amount parses the amount of a relative phrase at token k: "zwei", "2",
// "einem", "einigen", "ein paar", "a few", "gut zwei", "mehr als zwei",
// "about two". It returns the amount (1 when vague) and the next token.
func (s *scanner) amount(k int) (n int, vague bool, next int, ok bool) {
	for range 2 {
		if s.has(k, fMoreLess) && s.has(k+1, fThan) {
			k += 2
			continue
		}
		if w := s.word(k); w != nil && w.flags&fHedge != 0 {
			if nx := s.word(k + 1); s.numN(k+1, 1, 3) || (nx != nil && (nx.num > 0 || nx.flags&fMoreLess != 0)) {
				k++
				continue
			}
		}
		break
	}
	if s.numN(k, 1, 3) && s.t[k].val > 0 && s.leftClean(k) {
		return s.t[k].val, false, k + 1, true
	}
	w := s.word(k)
	switch {
	case w == nil:
		return
	case w.num > 0:
		k++
		if s.has(k, fPaar) { // ein paar, a few, a couple of
			k++
			if s.has(k, fOf) {
				k++
			}
			return 1, true, k, true
		}
		return int(w.num), false, k, true
	case w.vague:
		return 1, true, k + 1, true
	case w.flags&fPaar != 0 && w.key == "few": // "the last few weeks"
		return 1, true, k + 1, true
	}
	return
}

// unitAt returns the unit word at token k, or nil.
func (s *scanner) unitAt(k int) *wordInfo {
	if w := s.word(k); w != nil && w.unit != uNone {
		return w
	}
	return nil
}

// relPrep matches relative phrases that start with a preposition:
// "vor zwei Jahren", "vor einigen Wochen", "vor Jahren", "seit zwei Jahren",
// "in zwei Wochen", "in diesem Jahr", "im vergangenen Jahr", "in den
// letzten Wochen", "in recent weeks", "seit letztem Jahr".
func (s *scanner) relPrep(i int) (c cand, ok bool) {
	w := s.t[i].info()
	dir := 1
	if w.key == "vor" || w.key == "seit" {
		dir = -1
	}
	k := i + 1
	if w.key != "im" {
		if n, vague, j, ok := s.amount(k); ok && (dir < 0 || !s.has(k, fIndef) || vague) {
			// "in einem Jahr", "in a year" are too often "in a year in which"
			if u := s.unitAt(j); u != nil {
				amt := dir * n * int(u.unitMul)
				if vague {
					amt = dir
				}
				m := rel(u.unit, amt, vague, u.lang)
				m.Prep = w.key
				return cand{i, j + 1, m}, true
			}
		}
		if u := s.unitAt(k); u != nil && dir < 0 && u.flags&fPlural != 0 { // vor Jahren, seit Wochen
			m := rel(u.unit, -1, true, u.lang)
			m.Prep = w.key
			return cand{i, k + 1, m}, true
		}
	}
	if w.key == "in" || w.key == "im" || w.key == "seit" {
		if s.has(k, fArticle) {
			k++
		}
		if r, ok := s.deicticUnit(k); ok {
			r.a, r.m.Prep = i, w.key
			return r, true
		}
	}
	return
}

// deicticUnit matches a deictic word and a unit: "letzte Woche", "dieses
// Jahr", "nächsten Monat", "letzten Jahres", "last year", "this week",
// "die letzten Wochen" (vague), "letzten zwei Jahren" (vague, a span),
// "the past few weeks", "recent weeks", "the coming days".
func (s *scanner) deicticUnit(j int) (c cand, ok bool) {
	w := s.word(j)
	if w == nil || !w.hasDeic {
		return
	}
	k := j + 1
	n, vague, stated := 1, false, false
	if a, v, next, ok := s.amount(k); ok && s.unitAt(next) != nil && (v || s.word(k) == nil || s.word(k).num > 1 || s.isNum(k)) {
		n, vague, stated, k = a, v, true, next
	}
	u := s.unitAt(k)
	if u == nil {
		return
	}
	if u.flags&fPlural == 0 {
		if stated || w.deicPl || u.unit == uDay {
			return
		}
		return cand{j, k + 1, rel(u.unit, int(w.deictic)*int(u.unitMul), false, w.lang)}, true
	}
	if w.deictic == 0 {
		return
	}
	amt := int(w.deictic)
	if stated && !vague {
		amt *= n * int(u.unitMul)
	}
	return cand{j, k + 1, rel(u.unit, amt, true, w.lang)}, true
}

// deicticMatch matches deictic phrases without a preposition: those of
// deicticUnit, "nächsten Freitag", "last Friday", "letzte Nacht",
// "last night", "this morning".
func (s *scanner) deicticMatch(i int) (c cand, ok bool) {
	if c, ok := s.deicticUnit(i); ok {
		return c, true
	}
	w := s.t[i].info()
	nx := s.word(i + 1)
	if nx == nil || nx.lang&w.lang == 0 {
		return
	}
	if nx.wd > 0 {
		amt := int(w.deictic)
		if amt == 0 {
			amt = 1
		}
		return s.weekday(i, i+1, amt)
	}
	if nx.tod > 0 && !nx.hasRel && (w.deictic == 0 || (w.deictic == -1 && nx.tod >= todEvening)) {
		m := rel(uDay, int(w.deictic), false, w.lang)
		m.TimeOfDay = todNames[nx.tod]
		return cand{i, i + 2, m}, true
	}
	if nx.key == "morgen" && w.deictic == 0 && s.t[i+1].upper { // "diesen Morgen"
		m := rel(uDay, 0, false, lDE)
		m.TimeOfDay = todNames[todMorning]
		return cand{i, i + 2, m}, true
	}
	return
}

// ago matches English "two years ago", "3 days ago", "a week ago",
// "a few weeks ago", "several months ago", "weeks ago", "a decade ago".
func (s *scanner) ago(i int) (c cand, ok bool) {
	if u := s.unitAt(i); u != nil {
		if u.flags&fPlural != 0 && s.has(i+1, fAgo) {
			return cand{i, i + 2, rel(u.unit, -1, true, lEN)}, true
		}
		return
	}
	n, vague, k, found := s.amount(i)
	if !found {
		return
	}
	u := s.unitAt(k)
	if u == nil || !s.has(k+1, fAgo) {
		return
	}
	amt := -n * int(u.unitMul)
	if vague {
		amt = -1
	}
	return cand{i, k + 2, rel(u.unit, amt, vague, lEN)}, true
}
