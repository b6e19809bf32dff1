package reports

// Neutralise returns s made safe against CSV (formula) injection, following
// OWASP's advice: when s starts with '=', '+', '-', '@', a tab or a carriage
// return, which spreadsheets take as the start of a formula, it is returned
// with a single quote (') in front; any other string is returned unchanged.
// The reports apply it to every text cell and never to numbers.
func Neutralise(s string) string {
	if formulaLike(s) {
		return "'" + s
	}
	return s
}

// formulaLike reports whether Neutralise puts a quote in front of s.
func formulaLike(s string) bool {
	if s == "" {
		return false
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return true
	}
	return false
}
