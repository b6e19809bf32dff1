package store

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"sourcescore"
)

// trickyScore has details with every kind of text and number the codec
// must carry: quotes, backslashes, control characters, umlauts, emoji,
// cells that look like JSON, floats that need all their digits.
func trickyScore() *sourcescore.ArticleScore {
	s := testScore(7, 3, 4)
	texts := texts()
	for i := range s.Findings {
		s.Findings[i].Message = texts[i%len(texts)]
		s.Findings[i].Evidence = texts[(i+3)%len(texts)]
	}
	s.Findings[0].Offset, s.Findings[0].Pos = -1, sourcescore.Position{}
	for i := range s.Rules {
		s.Rules[i].Note = texts[(i+5)%len(texts)]
	}
	s.Rules[0].Score = 0.1 + 0.2
	s.Rules[1].Score = 1e-300
	s.Rules[2].Weight = -2.5
	s.Families[0].Score = 100.0 / 3
	s.Families[1].Note = texts[4]
	return s
}

// texts are texts the codec must carry.
func texts() []string {
	return []string{
		`er sagte: "nein"`, `C:\pfad\datei`, "Zeile 1\nZeile 2\r\tEnde", "\x00\x01\x1f\x7f",
		"Kreml-Sprecher Dmitri Peskow \u2028 \u00e4\u00f6\u00fc\u00df \U0001F600", `[["x",1]]`, "", " ",
	}
}

func TestDetails_roundTrip(t *testing.T) {
	capped := trickyScore()
	capped.Caps = cappedScore(1, 0, 0).Caps
	capped.Caps[0].RuleID = texts()[0] // any text survives
	for _, s := range []*sourcescore.ArticleScore{trickyScore(), testScore(1, 0, 0), testScore(2, 21, 12), capped} {
		fams, err := appendFamilies(nil, s.Families)
		if err != nil {
			t.Fatal(err)
		}
		rules, err := appendRules(nil, s.Rules)
		if err != nil {
			t.Fatal(err)
		}
		finds, err := appendFindings(nil, s.Findings)
		if err != nil {
			t.Fatal(err)
		}
		caps, err := appendCaps(nil, s.Caps)
		if err != nil {
			t.Fatal(err)
		}
		got := &sourcescore.ArticleScore{Article: s.Article, Score: s.Score, Grade: s.Grade, Uncapped: s.Uncapped}
		if err := decodeDetails(got, details{string(fams), string(rules), string(finds), string(caps)}); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(s, got, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("round trip of %s (-want +got):\n%s", s.Article.ID, diff)
		}
	}
}

// TestDetails_sqlite checks both directions against SQLite's own JSON: what
// the encoder writes is valid JSON whose values SQLite reads as they were
// (the views depend on it), and what SQLite's json_array writes (the schema
// migration builds the arrays so) decodes to the same details.
func TestDetails_sqlite(t *testing.T) {
	ctx := context.Background()
	db := openTestDB(t)
	s := trickyScore()
	finds, err := appendFindings(nil, s.Findings)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := db.db.QueryContext(ctx, `SELECT j.value ->> 3, j.value ->> 4, j.value ->> 7 FROM json_each(?) j`, string(finds))
	if err != nil {
		t.Fatal(err)
	}
	var i int
	for rows.Next() {
		var msg, ev string
		var off int
		if err := rows.Scan(&msg, &ev, &off); err != nil {
			t.Fatal(err)
		}
		f := s.Findings[i]
		if msg != f.Message || ev != f.Evidence || off != f.Offset {
			t.Errorf("finding %d as SQLite reads it: %q %q %d, want %q %q %d", i, msg, ev, off, f.Message, f.Evidence, f.Offset)
		}
		i++
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	rows.Close()
	if i != len(s.Findings) {
		t.Fatalf("SQLite read %d findings, want %d", i, len(s.Findings))
	}

	// The same rules, written by SQLite.
	var b strings.Builder
	var args []any
	b.WriteString(`SELECT json_array(`)
	for i, r := range s.Rules {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(`json_array(?, ?, ?, ?, ?, ?)`)
		args = append(args, r.RuleID, string(r.Family), r.Score, r.Weight, r.Applied, r.Note)
	}
	b.WriteString(`)`)
	var fromSQLite string
	if err := db.db.QueryRowContext(ctx, b.String(), args...).Scan(&fromSQLite); err != nil {
		t.Fatal(err)
	}
	got, err := parseRules(fromSQLite)
	if err != nil {
		t.Fatalf("rules as SQLite writes them: %v\n%s", err, fromSQLite)
	}
	if diff := cmp.Diff(s.Rules, got); diff != "" {
		t.Errorf("rules as SQLite writes them (-want +got):\n%s\n%s", diff, fromSQLite)
	}

	// Caps both ways.
	want := cappedScore(1, 0, 0).Caps
	caps, err := appendCaps(nil, want)
	if err != nil {
		t.Fatal(err)
	}
	var ruleID, family, grade string
	var atMost, score, limit float64
	if err := db.db.QueryRowContext(ctx, `SELECT j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3, j.value ->> 4,
		j.value ->> 5 FROM json_each(?) j WHERE j.key = 1`, string(caps)).Scan(&ruleID, &family, &atMost, &grade, &score, &limit); err != nil {
		t.Fatal(err)
	}
	if c := want[1]; ruleID != "" || family != string(c.Family) || atMost != c.AtMost || grade != c.Grade || score != c.Score || limit != c.Limit {
		t.Errorf("cap as SQLite reads it: %q %q %v %q %v %v, want %+v", ruleID, family, atMost, grade, score, limit, c)
	}
	args = nil
	for _, c := range want {
		args = append(args, c.RuleID, string(c.Family), c.AtMost, c.Grade, c.Score, c.Limit)
	}
	if err := db.db.QueryRowContext(ctx, `SELECT json_array(json_array(?, ?, ?, ?, ?, ?), json_array(?, ?, ?, ?, ?, ?))`,
		args...).Scan(&fromSQLite); err != nil {
		t.Fatal(err)
	}
	gotCaps, err := parseCaps(fromSQLite)
	if err != nil {
		t.Fatalf("caps as SQLite writes them: %v\n%s", err, fromSQLite)
	}
	if diff := cmp.Diff(want, gotCaps); diff != "" {
		t.Errorf("caps as SQLite writes them (-want +got):\n%s\n%s", diff, fromSQLite)
	}
}

func TestDetails_invalid(t *testing.T) {
	for _, in := range []string{
		``, `[`, `[[`, `{}`, `[["dates.x","dates","info","m","e",1,2]]`, // a field short
		`[["dates.x","dates","info","m","e",1,2,3,4]]`,           // a field too many
		`[["dates.x","dates","fatal","m","e",1,2,3]]`,            // no such severity
		`[["dates.x","dates","info","m","e",1.5,2,3]]`,           // a line that is no integer
		`[["dates.x","dates","info","m\q","e",1,2,3]]`,           // a bad escape
		`[["dates.x","dates","info","m","e",1,2,3]] x`,           // trailing data
		"[[\"dates.x\",\"dates\",\"info\",\"m\n\",\"e\",1,2,3]]", // a raw newline
		`[["dates.x","dates","info","m","e",1,2,3],]`,
	} {
		if got, err := parseFindings(in); !errors.Is(err, errDetail) {
			t.Errorf("parseFindings(%q) = %v, %v; want an error matching errDetail", in, got, err)
		}
	}
	// Empty arrays, white space and numbers as SQLite may write them are fine.
	got, err := parseFindings(" [ [ \"a\" , \"b\" , \"info\" , \"\" , \"\" , 2.0 , -1 , 1e2 ] ] ")
	want := []sourcescore.Finding{{RuleID: "a", Family: "b", Pos: sourcescore.Position{Line: 2, Column: -1}, Offset: 100}}
	if err != nil || !cmp.Equal(want, got) {
		t.Errorf("parseFindings = %+v, %v; want %+v", got, err, want)
	}
	if got, err := parseRules(`[]`); err != nil || len(got) != 0 {
		t.Errorf("parseRules([]) = %v, %v", got, err)
	}
	for _, in := range []string{
		`[["denial.missing","",0,"C",0]]`,         // a field short
		`[["denial.missing","",0,"C",0,79.9,1]]`,  // a field too many
		`[["denial.missing","","0","C",0,79.9]]`,  // at_most as a string
		`[["denial.missing","",0,"C",0,79.9],]`,   // a trailing comma
		`[{"rule":"denial.missing","grade":"C"}]`, // objects
	} {
		if got, err := parseCaps(in); !errors.Is(err, errDetail) {
			t.Errorf("parseCaps(%q) = %v, %v; want an error matching errDetail", in, got, err)
		}
	}
	if got, err := parseCaps(`[]`); err != nil || got != nil {
		t.Errorf("parseCaps([]) = %v, %v; want none", got, err)
	}
	if _, err := appendCaps(nil, []sourcescore.AppliedCap{{Limit: math.Inf(1)}}); err == nil {
		t.Error("appendCaps stored an infinite limit")
	}
	if _, err := appendRules(nil, []sourcescore.RuleScore{{RuleID: "x", Score: math.NaN()}}); err == nil {
		t.Error("appendRules stored NaN")
	}
}

// validUTF8 is s with each byte that is not part of valid UTF-8 replaced by
// U+FFFD, as appendJSONString and encoding/json write it (strings.ToValidUTF8
// replaces a run of such bytes with one: "\xe6\xd1" gives one U+FFFD, the
// encoder two).
func validUTF8(s string) string {
	var b strings.Builder
	for _, r := range s {
		b.WriteRune(r) // range gives each invalid byte as utf8.RuneError, one at a time
	}
	return b.String()
}

// FuzzDetails checks that any text survives the round trip through the
// findings and caps JSON, as valid UTF-8 (invalid bytes become U+FFFD).
func FuzzDetails(f *testing.F) {
	for _, s := range []string{"", `"\`, "\x00\xff", "ä\u2028😀", `\u00e4`} {
		f.Add(s, s+"x", 3)
	}
	f.Fuzz(func(t *testing.T, msg, ev string, line int) {
		in := []sourcescore.Finding{{RuleID: "r.x", Family: "dates", Severity: sourcescore.SeverityWarning,
			Message: msg, Evidence: ev, Pos: sourcescore.Position{Line: line, Column: 1}, Offset: line}}
		b, err := appendFindings(nil, in)
		if err != nil {
			t.Fatal(err)
		}
		got, err := parseFindings(string(b))
		if err != nil {
			t.Fatalf("%s: %v", b, err)
		}
		in[0].Message, in[0].Evidence = validUTF8(msg), validUTF8(ev)
		if !cmp.Equal(in, got) {
			t.Errorf("round trip: got %+v, want %+v", got, in)
		}
		// The same texts as a grade cap's rule and grade.
		caps := []sourcescore.AppliedCap{{GradeCap: sourcescore.GradeCap{RuleID: msg, Grade: ev, AtMost: float64(line)},
			Score: float64(line) / 7, Limit: 79.9}}
		b, err = appendCaps(nil, caps)
		if err != nil {
			t.Fatal(err)
		}
		gotCaps, err := parseCaps(string(b))
		if err != nil {
			t.Fatalf("%s: %v", b, err)
		}
		caps[0].RuleID, caps[0].Grade = in[0].Message, in[0].Evidence
		if !cmp.Equal(caps, gotCaps) {
			t.Errorf("round trip: got %+v, want %+v", gotCaps, caps)
		}
	})
}

// BenchmarkDetails decodes the details of an article of the size the
// built-in rules give (4 families, 21 rules, 10 findings).
func BenchmarkDetails(b *testing.B) {
	s := testScore(1, 21, 10)
	fams, _ := appendFamilies(nil, s.Families)
	rules, _ := appendRules(nil, s.Rules)
	finds, _ := appendFindings(nil, s.Findings)
	b.SetBytes(int64(len(fams) + len(rules) + len(finds)))
	for b.Loop() {
		got := &sourcescore.ArticleScore{Article: s.Article}
		if err := decodeDetails(got, details{string(fams), string(rules), string(finds), "[]"}); err != nil {
			b.Fatal(err)
		}
	}
}

// plainRun never runs past a quote, a backslash or a control character,
// and stops at most seven bytes before one.
func TestPlainRun(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	alphabet := []byte("ab ,é\"\\\x00\x1f\x20\x7f\x80\xff")
	for range 20000 {
		b := make([]byte, rng.IntN(40))
		for i := range b {
			if rng.IntN(6) == 0 {
				b[i] = alphabet[rng.IntN(len(alphabet))]
			} else {
				b[i] = byte(0x20 + rng.IntN(0xe0))
			}
		}
		s := string(b)
		special := len(s)
		for i := 0; i < len(s); i++ {
			if c := s[i]; c == '"' || c == '\\' || c < 0x20 {
				special = i
				break
			}
		}
		if got := plainRun(s); got > special || special-got >= 8 && got+8 <= len(s) {
			t.Fatalf("plainRun(%q) = %d, first quote, backslash or control character at %d", s, got, special)
		}
	}
}
