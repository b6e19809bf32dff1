package rules

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// YAML returns the draft as a commented story file: every value with how
// often the articles gave it, and "check:" where the analyst must decide.
// The file loads as it is (sourcescore rules check --stories).
func (d *Draft) YAML() []byte {
	var b strings.Builder
	line := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	of := func(n int) string { return fmt.Sprintf("in %d of %d articles", n, d.Articles) }

	line("# A story file drafted by `sourcescore story init` from %d articles%s.", d.Articles, fromSource(d.source))
	line("# Every value is a guess from what recurs in the articles: read the lines")
	line("# marked \"check:\", correct them, then test the file against the articles:")
	line("#   sourcescore rules check --stories DIR --input ARTICLES")
	line("story:")
	line("  id: %s  # the manifest's story column names it", yamlScalar(d.ID))
	line("  title: %s  # check: one line saying what the story is", yamlScalar(d.title))

	line("  # An article is about the story when every group has a phrase in it")
	line("  # (unless the manifest names the story); both groups: %s.", of(d.both))
	line("  match:")
	line("    all:")
	for _, g := range d.match {
		line("      - %s  # %s", yamlFlow(g.aliases), of(g.docs))
	}

	if d.primary != nil {
		line("  # check: the outlet that broke the story? Cited as the source %s.", of(d.cited))
		line("  primary_source:")
		line("    name: %s", yamlScalar(d.primary.name))
		line("    aliases: %s", yamlFlow(d.primary.aliases))
	} else {
		line("  # No publication is cited as the source (\"laut X\", \"X reported\"): add")
		line("  # primary_source: {name: ..., aliases: [...]} if the story has one.")
	}

	switch {
	case d.accusedN > 0:
		line("  # check: accused side? Named in the denial sentences %s.", of(d.accusedN))
		for _, sp := range d.speakers {
			line("  # check: %s, named in them %s too, taken for its speaker.", sp.g.name, of(sp.docs))
		}
	case len(d.denials) > 0:
		line("  # check: accused side? A guess: no name recurs in the denial sentences.")
	default:
		line("  # check: accused side? A guess: the rules found no denial sentence.")
	}
	line("  accused:")
	line("    name: %s", yamlScalar(d.accused.name))
	line("    aliases: %s", yamlFlow(d.accused.aliases))

	if len(d.others) > 0 {
		line("  # Other people and bodies named, whose denials are not the accused side's.")
		line("  other_parties:")
		for _, g := range d.others {
			for i, a := range g.aliases {
				if i == 0 {
					line("    - %s  # %s", yamlScalar(a), of(g.docs))
				} else {
					line("    - %s", yamlScalar(a))
				}
			}
		}
	}

	if len(d.denials) > 0 {
		line("  # The sentences with the rules' denial wording (check: the accused side")
		line("  # denying the report?):")
		for _, s := range d.denials[:min(len(d.denials), 8)] {
			line("  #   %s", sentenceComment(s))
		}
		if len(d.denials) > 8 {
			line("  #   and %d more", len(d.denials)-8)
		}
	}
	line("  # The denial rule knows the general wording of denial; add the story's")
	line("  # own words only: denial: {cues: {phrases: [...]}, about: [...]}")

	line("  # Dated events: the dates the articles give, with where. check: what")
	line("  # happened on each date? An event's cues are the words next to the date")
	line("  # that tie a date in an article to it: keep those that name the event.")
	line("  # A report or denial fact is dated by the rules' wording for reports and")
	line("  # denials too, so it needs only the story's own cues.")
	line("  facts:")
	for _, f := range d.facts {
		line("    # %s, e.g.", of(len(f.docs)))
		for _, s := range f.sentences[:min(len(f.sentences), 2)] {
			line("    #   %s", sentenceComment(s))
		}
		day := f.date.Format("2006-01-02")
		line("    - id: %s", f.typ+"_"+strings.ReplaceAll(day, "-", "_"))
		switch f.typ {
		case FactReport:
			line("      type: report  # check: most of these sentences name the report or its source")
		case FactDenial:
			line("      type: denial  # check: most of these sentences hold denial wording")
		}
		line("      date: %s", day)
		line("      description: %s  # check: what happened", yamlScalar(d.describe(f)))
		if f.scheduled {
			line("      scheduled: true  # check: after every article's publication date, so a planned event?")
		}
		if len(f.cues) > 0 {
			line("      cues: %s", yamlFlow(f.cues))
		}
		if len(f.more) > 0 {
			line("      # also next to the date, in one article each: %s", strings.Join(f.more, ", "))
		}
	}
	for _, f := range d.leftOut {
		line("    # Left out: %s, given only by %s, %s from %s (%s):",
			f.date.Format("2006-01-02"), f.sentences[0].file, days(f.date.Sub(f.near.date)), f.near.date.Format("2006-01-02"), of(len(f.near.docs)))
		line("    #   %s", sentenceComment(f.sentences[0]))
		line("    # check: a wrong date for the same event? (as a fact of its own it would never be found wrong)")
	}
	return []byte(b.String())
}

// describe is a fact's description: whose report or denial, or the date.
func (d *Draft) describe(f draftFact) string {
	switch {
	case f.typ == FactReport && d.primary != nil:
		return d.primary.name + "'s report"
	case f.typ == FactDenial:
		return d.accused.name + "'s denial"
	}
	return "the event of " + f.date.Format("2 January 2006")
}

func fromSource(s string) string {
	if s == "" {
		return ""
	}
	return " of " + s
}

func days(d interface{ Hours() float64 }) string {
	n := int(d.Hours() / 24)
	if n < 0 {
		n = -n
	}
	if n == 1 {
		return "1 day"
	}
	return fmt.Sprintf("%d days", n)
}

// sentenceComment is a sentence for a comment: file:line:column: "text",
// clipped.
func sentenceComment(s draftSentence) string {
	text := s.text
	if utf8.RuneCountInString(text) > 110 {
		r := []rune(text)
		text = strings.TrimSpace(string(r[:109])) + "…"
	}
	return fmt.Sprintf("%s:%d:%d: %s", s.file, s.pos.Line, s.pos.Column, strconv.Quote(text))
}

// yamlFlow writes a list as a YAML flow sequence.
func yamlFlow(list []string) string {
	parts := make([]string, len(list))
	for i, s := range list {
		parts[i] = yamlScalar(s)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// yamlScalar writes s plain when YAML reads it back as the same string
// (letters, digits, spaces, hyphens, apostrophes and full stops, starting
// with a letter, and not a word YAML reads as a boolean or null), else
// double-quoted.
func yamlScalar(s string) string {
	plain := s != "" && strings.TrimSpace(s) == s
	for i, r := range s {
		switch {
		case i == 0 && !unicode.IsLetter(r):
			plain = false
		case unicode.IsLetter(r), unicode.IsDigit(r), r == ' ', r == '-', r == '.', r == '\'', r == '’', r == '_':
		default:
			plain = false
		}
	}
	switch strings.ToLower(s) {
	case "y", "n", "yes", "no", "on", "off", "true", "false", "null":
		plain = false
	}
	if plain {
		return s
	}
	return strconv.Quote(s)
}
