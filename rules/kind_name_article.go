package rules

import (
	"fmt"
	"sourcescore/rules/internal/engine"
	"strings"
)

// nameArticleSpec: the grammatical article used with a publication's name
// must fit its gender ("das Wall Street Journal", not "der"), and names that
// take an article must have one after a preposition.
type nameArticleSpec struct {
	Header       `yaml:",inline"`
	Names        []nameGender     `yaml:"names"`        // publications with their grammatical gender
	Prepositions []string         `yaml:"prepositions"` // "von Wall Street Journal": an article is missing after these
	Penalty      `yaml:",inline"` // per_hit (default 0.25), max_penalty
}

type nameGender struct {
	Name         string `yaml:"name"`          // as written in articles
	Gender       string `yaml:"gender"`        // m, f or n
	NeedsArticle bool   `yaml:"needs_article"` // the name is always used with an article
	// NounGender is the gender of the same word as an ordinary noun ("Bild":
	// n, das Bild, a picture): an article that fits it ("ein Bild") is that
	// noun, not the publication with a wrong article.
	NounGender string `yaml:"noun_gender"`
}

// articlesFor lists the German articles each gender takes (any case).
var articlesFor = map[string]map[string]bool{
	"m": {"der": true, "den": true, "dem": true, "des": true, "ein": true, "einen": true, "einem": true, "eines": true},
	"f": {"die": true, "der": true, "eine": true, "einer": true},
	"n": {"das": true, "dem": true, "des": true, "ein": true, "einem": true, "eines": true},
}

var allArticles = map[string]bool{}

func init() {
	for _, set := range articlesFor {
		for a := range set {
			allArticles[a] = true
		}
	}
}

var nameArticleKind = kindSpec{
	summary: "reports an article (der/die/das …) that does not fit the gender of a publication's name, or a missing article after a preposition",
	params:  func() any { return new(nameArticleSpec) },
	compile: func(spec any, x node, ls *loadState, errs *ErrorList) checker {
		s := spec.(*nameArticleSpec)
		s.Penalty.setup(x, 0.25, errs)
		if len(s.Names) == 0 {
			*errs = append(*errs, x.errf("add names: - {name: Wall Street Journal, gender: n}", "rule %s can never fire: it lists no names", s.ID))
		}
		names := make([]string, len(s.Names))
		for i, n := range s.Names {
			names[i] = n.Name
			if _, ok := articlesFor[n.Gender]; !ok {
				*errs = append(*errs, x.get("names").index(i).get("gender").errf("m, f or n", "unknown gender %q", n.Gender))
			}
			if _, ok := articlesFor[n.NounGender]; n.NounGender != "" && !ok {
				*errs = append(*errs, x.get("names").index(i).get("noun_gender").errf("m, f or n", "unknown gender %q", n.NounGender))
			}
		}
		return &nameArticle{spec: s, names: ls.eng.Phrases(names), preps: wordSet(s.Prepositions)}
	},
}

type nameArticle struct {
	spec  *nameArticleSpec
	names *engine.PhraseSet
	preps map[string]bool
}

var _ checker = (*nameArticle)(nil)

func (c *nameArticle) apply(d *Doc) outcome {
	var hits []hit
	for _, m := range d.find(c.names) {
		if m.End < len(d.Body) && (d.Body[m.End] == '-' || strings.HasPrefix(d.Body[m.End:], "–")) && !strings.HasPrefix(d.Body[m.End:], "– ") {
			continue // part of a compound: "der Wall-Street-Journal-Bericht"
		}
		n := c.spec.Names[m.Pattern]
		before := wordBefore(d.Lower, m.Start)
		start := strings.LastIndex(d.Lower[:m.Start], before)
		switch {
		case allArticles[before] && !articlesFor[n.Gender][before] && !articlesFor[n.NounGender][before]:
			hits = append(hits, hit{start: start, end: m.End, detail: fmt.Sprintf("%q: %s takes %s", d.evidence(start, m.End), n.Name, genderArticle(n.Gender))})
		case n.NeedsArticle && c.preps[before] && !headsList(d.Lower, m.End):
			hits = append(hits, hit{start: start, end: m.End, detail: fmt.Sprintf("%q: article missing before %s", d.evidence(start, m.End), n.Name)})
		}
	}
	score, counted := c.spec.score(len(hits), d.A.Words)
	return outcome{score: score, note: "article errors with names: " + counted, hits: hits}
}

func genderArticle(g string) string {
	switch g {
	case "m":
		return "der (masculine)"
	case "f":
		return "die (feminine)"
	}
	return "das (neuter)"
}

// headsList reports whether the name ending at end is the first of a list
// ("von „Spiegel“, ZDF und BR", "mit Spiegel und Zeit"), where German drops
// the articles of all.
func headsList(lower string, end int) bool {
	rest := strings.TrimLeft(lower[end:], "“”\"»«'’ ")
	if strings.HasPrefix(rest, ",") {
		return true
	}
	for _, w := range []string{"und ", "sowie ", "oder "} {
		if strings.HasPrefix(rest, w) {
			return true
		}
	}
	return false
}
