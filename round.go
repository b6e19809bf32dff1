package sourcescore

import (
	"math"
	"strconv"
)

// FormatDecimal formats v with prec decimals (prec >= 0) by the one rule
// every score shown goes by: to the nearest, and an exact half (of the
// binary value v: 96.25 is one, 0.15 is not, as it is stored as
// 0.1499999999999999944...) away from zero. It is the rule of SQLite's
// round(v, prec) and printf('%.1f', v), so a score read with SQL, in a
// CSV, in the terminal and in explain shows the same last digit; Go's
// strconv alone rounds exact halves to even (96.25 gives 96.2, SQL 96.3).
func FormatDecimal(v float64, prec int) string {
	if prec >= 0 && prec < 20 && isHalf(v, prec) {
		v = math.Nextafter(v, math.Copysign(math.Inf(1), v)) // just past the half: away from zero
	}
	return strconv.FormatFloat(v, 'f', prec, 64)
}

// AppendDecimal appends FormatDecimal(v, prec) to dst.
func AppendDecimal(dst []byte, v float64, prec int) []byte {
	if prec >= 0 && prec < 20 && isHalf(v, prec) {
		v = math.Nextafter(v, math.Copysign(math.Inf(1), v))
	}
	return strconv.AppendFloat(dst, v, 'f', prec, 64)
}

// RoundDecimal returns v rounded to prec decimals as FormatDecimal shows
// it: the float64 nearest to the shown number.
func RoundDecimal(v float64, prec int) float64 {
	r, err := strconv.ParseFloat(FormatDecimal(v, prec), 64)
	if err != nil {
		return v
	}
	return r
}

// isHalf reports whether v lies exactly halfway between two numbers of
// prec decimals: v = (k + 1/2) / 10^prec exactly. Such a v is m / 2^(prec+1)
// for an odd integer m (its denominator must be a power of two, so 5^prec
// divides the odd numerator), which scaling by a power of two, exact,
// shows.
func isHalf(v float64, prec int) bool {
	y := math.Ldexp(v, prec+1)
	if math.IsInf(y, 0) || math.IsNaN(y) || y != math.Trunc(y) || math.Abs(y) >= 1<<53 {
		return false
	}
	return math.Mod(y, 2) != 0
}
