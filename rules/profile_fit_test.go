package rules

import (
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// samplesFor makes samples whose first rate tells the classes apart and
// whose second is the same noise in both.
func samplesFor(group string, n int, flip bool) []ProfileSample {
	var out []ProfileSample
	for i := 0; i < n; i++ {
		pos := i%2 == 0
		high := pos != flip
		r0 := 5.0 + float64(i%5)
		if high {
			r0 += 10
		}
		out = append(out, ProfileSample{Rates: []float64{r0, float64(i % 3)}, Positive: pos, Group: group, Site: group + ".example"})
	}
	return out
}

// TestFitProfile: the fit weighs the rate that separates the classes, not
// the noise; its likelihood puts each class on its side of 0.5; the same
// samples give the same fit.
func TestFitProfile(t *testing.T) {
	s := samplesFor("a", 40, false)
	fit, err := FitProfile(s, 1)
	if err != nil {
		t.Fatal(err)
	}
	if fit.Weights[0] <= 0 || math.Abs(fit.Weights[1]) > fit.Weights[0]/5 {
		t.Errorf("weights %v: want the first clearly positive, the second near 0", fit.Weights)
	}
	if fit.Typical[0] != 12 {
		t.Errorf("typical %v, want the mean 12 for the first rate", fit.Typical)
	}
	for _, x := range s {
		if l := fit.Likelihood(x.Rates); (l > 0.5) != x.Positive {
			t.Errorf("%v: likelihood %.2f on the wrong side", x, l)
		}
	}
	again, _ := FitProfile(s, 1)
	if diff := cmp.Diff(fit, again); diff != "" {
		t.Errorf("two fits differ:\n%s", diff)
	}
	if _, err := FitProfile(nil, 1); err == nil {
		t.Error("fit of no samples: no error")
	}
	if _, err := FitProfile([]ProfileSample{{Rates: []float64{1}}, {Rates: []float64{1, 2}}}, 1); err == nil {
		t.Error("samples of different lengths: no error")
	}
}

// TestCrossValidateProfile: each group is scored by a fit without it and
// without its sites; a group whose rate means the opposite is scored
// wrong, as an unseen corpus would be.
func TestCrossValidateProfile(t *testing.T) {
	a, b, c, d := samplesFor("a", 20, false), samplesFor("b", 20, false), samplesFor("c", 20, true), samplesFor("d", 20, false)
	// One article of b is on c's site: it must stay out of c's training.
	b[0].Site = "c.example"
	all := append(append(append(append([]ProfileSample(nil), a...), b...), c...), d...)
	cv, err := CrossValidateProfile(all, 1)
	if err != nil {
		t.Fatal(err)
	}
	withoutC, err := FitProfile(append(append(append([]ProfileSample(nil), a...), b[1:]...), d...), 1)
	if err != nil {
		t.Fatal(err)
	}
	for i := range c {
		if want := withoutC.Likelihood(c[i].Rates); cv[40+i] != want {
			t.Fatalf("c[%d]: cross-validated %v, want %v (a fit on a, b and d without c's site)", i, cv[40+i], want)
		}
	}
	labels := func(s []ProfileSample) []bool {
		out := make([]bool, len(s))
		for i, x := range s {
			out[i] = x.Positive
		}
		return out
	}
	if auc := AUC(cv[:20], labels(a)); auc < 0.9 {
		t.Errorf("group a: AUC %.2f, want high", auc)
	}
	if auc := AUC(cv[40:60], labels(c)); auc > 0.1 {
		t.Errorf("group c, whose rate means the opposite: AUC %.2f, want low", auc)
	}
	if _, err := CrossValidateProfile(a, 1); err == nil || !strings.Contains(err.Error(), "two groups") {
		t.Errorf("one group: err %v", err)
	}
}

func TestAUC(t *testing.T) {
	if got := AUC([]float64{0.9, 0.8, 0.3, 0.1}, []bool{true, false, true, false}); got != 0.75 {
		t.Errorf("AUC = %v, want 0.75", got)
	}
	if got := AUC([]float64{0.5, 0.5}, []bool{true, false}); got != 0.5 {
		t.Errorf("tie: AUC = %v, want 0.5", got)
	}
	if got := AUC([]float64{0.5}, []bool{true}); !math.IsNaN(got) {
		t.Errorf("one class: AUC = %v, want NaN", got)
	}
}

// TestProfileRates: the built-in profile's rates for a German article, as
// the rule computes them; nothing for an English or a short one; an error
// for a rule that is no profile.
func TestProfileRates(t *testing.T) {
	set := builtin(t)
	names, err := set.ProfileFeatures("translation.profile")
	if err != nil {
		t.Fatal(err)
	}
	if names[0] != "subjunctive" || names[2] != "dass" || names[10] != "agency" || len(names) != 11 {
		t.Fatalf("features %v", names)
	}
	text := "Berlin (dpa) - " + strings.Repeat("Der Bürgermeister sagte, dass die Brücke gesperrt bleibt, und der Rat wurde informiert. ", 20)
	a := article(text, "de", "", "")
	rates, err := set.ProfileRates("translation.profile", a)
	if err != nil {
		t.Fatal(err)
	}
	// 263 words (the dateline's "Berlin", "dpa" and dash among them), 20 of each of "dass", "sagte",
	// "wurde", 40 commas, one agency tag; 263 / 20 words a sentence (the dateline opens the first); no
	// "man" and no particle.
	n := 263.0
	want := []float64{0, 1000 * 40 / n, 1000 * 20 / n, 1000 * 20 / n, 1000 * 20 / n, 0, 0, n / 20, 0, 0, 1000 / n}
	if diff := cmp.Diff(want, rates, cmp.Comparer(func(x, y float64) bool { return math.Abs(x-y) < 1e-9 })); diff != "" {
		t.Errorf("rates (-want +got):\n%s", diff)
	}
	if r, err := set.ProfileRates("translation.profile", article(text, "en", "", "")); r != nil || err != nil {
		t.Errorf("English article: %v, %v", r, err)
	}
	if r, err := set.ProfileRates("translation.profile", article("Die Brücke bleibt gesperrt.", "de", "", "")); r != nil || err != nil {
		t.Errorf("short article: %v, %v", r, err)
	}
	if _, err := set.ProfileRates("translation.likely_mt", a); err == nil {
		t.Error("a combined rule: no error")
	}
	if _, err := set.ProfileFeatures("no.such"); err == nil {
		t.Error("an unknown rule: no error")
	}
}
