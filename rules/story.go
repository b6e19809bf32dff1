package rules

import (
	"sort"
	"strings"
	"time"
)

// Story is a compiled story file: how articles about it are recognised and
// what is known about it.
type Story struct {
	ID          string
	Title       string
	Primary     string // primary source's name
	AccusedName string // the accused side's name
	Facts       []Fact // sorted by date
	match       []*phraseSet
	primary     *phraseSet // primary source aliases
	accused     *phraseSet // accused side's actors
	others      *phraseSet // other parties
	denialCues  *matcher
	denialAbout *phraseSet
}

// Fact is a dated event of a story.
type Fact struct {
	ID          string
	Date        time.Time
	Description string
	Scheduled   bool // a scheduled event, not a development of the story
	cues        *phraseSet
}

// LastEvent returns the date of the story's latest development (its latest
// fact that is not a scheduled event), or zero.
func (s *Story) LastEvent() time.Time {
	for i := len(s.Facts) - 1; i >= 0; i-- {
		if !s.Facts[i].Scheduled {
			return s.Facts[i].Date
		}
	}
	return time.Time{}
}

func (ls *loadState) loadStory(x node, errs *ErrorList) *Story {
	var sp storySpec
	before := len(*errs)
	if !x.decode(&sp, errs) {
		return nil
	}
	s := &Story{ID: sp.ID, Title: sp.Title, Primary: sp.PrimarySource.Name, AccusedName: sp.Accused.Name}
	if strings.TrimSpace(sp.ID) == "" {
		*errs = append(*errs, x.get("id").errf("add id: a-short-slug (the manifest's story column names it)", "story has no id"))
	}
	mx := x.get("match")
	if len(sp.Match.All) == 0 {
		*errs = append(*errs, mx.errf("add match: {all: [[name, alias], [other name]]}", "story %q has no match rules, so no article can be recognised as being about it", sp.ID))
	}
	for i, g := range sp.Match.All {
		if len(g) == 0 {
			*errs = append(*errs, mx.get("all").index(i).errf("list at least one phrase", "empty match group"))
			continue
		}
		s.match = append(s.match, ls.newPhraseSet(g))
	}
	if len(sp.Facts) == 0 {
		*errs = append(*errs, x.get("facts").errf("add facts: - {id: report, date: 2024-10-24, cues: [report]}", "story %q has no facts", sp.ID))
	}
	fx := x.get("facts")
	for i, f := range sp.Facts {
		d, err := time.Parse("2006-01-02", f.Date)
		if err != nil {
			*errs = append(*errs, fx.index(i).get("date").errf("write the date as YYYY-MM-DD", "fact date %q is not a date", f.Date))
			continue
		}
		if len(f.Cues) == 0 {
			*errs = append(*errs, fx.index(i).get("cues").errf("list the words that tie a date to this fact", "fact %q has no cues", f.ID))
			continue
		}
		s.Facts = append(s.Facts, Fact{ID: f.ID, Date: d, Description: f.Description, Scheduled: f.Scheduled, cues: ls.newPhraseSet(f.Cues)})
	}
	sortFacts(s.Facts)
	s.primary = ls.newPhraseSet(append(sp.PrimarySource.Aliases, nonEmpty(sp.PrimarySource.Name)...))
	s.accused = ls.newPhraseSet(append(sp.Accused.Aliases, nonEmpty(sp.Accused.Name)...))
	s.others = ls.newPhraseSet(sp.OtherParties)
	s.denialCues = ls.compileTerms(sp.Denial.Cues, x.get("denial").get("cues"), errs)
	s.denialAbout = ls.newPhraseSet(sp.Denial.About)
	if len(*errs) > before {
		return nil
	}
	return s
}

func nonEmpty(s string) []string {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	return []string{s}
}

func sortFacts(f []Fact) {
	sort.SliceStable(f, func(i, j int) bool { return f[i].Date.Before(f[j].Date) })
}

// matches reports whether the article is about the story: every match
// group has a phrase in it.
func (s *Story) matches(d *Doc) bool {
	if len(s.match) == 0 {
		return false
	}
	for _, g := range s.match {
		if len(d.find(g)) == 0 {
			return false
		}
	}
	return true
}
