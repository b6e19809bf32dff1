package dates

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

const seedDir = "../../../seeds"

func readSeed(t testing.TB, prefix string) string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(seedDir, prefix+"_*.txt"))
	if len(files) != 1 {
		t.Skipf("seed %s not found in %s", prefix, seedDir)
	}
	b, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestSeeds checks the mentions found in the sample articles: every date
// listed is found with the right values (in this order; other mentions may
// come between), and none of the traps is taken for a date.
func TestSeeds(t *testing.T) {
	seeds := []struct {
		prefix string
		want   []Mention
	}{
		{"000", []Mention{
			M("26/10/2024", Full, "dd/mm/yyyy", "", ymd(2024, 10, 26)),
			M("25. Oktober", DayMonth, "d. month", "de", ymd(0, 10, 25), prep("am")),
			M("15. November", DayMonth, "d. month", "de", ymd(0, 11, 15), prep("am")),
			M("Februar 2022", MonthYear, "month yyyy", "de", ymd(2022, 2, 0), prep("im")),
			M("24. Oktober", DayMonth, "d. month", "de", ymd(0, 10, 24), prep("am")),
			M("Ende 2022", Year, "yyyy", "de", ymd(2022, 0, 0), part("late"), prep("seit")),
			R("Vor einigen Wochen", "de", "week", -1, vague(), prep("vor")),
			M("2021", Year, "yyyy", "", ymd(2021, 0, 0)),
			R("In den letzten Wochen", "de", "week", -1, vague(), prep("in")),
			M("5. November", DayMonth, "d. month", "de", ymd(0, 11, 5), prep("am")),
			R("in diesem Jahr", "de", "year", 0, prep("in")),
		}},
		{"001", []Mention{
			M("Ende 2022", Year, "yyyy", "de", ymd(2022, 0, 0), part("late"), prep("seit")),
			W("Donnerstagabend", "de", time.Thursday, tod("evening"), prep("am")),
			M("5. November", DayMonth, "d. month", "de", ymd(0, 11, 5), prep("am")),
			W("Freitag", "de", time.Friday, prep("am")),
			M("2022", Year, "yyyy", "", ymd(2022, 0, 0), prep("vor")),
			M("Februar 2022", MonthYear, "month yyyy", "de", ymd(2022, 2, 0), prep("im")),
			M("5. November", DayMonth, "d. month", "de", ymd(0, 11, 5), prep("am")),
			W("Samstag", "de", time.Saturday, prep("am")),
			M("16.", DayMonth, "d.", "de", ymd(0, 1, 16), prep("vom")),
			M("22. Januar", DayMonth, "d. month", "de", ymd(0, 1, 22)),
			M("20. Januar", DayMonth, "d. month", "de", ymd(0, 1, 20), prep("am")),
			R("im kommenden Jahr", "de", "year", 1, prep("im")),
		}},
		{"002", []Mention{
			M("3. Dezember 2024", Full, "d. month yyyy", "de", ymd(2024, 12, 3)),
			R("seit zwei Jahren", "de", "year", -2, prep("seit")),
			M("Ende 2022", Year, "yyyy", "de", ymd(2022, 0, 0), part("late"), prep("seit")),
			R("in diesem Jahr", "de", "year", 0, prep("in")),
			R("Vor zwei Jahren", "de", "year", -2, prep("vor")),
			M("2022", Year, "yyyy", "", ymd(2022, 0, 0), prep("seit")),
			M("Herbst 2022", Year, "yyyy", "de", ymd(2022, 0, 0), part("autumn"), prep("im")),
		}},
		{"003", []Mention{
			M("2022", Year, "yyyy", "", ymd(2022, 0, 0), prep("seit")),
			M("25.10.2024", Full, "dd.mm.yyyy", "", ymd(2024, 10, 25)),
			M("Ende 2022", Year, "yyyy", "de", ymd(2022, 0, 0), part("late"), prep("seit")),
			R("Vor zwei Jahren", "de", "year", -2, prep("vor")),
			R("in diesem Jahr", "de", "year", 0, prep("in")),
			R("in dieses Jahr", "de", "year", 0, prep("in")),
			M("Februar 2022", MonthYear, "month yyyy", "de", ymd(2022, 2, 0), prep("im")),
			M("5. November", DayMonth, "d. month", "de", ymd(0, 11, 5), prep("am")),
		}},
		{"004", []Mention{
			M("Ende 2022", Year, "yyyy", "de", ymd(2022, 0, 0), part("late"), prep("seit")),
			M("2022", Year, "yyyy", "", ymd(2022, 0, 0), prep("vor")),
			M("2024", Year, "yyyy", "", ymd(2024, 0, 0), prep("bis")),
		}},
	}
	traps := []string{"09", "58", "47", "100", "2 min", "B2B", "Startseite", "Politik", "Morgen", "Vortag", "2.", "1."}
	for _, sd := range seeds {
		text := readSeed(t, sd.prefix)
		got := Find(text)
		checkInvariants(t, text, got)
		// each wanted mention, in order, among the found ones
		j := 0
		for _, w := range sd.want {
			for j < len(got) && !cmp.Equal(w, got[j], cmpopts.IgnoreFields(Mention{}, "Start", "End")) {
				j++
			}
			if j == len(got) {
				t.Errorf("seed %s: %+v not found (in order) among %d mentions", sd.prefix, w, len(got))
				break
			}
			j++
		}
		for _, m := range got {
			for _, trap := range traps {
				if m.Text == trap || strings.HasPrefix(m.Text, trap+" ") {
					t.Errorf("seed %s: trap %q taken for a date: %+v", sd.prefix, trap, m)
				}
			}
		}
	}
}

// TestSeedsExact pins the complete output for two seeds, so nothing
// unexpected creeps in.
func TestSeedsExact(t *testing.T) {
	text := readSeed(t, "000")
	var texts []string
	for _, m := range Find(text) {
		texts = append(texts, m.Text)
	}
	want := []string{"26/10/2024", "25. Oktober", "15. November", "Februar 2022", "24. Oktober", "Ende 2022",
		"Vor einigen Wochen", "2021", "In den letzten Wochen", "5. November", "in diesem Jahr"}
	if diff := cmp.Diff(want, texts); diff != "" {
		t.Errorf("seed 000 (-want +got):\n%s", diff)
	}
	text = readSeed(t, "004")
	texts = texts[:0]
	for _, m := range Find(text) {
		texts = append(texts, m.Text)
	}
	if diff := cmp.Diff([]string{"Ende 2022", "Ende 2022", "2022", "2024"}, texts); diff != "" {
		t.Errorf("seed 004 (-want +got):\n%s", diff)
	}
}

// checkInvariants: offsets within bounds, Text matches, sorted, no overlap.
func checkInvariants(t testing.TB, text string, ms []Mention) {
	t.Helper()
	prevEnd := 0
	for i, m := range ms {
		if m.Start < 0 || m.End > len(text) || m.Start >= m.End {
			t.Fatalf("mention %d: bad offsets %d..%d (len %d)", i, m.Start, m.End, len(text))
		}
		if text[m.Start:m.End] != m.Text {
			t.Fatalf("mention %d: text[%d:%d] = %q, Text = %q", i, m.Start, m.End, text[m.Start:m.End], m.Text)
		}
		if m.Start < prevEnd {
			t.Fatalf("mention %d (%q at %d) overlaps or is out of order (previous ends at %d)", i, m.Text, m.Start, prevEnd)
		}
		if m.Kind < Full || m.Kind > Month || !KnownFormat(m.Format) {
			t.Fatalf("mention %d: bad kind %v or format %q", i, m.Kind, m.Format)
		}
		prevEnd = m.End
	}
}

func seedCorpus(tb testing.TB) string {
	files, _ := filepath.Glob(filepath.Join(seedDir, "*.txt"))
	if len(files) == 0 {
		tb.Skip("no seeds in", seedDir)
	}
	var sb strings.Builder
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		sb.Write(b)
		sb.WriteByte('\n')
	}
	return sb.String()
}

func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"am 25. Oktober", "25.10.2024 09:58 Uhr", "vom 16. auf den 22. Januar", "5., 6. und 7. Mai", "Oct. 25, 2024",
		"16-22 October", "vor gut zwei Jahren", "mid-2022", "2024-10-25T09:58", "Freitag, 25.10.", "Ende letzten Jahres",
		"a few weeks ago", "5.11. 2024", "Báo Dân trí•26/10/2024", "\xff\xfe5.\xc3", "31.", "1.2.3.4.5.6", "im Jahr 2022",
	} {
		f.Add(s)
	}
	if files, _ := filepath.Glob(filepath.Join(seedDir, "*.txt")); len(files) > 0 {
		b, _ := os.ReadFile(files[0])
		f.Add(string(b))
	}
	ref := time.Date(2024, 10, 26, 12, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, text string) {
		ms := Find(text)
		checkInvariants(t, text, ms)
		for _, m := range ms {
			if from, to, ok := m.Resolve(ref); ok && to.Before(from) {
				t.Fatalf("%q resolves to %v..%v", m.Text, from, to)
			}
		}
	})
}

func BenchmarkFind(b *testing.B) {
	text := seedCorpus(b)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		Find(text)
	}
}
