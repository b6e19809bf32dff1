package dates

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func day(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

func TestResolve(t *testing.T) {
	fri := day(2024, 10, 25) // a Friday
	sat := day(2024, 10, 26)
	tests := []struct {
		name     string
		m        Mention
		ref      time.Time
		from, to time.Time
		ok       bool
	}{
		{"full", Mention{Kind: Full, Year: 2024, Month: 10, Day: 25}, sat, day(2024, 10, 25), day(2024, 10, 25), true},
		{"full invalid", Mention{Kind: Full, Year: 2023, Month: 2, Day: 29}, sat, time.Time{}, time.Time{}, false},
		{"zero ref", Mention{Kind: Full, Year: 2024, Month: 10, Day: 25}, time.Time{}, time.Time{}, time.Time{}, false},
		{"daymonth ahead", Mention{Kind: DayMonth, Month: 11, Day: 15}, sat, day(2024, 11, 15), day(2024, 11, 15), true},
		{"daymonth past", Mention{Kind: DayMonth, Month: 6, Day: 24}, sat, day(2024, 6, 24), day(2024, 6, 24), true},
		{"daymonth closer next year", Mention{Kind: DayMonth, Month: 2, Day: 24}, sat, day(2025, 2, 24), day(2025, 2, 24), true},
		{"daymonth after new year", Mention{Kind: DayMonth, Month: 1, Day: 5}, day(2024, 12, 28), day(2025, 1, 5), day(2025, 1, 5), true},
		{"daymonth before new year", Mention{Kind: DayMonth, Month: 12, Day: 28}, day(2025, 1, 3), day(2024, 12, 28), day(2024, 12, 28), true},
		{"daymonth 29 Feb near", Mention{Kind: DayMonth, Month: 2, Day: 29}, day(2024, 5, 1), day(2024, 2, 29), day(2024, 2, 29), true},
		{"daymonth 29 Feb far", Mention{Kind: DayMonth, Month: 2, Day: 29}, sat, time.Time{}, time.Time{}, false},
		{"monthyear", Mention{Kind: MonthYear, Year: 2022, Month: 2}, sat, day(2022, 2, 1), day(2022, 2, 28), true},
		{"monthyear late", Mention{Kind: MonthYear, Year: 2024, Month: 10, Part: "late"}, sat, day(2024, 10, 21), day(2024, 10, 31), true},
		{"monthyear early", Mention{Kind: MonthYear, Year: 2024, Month: 11, Part: "early"}, sat, day(2024, 11, 1), day(2024, 11, 10), true},
		{"month this year", Mention{Kind: Month, Month: 10}, day(2024, 12, 3), day(2024, 10, 1), day(2024, 10, 31), true},
		{"month next year", Mention{Kind: Month, Month: 1}, day(2024, 12, 3), day(2025, 1, 1), day(2025, 1, 31), true},
		{"month mid", Mention{Kind: Month, Month: 10, Part: "mid"}, sat, day(2024, 10, 11), day(2024, 10, 20), true},
		{"year", Mention{Kind: Year, Year: 2021}, sat, day(2021, 1, 1), day(2021, 12, 31), true},
		{"Ende 2022", Mention{Kind: Year, Year: 2022, Part: "late"}, sat, day(2022, 9, 1), day(2022, 12, 31), true},
		{"Anfang 2023", Mention{Kind: Year, Year: 2023, Part: "early"}, sat, day(2023, 1, 1), day(2023, 4, 30), true},
		{"Mitte 2021", Mention{Kind: Year, Year: 2021, Part: "mid"}, sat, day(2021, 5, 1), day(2021, 8, 31), true},
		{"Herbst 2022", Mention{Kind: Year, Year: 2022, Part: "autumn"}, sat, day(2022, 9, 1), day(2022, 11, 30), true},
		{"Winter 2023", Mention{Kind: Year, Year: 2023, Part: "winter"}, sat, day(2023, 1, 1), day(2024, 2, 29), true},
		{"Freitag in a Saturday paper", Mention{Kind: Weekday, Weekday: time.Friday}, sat, fri, fri, true},
		{"Freitag in a Friday paper", Mention{Kind: Weekday, Weekday: time.Friday}, fri, fri, fri, true},
		{"Donnerstag in a Friday paper", Mention{Kind: Weekday, Weekday: time.Thursday}, fri, day(2024, 10, 24), day(2024, 10, 24), true},
		{"Samstag in a Friday paper", Mention{Kind: Weekday, Weekday: time.Saturday}, fri, day(2024, 10, 19), day(2024, 10, 19), true},
		{"letzten Freitag on a Friday", Mention{Kind: Weekday, Weekday: time.Friday, Amount: -1}, fri, day(2024, 10, 18), day(2024, 10, 18), true},
		{"nächsten Montag", Mention{Kind: Weekday, Weekday: time.Monday, Amount: 1}, fri, day(2024, 10, 28), day(2024, 10, 28), true},
		{"nächsten Freitag on a Friday", Mention{Kind: Weekday, Weekday: time.Friday, Amount: 1}, fri, day(2024, 11, 1), day(2024, 11, 1), true},
		{"gestern", Mention{Kind: Relative, Unit: "day", Amount: -1}, fri, day(2024, 10, 24), day(2024, 10, 24), true},
		{"gestern across a month", Mention{Kind: Relative, Unit: "day", Amount: -1}, day(2024, 3, 1), day(2024, 2, 29), day(2024, 2, 29), true},
		{"letzte Woche", Mention{Kind: Relative, Unit: "week", Amount: -1}, fri, day(2024, 10, 14), day(2024, 10, 20), true},
		{"diese Woche on a Sunday", Mention{Kind: Relative, Unit: "week", Amount: 0}, day(2024, 10, 27), day(2024, 10, 21), day(2024, 10, 27), true},
		{"letzten Monat in January", Mention{Kind: Relative, Unit: "month", Amount: -1}, day(2024, 1, 15), day(2023, 12, 1), day(2023, 12, 31), true},
		{"vor zwei Jahren", Mention{Kind: Relative, Unit: "year", Amount: -2}, fri, day(2022, 1, 1), day(2022, 12, 31), true},
		{"im kommenden Jahr", Mention{Kind: Relative, Unit: "year", Amount: 1}, fri, day(2025, 1, 1), day(2025, 12, 31), true},
		{"Ende letzten Jahres", Mention{Kind: Relative, Unit: "year", Amount: -1, Part: "late"}, fri, day(2023, 9, 1), day(2023, 12, 31), true},
		{"vor einigen Wochen", Mention{Kind: Relative, Unit: "week", Amount: -1, Vague: true}, fri, day(2024, 8, 12), fri, true},
		{"in den letzten zwei Jahren", Mention{Kind: Relative, Unit: "year", Amount: -2, Vague: true}, fri, day(2022, 1, 1), fri, true},
		{"in den kommenden Tagen", Mention{Kind: Relative, Unit: "day", Amount: 1, Vague: true}, fri, fri, day(2024, 11, 4), true},
		{"in den nächsten Monaten", Mention{Kind: Relative, Unit: "month", Amount: 1, Vague: true}, fri, fri, day(2025, 8, 31), true},
		{"unknown unit", Mention{Kind: Relative, Unit: "hour", Amount: -1}, fri, time.Time{}, time.Time{}, false},
		{"zero kind", Mention{}, fri, time.Time{}, time.Time{}, false},
	}
	for _, tt := range tests {
		from, to, ok := tt.m.Resolve(tt.ref)
		if diff := cmp.Diff([]any{tt.from, tt.to, tt.ok}, []any{from, to, ok}); diff != "" {
			t.Errorf("%s: Resolve mismatch (-want +got):\n%s", tt.name, diff)
		}
	}
}

// TestResolveLocation: the range is in ref's location, at midnight, even
// when ref is late in the day.
func TestResolveLocation(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Skip("no time zone data:", err)
	}
	ref := time.Date(2024, 10, 27, 23, 30, 0, 0, berlin) // the day the clocks go back
	ms := Find("gestern")
	if len(ms) != 1 {
		t.Fatalf("Find: %+v", ms)
	}
	from, to, ok := ms[0].Resolve(ref)
	want := time.Date(2024, 10, 26, 0, 0, 0, 0, berlin)
	if !ok || !from.Equal(want) || !to.Equal(want) || from.Location() != berlin {
		t.Errorf("got %v %v %v, want %v", from, to, ok, want)
	}
}

// TestFindResolve runs snippets through Find and Resolve.
func TestFindResolve(t *testing.T) {
	ref := day(2024, 10, 26) // Saturday
	tests := []struct {
		text     string
		from, to time.Time
	}{
		{"am Freitag", day(2024, 10, 25), day(2024, 10, 25)},
		{"am Donnerstagabend", day(2024, 10, 24), day(2024, 10, 24)},
		{"am 15. November", day(2024, 11, 15), day(2024, 11, 15)},
		{"seit Ende 2022", day(2022, 9, 1), day(2022, 12, 31)},
		{"Vor zwei Jahren", day(2022, 1, 1), day(2022, 12, 31)},
		{"in diesem Jahr", day(2024, 1, 1), day(2024, 12, 31)},
		{"im Februar 2022", day(2022, 2, 1), day(2022, 2, 28)},
		{"im Herbst 2022", day(2022, 9, 1), day(2022, 11, 30)},
		{"vom 16. auf den 22. Januar", day(2025, 1, 16), day(2025, 1, 16)},
		{"26/10/2024", day(2024, 10, 26), day(2024, 10, 26)},
	}
	for _, tt := range tests {
		ms := Find(tt.text)
		if len(ms) == 0 {
			t.Errorf("Find(%q) = none", tt.text)
			continue
		}
		from, to, ok := ms[0].Resolve(ref)
		if !ok || !from.Equal(tt.from) || !to.Equal(tt.to) {
			t.Errorf("%q: got %v..%v %v, want %v..%v", tt.text, from.Format(time.DateOnly), to.Format(time.DateOnly), ok,
				tt.from.Format(time.DateOnly), tt.to.Format(time.DateOnly))
		}
	}
}
