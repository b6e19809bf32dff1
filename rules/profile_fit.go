package rules

import (
	"fmt"
	"math"
	"sort"

	"sourcescore"
)

// This file fits a profile rule's typical values, weights and bias to a
// labelled corpus (`go run ./cmd/realcorpus -fit RULE`), so that the
// numbers in a rule file can be made again and checked: logistic
// regression with an L2 penalty on the standardised rates, by gradient
// descent from zero (deterministic), and its cross-validation by group.

// ProfileFeatures returns the names of the features of the profile rule
// id, in the rule file's order.
func (s *Set) ProfileFeatures(id string) ([]string, error) {
	_, p, err := s.profileRule(id)
	if err != nil {
		return nil, err
	}
	names := make([]string, len(p.spec.Features))
	for i, f := range p.spec.Features {
		names[i] = f.Name
	}
	return names, nil
}

// ProfileRates returns the rates of the features of the profile rule id
// for the article, as the rule computes them (on the text the rule's
// family reads). It returns nil when the rule does not judge the article:
// another language, or fewer words than min_words.
func (s *Set) ProfileRates(id string, a *sourcescore.Article) ([]float64, error) {
	r, p, err := s.profileRule(id)
	if err != nil {
		return nil, err
	}
	if !r.appliesTo(a.Meta.Language) || a.Words < p.spec.MinWords {
		return nil, nil
	}
	d, _ := s.prepare(a)
	defer d.release()
	dr := d
	if r.family == sourcescore.FamilyTranslation {
		if dt, _ := s.translationDoc(a, d); dt != d {
			defer dt.release()
			dr = dt
		}
	}
	rates := make([]float64, len(p.spec.Features))
	for i := range p.spec.Features {
		rates[i] = p.rate(dr, i, a.Words)
	}
	return rates, nil
}

func (s *Set) profileRule(id string) (*Rule, *profile, error) {
	for _, r := range s.Rules {
		if r.ID == id {
			p, ok := r.check.(*profile)
			if !ok {
				return nil, nil, fmt.Errorf("rule %s is not of kind profile", id)
			}
			return r, p, nil
		}
	}
	return nil, nil, fmt.Errorf("no rule %s in the rule set", id)
}

// ProfileSample is one labelled article for fitting a profile.
type ProfileSample struct {
	Rates    []float64 // the profile's rates, in its features' order
	Positive bool      // what the profile should find (machine-translated)
	Group    string    // the corpus the article belongs to: cross-validation leaves one group out at a time
	Site     string    // the article's site: the articles of a test group's sites are left out of its training
}

// ProfileFit is what fitting found: per feature the typical value (the
// training articles' mean) and the weight per unit of rate, and the bias;
// the likelihood of an article is the logistic function of
// Bias + Σ Weights[i] × (rate[i] − Typical[i]), as the profile kind
// computes it.
type ProfileFit struct {
	Typical []float64
	Weights []float64
	Bias    float64
}

// Likelihood is the fit's likelihood for the rates.
func (f ProfileFit) Likelihood(rates []float64) float64 {
	z := f.Bias
	for i, v := range rates {
		z += f.Weights[i] * (v - f.Typical[i])
	}
	return 1 / (1 + math.Exp(-z))
}

// fitIterations and fitStep: gradient descent on the standardised rates
// converges well within this for a few features and some hundred
// articles; a fixed count keeps the result the same on every machine.
const (
	fitIterations = 2000
	fitStep       = 0.1
)

// FitProfile fits a profile to the samples by logistic regression with
// the L2 penalty l2 on the standardised weights (1 is a mild one).
func FitProfile(samples []ProfileSample, l2 float64) (ProfileFit, error) {
	if len(samples) == 0 {
		return ProfileFit{}, fmt.Errorf("no samples to fit")
	}
	n := len(samples[0].Rates)
	mean, sd := make([]float64, n), make([]float64, n)
	for _, s := range samples {
		if len(s.Rates) != n {
			return ProfileFit{}, fmt.Errorf("samples with %d and %d rates", n, len(s.Rates))
		}
		for i, v := range s.Rates {
			mean[i] += v
		}
	}
	for i := range mean {
		mean[i] /= float64(len(samples))
	}
	for _, s := range samples {
		for i, v := range s.Rates {
			sd[i] += (v - mean[i]) * (v - mean[i])
		}
	}
	for i := range sd {
		if sd[i] = math.Sqrt(sd[i] / float64(len(samples))); sd[i] == 0 {
			sd[i] = 1 // a feature constant in the corpus: its weight stays 0
		}
	}
	x := make([][]float64, len(samples))
	for j, s := range samples {
		x[j] = make([]float64, n)
		for i, v := range s.Rates {
			x[j][i] = (v - mean[i]) / sd[i]
		}
	}
	w, b := make([]float64, n), 0.0
	grad := make([]float64, n)
	m := float64(len(samples))
	for it := 0; it < fitIterations; it++ {
		clear(grad)
		gb := 0.0
		for j, xj := range x {
			z := b
			for i, v := range xj {
				z += w[i] * v
			}
			e := 1/(1+math.Exp(-z)) - boolTo01(samples[j].Positive)
			gb += e
			for i, v := range xj {
				grad[i] += e * v
			}
		}
		for i := range w {
			w[i] -= fitStep * (grad[i]/m + l2*w[i]/m)
		}
		b -= fitStep * gb / m
	}
	fit := ProfileFit{Typical: mean, Weights: make([]float64, n), Bias: b}
	for i := range w {
		fit.Weights[i] = w[i] / sd[i]
	}
	return fit, nil
}

func boolTo01(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// CrossValidateProfile gives each sample the likelihood of a profile
// fitted without its group and without the sites of its group: what the
// profile says of articles from a corpus, and outlets, it has not seen.
func CrossValidateProfile(samples []ProfileSample, l2 float64) ([]float64, error) {
	out := make([]float64, len(samples))
	groups := map[string][]int{}
	var names []string
	for j, s := range samples {
		if _, ok := groups[s.Group]; !ok {
			names = append(names, s.Group)
		}
		groups[s.Group] = append(groups[s.Group], j)
	}
	sort.Strings(names)
	if len(names) < 2 {
		return nil, fmt.Errorf("cross-validation needs two groups or more, not %d", len(names))
	}
	for _, g := range names {
		sites := map[string]bool{}
		for _, j := range groups[g] {
			sites[samples[j].Site] = true
		}
		var train []ProfileSample
		for _, s := range samples {
			if s.Group != g && !sites[s.Site] {
				train = append(train, s)
			}
		}
		fit, err := FitProfile(train, l2)
		if err != nil {
			return nil, fmt.Errorf("without %s: %w", g, err)
		}
		for _, j := range groups[g] {
			out[j] = fit.Likelihood(samples[j].Rates)
		}
	}
	return out, nil
}

// AUC is the share of (positive, negative) pairs whose scores rank the
// positive higher (ties count half): 1 separates them perfectly, 0.5 is
// chance. NaN when either class is empty.
func AUC(scores []float64, positive []bool) float64 {
	var pos, neg []float64
	for i, s := range scores {
		if positive[i] {
			pos = append(pos, s)
		} else {
			neg = append(neg, s)
		}
	}
	if len(pos) == 0 || len(neg) == 0 {
		return math.NaN()
	}
	var wins float64
	for _, p := range pos {
		for _, n := range neg {
			switch {
			case p > n:
				wins++
			case p == n:
				wins += 0.5
			}
		}
	}
	return wins / float64(len(pos)*len(neg))
}
