package main

import (
	"context"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"sourcescore/ingest"
	"sourcescore/job"
	"sourcescore/rules"
)

// fitL2 is the penalty of the fit: mild, so that a feature of a few
// articles cannot take a large weight.
const fitL2 = 1.0

// fit prepares each corpus of dirs as run does, reads the rates of the
// profile rule id for its articles in language lang, and prints the
// cross-validated figures (each corpus scored by a fit without it and
// its sites) and the fit on all of them, as lines for the rule file.
// partial goes on without the texts that are missing, listing them and
// saying so above the figures.
func fit(dirs []string, rulesDir, id, lang string, threshold float64, partial bool, out io.Writer) error {
	set, err := job.LoadRules(job.RuleSource{Dir: rulesDir})
	if err != nil {
		return fmt.Errorf("rules not loaded:\n%w", err)
	}
	names, err := set.ProfileFeatures(id)
	if err != nil {
		return err
	}
	var samples []rules.ProfileSample
	var files []string
	left := 0 // articles left out for want of their text
	for _, dir := range dirs {
		var prep strings.Builder
		if err := run(dir, rulesDir, partial, &prep); err != nil {
			return fmt.Errorf("%s: %w\n%s", dir, err, prep.String())
		}
		srcs, err := readSources(dir)
		if err != nil {
			return err
		}
		byFile := map[string]source{}
		for _, s := range srcs {
			byFile[s.file] = s
		}
		texts := filepath.Join(dir, "texts")
		for _, s := range srcs {
			if _, err := os.Stat(filepath.Join(texts, filepath.FromSlash(s.file))); err != nil && s.lang == lang {
				left++
				fmt.Fprintf(out, "left out (-partial), text missing: %s/%s\n", filepath.Base(dir), s.file)
			}
		}
		checked, err := job.Check(context.Background(), []string{texts}, set, ingest.Limits{}, 2)
		if err != nil {
			return fmt.Errorf("%s: %w", dir, err)
		}
		for _, sc := range checked.Scores {
			rel := strings.TrimPrefix(sc.Article.File, filepath.ToSlash(texts)+"/")
			s, ok := byFile[rel]
			if !ok || s.lang != lang {
				continue
			}
			a := *sc.Article
			a.Meta.Language = s.lang // the label's, not the detector's
			rates, err := set.ProfileRates(id, &a)
			if err != nil {
				return err
			}
			if rates == nil {
				continue // too short for the profile
			}
			samples = append(samples, rules.ProfileSample{Rates: rates, Positive: s.mt, Group: filepath.Base(dir), Site: site(s.url)})
			files = append(files, filepath.Base(dir)+"/"+rel)
		}
	}
	pos := 0
	labels := make([]bool, len(samples))
	for i, s := range samples {
		labels[i] = s.Positive
		if s.Positive {
			pos++
		}
	}
	fmt.Fprintf(out, "%s on %d articles in %s from %d corpora (%d machine-translated)\n", id, len(samples), lang, len(dirs), pos)
	if left > 0 {
		fmt.Fprintf(out, "%d articles in %s left out: their texts are missing (-partial); these are not the figures of the whole corpora\n", left, lang)
	}
	cv, err := rules.CrossValidateProfile(samples, fitL2)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "\nEach corpus scored by a fit without it and without its sites:\n  AUC %.3f (the share of machine-translated and human pairs ranked right)\n", rules.AUC(cv, labels))
	tp, fp := 0, 0
	var alarms []string
	for i, l := range cv {
		if l < threshold {
			continue
		}
		if samples[i].Positive {
			tp++
		} else {
			fp++
			alarms = append(alarms, files[i])
		}
	}
	fmt.Fprintf(out, "  at likelihood %.2f or more: %d of %d machine translations, %d of %d human articles %v\n", threshold, tp, pos, fp, len(samples)-pos, alarms)
	all, err := rules.FitProfile(samples, fitL2)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "\nFitted on all of them (typical value and weight per feature, for the rule file):\n    bias: %.2f\n", all.Bias)
	for i, n := range names {
		fmt.Fprintf(out, "      - {name: %s, typical: %.1f, weight: %.3f}\n", n, all.Typical[i], all.Weights[i])
	}
	return nil
}

// site is the host of an address without "www.", or the address when it
// has none.
func site(addr string) string {
	u, err := url.Parse(addr)
	if err != nil || u.Host == "" {
		return addr
	}
	return strings.TrimPrefix(u.Host, "www.")
}
