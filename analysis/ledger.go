package analysis

import (
	"math"
	"sort"

	"sourcescore"
)

// RoundedLedger is the ledger in tenths of a point, as the tables show it.
type RoundedLedger struct {
	FamPoints, FamLost   []int // per family, in Explanation.Families order
	RulePoints, RuleLost []int // per rule, in Explanation.Rules order
	CapLost              int   // the points the grade caps took
}

// RoundLedger rounds the earned and lost points of families and rules to
// tenths so that the tables add up exactly as the unrounded values do: the
// families' earned points to the uncapped score as shown, their lost points
// to 100 minus that, and each family's rules to the family's row; the
// grade caps took the uncapped score as shown minus the score as shown. Earned and lost
// points each stay within a tenth and a half of their exact value (a rule
// that lost nothing shows 0.0 lost); a row's points are its earned plus its
// lost.
func RoundLedger(x Explanation) RoundedLedger {
	r := RoundedLedger{
		FamPoints: make([]int, len(x.Families)), FamLost: make([]int, len(x.Families)),
		RulePoints: make([]int, len(x.Rules)), RuleLost: make([]int, len(x.Rules)),
	}
	if !x.Scored {
		return r
	}
	earned := make([]float64, len(x.Families))
	lost := make([]float64, len(x.Families))
	var total float64
	for i, f := range x.Families {
		earned[i], lost[i] = f.Earned, f.Lost
		total += f.Share
	}
	// The scores in tenths exactly as one shows them.
	shownT := func(v float64) int {
		shown := sourcescore.RoundDecimal(v, 1)
		return int(math.Round(shown * 10))
	}
	scoreT := shownT(x.Score)
	if x.CapLost > 0 {
		r.CapLost = shownT(x.Uncapped) - scoreT
		scoreT += r.CapLost
	}
	r.FamPoints, r.FamLost = apportionLedger(earned, lost, scoreT, int(math.Round(total*10))-scoreT)
	for fi, f := range x.Families {
		var idx []int
		var earned, lost []float64
		for i, rule := range x.Rules {
			if rule.Family == f.Family {
				idx = append(idx, i)
				earned = append(earned, rule.Earned)
				lost = append(lost, rule.Lost)
			}
		}
		p, l := apportionLedger(earned, lost, r.FamPoints[fi]-r.FamLost[fi], r.FamLost[fi])
		for k, i := range idx {
			r.RulePoints[i], r.RuleLost[i] = p[k], l[k]
		}
	}
	return r
}

// apportionLedger rounds rows of earned and lost points to tenths that add
// up to earnedT and lostT, and returns each row's points (earned + lost)
// and lost points.
func apportionLedger(earned, lost []float64, earnedT, lostT int) (points, lostOut []int) {
	e := Apportion(earned, earnedT)
	l := Apportion(lost, lostT)
	points = make([]int, len(e))
	for i := range e {
		points[i] = e[i] + l[i]
	}
	return points, l
}

// Apportion rounds values to tenths so that they add up to total tenths:
// each is rounded to the nearest tenth, then the tenths still missing go to
// the values rounded down most and surplus ones come off the values rounded
// up most (largest remainder). A value that is a whole number of tenths
// changes only when nothing else can take the difference.
func Apportion(values []float64, total int) []int {
	n := len(values)
	out := make([]int, n)
	order := make([]int, n)
	sum := 0
	for i, v := range values {
		out[i] = int(math.Round(v * 10))
		sum += out[i]
		order[i] = i
	}
	rest := func(i int) float64 { return values[i]*10 - float64(out[i]) }
	sort.SliceStable(order, func(a, b int) bool { return rest(order[a]) > rest(order[b]) })
	for k := 0; sum < total && n > 0; k = (k + 1) % n {
		out[order[k]]++
		sum++
	}
	for k := n - 1; sum > total && n > 0; k = (k - 1 + n) % n {
		out[order[k]]--
		sum--
	}
	return out
}
