package rules

import (
	"strings"
	"testing"

	"sourcescore"
)

// TestForeignLines: a line in the other language (an embedded post) is
// left out of the translation family, and the combined judgement says so;
// English fragments inside German sentences still count, and the other
// families still read the line.
func TestForeignLines(t *testing.T) {
	set := builtin(t)
	post := "Our ships will not sail this week because the storm is far too strong for the crews, and that is final."
	text := "Der Hafen bleibt geschlossen, teilte die Behörde am Montag mit.\n\n" + post +
		"\n— Hafenbehörde (@hafen) 3. März 2025\n\nDie Fähren nach Dänemark fahren nicht, hieß es."
	res := set.Apply(article(text, "de", "2025-03-04", ""))
	for _, f := range res.Findings {
		if f.Family == sourcescore.FamilyTranslation && f.Severity != sourcescore.SeverityInfo {
			t.Errorf("translation finding on the embedded English post: %s %q", f.RuleID, f.Evidence)
		}
	}
	if note := ruleScore(t, res, "translation.likely_mt").Note; !strings.Contains(note, "line 3 in the other language left out") {
		t.Errorf("likely_mt note %q does not name the line left out", note)
	}

	// Fragments inside a German sentence are no line of English.
	res = set.Apply(article("Der Minister hat according to the Bericht Kontakt mit der Reederei, und das Treffen will be geheim bleiben.", "de", "", ""))
	if got := findingsOf(res, "translation.english_fragments", sourcescore.SeverityWarning); len(got) != 2 {
		t.Errorf("english_fragments inside German sentences: %q, want two", got)
	}

	doc := func(lang string) *Doc {
		a := article(text, lang, "", "")
		return newDoc(a, nil, sourcescore.LowerSameLength(a.Body), set.eng)
	}
	body, low, at := foreignLines(doc("de"))
	if len(at) != 1 || len(body) != len(text) || len(low) != len(text) || strings.Contains(body, "storm") || !strings.Contains(body, "Fähren") {
		t.Errorf("foreignLines: %d lines, body %q", len(at), body)
	}
	if _, _, at := foreignLines(doc("fr")); at != nil {
		t.Errorf("foreignLines on a French article: %v, want none", at)
	}
}

// TestTranslationDoc_Tags: HTML tags left in an article's text (a page
// copied with its markup) are blanked for the translation family: their
// words are no English left untranslated and the text on both sides of
// them no glued words; text that only looks like a tag stays.
func TestTranslationDoc_Tags(t *testing.T) {
	set := builtin(t)
	text := "Der Hafen bleibt geschlossen, teilte die Behörde mit<span class=\"copyright\">Foto: Anna Berg/Hafenbild</span>\n\n" +
		"Die Fähren nach Dänemark fahren nicht, hieß es am Montag. Die Reederei rechnet mit zwei Tagen Ausfall."
	res := set.Apply(article(text, "de", "2025-03-04", ""))
	for _, f := range res.Findings {
		if f.Family == sourcescore.FamilyTranslation && f.Severity != sourcescore.SeverityInfo {
			t.Errorf("translation finding on the markup: %s %q", f.RuleID, f.Evidence)
		}
	}
	for _, tc := range []struct {
		in, want string
		tags     bool
	}{
		{`mit<span class="copyright">Foto</span>.`, "mit" + strings.Repeat(" ", len(`<span class="copyright">`)) + "Foto" + strings.Repeat(" ", len("</span>")) + ".", true},
		{"a <br/> b <p> c", "a \n     b \n   c", true},
		{"Security.</p>.", "Security.\n   .", true},
		{"x < 3 and y > 2, <3 hearts", "x < 3 and y > 2, <3 hearts", false},
	} {
		body, low, tags := blankTags(tc.in, strings.ToLower(tc.in))
		if body != tc.want || low != strings.ToLower(tc.want) || tags != tc.tags {
			t.Errorf("blankTags(%q) = %q, %q, %v; want %q, %v", tc.in, body, low, tags, tc.want, tc.tags)
		}
	}
}

// TestFunctionWordsOf_Length: foreignLines looks up only words as long as
// the longest function word.
func TestFunctionWordsOf_Length(t *testing.T) {
	for lang, words := range functionWordsOf {
		for w := range words {
			if len(w) > maxFunctionWordBytes {
				t.Errorf("%s function word %q is longer than maxFunctionWordBytes (%d)", lang, w, maxFunctionWordBytes)
			}
		}
	}
}

// TestLinesWithWord: a line holds a marker between spaces or begins with
// it; the word inside another word, or at a line's end without its space,
// is none.
func TestLinesWithWord(t *testing.T) {
	set := builtin(t)
	text := "the start\nbathe in the sea\nnothing here\nin the\n\nother lines, the end\nbreathe "
	a := article(text, "de", "", "")
	d := newDoc(a, nil, sourcescore.LowerSameLength(a.Body), set.eng)
	defer d.release()
	got := linesWithWord(d, []string{" the "})
	want := []bool{true, true, false, false, false, true, false}
	if len(got) != len(want) {
		t.Fatalf("%d lines, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("line %d (%q): %v, want %v", i+1, strings.Split(text, "\n")[i], got[i], want[i])
		}
	}
}
