package rules

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"sourcescore"
)

// minimalScoring is a valid scoring section for rule sets in tests.
const minimalScoring = `scoring:
  families: {sourcing: 0.25, dates: 0.25, denial: 0.25, translation: 0.25}
  grades:
    - {grade: A, min: 50}
    - {grade: F, min: 0}
`

// loadFiles loads a rule set from in-memory files.
func loadFiles(t testing.TB, files map[string]string) (*Set, error) {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, body := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(body)}
	}
	return Load(fsys, "rules")
}

// errorLines returns the error list's messages, one per line of output.
func errorLines(t testing.TB, err error) []string {
	t.Helper()
	var list ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("error %v is not an ErrorList", err)
	}
	if !errors.Is(err, sourcescore.ErrConfig) {
		t.Errorf("errors.Is(err, ErrConfig) = false")
	}
	return strings.Split(list.Error(), "\n")
}

func TestBuiltin_Loads(t *testing.T) {
	set, err := Builtin()
	if err != nil {
		t.Fatalf("built-in rules: %v", err)
	}
	fams := map[sourcescore.Family]int{}
	for _, r := range set.Rules {
		fams[r.family]++
	}
	for _, f := range sourcescore.Families {
		if fams[f] == 0 {
			t.Errorf("no built-in rule of family %s", f)
		}
	}
	if len(set.Stories) == 0 || len(set.Boilerplate.Rules) == 0 {
		t.Errorf("stories %d, boilerplate rules %d: want some of each", len(set.Stories), len(set.Boilerplate.Rules))
	}
	if len(set.Hash) != 64 {
		t.Errorf("hash %q is not a SHA-256", set.Hash)
	}
}

func TestLoadDir_WrittenBuiltinHasSameHash(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, BuiltinFS()); err != nil {
		t.Fatal(err)
	}
	a, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	b, err := LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if a.Hash != b.Hash {
		t.Errorf("hash of the written-out set %s differs from the built-in %s", b.Hash, a.Hash)
	}
	os.WriteFile(filepath.Join(dir, "scoring.yaml"), []byte(minimalScoring), 0o644)
	c, err := LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if c.Hash == a.Hash {
		t.Error("changing a file did not change the rule-set hash")
	}
}

func TestLoad_Errors(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{
			name: "typo in a key, with the closest key as hint",
			files: map[string]string{"scoring.yaml": minimalScoring, "r.yaml": `rules:
  - id: sourcing.x
    family: sourcing
    kind: penalty
    wieght: 1
    severity: warning
    description: d
    message: m
    phrases: [a]
`},
			want: []string{`rules/r.yaml:5:5: unknown key "wieght"`, "\ttry: weight"},
		},
		{
			name: "three mistakes in one file, three messages",
			files: map[string]string{"scoring.yaml": minimalScoring, "r.yaml": `rules:
  - id: sourcing.x
    family: sourcing
    kind: penalty
    weight: 1
    severity: warnung
    description: d
    message: m
    patterns: ['(unclosed']
  - id: dates.y
    family: dates
    kind: presense
    weight: 1
`},
			want: []string{
				`rules/r.yaml:6:15: unknown severity "warnung"`,
				"\ttry: warning",
				"rules/r.yaml:9:16: bad pattern \"(unclosed\": missing closing ): `(unclosed`",
				"\ttry: check the pattern; Go uses RE2 syntax (no look-around, no backreferences)",
				`rules/r.yaml:12:11: unknown kind "presense"`,
				"\ttry: presence (one of attribution, combined, date_facts, date_format, date_publication, denial, foreign_words, glued_words, name_article, name_forms, penalty, presence, profile, repetition, typography, word_sequence)",
			},
		},
		{
			name: "duplicate id, weight out of range, rule that can never fire",
			files: map[string]string{"scoring.yaml": minimalScoring, "r.yaml": `rules:
  - {id: sourcing.x, family: sourcing, kind: penalty, weight: 1, severity: info, description: d, message: m, phrases: [a]}
  - {id: sourcing.x, family: sourcing, kind: penalty, weight: 1, severity: info, description: d, message: m, phrases: [b]}
  - {id: sourcing.z, family: sourcing, kind: penalty, weight: 500, severity: info, description: d, message: m}
`},
			want: []string{
				`rules/r.yaml:3:6: duplicate rule id "sourcing.x"`,
				"\ttry: rename it; the first is at rules/r.yaml:2",
				`rules/r.yaml:4:6: rule sourcing.z can never fire: it has no phrases or patterns`,
				"\ttry: add phrases: or patterns:",
				`rules/r.yaml:4:63: weight 500 is out of range`,
				"\ttry: a weight greater than 0 and at most 100",
			},
		},
		{
			name: "family weights that do not add up, missing scoring",
			files: map[string]string{"s.yaml": `scoring:
  families: {sourcing: 0.5, dates: 0.25, denial: 0.25, translation: 0.25}
  grades: [{grade: A, min: 0}]
`, "r.yaml": `rules:
  - {id: sourcing.x, family: sourcing, kind: penalty, weight: 1, severity: info, description: d, message: m, phrases: [a]}
`},
			want: []string{
				`rules/s.yaml:2:14: family weights add up to 1.25, not 1`,
				"\ttry: make the family weights add up to 1",
			},
		},
		{
			name: "story without facts or match rules",
			files: map[string]string{"scoring.yaml": minimalScoring, "r.yaml": `rules:
  - {id: sourcing.x, family: sourcing, kind: penalty, weight: 1, severity: info, description: d, message: m, phrases: [a]}
`, "stories/s.yaml": `story:
  id: s
  title: t
`},
			want: []string{
				`rules/stories/s.yaml:2:3: story "s" has no match rules, so no article can be recognised as being about it`,
				"\ttry: add match: {all: [[name, alias], [other name]]}",
				`rules/stories/s.yaml:2:3: story "s" has no facts`,
				"\ttry: add facts: - {id: report, date: 2024-10-24, cues: [report]}",
			},
		},
		{
			name:  "YAML syntax error",
			files: map[string]string{"scoring.yaml": minimalScoring, "r.yaml": "rules:\n  - id: [unclosed\n"},
			want:  []string{"rules/r.yaml:2:9: sequence end token ']' not found"},
		},
		{
			name:  "unknown section",
			files: map[string]string{"scoring.yaml": minimalScoring, "r.yaml": "rule:\n  - id: x\n"},
			want:  []string{`rules/r.yaml:1:1: unknown section "rule"`, "\ttry: rules"},
		},
		{
			name:  "wrong type",
			files: map[string]string{"scoring.yaml": minimalScoring, "r.yaml": "rules:\n  - {id: sourcing.x, family: sourcing, kind: penalty, weight: heavy, severity: info, description: d, message: m, phrases: [a]}\n"},
			want:  []string{`rules/r.yaml:2:63: value "heavy" for weight must be a number`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := loadFiles(t, tt.files)
			if err == nil {
				t.Fatal("loaded without error")
			}
			if diff := cmp.Diff(tt.want, errorLines(t, err)); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
		})
	}
}

// capScoring is a scoring section with the built-in grade bands and caps.
func capScoring(caps string) string {
	return `scoring:
  families: {sourcing: 0.25, dates: 0.25, denial: 0.25, translation: 0.25}
  grades: [{grade: A, min: 90}, {grade: B, min: 80}, {grade: C, min: 65}, {grade: F, min: 0}]
  caps:
` + caps
}

// capRules are rules for grade caps to name, in a file that sorts after
// scoring.yaml.
const capRules = `rules:
  - {id: denial.missing, family: denial, kind: penalty, weight: 1, severity: error, description: d, message: m, phrases: [a]}
  - {id: translation.likely_mt, family: translation, kind: penalty, weight: 1, severity: error, description: d, message: m, phrases: [b]}
`

func TestLoad_Caps(t *testing.T) {
	set, err := loadFiles(t, map[string]string{"scoring.yaml": capScoring(`    - {rule: translation.likely_mt, grade: C}      # at_most 0 by default
    - {rule: denial.missing, at_most: 0.5, grade: C}
    - {family: dates, at_most: 40, grade: F}
`), "z.yaml": capRules})
	if err != nil {
		t.Fatal(err)
	}
	want := []sourcescore.GradeCap{
		{RuleID: "translation.likely_mt", Grade: "C"},
		{RuleID: "denial.missing", AtMost: 0.5, Grade: "C"},
		{Family: "dates", AtMost: 40, Grade: "F"},
	}
	if diff := cmp.Diff(want, set.Scoring.Caps); diff != "" {
		t.Errorf("caps (-want +got):\n%s", diff)
	}
}

func TestLoad_CapErrors(t *testing.T) {
	tests := []struct {
		name string
		caps string
		want []string
	}{
		{
			name: "unknown key",
			caps: "    - {rule: denial.missing, grade: C, atmost: 0.5}\n",
			want: []string{`rules/scoring.yaml:5:40: unknown key "atmost"`, "\ttry: at_most"},
		},
		{
			name: "neither rule nor family",
			caps: "    - {grade: C}\n",
			want: []string{
				`rules/scoring.yaml:5:8: a grade cap needs exactly one of rule and family`,
				"\ttry: give rule: <rule id> (e.g. rule: denial.missing) or family: <family> (e.g. family: dates)",
			},
		},
		{
			name: "both rule and family",
			caps: "    - {rule: denial.missing, family: denial, grade: C}\n",
			want: []string{
				`rules/scoring.yaml:5:8: a grade cap needs exactly one of rule and family`,
				"\ttry: give rule: <rule id> (e.g. rule: denial.missing) or family: <family> (e.g. family: dates)",
			},
		},
		{
			name: "unknown rule id, checked against the rules of every file",
			caps: "    - {rule: denial.mising, grade: C}\n    - {rule: sourcing.nowhere, grade: C}\n    - {rule: translation.names_en, grade: C}\n",
			want: []string{
				`rules/scoring.yaml:5:14: unknown rule id "denial.mising" in a grade cap`,
				"\ttry: denial.missing",
				`rules/scoring.yaml:6:14: unknown rule id "sourcing.nowhere" in a grade cap`,
				"\ttry: add the rule first, or name one of the set's rules (sourcescore rules test lists them)",
				// near translation.likely_mt as a whole, but not by its name
				`rules/scoring.yaml:7:14: unknown rule id "translation.names_en" in a grade cap`,
				"\ttry: add the rule first, or name one of the set's rules (sourcescore rules test lists them)",
			},
		},
		{
			name: "unknown family",
			caps: "    - {family: datse, at_most: 40, grade: C}\n",
			want: []string{`rules/scoring.yaml:5:16: unknown family "datse"`, "\ttry: one of sourcing, dates, denial, translation"},
		},
		{
			name: "grade not among the grade bands",
			caps: "    - {rule: denial.missing, grade: c}\n    - {rule: denial.missing, grade: E}\n",
			want: []string{
				`rules/scoring.yaml:5:37: grade "c" is not one of the grade bands`,
				"\ttry: C",
				`rules/scoring.yaml:6:37: grade "E" is not one of the grade bands`,
				"\ttry: one of A, B, C, F",
			},
		},
		{
			name: "no grade",
			caps: "    - {rule: denial.missing}\n",
			want: []string{`rules/scoring.yaml:5:8: a grade cap has no grade`, "\ttry: add grade: C (the best grade an article can then get)"},
		},
		{
			name: "at_most out of range",
			caps: "    - {rule: denial.missing, at_most: 40, grade: C}\n    - {family: dates, at_most: -1, grade: C}\n",
			want: []string{
				`rules/scoring.yaml:5:39: at_most 40 is out of range for a rule cap`,
				"\ttry: a rule score from 0 to 1 (0, the default: the rule failed completely)",
				`rules/scoring.yaml:6:32: at_most -1 is out of range for a family cap`,
				"\ttry: a family score from 0 to 100",
			},
		},
		{
			name: "caps not a list",
			caps: "    rule: denial.missing\n",
			want: []string{`rules/scoring.yaml:5:5: expected a list (- item), found a mapping`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := loadFiles(t, map[string]string{"scoring.yaml": capScoring(tt.caps), "z.yaml": capRules})
			if err == nil {
				t.Fatal("loaded without error")
			}
			if diff := cmp.Diff(tt.want, errorLines(t, err)); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
		})
	}
}

func TestLoad_CapGradeTooNarrow(t *testing.T) {
	_, err := loadFiles(t, map[string]string{"scoring.yaml": `scoring:
  families: {sourcing: 0.25, dates: 0.25, denial: 0.25, translation: 0.25}
  grades: [{grade: A, min: 80}, {grade: B, min: 79.95}, {grade: F, min: 0}]
  caps: [{rule: denial.missing, grade: B}, {rule: denial.missing, grade: F}]
`, "z.yaml": capRules})
	want := []string{
		`rules/scoring.yaml:4:40: grade B cannot be a cap: its band is narrower than 0.1, so the top of it (79.9) would have another grade`,
		"\ttry: make the grade bands' mins at least 0.1 apart",
	}
	if diff := cmp.Diff(want, errorLines(t, err)); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
}

// TestLoad_CapOfABrokenRule: a cap that names a rule with errors of its own
// reports only the rule's errors.
func TestLoad_CapOfABrokenRule(t *testing.T) {
	_, err := loadFiles(t, map[string]string{"scoring.yaml": capScoring("    - {rule: denial.missing, grade: C}\n"),
		"z.yaml": "rules:\n  - {id: denial.missing, family: denial, kind: penalty, wieght: 1, severity: error, description: d, message: m, phrases: [a]}\n"})
	want := []string{`rules/z.yaml:2:57: unknown key "wieght"`, "\ttry: weight"}
	if diff := cmp.Diff(want, errorLines(t, err)); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
}

func TestLoad_WordListIsPartOfTheVersion(t *testing.T) {
	list := filepath.Join(t.TempDir(), "words")
	rule := func() map[string]string {
		return map[string]string{"scoring.yaml": minimalScoring, "r.yaml": `rules:
  - {id: translation.g, family: translation, kind: glued_words, weight: 1, severity: warning, description: d, message: m,
     safe_suffixes: [sind], suffixes: [und], wordlist: "` + list + `"}
`}
	}
	without, err := loadFiles(t, rule())
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(list, []byte("politisch\nmagazin\n"), 0o644)
	with, err := loadFiles(t, rule())
	if err != nil {
		t.Fatal(err)
	}
	if without.Hash == with.Hash {
		t.Error("the set's hash does not change when its word list appears")
	}
	last := with.Files[len(with.Files)-1]
	if last.Path != "wordlist:"+list || len(last.Hash) != 64 {
		t.Errorf("last file %+v, want the word list with its hash", last)
	}
	// With the list, a plain suffix counts after a known word.
	res := with.Apply(article("Das Magazinund die Politischsind.", "de", "", ""))
	if got := findingsOf(res, "translation.g", sourcescore.SeverityWarning); strings.Join(got, "|") != "Magazinund|Politischsind" {
		t.Errorf("glued with a word list = %q", got)
	}
}

// FuzzLoad: any rule file gives a rule set or positioned errors, never a
// panic.
func FuzzLoad(f *testing.F) {
	f.Add("rules:\n  - {id: sourcing.x, family: sourcing, kind: penalty, weight: 1, severity: info, description: d, message: m, phrases: [a]}\n")
	f.Add("rules:\n  - {id: a.b, kind: penalty, patterns: ['(']}\n")
	f.Add("story: {id: s, facts: [{date: x}]}")
	f.Fuzz(func(t *testing.T, body string) {
		_, err := loadFiles(t, map[string]string{"scoring.yaml": minimalScoring, "r.yaml": body})
		var list ErrorList
		if err != nil && !errors.As(err, &list) {
			t.Fatalf("error %v is not an ErrorList", err)
		}
	})
}

// TestBuiltin_boilerplateGate: the built-in set carries the one-pass gate
// of its boilerplate markers, and on the seeds and on lines made to hold
// the markers' literals it says what searching each literal says.
func TestBuiltin_boilerplateGate(t *testing.T) {
	set := builtin(t)
	bp := &set.Boilerplate
	if bp.MayCut == nil {
		t.Fatal("the built-in boilerplate has no MayCut gate: ingest would search each literal in turn")
	}
	texts := []string{"", "ein satz ohne jede markierung.", "newsletter abonnieren\nstart | region | sport | kultur\nkommentare (3)"}
	for _, b := range seedArticles(t) {
		texts = append(texts, sourcescore.LowerSameLength(string(b)))
	}
	for _, text := range texts {
		may, lines := make([]bool, len(bp.Rules)), make([][]int, len(bp.Rules))
		bp.MayCut(text, may, lines)
		for i := range bp.Rules {
			lits := bp.Rules[i].StartFilter.Literals
			want := len(lits) == 0
			var wantLines []int
			for _, l := range lits {
				want = want || strings.Contains(text, l)
			}
			if len(lits) > 0 {
				for k, line := range strings.Split(text, "\n") {
					for _, l := range lits {
						if strings.Contains(line, l) {
							wantLines = append(wantLines, k)
							break
						}
					}
				}
			}
			if may[i] != want || !slices.Equal(lines[i], wantLines) {
				t.Errorf("rule %d (%s) on %.40q: may cut %v on lines %v, want %v on %v (literals %q)", i, bp.Rules[i].Name, text, may[i], lines[i], want, wantLines, lits)
			}
		}
	}
}

// TestBuiltin_boilerplateMarkers: page furniture that a built-in marker cuts
// (a teaser's timestamp, a page's tags), and article lines like it that it
// leaves.
func TestBuiltin_boilerplateMarkers(t *testing.T) {
	set := builtin(t)
	for _, c := range []struct {
		marker    string
		cut, kept []string
	}{
		{"teaser timestamp", []string{"3 hours ago", "1 day ago", "vor 2 Stunden", "vor 12 Minuten", "2 Tagen ago"},
			[]string{"Vor 2 Stunden begann die Sitzung.", "The talks ended 3 hours ago.", "2 Tage", "vor 2000 Jahren"}},
		{"tag line", []string{"• security", "• Russland", "· share"},
			[]string{"• Die Brücke bleibt gesperrt.", "• two trucks burned", "security", "•"}},
		{"skip link", []string{"Zum Inhalt springen", "zum Hauptinhalt springen", "Skip to main content", "Direkt zum Inhalt"},
			[]string{"Die Preise springen zum Inhalt des Berichts.", "Skip to content creators' pay, the union said."}},
		{"photo caption", []string{"Polizisten am Hafen.Foto: keystone", "Der Minister sprach im Hafen.(Bild: EPA/Jan Berg)",
			"Ferries wait at the pier, Monday Sept. 22, 2025. (Jan Berg/Nordbild via AP) Harbour Ferries",
			"The minister speaks in Oslo, Nov. 22, 2024. (AP Photo/Jan Berg, File)"},
			[]string{"Er sprach über das Foto: Es zeigt den Hafen.", "The ferry left via the northern route (the shorter one) on Monday.",
				"Die Reederei teilte mit (via AP): Die Fähren fahren wieder."}},
		{"video player notice", []string{"Storm closes the port To view this video please enable JavaScript, and consider upgrading to a web browser that supports HTML5 video",
			"Um dieses Video anzusehen, aktivieren Sie bitte JavaScript"},
			[]string{"The video shows the port on Monday.", "Um dieses Video zu sehen, reisten sie nach Rom."}},
	} {
		cuts := func(line string) bool {
			for _, r := range set.Boilerplate.Rules {
				if r.Name == c.marker && r.Start.MatchString(line) {
					return true
				}
			}
			return false
		}
		for _, line := range c.cut {
			if !cuts(line) {
				t.Errorf("%s: %q is not cut", c.marker, line)
			}
		}
		for _, line := range c.kept {
			if cuts(line) {
				t.Errorf("%s: %q is cut", c.marker, line)
			}
		}
	}
}

// TestLoad_UngatedPatternWarning: a pattern the engine cannot gate (no
// literal of three bytes in each alternative) loads, with a warning at its
// own position; the same pattern with a word in each alternative does not
// warn, nor do the built-in rules.
func TestLoad_UngatedPatternWarning(t *testing.T) {
	rule := func(pattern string) map[string]string {
		return map[string]string{"scoring.yaml": minimalScoring, "r.yaml": `rules:
  - id: translation.x
    family: translation
    kind: penalty
    weight: 1
    severity: warning
    description: d
    message: m
    patterns:
      - '\bSehr\s+geehrte\b'
      - '` + pattern + `'
`}
	}
	set, err := loadFiles(t, rule(`\b[A-Z]{2}\s+(?:AP|TV)\b`))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range set.Warnings {
		got = append(got, fmt.Sprintf("%s:%d:%d: %s", w.File, w.Line, w.Column, w.Msg))
		if w.Hint == "" {
			t.Errorf("%s: no hint", w.Msg)
		}
	}
	want := []string{"rules/r.yaml:11:9: the pattern has no literal text to look for first, so it runs over the whole text of every article: on a large run it costs more than a hundred other patterns"}
	if !slices.Equal(got, want) {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if set, err := loadFiles(t, rule(`\b[A-Z]{2}\s+(?:APA|ARD)\b`)); err != nil || len(set.Warnings) != 0 {
		t.Errorf("gated pattern: err %v, warnings %v", err, set.Warnings)
	}
	if set, err := Builtin(); err != nil || len(set.Warnings) != 0 {
		t.Errorf("built-in rules: err %v, warnings %v", err, set.Warnings)
	}
}
