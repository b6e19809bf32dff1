package engine

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"sourcescore"
)

func TestRequiredLiterals(t *testing.T) {
	tests := map[string][]string{
		`(?i:laut|gemäß) (?P<source>[^.]{2,120})`:     {"gemäß ", "laut "},
		`(?P<s>(?:\p{L}+ ){1,5})(?:said|says|told)\b`: {"said", "says", "told"},
		`\b(Herr|Herrn|Frau)\s+\p{Lu}\p{L}+`:          {"frau", "herr", "herrn"},
		`\b(wies|weist)\b[^.!?]{0,80}\bzurück\b`:      {"zurück"},
		`\p{L}*[ăđ]\p{L}*`:                            {"ă", "đ"},
		`[0-9]+ Euro`:                                 {" euro"},
		`ab|c`:                                        nil,
		`x{0,3}`:                                      nil,
	}
	for expr, want := range tests {
		if diff := cmp.Diff(want, requiredLiterals(expr)); diff != "" {
			t.Errorf("requiredLiterals(%q) (-want +got):\n%s", expr, diff)
		}
	}
}

func TestPrefixLiterals(t *testing.T) {
	tests := []struct {
		expr     string
		want     []string
		boundary bool
	}{
		{`(?i:laut|gemäß) (?P<source>[^.]{2,120})`, []string{"gemäß ", "laut "}, false},
		{`\b(Herr|Herrn|Frau)\s+\p{Lu}\p{L}+`, []string{"frau", "herr", "herrn"}, true},
		{`(?:beruft|berufen) sich (?:dabei )?auf (?P<s>.+)`, []string{"berufen sich ", "beruft sich "}, false},
		{`\b(?i:wie|so) (?P<s>\p{L}+) berichtet`, []string{"so ", "wie "}, true},
		// Every match must begin with the literal.
		{`(?P<s>(?:\p{L}+ ){1,5})(?:said|says)\b`, nil, false},
		{`\p{L}*[ăđ]\p{L}*`, nil, false},
		{`laut|zufolge (?P<s>.+)`, nil, false},
		// A \b before a literal that does not begin with \w cannot be
		// checked by looking at one byte.
		{`\büber (?P<s>.+)`, nil, false},
		// Too short to gate on.
		{`\b(?:so|da)\p{L}+`, nil, false},
		// A small class of visible characters is one more byte of each
		// literal: the parser writes "argued|argues" as "argue[ds]".
		{`\b(?:argued|argues|noted)\b(?P<m>[^,]*?),`, []string{"argued", "argues", "noted"}, true},
		{`[,”"] (?:said|says) (?P<s>\p{L}+)`, []string{"\" said ", "\" says ", ", said ", ", says ", "” said ", "” says "}, false},
		// ... unless the regex needs a literal those do not hold: the
		// verbs are common words, "dahinter" is the better gate.
		{`(?i)\b(?:stecken|steckt|stecke|stünden|stehen|standen)\s+andere\s+dahinter\b`, nil, false},
		// ... and not a space, a line break or a large class.
		{`[ \n]said (?P<s>\p{L}+)`, nil, false},
		{`[a-z]said (?P<s>\p{L}+)`, nil, false},
	}
	for _, tt := range tests {
		got, boundary := prefixLiterals(tt.expr)
		if diff := cmp.Diff(tt.want, got); diff != "" || boundary != tt.boundary {
			t.Errorf("prefixLiterals(%q) = %q, %v; want %q, %v", tt.expr, got, boundary, tt.want, tt.boundary)
		}
	}
}

// perLine is what a gated regex must find: its matches on each line.
func perLine(re *regexp.Regexp, body string) [][]int {
	var out [][]int
	start := 0
	for _, line := range strings.SplitAfter(body, "\n") {
		for _, loc := range re.FindAllStringSubmatchIndex(strings.TrimSuffix(line, "\n"), -1) {
			for i := range loc {
				if loc[i] >= 0 {
					loc[i] += start
				}
			}
			out = append(out, loc)
		}
		start += len(line)
	}
	return out
}

// checkAnchored compares every anchored regex of the built-in set, run at
// its literals, with the regex run on each line.
func checkAnchored(t *testing.T, set *builtinSet, text string) {
	t.Helper()
	d := set.text(text)
	for _, gr := range set.gate.regexes {
		if gr.anchored == nil && !gr.lineStart {
			continue
		}
		if diff := cmp.Diff(perLine(gr.re, text), gr.FindAll(d)); diff != "" {
			t.Errorf("%s on %q (-per line +anchored):\n%s", gr.re, text, diff)
		}
	}
}

func TestGate_AnchoredSameAsPerLine(t *testing.T) {
	set := builtin(t)
	anchored := 0
	for _, gr := range set.gate.regexes {
		if gr.anchored != nil {
			anchored++
		}
	}
	if anchored < 5 {
		t.Fatalf("%d anchored regexes in the built-in set, want the attribution cues among them", anchored)
	}
	for _, text := range []string{
		"xHerr Musk und _Frau Weidel, aber Herrn Peskow.",
		"Herrn Herr Musk. FRAU Merkel. Herr\nMusk.",
		"sagte sagte Peskow, erklärte erklärt Kreml. laut laut Peskow",
		"Geläut und Lautsprecher, laut WSJ; gemäß gemäß dem Bericht",
		"wie so die Zeitung berichtet und so wie die WSJ schreibt",
		"Moskau wies die Vorwürfe zurück; der Kreml weist zurück.",
		"laut WSJ (dpa) und sagte Peskow „gestern“ in Moskau, erklärte er; laut x",
		"sagte " + strings.Repeat("ä", 200) + " und mehr, sagte Peskow\nsagte",
		"Minsk, Belarus:\nRiga, Lettland: x\n(Paris) Die Polizei\nMINSK, 3. März - BelTA. Text\n MINSK, 3. März - BelTA",
		"From: Anna Berg\nFrom: anna\nKYIV, May 3 - Ukrinform\n\n(Rom) Der",
		"Klein sagte am 12. März, es sei. Die Ministerin teilte mit: ja. Er hat gesagt, dass; teilte teilte am Montag mit, , so Klein. , so Berg",
		"“We will,” Klein said. The Herald added on Monday that, said said, the ministry added.",
		"“No,” said Klein, “never”, said the minister; \", wrote Berg\", says says, says the Herald. , said\n, said x",
		"Klein argued, argues argued that it noted, noted that, argued\nthat. Berg argues: no. xargued, Berg_noted,",
		"Dies berichtet die Zeitung unter Verweis auf Insider. Diese berichten mit Bezug auf, dies berichtet mit Bezug auf x. Darüber  berichtete sie unter Bezugnahme auf",
	} {
		checkAnchored(t, set, text)
	}
	for _, text := range seedArticles(t) {
		checkAnchored(t, set, string(text))
	}
}

func FuzzGateAnchored(f *testing.F) {
	f.Add("xHerr Musk, laut laut Peskow sagte sagte der Kreml")
	f.Add("wie so die WSJ berichtet; Herrn\nHerr Musk")
	f.Add("Klein sagte am 12. März, es sei. Die Ministerin teilte am Montag mit: ja, so Berg.")
	set := builtin(f)
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return
		}
		checkAnchored(t, set, text)
	})
}

func TestMaxLength(t *testing.T) {
	tests := map[string]int{
		`laut`:                  4,
		`(?i:laut)`:             4,
		`(?i:k)`:                3, // the Kelvin sign
		`gemäß [^.]{2,10}`:      8 + 10*4,
		`\b(?:wies|weist)\b x?`: 7,
		`(a|bcd){0,3}`:          9,
		`a+`:                    0,
		`x.*`:                   0,
	}
	for expr, want := range tests {
		if got := maxLength(expr); got != want {
			t.Errorf("maxLength(%q) = %d, want %d", expr, got, want)
		}
	}
}

func TestLineFilter(t *testing.T) {
	tests := []struct {
		expr string
		want sourcescore.LineFilter
	}{
		{`(?i)^(anzeige|werbung)$`, sourcescore.LineFilter{MaxLen: 7,
			Prefixes: []string{"anzeige", "werbung"}, Suffixes: []string{"anzeige", "werbung"}, Literals: []string{"anzeige", "werbung"}}},
		// "s" also matches the long s, two bytes.
		{`(?i)^die mobile version$`, sourcescore.LineFilter{MaxLen: 19,
			Prefixes: []string{"die mobile version"}, Suffixes: []string{"die mobile version"}, Literals: []string{"die mobile version"}}},
		// Unbounded; the line begins with a dash.
		{`^-+\s*(Anzeige|Werbung)\s*-+$`, sourcescore.LineFilter{
			Prefixes: []string{"-"}, Suffixes: []string{"-"}, Literals: []string{"anzeige", "werbung"}}},
		// Every match ends the line within 13 bytes: only its end need be searched.
		{`(?i)\bBildergalerie$`, sourcescore.LineFilter{TailLen: 13, Suffixes: []string{"bildergalerie"}, Literals: []string{"bildergalerie"}}},
		{`[.!?]\s{1,3}Foto: \w{1,10}$`, sourcescore.LineFilter{TailLen: 20, Literals: []string{"foto: "}}},
		// A line's beginning anywhere, or no bound: the whole line.
		{`(?:^|[.!?]\s)Foto: \w{1,10}$`, sourcescore.LineFilter{Literals: []string{"foto: "}}},
		{`[.!?]\s+Foto: \w{1,10}$`, sourcescore.LineFilter{Literals: []string{"foto: "}}},
		{`^\d+\.\s+(Start|Home)$`, sourcescore.LineFilter{Suffixes: []string{"home", "start"}, Literals: []string{"home", "start"}}},
		{`(?i)^(teilen|share)(\s*[|/]\s*(teilen|share))*$`, sourcescore.LineFilter{Prefixes: []string{"share", "teilen"}, Literals: []string{"share", "teilen"}}},
		{`(?m)^Empfohlen$`, sourcescore.LineFilter{Literals: []string{"empfohlen"}}},
		{`newsletter (abonnieren|bestellen)`, sourcescore.LineFilter{Literals: []string{"newsletter abonnieren", "newsletter bestellen"}}},
		// No literal long enough, but a character prose seldom holds.
		{`^[^|.!?]{1,25}(\s\|\s[^|.!?]{1,25}){3,}$`, sourcescore.LineFilter{Literals: []string{"|"}}},
		{`^\w+(\s*=\s*\w+)+$`, sourcescore.LineFilter{Literals: []string{"="}}},
		{`^[a-z]+(\s\|\s[a-z]+)*$`, sourcescore.LineFilter{}}, // the | may be absent
		{`^\w+[,;]\w+$`, sourcescore.LineFilter{}},            // a class, not one character
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, LineFilter(tt.expr), cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("LineFilter(%q) (-want +got):\n%s", tt.expr, diff)
		}
	}
}

// checkLineFilters fails when a built-in boilerplate pattern matches line
// but its filter says it cannot.
func checkLineFilters(t *testing.T, set *builtinSet, line string) {
	t.Helper()
	line = strings.TrimSpace(line)
	lower := sourcescore.LowerSameLength(line)
	for _, r := range set.Boilerplate.Rules {
		if r.Start.MatchString(line) && !r.StartFilter.May(line, lower) {
			t.Errorf("%s: %s matches %q, its filter %+v says it cannot", r.Name, r.Start, line, r.StartFilter)
		}
		if r.Until != nil && r.Until.MatchString(line) && !r.UntilFilter.May(line, lower) {
			t.Errorf("%s: until %s matches %q, its filter %+v says it cannot", r.Name, r.Until, line, r.UntilFilter)
		}
	}
}

var boilerplateLines = []string{
	"-- Anzeige --", "--- Werbung ---", "Anzeige", "Textgröße ändern:", "Kommentare (12)", "Comment (0)",
	"Die mobile Version verlassen", "Leave A Reply", "1. Startseite", "12. Home", "Die ganze Bildergalerie",
	"Empfohlen", "Related Posts", "MEISTGELESEN", "Jetzt den Newsletter abonnieren und nichts verpassen",
	"Alles kompakt zusammengefasst!", "Jetzt reinhören: der Podcast!", "Wer uns hört, führt.", "Stellenmarkt",
	"Teilen | Drucken / Tweet", "Share / Facebook", "SCHRIFTGRÖSSE:", "Ein Satz mit Anzeige darin.",
	"Politik | Wirtschaft | Sport | Kultur", "Start | News | Region | Sport | Wetter",
	"Helfer vor dem Rathaus in Lübeck am Montag. Foto: Erika Muster/dpa", "Foto: Erika Muster / EPA",
	"A volunteer carries water past the town hall on Monday. Picture by Jane Doe, PA Wire",
	"The mayor speaks to reporters in Leeds, Britain, May 3, 2024. REUTERS/Jane Doe", "REUTERS/Jane Doe",
	"FILE - In this Monday, May 6, 2024 file photo, volunteers carry water past the town hall.",
	"The mayor in Leeds – Photo: Jane Doe / Associated Press", "The mayor in Leeds.  (Photo by Jane Doe/Getty Images)",
	"3 hours ago", "vor 2 Stunden", "2 Tagen ago", "• security", "· share",
}

func TestLineFilter_NeverHidesAMatch(t *testing.T) {
	set := builtin(t)
	matched := 0
	for _, line := range boilerplateLines {
		for _, r := range set.Boilerplate.Rules {
			if r.Start.MatchString(line) {
				matched++
				break
			}
		}
		checkLineFilters(t, set, line)
	}
	if matched < len(boilerplateLines)-2 {
		t.Errorf("only %d of %d sample lines match a built-in marker: the samples no longer test the filters", matched, len(boilerplateLines))
	}
	for _, text := range seedArticles(t) {
		for _, line := range strings.Split(string(text), "\n") {
			checkLineFilters(t, set, line)
		}
	}
}

func FuzzLineFilter(f *testing.F) {
	for _, l := range boilerplateLines {
		f.Add(l)
	}
	set := builtin(f)
	f.Fuzz(func(t *testing.T, line string) {
		if utf8.ValidString(line) {
			checkLineFilters(t, set, line)
		}
	})
}

// TestGate_WindowShortcutsSameAsRegex: the cheaper ways of running a
// windowed regex (needed literals, first bytes, runs of its alphabet) find
// what the regex finds on each window.
func TestGate_WindowShortcutsSameAsRegex(t *testing.T) {
	set := builtin(t)
	shortcuts := map[string]int{}
	for _, gr := range set.gate.regexes {
		switch {
		case gr.first != nil:
			shortcuts["first"]++
		case gr.alpha != nil:
			shortcuts["alpha"]++
		}
		if len(gr.needs) > 0 {
			shortcuts["needs"]++
		}
		if gr.suffixes != nil {
			shortcuts["suffixes"]++
		}
		if gr.bounded {
			shortcuts["bounded"]++
		}
	}
	if shortcuts["first"] < 2 || shortcuts["alpha"] < 2 || shortcuts["needs"] < 3 || shortcuts["suffixes"] < 1 || shortcuts["bounded"] < 1 {
		t.Fatalf("shortcuts in the built-in set: %v, want the number formats (first), the {before} cues (alpha, suffixes: zufolge), the denial patterns (needs) and \\p{Ll}{2,}ed\\s+this\\s+Monday\\b (alpha, bounded)", shortcuts)
	}
	long := strings.Repeat("Wörter ", 60)
	texts := []string{
		"x12.5 Millionen, 12.5 Millionen und _3.25 Prozent; 1.5 Mio. oder 12.345 Milliarden, 7.1Prozent.",
		"Es sind 1,5 million, x2,25 percent, 3,5 per cent und 4,75  billion.",
		"Dem Bericht zufolge, Insidern zufolge; US-Medien' zufolge und Zufolge der WSJ zufolge zufolge.",
		"a b c d e f zufolge. Den Angaben der „New York Times“ zufolge ist das so.",
		long + "Medienberichten zufolge " + long + "ä 12.5 Millionen " + long,
		"ößü" + strings.Repeat("é", 200) + " Berichten zufolge " + strings.Repeat("ü", 200),
		"Der Kreml nannte den Bericht falsch. Moskau nennt das Unsinn, Peskow calls it fake.",
		"Kremlsprecher Peskow nannte es nicht so. Der Kreml nannte das.",
		"The “Herald” reported on Monday; the \"Daily Post\" said, xthe \"Times\" wrote and THE \"Sun\" says. On the eve, on the eve , they said.",
		"Athe “Herald” newspaper said it. the “Berlin Times” magazine quoted him; On  the  eve,",
		"THE “Herald” said; tHe “Post” wrote, the the “Sun” says. thethe “X” said. On the On the eve, oN thE eve ,",
		"said " + strings.Repeat("x", 290) + "the “Herald” said. The",
		"Musk, so die Zeitung berichtet, und wie die WSJ schreibt; so Peskow sagte",
		"Berichten zufolgeX zufolge zufolge soll er. Medien' Zufolge und US-Quellen zufolgen zufolge",
		"He visited this Monday, they walked this Tuesday; she rested this  Friday. xwalked this Mondays, called this Sunday2, ärgerted this Monday_ and talked this\tMonday.",
		"Monday this walked: this Monday. Arrived this Monday arrived this Monday's. überraschted this Mondayé, edited this Sunday",
	}
	for _, text := range texts {
		for _, seed := range seedArticles(t)[:3] {
			texts = append(texts, text+"\n"+string(seed))
		}
	}
	for _, seed := range seedArticles(t) {
		texts = append(texts, string(seed))
	}
	for _, text := range texts {
		checkWindows(t, set, text)
	}
}

// checkWindows compares, for every windowed regex of the built-in set, the
// regex run on each of its windows of text with windowMatches.
func checkWindows(t *testing.T, set *builtinSet, text string) {
	t.Helper()
	d := set.text(text)
	for _, gr := range set.gate.regexes {
		if gr.anchored != nil || gr.lits == nil {
			continue
		}
		var want, got [][]int
		for _, w := range d.gateLines(gr.id) {
			want = appendShifted(want, gr.re.FindAllStringSubmatchIndex(text[w.start:w.end], -1), w.start)
			got = gr.windowMatches(d, w, got, true)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s on %.60q (-regex +shortcut):\n%s", gr.re, text, diff)
		}
	}
}

func FuzzGateWindows(f *testing.F) {
	f.Add("He visited this Monday, ärgerted this Monday_ and xwalked this Mondays.")
	f.Add("The “Herald” said; 12.5 Millionen, Berichten zufolge, on the eve, ...")
	set := builtin(f)
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return
		}
		checkWindows(t, set, text)
	})
}

// lineHeadCases are line-start patterns of the kinds rules use, with
// lines that match them and lines that come close.
var lineHeadCases = []struct {
	expr  string
	lines []string
}{
	{`(?m)^\p{Lu}{3,}(?:[ -]\p{Lu}{3,})?,\s+\d{1,2}\.?\s+\p{L}{3,}`, []string{"MINSK, 3. März", "NEW-YORK, 12 Mai", "MIN, 3 Juni", "Minsk, 3. März", "ÄÖÜ, 1 abc", "AB, 1 März"}},
	{`(?m)^\p{Lu}\p{Ll}+,[ \t]+\p{Lu}\p{Ll}+:[ \t]*$`, []string{"Minsk, Belarus:", "Minsk,  Belarus: ", "Minsk Belarus:", "M, Belarus:", "Über, Äpfel:", "Minsk,Belarus:"}},
	{`(?m)^\(\p{Lu}\p{Ll}+\)[ \t]+\p{Lu}\p{Ll}*`, []string{"(Paris) Die Polizei", "(Paris)Die", "Paris) Die", "(P) X"}},
	{`(?m)^From:[ \t]+\p{Lu}\p{L}+(?:[ \t]+\p{Lu}\p{L}+)+[ \t]*$`, []string{"From: Anna Berg", "from: Anna Berg", "From:Anna Berg", "From: Anna"}},
	{`(?m)^[ \t]*(?i:foto|bild)\s*:`, []string{"  Foto: dpa", "BILD : x", "Fotos: x", "\tfoto:"}},
	{`(?m)^\d{1,2}\.\d{1,2}\.\d{4}`, []string{"24.10.2024", "1.1.2024 x", "24.10.24", "x 24.10.2024"}},
	{`(?m)^(?:Der|Die)\s+\p{Lu}`, []string{"Der Kreml", "Die Zeitung", "Das Blatt", "Der  K"}},
	{`(?m)^\p{Lu}\p{Ll}*[a-z]+\d`, []string{"Abc1", "Ab1", "A1", "Äbc2"}},
}

// TestLineHead: a line the head rejects never matches the regex, and the
// head rejects some lines (it is worth having).
func TestLineHead(t *testing.T) {
	rejected := 0
	for _, c := range lineHeadCases {
		head := lineHead(c.expr)
		if len(head) == 0 {
			t.Errorf("%s: no head", c.expr)
		}
		re := regexp.MustCompile(c.expr)
		for _, line := range c.lines {
			ok := beginsWith(line, head)
			if !ok {
				rejected++
			}
			if re.MatchString(line) && !ok {
				t.Errorf("%s matches %q, but its head rejects the line", c.expr, line)
			}
		}
	}
	if rejected < 10 {
		t.Errorf("heads rejected only %d lines: they no longer filter", rejected)
	}
	for _, expr := range []string{`(?m)^(?:a|bc)x`, `(?m)^x?y`, `(\p{Lu})(?m)^`, `(?m)^.*x`} {
		if head := lineHead(expr); len(head) != 0 && !beginsWith("zzz", head) && regexp.MustCompile(expr).MatchString("zzz") {
			t.Errorf("%s: head rejects a matching line", expr)
		}
	}
}

// TestMatchHead: a text the head of a regex run at its first bytes rejects
// never begins with a match, and the head rejects some texts.
func TestMatchHead(t *testing.T) {
	cases := []struct {
		expr  string
		texts []string
	}{
		{`\b[Tt]he\s+["“]\p{Lu}\p{L}+(?:\s\p{Lu}\p{L}+)*["”]\s+(?:said|wrote)\b`, []string{"The “Herald” said", "the  \"Daily Post\" wrote", "the Herald said", "then “Herald” said", "the “herald” said", "The “Herald”"}},
		{`\b\d+\.\d{1,2}\s*(Millionen|Prozent)`, []string{"12.5 Millionen", "3.25Prozent", "12,5 Millionen", "12. Mai", "1.5 Mio"}},
		{`\b[Oo]n\s+the\s+eve\s*,`, []string{"On the eve,", "on  the\teve ,", "on the evening", "one the eve,", "On the eve"}},
	}
	rejected := 0
	for _, c := range cases {
		head := matchHead(c.expr)
		if len(head) == 0 {
			t.Errorf("%s: no head", c.expr)
		}
		re := regexp.MustCompile(`^(?:` + c.expr + `)`)
		for _, text := range c.texts {
			ok := beginsWith(text, head)
			if !ok {
				rejected++
			}
			if re.MatchString(text) && !ok {
				t.Errorf("%s matches %q, but its head rejects the text", c.expr, text)
			}
		}
	}
	if rejected < 6 {
		t.Errorf("heads rejected only %d texts: they no longer filter", rejected)
	}
	for _, expr := range []string{`(?:a|bc)x`, `x?y`, `\b.*x`, `(\p{Lu})x`} {
		if head := matchHead(expr); len(head) != 0 && !beginsWith("zzz", head) && regexp.MustCompile(`^(?:`+expr+`)`).MatchString("zzz") {
			t.Errorf("%s: head rejects a match", expr)
		}
	}
}

func TestHeadPrefix(t *testing.T) {
	for _, c := range []struct{ expr, want string }{
		{`\b[Tt]he\s+["“]\p{Lu}`, "the"},
		{`(?i)\bthe\s+x`, "the"},
		{`\b[Oo]n\s+the`, "on"},
		{`\b\d+\.\d`, ""},
		{`,\s*[Tt]`, ","},
		{`(?i)\bask`, "a"}, // k is also the Kelvin sign
		{`(?i)sie`, ""},    // s is also ſ
		{`[Tt][Hh]x`, "thx"},
		{`[TH]x`, ""},
		{`Xy`, "xy"},
	} {
		if got := headPrefix(matchHead(c.expr)); got != c.want {
			t.Errorf("headPrefix(matchHead(%q)) = %q, want %q", c.expr, got, c.want)
		}
	}
}

func FuzzLineHead(f *testing.F) {
	for i, c := range lineHeadCases {
		for _, l := range c.lines {
			f.Add(i, l)
		}
	}
	f.Fuzz(func(t *testing.T, i int, line string) {
		if i < 0 || !utf8.ValidString(line) {
			return
		}
		c := lineHeadCases[i%len(lineHeadCases)]
		line, _, _ = strings.Cut(line, "\n")
		if regexp.MustCompile(c.expr).MatchString(line) && !beginsWith(line, lineHead(c.expr)) {
			t.Errorf("%s matches %q, but its head rejects the line", c.expr, line)
		}
	})
}

// TestNeedCursor_Has checks the cursor against hasNeeds on every stretch
// of texts, in the order a gated regex asks: starts that never decrease,
// ends that do.
func TestNeedCursor_Has(t *testing.T) {
	needs := [][]string{{"sagte", "sagt", "erklärte"}, {"Peskow", "Kreml"}}
	texts := []string{
		"",
		"Peskow sagte",
		"Der Kreml sagt, Peskow erklärte es. Kreml und sagte und sagt erklärte Peskow",
		strings.Repeat("sagte Kreml ", 5) + strings.Repeat("x", 40) + "erklärte Pesko",
	}
	for _, text := range texts {
		for step := 1; step <= 7; step++ {
			for width := 0; width <= len(text); width += 3 {
				c := newNeedCursor(text, needs)
				for start := 0; start <= len(text); start += step {
					// Ends that go back and forth: long, short, long.
					end := min(len(text), start+width)
					if start%2 == 1 {
						end = min(len(text), start+width/2)
					}
					if got, want := c.has(start, end), hasNeeds(text[start:end], needs); got != want {
						t.Fatalf("%q [%d:%d] (step %d, width %d): cursor %v, hasNeeds %v", text, start, end, step, width, got, want)
					}
				}
			}
		}
	}
}

// TestFirstBytes: a case-folded first letter gives both cases, when they
// are ASCII.
func TestFirstBytes(t *testing.T) {
	tests := []struct {
		expr     string
		want     string // the first bytes; "" for none
		boundary bool
	}{
		{`\b[Tt]he\s+x`, "Tt", true},
		{`\b(?i:on)\s+the`, "Oo", true},
		{`\b(?i)king`, "", false}, // the Kelvin sign is a case of k
		{`\b[Kk]ing`, "Kk", true},
		{`\b\d+\.\d`, "0123456789", true},
		{`the`, "t", false},
		{`(?:a|b)x`, "ab", false},
		{`\p{Lu}x`, "", false},
	}
	for _, tt := range tests {
		set, boundary := firstBytes(tt.expr)
		got := ""
		if set != nil {
			for b := range 256 {
				if set[b] {
					got += string(rune(b))
				}
			}
		}
		if sorted := []byte(tt.want); got != string(sorted) || set != nil && boundary != tt.boundary {
			t.Errorf("firstBytes(%q) = %q, %v; want %q, %v", tt.expr, got, boundary, tt.want, tt.boundary)
		}
	}
}

func TestEndBytes(t *testing.T) {
	tests := map[string]string{
		`\b(?:sagte|sagt)\b(?P<middle>(?:[^,.;:!?\n]|\d\.)*?)[,:]`: ",:",
		`, so (?P<source>[^.,;:!?\n]{2,120})[.;!?]`:                "!.;?",
		`\b(?:Montag|Monday)\s*\([0-9][0-9]?\)`:                    ")",
		`sagte (?P<s>[^.]*)[,:]`:                                   "",   // the run can hold a comma before the end
		`(?P<s>\w+), sagte er,`:                                    "",   // a comma inside
		`sagte (?P<s>\w+)[.]`:                                      ".",  // a period only at the end
		`sagte (?P<s>.+)[,:]`:                                      "",   // any character
		`sagte (?P<s>\w+)(?:,|:)`:                                  ",:", // parsed as a class
		`(?i)sagte \w+x`:                                           "",   // case-insensitive: x or X
		`sagte \w+[äö]`:                                            "",   // not ASCII
		`[,:]`:                                                     "",   // nothing before
	}
	for expr, want := range tests {
		if got := endBytes(expr); got != want {
			t.Errorf("endBytes(%s) = %q, want %q", expr, got, want)
		}
	}
}

func TestIndexBytes(t *testing.T) {
	for _, tc := range []struct {
		s, bytes string
		want     int
	}{{"", ",:", -1}, {"abc", ",:", -1}, {"a:b,c", ",:", 1}, {"a,b:c", ",:", 1}, {"ab,", ",", 2}, {"x.y", "!.;?", 1}} {
		if got := indexBytes(tc.s, tc.bytes); got != tc.want {
			t.Errorf("indexBytes(%q, %q) = %d, want %d", tc.s, tc.bytes, got, tc.want)
		}
	}
}

// TestGate_SameAsWholeBody: every built-in regex finds on its gated lines
// and windows what it finds run on the whole body, also where a match
// could run across a line break or end at one.
func TestGate_SameAsWholeBody(t *testing.T) {
	set := builtin(t)
	ungated := set.Engine.WithoutGate()
	texts := []string{
		"Der Kreml stritt die Vorwürfe ab\nMoskau wies den Bericht zurück\nPeking streitet das ab",
		"The depot burned down.\nIn this regard, the mayor spoke. Two trucks burned.\nIn addition, the road is closed.",
		"Die Polizei kam.\nRecall, the talks stalled. As noted, the fire was put out!\nAmong others, the mayor came.",
	}
	for _, seed := range seedArticles(t) {
		texts = append(texts, string(seed))
	}
	for _, text := range texts {
		gated := set.text(text)
		var whole Text
		whole.Reset(ungated, text, gated.Lower, nil)
		for _, gr := range set.gate.regexes {
			if diff := cmp.Diff(gr.FindAll(&whole), gr.FindAll(gated)); diff != "" {
				t.Errorf("%s on %.60q (-whole body +gated):\n%s", gr.re, text, diff)
			}
		}
	}
}

// TestForeignLead: a regex whose matches begin with a character outside
// ASCII runs only on a text that holds one, and finds there what it finds
// on its own; one that may begin with an ASCII character, or with a
// letter in any case, has no such lead.
func TestForeignLead(t *testing.T) {
	for _, tt := range []struct {
		expr string
		lead bool
	}{
		{`\p{Cyrillic}{2,}(?:[ \t]+\p{Cyrillic}{2,})+`, true},
		{`[【「『]\s?[A-Za-z]`, true},
		{`„[\p{L}\p{N}]`, true},
		{`\p{L}{2,}`, false},
		{`(?i)ä`, false},
		{`x\p{Cyrillic}`, false},
		{`(?:\p{Cyrillic}|a)b`, false},
	} {
		if got := foreignLead(tt.expr) != nil; got != tt.lead {
			t.Errorf("foreignLead(%q) != nil is %v, want %v", tt.expr, got, tt.lead)
		}
	}
	set := builtin(t)
	texts := []string{
		"The minister spoke on Monday. Nothing else happened here.",
		"Der Minister äußerte sich am Montag; die Straße bleibt gesperrt.",
		"The slogan read «Слава героям» and the crowd, in Russian, shouted Россия вперёд again.",
	}
	n := 0
	for _, gr := range set.gate.regexes {
		if gr.lead == nil || gr.lits != nil {
			continue
		}
		n++
		for _, text := range texts {
			if diff := cmp.Diff(gr.re.FindAllStringSubmatchIndex(text, -1), gr.FindAll(set.text(text))); diff != "" {
				t.Errorf("%s on %q (-regex +with its lead):\n%s", gr.re, text, diff)
			}
		}
	}
	if n == 0 {
		t.Error("no built-in regex has a foreign lead: the Cyrillic words of translation.cyrillic_en should")
	}
}
