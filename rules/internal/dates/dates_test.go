package dates

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// opt sets fields of an expected mention.
type opt func(*Mention)

func ymd(y, m, d int) opt     { return func(x *Mention) { x.Year, x.Month, x.Day = y, m, d } }
func part(p string) opt       { return func(x *Mention) { x.Part = p } }
func prep(p string) opt       { return func(x *Mention) { x.Prep = p } }
func tod(t string) opt        { return func(x *Mention) { x.TimeOfDay = t } }
func vague() opt              { return func(x *Mention) { x.Vague = true } }
func amount(n int) opt        { return func(x *Mention) { x.Amount = n } }
func unitOf(u string) opt     { return func(x *Mention) { x.Unit = u } }
func wday(w time.Weekday) opt { return func(x *Mention) { x.Weekday = w } }

// M is an expected mention; Start and End are filled in by locate.
func M(text string, k Kind, format, lang string, opts ...opt) Mention {
	m := Mention{Text: text, Kind: k, Format: format, Lang: lang}
	for _, o := range opts {
		o(&m)
	}
	return m
}

// R is an expected relative mention.
func R(text, lang, unit string, amt int, opts ...opt) Mention {
	return M(text, Relative, "relative", lang, append([]opt{unitOf(unit), amount(amt)}, opts...)...)
}

// W is an expected weekday mention.
func W(text, lang string, w time.Weekday, opts ...opt) Mention {
	return M(text, Weekday, "weekday", lang, append([]opt{wday(w)}, opts...)...)
}

// locate sets Start and End of the expected mentions by finding their texts
// in order, so byte offsets are checked against strings.Index.
func locate(t *testing.T, text string, want []Mention) []Mention {
	t.Helper()
	from := 0
	out := make([]Mention, len(want))
	for i, m := range want {
		j := strings.Index(text[from:], m.Text)
		if j < 0 {
			t.Fatalf("bad test: %q not in %q after %d", m.Text, text, from)
		}
		m.Start = from + j
		m.End = m.Start + len(m.Text)
		from = m.End
		out[i] = m
	}
	return out
}

func TestFindGerman(t *testing.T) {
	tests := []struct {
		text string
		want []Mention
	}{
		{"Peskow dementierte am 25. Oktober einen Bericht.", []Mention{M("25. Oktober", DayMonth, "d. month", "de", ymd(0, 10, 25), prep("am"))}},
		{"Der Kreml äußerte sich am 5. November 2024 dazu.", []Mention{M("5. November 2024", Full, "d. month yyyy", "de", ymd(2024, 11, 5), prep("am"))}},
		{"3. Dezember 2024\n\nddbnews.org", []Mention{M("3. Dezember 2024", Full, "d. month yyyy", "de", ymd(2024, 12, 3))}},
		{"Am 25. Okt. gab es Streit.", []Mention{M("25. Okt.", DayMonth, "d. month", "de", ymd(0, 10, 25), prep("am"))}},
		{"Bis zum 5.November", []Mention{M("5.November", DayMonth, "d. month", "de", ymd(0, 11, 5), prep("zum"))}},
		{"25.10.2024 09:58 Uhr | Lesezeit: 2 min", []Mention{M("25.10.2024", Full, "dd.mm.yyyy", "", ymd(2024, 10, 25))}},
		{"Stand: 25.10.24", []Mention{M("25.10.24", Full, "dd.mm.yy", "", ymd(2024, 10, 25))}},
		{"am 5.11. in Berlin", []Mention{M("5.11.", DayMonth, "dd.mm.", "de", ymd(0, 11, 5), prep("am"))}},
		{"Freitag, 25.10. in Berlin", []Mention{W("Freitag", "de", time.Friday), M("25.10.", DayMonth, "dd.mm.", "de", ymd(0, 10, 25))}},
		{"am 5.1.2024", []Mention{M("5.1.2024", Full, "dd.mm.yyyy", "", ymd(2024, 1, 5), prep("am"))}},
		{"am 5.11. 2024 gewählt", []Mention{M("5.11. 2024", Full, "dd.mm.yyyy", "", ymd(2024, 11, 5), prep("am"))}},
		{"Báo Dân trí•26/10/2024", []Mention{M("26/10/2024", Full, "dd/mm/yyyy", "", ymd(2024, 10, 26))}},
		{"Datum: 10/26/2024", []Mention{M("10/26/2024", Full, "mm/dd/yyyy", "", ymd(2024, 10, 26))}},
		{"Datum: 5/11/2024", []Mention{M("5/11/2024", Full, "dd/mm/yyyy", "", ymd(2024, 11, 5))}},
		{"veröffentlicht 2024-10-25T09:58:00Z", []Mention{M("2024-10-25", Full, "yyyy-mm-dd", "", ymd(2024, 10, 25))}},
		{"bevor der Konflikt in der Ukraine im Februar 2022 eskalierte", []Mention{M("Februar 2022", MonthYear, "month yyyy", "de", ymd(2022, 2, 0), prep("im"))}},
		{"Im März 2020 begann es, im Maerz 2021 auch, im Jänner 2022 nicht.", []Mention{
			M("März 2020", MonthYear, "month yyyy", "de", ymd(2020, 3, 0), prep("im")),
			M("Maerz 2021", MonthYear, "month yyyy", "de", ymd(2021, 3, 0), prep("im")),
			M("Jänner 2022", MonthYear, "month yyyy", "de", ymd(2022, 1, 0), prep("im"))}},
		{"MÄRZ 2020", []Mention{M("MÄRZ 2020", MonthYear, "month yyyy", "de", ymd(2020, 3, 0))}},
		{"die er seit Ende 2022 mache", []Mention{M("Ende 2022", Year, "yyyy", "de", ymd(2022, 0, 0), part("late"), prep("seit"))}},
		{"Anfang 2023 und Mitte 2021", []Mention{
			M("Anfang 2023", Year, "yyyy", "de", ymd(2023, 0, 0), part("early")),
			M("Mitte 2021", Year, "yyyy", "de", ymd(2021, 0, 0), part("mid"))}},
		{"Angeblich soll Musk im Herbst 2022 erzählt haben", []Mention{M("Herbst 2022", Year, "yyyy", "de", ymd(2022, 0, 0), part("autumn"), prep("im"))}},
		{"Ende Oktober wird gewählt", []Mention{M("Ende Oktober", Month, "month", "de", ymd(0, 10, 0), part("late"))}},
		{"Anfang November 2024", []Mention{M("Anfang November 2024", MonthYear, "month yyyy", "de", ymd(2024, 11, 0), part("early"))}},
		{"Das war im Oktober, seit Mai ist es ruhig.", []Mention{
			M("Oktober", Month, "month", "de", ymd(0, 10, 0), prep("im")),
			M("Mai", Month, "month", "de", ymd(0, 5, 0), prep("seit"))}},
		{"berichtete am Donnerstagabend (Ortszeit) über", []Mention{W("Donnerstagabend", "de", time.Thursday, tod("evening"), prep("am"))}},
		{"sagte Peskow am Freitag in Moskau", []Mention{W("Freitag", "de", time.Friday, prep("am"))}},
		{"Freitagmorgen und Sonntagnacht, Sonnabend", []Mention{
			W("Freitagmorgen", "de", time.Friday, tod("morning")),
			W("Sonntagnacht", "de", time.Sunday, tod("night")),
			W("Sonnabend", "de", time.Saturday)}},
		{"am Freitag früh", []Mention{W("Freitag früh", "de", time.Friday, tod("morning"), prep("am"))}},
		{"am kommenden Montag und letzten Freitag", []Mention{
			W("kommenden Montag", "de", time.Monday, amount(1), prep("am")),
			W("letzten Freitag", "de", time.Friday, amount(-1))}},
		{"gestern, Gestern, heute, morgen, vorgestern, übermorgen, heuer", []Mention{
			R("gestern", "de", "day", -1), R("Gestern", "de", "day", -1), R("heute", "de", "day", 0),
			R("morgen", "de", "day", 1), R("vorgestern", "de", "day", -2), R("übermorgen", "de", "day", 2),
			R("heuer", "de", "year", 0)}},
		{"heute Morgen sagte er, gestern Abend nicht", []Mention{
			R("heute Morgen", "de", "day", 0, tod("morning")), R("gestern Abend", "de", "day", -1, tod("evening"))}},
		{"Vor zwei Jahren hatte Musk einen Bericht bestritten.", []Mention{R("Vor zwei Jahren", "de", "year", -2, prep("vor"))}},
		{"vor 3 Tagen", []Mention{R("vor 3 Tagen", "de", "day", -3, prep("vor"))}},
		{"Vor einigen Wochen gab es Berichte", []Mention{R("Vor einigen Wochen", "de", "week", -1, vague(), prep("vor"))}},
		{"vor einem Jahr", []Mention{R("vor einem Jahr", "de", "year", -1, prep("vor"))}},
		{"vor gut zwei Jahren", []Mention{R("vor gut zwei Jahren", "de", "year", -2, prep("vor"))}},
		{"vor mehr als zwei Jahren", []Mention{R("vor mehr als zwei Jahren", "de", "year", -2, prep("vor"))}},
		{"vor ein paar Tagen", []Mention{R("vor ein paar Tagen", "de", "day", -1, vague(), prep("vor"))}},
		{"vor Jahren", []Mention{R("vor Jahren", "de", "year", -1, vague(), prep("vor"))}},
		{"vor einem Jahrzehnt", []Mention{R("vor einem Jahrzehnt", "de", "year", -10, prep("vor"))}},
		{"Musk spricht offenbar seit zwei Jahren mit Putin", []Mention{R("seit zwei Jahren", "de", "year", -2, prep("seit"))}},
		{"ist in diesem Jahr jedoch", []Mention{R("in diesem Jahr", "de", "year", 0, prep("in"))}},
		{"bis in dieses Jahr hinein", []Mention{R("in dieses Jahr", "de", "year", 0, prep("in"))}},
		{"dieses Jahr, diese Woche, letzte Woche, nächstes Jahr, letzten Monat", []Mention{
			R("dieses Jahr", "de", "year", 0), R("diese Woche", "de", "week", 0), R("letzte Woche", "de", "week", -1),
			R("nächstes Jahr", "de", "year", 1), R("letzten Monat", "de", "month", -1)}},
		{"im vergangenen Jahr und im kommenden Jahr", []Mention{
			R("im vergangenen Jahr", "de", "year", -1, prep("im")), R("im kommenden Jahr", "de", "year", 1, prep("im"))}},
		{"In den letzten Wochen hat der Milliardär", []Mention{R("In den letzten Wochen", "de", "week", -1, vague(), prep("in"))}},
		{"in den letzten zwei Jahren", []Mention{R("in den letzten zwei Jahren", "de", "year", -2, vague(), prep("in"))}},
		{"in den kommenden Tagen", []Mention{R("in den kommenden Tagen", "de", "day", 1, vague(), prep("in"))}},
		{"in zwei Wochen", []Mention{R("in zwei Wochen", "de", "week", 2, prep("in"))}},
		{"bis Ende des Jahres, Anfang des Monats, Ende des Jahres 2022", []Mention{
			R("Ende des Jahres", "de", "year", 0, part("late"), prep("bis")),
			R("Anfang des Monats", "de", "month", 0, part("early")),
			M("Ende des Jahres 2022", Year, "yyyy", "de", ymd(2022, 0, 0), part("late"))}},
		{"von 2022–2024", []Mention{M("2022", Year, "yyyy", "", ymd(2022, 0, 0), prep("von")), M("2024", Year, "yyyy", "", ymd(2024, 0, 0))}},
		{"Samstag/Sonntag", []Mention{W("Samstag", "de", time.Saturday), W("Sonntag", "de", time.Sunday)}},
		{"Das Fest am 24./25. Dezember", []Mention{
			M("24.", DayMonth, "d.", "de", ymd(0, 12, 24), prep("am")), M("25. Dezember", DayMonth, "d. month", "de", ymd(0, 12, 25))}},
		{"seit Ende letzten Jahres", []Mention{R("Ende letzten Jahres", "de", "year", -1, part("late"), prep("seit"))}},
		{"im Herbst letzten Jahres", []Mention{R("Herbst letzten Jahres", "de", "year", -1, part("autumn"), prep("im"))}},
		{"letzte Nacht", []Mention{R("letzte Nacht", "de", "day", -1, tod("night"))}},
		{"seit Jahren, die letzten Tage, vor wenigen Tagen, in wenigen Tagen, Anfang dieses Jahres, morgen früh", []Mention{
			R("seit Jahren", "de", "year", -1, vague(), prep("seit")), R("letzten Tage", "de", "day", -1, vague()),
			R("vor wenigen Tagen", "de", "day", -1, vague(), prep("vor")), R("in wenigen Tagen", "de", "day", 1, vague(), prep("in")),
			R("Anfang dieses Jahres", "de", "year", 0, part("early")), R("morgen früh", "de", "day", 1, tod("morning"))}},
		{"eines Gerichtstermins vom 16. auf den 22. Januar, damit", []Mention{
			M("16.", DayMonth, "d.", "de", ymd(0, 1, 16), prep("vom")),
			M("22. Januar", DayMonth, "d. month", "de", ymd(0, 1, 22))}},
		{"vom 5. bis 7. November 2024", []Mention{
			M("5.", Full, "d.", "de", ymd(2024, 11, 5), prep("vom")),
			M("7. November 2024", Full, "d. month yyyy", "de", ymd(2024, 11, 7), prep("bis"))}},
		{"am 5., 6. und 7. Mai", []Mention{
			M("5.", DayMonth, "d.", "de", ymd(0, 5, 5), prep("am")),
			M("6.", DayMonth, "d.", "de", ymd(0, 5, 6)),
			M("7. Mai", DayMonth, "d. month", "de", ymd(0, 5, 7))}},
		{"seit 2022, vor 2022, bis 2024, im Jahr 2019", []Mention{
			M("2022", Year, "yyyy", "", ymd(2022, 0, 0), prep("seit")),
			M("2022", Year, "yyyy", "", ymd(2022, 0, 0), prep("vor")),
			M("2024", Year, "yyyy", "", ymd(2024, 0, 0), prep("bis")),
			M("2019", Year, "yyyy", "", ymd(2019, 0, 0), prep("im"))}},
		{"nachdem der ehemalige US-Präsident 2021 das Weiße Haus verlassen hat", []Mention{M("2021", Year, "yyyy", "", ymd(2021, 0, 0))}},
		{"die Saison 2022/23", []Mention{M("2022", Year, "yyyy", "", ymd(2022, 0, 0))}},
		{"Äußerst überraschend: Am 5. März 2024 äußerte sich Müller.", []Mention{M("5. März 2024", Full, "d. month yyyy", "de", ymd(2024, 3, 5), prep("am"))}},
	}
	for _, tt := range tests {
		got := Find(tt.text)
		want := locate(t, tt.text, tt.want)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("Find(%q) mismatch (-want +got):\n%s", tt.text, diff)
		}
	}
}

func TestFindEnglish(t *testing.T) {
	tests := []struct {
		text string
		want []Mention
	}{
		{"The report was published on October 24.", []Mention{M("October 24", DayMonth, "month d", "en", ymd(0, 10, 24), prep("on"))}},
		{"The Kremlin denied it on Oct. 25, the paper said.", []Mention{M("Oct. 25", DayMonth, "month d", "en", ymd(0, 10, 25), prep("on"))}},
		{"on October 24, 2024", []Mention{M("October 24, 2024", Full, "month d, yyyy", "en", ymd(2024, 10, 24), prep("on"))}},
		{"on November 5, 2024", []Mention{M("November 5, 2024", Full, "month d, yyyy", "en", ymd(2024, 11, 5), prep("on"))}},
		{"on 24 October 2024", []Mention{M("24 October 2024", Full, "d month yyyy", "en", ymd(2024, 10, 24), prep("on"))}},
		{"the 24th October and the 25th of October", []Mention{
			M("24th October", DayMonth, "d month", "en", ymd(0, 10, 24)),
			M("25th of October", DayMonth, "d month", "en", ymd(0, 10, 25))}},
		{"by Oct 25th", []Mention{M("Oct 25th", DayMonth, "month d", "en", ymd(0, 10, 25), prep("by"))}},
		{"since late 2022", []Mention{M("late 2022", Year, "yyyy", "en", ymd(2022, 0, 0), part("late"), prep("since"))}},
		{"in mid-2022 and by the end of 2023", []Mention{
			M("mid-2022", Year, "yyyy", "en", ymd(2022, 0, 0), part("mid"), prep("in")),
			M("end of 2023", Year, "yyyy", "en", ymd(2023, 0, 0), part("late"), prep("by"))}},
		{"in February 2022 and October of 2022", []Mention{
			M("February 2022", MonthYear, "month yyyy", "en", ymd(2022, 2, 0), prep("in")),
			M("October of 2022", MonthYear, "month yyyy", "en", ymd(2022, 10, 0))}},
		{"in the autumn of 2022 and the fall 2023 season", []Mention{
			M("autumn of 2022", Year, "yyyy", "en", ymd(2022, 0, 0), part("autumn"), prep("in")),
			M("fall 2023", Year, "yyyy", "en", ymd(2023, 0, 0), part("autumn"))}},
		{"late October", []Mention{M("late October", Month, "month", "en", ymd(0, 10, 0), part("late"))}},
		{"It happened in May.", []Mention{M("May", Month, "month", "en", ymd(0, 5, 0), prep("in"))}},
		{"In October 20 people died.", []Mention{M("October", Month, "month", "en", ymd(0, 10, 0), prep("in"))}},
		{"said on Thursday that", []Mention{W("Thursday", "en", time.Thursday, prep("on"))}},
		{"on Thursday evening, last Friday and next Monday", []Mention{
			W("Thursday evening", "en", time.Thursday, tod("evening"), prep("on")),
			W("last Friday", "en", time.Friday, amount(-1)),
			W("next Monday", "en", time.Monday, amount(1))}},
		{"yesterday, today, tomorrow, yesterday morning, tonight", []Mention{
			R("yesterday", "en", "day", -1), R("today", "en", "day", 0), R("tomorrow", "en", "day", 1),
			R("yesterday morning", "en", "day", -1, tod("morning")), R("tonight", "en", "day", 0, tod("night"))}},
		{"two years ago, 3 days ago, a week ago, a decade ago", []Mention{
			R("two years ago", "en", "year", -2), R("3 days ago", "en", "day", -3), R("a week ago", "en", "week", -1),
			R("a decade ago", "en", "year", -10)}},
		{"a few weeks ago and months ago", []Mention{
			R("a few weeks ago", "en", "week", -1, vague()), R("months ago", "en", "month", -1, vague())}},
		{"this year, last week, next month", []Mention{
			R("this year", "en", "year", 0), R("last week", "en", "week", -1), R("next month", "en", "month", 1)}},
		{"in recent weeks and over the past two years", []Mention{
			R("in recent weeks", "en", "week", -1, vague(), prep("in")), R("past two years", "en", "year", -2, vague())}},
		{"late last year", []Mention{R("late last year", "en", "year", -1, part("late"))}},
		{"early next year, the past few weeks, several months ago, some weeks ago, this evening", []Mention{
			R("early next year", "en", "year", 1, part("early")), R("past few weeks", "en", "week", -1, vague()),
			R("several months ago", "en", "month", -1, vague()), R("some weeks ago", "en", "week", -1, vague()),
			R("this evening", "en", "day", 0, tod("evening"))}},
		{"last night and this morning", []Mention{
			R("last night", "en", "day", -1, tod("night")), R("this morning", "en", "day", 0, tod("morning"))}},
		{"In 2021 Biden took office.", []Mention{M("2021", Year, "yyyy", "", ymd(2021, 0, 0), prep("in"))}},
		{"The athletes of the 2020 Olympics were there.", []Mention{M("2020", Year, "yyyy", "", ymd(2020, 0, 0), prep("of"))}},
		{"within two weeks, in a few days, in 3 days", []Mention{
			R("within two weeks", "en", "week", 2, prep("within")), R("in a few days", "en", "day", 1, vague(), prep("in")),
			R("in 3 days", "en", "day", 3, prep("in"))}},
		{"on Sept. 11, 2001", []Mention{M("Sept. 11, 2001", Full, "month d, yyyy", "en", ymd(2001, 9, 11), prep("on"))}},
		{"from 16-22 October", []Mention{
			M("16", DayMonth, "d", "en", ymd(0, 10, 16), prep("from")),
			M("22 October", DayMonth, "d month", "en", ymd(0, 10, 22))}},
	}
	for _, tt := range tests {
		got := Find(tt.text)
		want := locate(t, tt.text, tt.want)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("Find(%q) mismatch (-want +got):\n%s", tt.text, diff)
		}
	}
}

// TestFindNone lists traps: none of these is a date.
func TestFindNone(t *testing.T) {
	for _, text := range []string{
		"Vereidigung Trumps als 47. US-Präsident",
		"  1. Startseite\n  2. Politik",
		"der 2. Weltkrieg",
		"Kapitel 3",
		"um 09:58 Uhr",
		"Lesezeit: 2 min",
		"mehr als 100 Millionen Dollar gespendet",
		"2.000 Menschen",
		"2000 Soldaten wurden verlegt",
		"rund 2000 Euro",
		"mehr als 2000 Teilnehmer",
		"ein tagesaktuelles B2B-Online-Portal",
		"Nr. 2024",
		"Seite 2024",
		"die so",
		"Morgen",
		"Guten Morgen!",
		"Am Morgen danach",
		"samstags geht er einkaufen",
		"Samstags geht er einkaufen",
		"Freitagsgebet",
		"freitag",
		"Mai Thi Nguyen-Kim",
		"im Herbst",
		"Sommer",
		"um 20.15 Uhr",
		"Version 1.2.3",
		"Kapitel 1.2. beginnt",
		"Am 31.02.2024 nicht",
		"13/13/2024",
		"die 2024er Wahl",
		"#2024",
		"2024%",
		"2024 Prozent",
		"12,2024 Punkte",
		"Tel. 030 2024 1234",
		"vor allem",
		"vor dem Haus",
		"für ein schnelles Ende des Krieges",
		"100 million dollars",
		"2,000 people",
		"Chapter 3",
		"at 10:30 a.m.",
		"they march on and we may go",
		"Jan said so",
		"about 2000 people",
		"Theresa May",
		"twice in a year of crises",
		"in einem Jahr, in dem alles anders war",
		"COVID-19",
	} {
		if got := Find(text); got != nil {
			t.Errorf("Find(%q) = %+v, want none", text, got)
		}
	}
}

func TestFindEmpty(t *testing.T) {
	if got := Find(""); got != nil {
		t.Errorf("Find(\"\") = %v", got)
	}
}

// TestOffsets checks Start, End and Text on text with multi-byte runes.
func TestOffsets(t *testing.T) {
	text := "Müller äußerte am Dienstag, dass Österreichs Kanzler im März 2023 „übermorgen“ 26/10/2024 – 5. Mai"
	got := Find(text)
	if len(got) != 5 {
		t.Fatalf("got %d mentions: %+v", len(got), got)
	}
	for _, m := range got {
		if text[m.Start:m.End] != m.Text {
			t.Errorf("text[%d:%d] = %q, Text = %q", m.Start, m.End, text[m.Start:m.End], m.Text)
		}
		if want := strings.Index(text, m.Text); want != m.Start {
			t.Errorf("%q starts at %d, want %d", m.Text, m.Start, want)
		}
	}
}

func TestLang(t *testing.T) {
	// a shared month name takes the text's language
	de := Find("Die Wahl ist im November 2024 und der Sieger steht fest.")
	en := Find("The election is in November 2024 and the winner is clear.")
	if len(de) != 1 || de[0].Lang != "de" || len(en) != 1 || en[0].Lang != "en" {
		t.Errorf("de = %+v, en = %+v", de, en)
	}
	// "November 5" is not read as a date in German text
	if got := Find("Die Partei verlor im November 5 Sitze und der Rest ist bekannt."); len(got) != 1 || got[0].Kind != Month {
		t.Errorf("got %+v", got)
	}
}

func TestFormats(t *testing.T) {
	for _, f := range Formats() {
		if !KnownFormat(f) {
			t.Errorf("KnownFormat(%q) = false", f)
		}
	}
	if KnownFormat("dd-mm-yyyy") {
		t.Error("KnownFormat(dd-mm-yyyy) = true")
	}
	// every format Find produces is listed
	var all []string
	for _, s := range []string{"25.10.2024 25.10.24 am 5.11. 26/10/2024 10/26/2024 2024-10-25",
		"am 5. November, 3. Dezember 2024, vom 16. auf den 22. Januar, Oktober 2024, im Mai, seit 2022, am Freitag, gestern",
		"on October 24, October 24, 2024, October 24 2024, 24 October, 24 October 2024, 16-22 October"} {
		for _, m := range Find(s) {
			all = append(all, m.Format)
			if !KnownFormat(m.Format) {
				t.Errorf("%q has unknown format %q", m.Text, m.Format)
			}
		}
	}
	if len(all) < 19 {
		t.Errorf("only %d formats seen: %v", len(all), all)
	}
	f := Formats()
	f[0] = "x"
	if Formats()[0] == "x" {
		t.Error("Formats returns the package's slice")
	}
}

func TestKindString(t *testing.T) {
	if Full.String() != "Full" || Month.String() != "Month" || Kind(0).String() != "Kind(0)" || Kind(-3).String() != "Kind(-3)" {
		t.Error(Full, Month, Kind(0), Kind(-3))
	}
}
