package rules

import (
	"strings"
	"testing"

	"sourcescore/rules/internal/engine"
)

// TestContractedNot: the "t" of an English "n't" is read as a negation,
// with a straight or a curly apostrophe, and nothing else is.
func TestContractedNot(t *testing.T) {
	for _, tc := range []struct {
		text string // lower-cased; the word tested is its last "t"
		want bool
	}{
		{"the kremlin didn't", true},
		{"peskov won’t", true},
		{"they can't", true},
		{"it isn't", true},
		{"the minister's t", false}, // an apostrophe, but no "n" before it
		{"a t", false},              // a word "t" of its own
		{"the report wasn t", false},
		{"'t", false}, // nothing before the apostrophe
	} {
		off := strings.LastIndex(tc.text, "t")
		if got := contractedNot(tc.text, off, "t"); got != tc.want {
			t.Errorf("contractedNot(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
	if contractedNot("didn't", 3, "n") {
		t.Error(`contractedNot reads a word other than "t"`)
	}
}

// TestNamesCharge: a charge in general stands among the three words after
// the qualifier, after articles and adjectives only.
func TestNamesCharge(t *testing.T) {
	dn := &denial{charges: []string{"espionage", "interference", "spionage", "einmischung", "spy", "killings", "tötungen"}}
	for _, tc := range []struct {
		text string // lower-cased, from the word after the about word
		want bool
	}{
		{" of espionage, the embassy said", true},
		{" of chinese interference in parliament", true},
		{" of the alleged espionage", true},
		{" über spionageaktivitäten", true}, // a German compound of a charge of five letters or more
		{" über russische einmischung", true},
		{" of spy", true},
		{" of systematic killings", true}, // an adjective by its ending
		{" über gezielte tötungen", true},
		{" of spyware sales", false}, // a short charge counts only as a whole word
		{" of corruption in the army", false},
		{" about his health and espionage", false}, // a noun of its own before the charge
		{" of", false},
	} {
		if got := dn.namesCharge(tc.text); got != tc.want {
			t.Errorf("namesCharge(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
	if (&denial{}).namesCharge(" of espionage") {
		t.Error("a rule without about_charges named a charge")
	}
}

// TestDenial_CuePastSentenceEnd: a cue may run past the end of the
// sentence it starts in ("… am Mittwoch, 163. März, „Unsinn“", where the
// sentences split after "163."); looking for a tag of saying after it must
// not slice past that end (it panicked on 21 of the 1,000 bench articles).
func TestDenial_CuePastSentenceEnd(t *testing.T) {
	set := withStory(t, "hungary-tolls-2025", stateStory)
	text := stateLead + "Eine Sprecherin nannte die Vorwürfe am Mittwoch, 163. März, „Unsinn“. Das Amt prüft den Fall."
	res := set.Apply(article(text, "de", "2025-03-06", "hungary-tolls-2025"))
	if rs := ruleScore(t, res, "denial.missing"); !rs.Applied {
		t.Errorf("denial.missing not applied: %s", rs.Note)
	}
}

// TestRefusedBefore: an English relative clause whose noun before "that"
// or "which" is one of refused_objects refuses that noun, not a claim; a
// claim there, a comma between or a noun too far back does not count.
func TestRefusedBefore(t *testing.T) {
	dn := &denial{refused: map[string]bool{"offer": true, "request": true}}
	for _, tc := range []struct {
		text string // the sentence; the cue is its last word "rejected"
		want bool
	}{
		{"a deal, an offer that has already been rejected", true},
		{"the request which the ministry rejected", true},
		{"the claim that the ministry rejected", false},
		{"an offer, and the ministry rejected", false},
		{"an offer that the new government in the capital then rejected", false}, // "that" six words back
		{"rejected", false},
	} {
		d := &Doc{Body: tc.text, Lower: tc.text, Lang: "en"}
		at := strings.LastIndex(tc.text, "rejected")
		c := engine.Match{Start: at, End: at + len("rejected")}
		if got := dn.refusedBefore(d, c, span{0, len(tc.text)}); got != tc.want {
			t.Errorf("refusedBefore(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
}
