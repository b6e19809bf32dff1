package dates

import (
	"slices"
	"sync"
	"time"
)

// Kind is the precision of a date mention.
type Kind int

// The kinds of mention. The zero Kind is not used, so a zero Mention is never
// mistaken for a full date.
const (
	Full      Kind = iota + 1 // day, month and year: "25.10.2024", "3. Dezember 2024", "October 24, 2024"
	DayMonth                  // day and month, no year: "am 5. November", "Oct. 25", "5.11."
	MonthYear                 // month and year: "im Februar 2022", "Oktober 2024", "Ende Oktober 2024"
	Year                      // a year, maybe with a Part: "2021", "seit Ende 2022", "im Herbst 2022"
	Weekday                   // a weekday: "am Freitag", "Donnerstagabend", "on Thursday", "nächsten Montag"
	Relative                  // relative to the reference date: "gestern", "vor zwei Jahren", "in diesem Jahr", "last week"
	Month                     // a month without day or year, after a preposition or a Part: "im Oktober", "Ende Oktober", "in May"
)

var kindNames = [...]string{"", "Full", "DayMonth", "MonthYear", "Year", "Weekday", "Relative", "Month"}

// String returns the constant's name ("Full", "DayMonth", ...).
func (k Kind) String() string {
	if k > 0 && int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "Kind(" + itoa(int(k)) + ")"
}

// Mention is one date expression found in a text. See the package
// documentation for what each form yields.
type Mention struct {
	// Start and End are the byte offsets of the expression in the text given
	// to Find; Text is text[Start:End]. A preposition in front of an absolute
	// date or a weekday ("am 25. Oktober", "im Februar 2022", "on Thursday") is
	// not part of the expression (see Prep); relative phrases are taken whole,
	// preposition included ("vor zwei Jahren", "in diesem Jahr").
	Start, End int
	Text       string
	Kind       Kind
	// Year, Month (1-12) and Day are the stated values, 0 when not stated.
	Year, Month, Day int
	// Weekday is the weekday of a Weekday mention (meaningless for other kinds).
	Weekday time.Weekday
	// Part narrows a Year, MonthYear, Month or Relative mention: "early",
	// "mid", "late" (Anfang/Mitte/Ende, early/mid/late, beginning/end of) or a
	// season "spring", "summer", "autumn", "winter"; "" otherwise.
	Part string
	// Format is how the date was written, one of Formats().
	Format string
	// Lang is "de" or "en" for the language of the words of the expression,
	// "" for language-neutral forms (numeric dates, bare years). Words shared
	// by both languages (November, April, Winter) take the language the text
	// seems to be in, else the language the construction implies ("5. April"
	// is German, "April 5" English).
	Lang string
	// Unit ("day", "week", "month", "year") and Amount (signed, in Units,
	// relative to the reference date) describe a Relative mention:
	// gestern = -1 day, vor zwei Jahren = -2 year, in diesem Jahr = 0 year,
	// im kommenden Jahr = +1 year, vor einem Jahrzehnt = -10 year.
	//
	// For a Weekday mention Amount holds its modifier: 0 for a bare weekday,
	// -1 for "letzten/vergangenen Freitag", "last Friday", +1 for
	// "nächsten/kommenden/diesen Freitag", "next/this Friday". Other kinds
	// leave Unit and Amount empty.
	Unit   string
	Amount int
	// Vague marks a Relative mention whose amount is not stated ("vor
	// einigen Wochen", "in den letzten Wochen", "weeks ago": Amount is -1 or
	// +1, the direction only) or that spans a period up to ref ("in den
	// letzten zwei Jahren": Amount -2).
	Vague bool
	// TimeOfDay is "morning", "noon", "afternoon", "evening" or "night" for
	// "Donnerstagabend", "Freitag früh", "Thursday evening", "gestern Abend",
	// "last night"; "" otherwise.
	TimeOfDay string
	// Prep is the lower-cased preposition governing the expression ("am",
	// "im", "seit", "bis", "vor", "nach", "on", "in", "since", "by", ...) or ""
	// when there is none. For relative phrases it is the preposition the
	// phrase starts with ("vor" in "vor zwei Jahren").
	Prep string
}

// formats lists every Format value Find produces.
var formats = []string{
	"dd.mm.yyyy", "dd.mm.yy", "dd.mm.", "dd/mm/yyyy", "mm/dd/yyyy", "yyyy-mm-dd",
	"d. month", "d. month yyyy", "d.", "d", "month d", "month d, yyyy", "month d yyyy", "d month", "d month yyyy",
	"month yyyy", "month", "yyyy", "weekday", "relative",
}

// Formats returns every value Mention.Format can take, in a fixed order:
//
//	dd.mm.yyyy     25.10.2024, 5.1.2024 (one or two digits for d and m)
//	dd.mm.yy       25.10.24 (year 20yy)
//	dd.mm.         5.11. (German, year left out)
//	dd/mm/yyyy     26/10/2024, also 5/11/2024 (day first unless that is impossible)
//	mm/dd/yyyy     10/26/2024 (only when the second number cannot be a month)
//	yyyy-mm-dd     2024-10-25
//	d. month       5. November, 25. Okt.
//	d. month yyyy  3. Dezember 2024
//	d.             the 16. of "vom 16. auf den 22. Januar" (month from the next date)
//	d              the 16 of "16-22 October" (month from the next date)
//	month d        October 24, Oct. 25, Oct 25th
//	month d, yyyy  October 24, 2024
//	month d yyyy   October 24 2024
//	d month        24 October, 24th of October
//	d month yyyy   24 October 2024
//	month yyyy     Oktober 2024, Februar 2022, Ende Oktober 2024
//	month          im Oktober, Ende Oktober, in May
//	yyyy           2021, Ende 2022, Herbst 2022
//	weekday        Freitag, Donnerstagabend, Thursday evening
//	relative       gestern, vor zwei Jahren, in diesem Jahr, last week
func Formats() []string { return slices.Clone(formats) }

// KnownFormat reports whether f is one of Formats().
func KnownFormat(f string) bool { return slices.Contains(formats, f) }

var tokPool = sync.Pool{New: func() any { s := make([]token, 0, 1024); return &s }}

// Find returns the date mentions of text, sorted by Start and not
// overlapping: the scan goes left to right and, at each word, takes the
// longest expression starting there. It returns nil when there is none.
// Find is safe for concurrent use.
func Find(text string) []Mention {
	return AppendFind(nil, text)
}

// AppendFind appends the mentions Find returns to out (whose memory it
// reuses) and returns the extended slice.
func AppendFind(out []Mention, text string) []Mention {
	if len(text) == 0 {
		return out
	}
	bufp := tokPool.Get().(*[]token)
	s := scanner{text: text, out: out}
	var votes int
	s.t, votes = tokenize(text, (*bufp)[:0])
	switch {
	case votes > 0:
		s.doc = lDE
	case votes < 0:
		s.doc = lEN
	}
	s.run()
	if cap(s.t) <= 1<<16 {
		*bufp = s.t[:0]
		tokPool.Put(bufp)
	}
	return s.out
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	neg := n < 0
	if neg {
		n = -n
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}
