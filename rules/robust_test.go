package rules

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestApply_LineBreaksAnywhere: web pages break lines anywhere, inside a
// date ("am 5.\nSeptember"), a name or a quotation, while sentences never
// run across a line break. Every built-in rule example, with each of its
// spaces in turn made a line break (and a blank line), in German and in
// English, with a publication date and the story, is scored without a
// panic and with every finding inside the text. Such a break inside a
// date crashed the date rules on a real article.
func TestApply_LineBreaksAnywhere(t *testing.T) {
	set := builtin(t)
	var texts []string
	for _, r := range set.Rules {
		for _, e := range append(append([]Example(nil), r.Examples.Fires...), r.Examples.Passes...) {
			texts = append(texts, e.Text)
		}
	}
	runs := 0
	for _, text := range texts {
		for i := 0; i < len(text); i++ {
			if text[i] != ' ' {
				continue
			}
			for _, brk := range []string{"\n", "\n\n"} {
				variant := text[:i] + brk + text[i+1:]
				for _, lang := range []string{"de", "en"} {
					runs++
					if err := applySafely(set, variant, lang); err != nil {
						t.Fatalf("%v\n%q (%s)", err, variant, lang)
					}
				}
			}
		}
	}
	if runs < 10000 {
		t.Fatalf("only %d variants: the examples are not read", runs)
	}
}

// applySafely scores text and turns a panic, or a finding outside the
// text, into an error.
func applySafely(set *Set, text, lang string) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic: %v", p)
		}
	}()
	res := set.Apply(article(text, lang, "2024-10-25", story))
	for _, f := range res.Findings {
		if f.Offset >= 0 && (f.Offset > len(text) || f.Pos.Line < 1 || f.Pos.Column < 1 || f.Pos.Line > strings.Count(text, "\n")+1) {
			return fmt.Errorf("finding %+v outside the text", f)
		}
	}
	return nil
}

// TestApply_CutAnywhere: an excerpt or a page may stop anywhere, inside a
// word, a date or a quotation ("the investigation into the su"). Every
// built-in rule example cut at every third byte that starts a character,
// in German and in English, is scored without a panic and with every
// finding inside the text.
func TestApply_CutAnywhere(t *testing.T) {
	set := builtin(t)
	runs := 0
	for _, r := range set.Rules {
		for _, e := range append(append([]Example(nil), r.Examples.Fires...), r.Examples.Passes...) {
			for i := 1; i < len(e.Text); i += 3 {
				if !utf8.RuneStart(e.Text[i]) {
					continue
				}
				for _, lang := range []string{"de", "en"} {
					runs++
					if err := applySafely(set, e.Text[:i], lang); err != nil {
						t.Fatalf("%v\n%q (%s)", err, e.Text[:i], lang)
					}
				}
			}
		}
	}
	if runs < 10000 {
		t.Fatalf("only %d variants: the examples are not read", runs)
	}
}
