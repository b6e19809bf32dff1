package engine

import (
	"fmt"
	"regexp/syntax"
	"strings"
)

// printExpr returns re as a regular expression that compiles (with the
// default flags) to the same matching: (*syntax.Regexp).String with its
// character classes printed by hand, as explicit ranges.
//
// String checks, for every character class, whether the class is closed
// under case folding, by looking at the folding of every letter the class
// holds: on the built-in rules' patterns, with their classes of all
// letters, that was half of loading the rule set (50 ms of each run).
// A class is an explicit list of ranges once parsed, so it is printed as
// one, with no flag; String prints the rest, each class standing in as a
// placeholder rune of a private-use plane that no rule holds. When the
// placeholders do not come back one for one, it leaves the work to String.
func printExpr(re *syntax.Regexp) string {
	var classes []string
	marked := markClasses(re, &classes)
	if len(classes) == 0 {
		return re.String()
	}
	s := marked.String()
	var b strings.Builder
	for k, class := range classes {
		mark := fmt.Sprintf(`\x{%x}`, classMark+k)
		i := strings.Index(s, mark)
		if i < 0 || strings.Contains(s[i+len(mark):], mark) {
			return re.String()
		}
		b.WriteString(s[:i])
		b.WriteString(class)
		s = s[i+len(mark):]
	}
	b.WriteString(s)
	return b.String()
}

// classMark is the first placeholder rune: plane 15, private use.
const classMark = 0xF0000

// markClasses returns a copy of re with each character class replaced by
// a placeholder literal, appending the class's own printing to classes.
// re itself is not changed.
func markClasses(re *syntax.Regexp, classes *[]string) *syntax.Regexp {
	if re.Op == syntax.OpCharClass {
		if len(*classes) >= 0xFFFD {
			return re
		}
		mark := rune(classMark + len(*classes))
		*classes = append(*classes, printClass(re.Rune))
		return &syntax.Regexp{Op: syntax.OpLiteral, Rune: []rune{mark}}
	}
	if len(re.Sub) == 0 {
		return re
	}
	cp := *re
	cp.Sub = make([]*syntax.Regexp, len(re.Sub))
	for i, sub := range re.Sub {
		cp.Sub[i] = markClasses(sub, classes)
	}
	return &cp
}

// printClass prints a class's ranges (pairs lo, hi) as a bracket
// expression; an empty class, which matches nothing, as [^\x00-\x{10FFFF}].
func printClass(ranges []rune) string {
	if len(ranges) == 0 {
		return `[^\x00-\x{10FFFF}]`
	}
	var b strings.Builder
	b.WriteByte('[')
	for i := 0; i+1 < len(ranges); i += 2 {
		fmt.Fprintf(&b, `\x{%x}`, ranges[i])
		if ranges[i+1] != ranges[i] {
			fmt.Fprintf(&b, `-\x{%x}`, ranges[i+1])
		}
	}
	b.WriteByte(']')
	return b.String()
}
