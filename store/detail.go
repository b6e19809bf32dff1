package store

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"sourcescore"
)

// An article's family scores, rule scores and findings are stored in its
// results row as three JSON arrays of arrays, one inner array per row, the
// columns in a fixed order:
//
//	families: [family, score, weight, scored (0/1), note]
//	rules:    [rule_id, family, score, weight, applied (0/1), note]
//	findings: [rule_id, family, severity, message, evidence, line, col, byte_offset]
//	caps:     [rule_id, family, at_most, grade, score, limit]   (rule_id or family is "")
//
// SQLite reads them with its JSON functions (the views family_scores,
// rule_scores and findings turn them back into rows), and the encoder and
// decoder below read and write them without reflection: a run of 20,000
// articles stores about 700,000 such rows, and encoding/json took 85 µs to
// decode one article's arrays, more than scoring it again. The decoder
// accepts any JSON of this shape, as SQLite's json_array writes it too (the
// schema migration builds the arrays that way).

// appendFamilies appends the JSON of fs to b.
func appendFamilies(b []byte, fs []sourcescore.FamilyScore) ([]byte, error) {
	b = append(b, '[')
	for i, f := range fs {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		b = appendJSONString(b, string(f.Family))
		var err error
		if b, err = appendJSONNumbers(b, f.Score, f.Weight); err != nil {
			return nil, fmt.Errorf("family %s: %w", f.Family, err)
		}
		b = appendJSONBool(b, f.Scored)
		b = append(b, ',')
		b = appendJSONString(b, f.Note)
		b = append(b, ']')
	}
	return append(b, ']'), nil
}

// appendRules appends the JSON of rs to b.
func appendRules(b []byte, rs []sourcescore.RuleScore) ([]byte, error) {
	b = append(b, '[')
	for i, r := range rs {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		b = appendJSONString(b, r.RuleID)
		b = append(b, ',')
		b = appendJSONString(b, string(r.Family))
		var err error
		if b, err = appendJSONNumbers(b, r.Score, r.Weight); err != nil {
			return nil, fmt.Errorf("rule %s: %w", r.RuleID, err)
		}
		b = appendJSONBool(b, r.Applied)
		b = append(b, ',')
		b = appendJSONString(b, r.Note)
		b = append(b, ']')
	}
	return append(b, ']'), nil
}

// appendFindings appends the JSON of fs to b. A finding whose severity is
// not one of info, warning and error is refused.
func appendFindings(b []byte, fs []sourcescore.Finding) ([]byte, error) {
	b = append(b, '[')
	for i, f := range fs {
		sev := f.Severity.String()
		if _, err := sourcescore.ParseSeverity(sev); err != nil {
			return nil, fmt.Errorf("finding of %s: %w", f.RuleID, err)
		}
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		b = appendJSONString(b, f.RuleID)
		b = append(b, ',')
		b = appendJSONString(b, string(f.Family))
		b = append(b, ',')
		b = appendJSONString(b, sev)
		b = append(b, ',')
		b = appendJSONString(b, f.Message)
		b = append(b, ',')
		b = appendJSONString(b, f.Evidence)
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(f.Pos.Line), 10)
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(f.Pos.Column), 10)
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(f.Offset), 10)
		b = append(b, ']')
	}
	return append(b, ']'), nil
}

// appendCaps appends the JSON of cs to b.
func appendCaps(b []byte, cs []sourcescore.AppliedCap) ([]byte, error) {
	b = append(b, '[')
	for i, c := range cs {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		b = appendJSONString(b, c.RuleID)
		b = append(b, ',')
		b = appendJSONString(b, string(c.Family))
		var err error
		if b, err = appendJSONNumbers(b, c.AtMost); err != nil {
			return nil, fmt.Errorf("cap %s: %w", c, err)
		}
		b = appendJSONString(b, c.Grade)
		if b, err = appendJSONNumbers(b, c.Score, c.Limit); err != nil {
			return nil, fmt.Errorf("cap %s: %w", c, err)
		}
		b = b[:len(b)-1] // no comma after the last field
		b = append(b, ']')
	}
	return append(b, ']'), nil
}

// appendJSONNumbers appends ",x,y," with each float written as the
// shortest decimal that reads back as the same float.
func appendJSONNumbers(b []byte, xs ...float64) ([]byte, error) {
	for _, x := range xs {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return nil, fmt.Errorf("score %v cannot be stored", x)
		}
		b = append(b, ',')
		b = strconv.AppendFloat(b, x, 'g', -1, 64)
	}
	return append(b, ','), nil
}

func appendJSONBool(b []byte, v bool) []byte {
	if v {
		return append(b, '1')
	}
	return append(b, '0')
}

// appendJSONString appends s as a JSON string. Invalid UTF-8 is written as
// U+FFFD, as encoding/json does.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	valid := utf8.ValidString(s) // then only quotes, backslashes and control characters need a look
	for i := 0; i < len(s); {
		if valid {
			i += plainRun(s[i:])
			if i >= len(s) {
				break
			}
		}
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < utf8.RuneSelf {
			i++
			continue
		}
		if c >= utf8.RuneSelf {
			if valid { // plainRun may stop inside a rune
				i++
				continue
			}
			r, size := utf8.DecodeRuneInString(s[i:])
			if r != utf8.RuneError || size != 1 {
				i += size
				continue
			}
			b = append(b, s[start:i]...)
			b = append(b, "\ufffd"...)
			i++
			start = i
			continue
		}
		b = append(b, s[start:i]...)
		switch c {
		case '"', '\\':
			b = append(b, '\\', c)
		case '\n':
			b = append(b, '\\', 'n')
		case '\r':
			b = append(b, '\\', 'r')
		case '\t':
			b = append(b, '\\', 't')
		default:
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
		}
		i++
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// errDetail is wrapped by every decoding error.
var errDetail = errors.New("stored details are not valid")

// detailReader reads one JSON array of arrays of scalars.
type detailReader struct {
	s   string
	i   int
	err error
}

// fail records the first error, with its byte offset.
func (r *detailReader) fail(what string) {
	if r.err == nil {
		r.err = fmt.Errorf("%w: %s at byte %d", errDetail, what, r.i)
	}
}

func (r *detailReader) space() {
	if r.i < len(r.s) && r.s[r.i] > ' ' {
		return // what the encoder writes: no white space
	}
	for r.i < len(r.s) {
		switch r.s[r.i] {
		case ' ', '\t', '\n', '\r':
			r.i++
		default:
			return
		}
	}
}

// peek returns the next byte that is not white space, 0 at the end.
func (r *detailReader) peek() byte {
	r.space()
	if r.i < len(r.s) {
		return r.s[r.i]
	}
	return 0
}

// expect consumes c or fails.
func (r *detailReader) expect(c byte) {
	if r.err != nil {
		return
	}
	if r.peek() != c {
		r.fail(fmt.Sprintf("want %q", c))
		return
	}
	r.i++
}

// rows calls row for each inner array of the outer array, positioned after
// the inner array's '['; row reads the fields with the field methods.
func (r *detailReader) rows(row func()) {
	r.expect('[')
	if r.peek() == ']' {
		r.i++
	} else {
		for r.err == nil {
			r.expect('[')
			if r.err != nil {
				return
			}
			row()
			r.expect(']')
			if r.peek() == ',' {
				r.i++
				continue
			}
			r.expect(']')
			break
		}
	}
	if r.err == nil && r.peek() != 0 {
		r.fail("trailing data")
	}
}

// sep consumes the comma before every field but the first (n > 0).
func (r *detailReader) sep(n int) {
	if n > 0 {
		r.expect(',')
	}
}

// str reads a string field.
func (r *detailReader) str(n int) string {
	r.sep(n)
	r.expect('"')
	if r.err != nil {
		return ""
	}
	start := r.i
	r.i += plainRun(r.s[r.i:])
	for r.i < len(r.s) {
		switch c := r.s[r.i]; {
		case c == '"':
			v := r.s[start:r.i]
			r.i++
			return v
		case c == '\\':
			return r.escaped(start)
		case c < 0x20:
			r.fail("control character in string")
			return ""
		default:
			r.i++
		}
	}
	r.fail("unterminated string")
	return ""
}

// plainRun is the length of the run of bytes at the start of s that are
// neither a quote, a backslash nor a control character: the bulk of a
// stored string, which str then need not look at byte by byte. It tests
// eight bytes at a time (a byte below 0x20 is one whose subtraction
// borrows and whose top bit was clear; a quote or backslash, one that
// XORs to zero), and stops at the first group that may hold one; the
// loop in str finds which.
func plainRun(s string) int {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	i := 0
	for ; i+8 <= len(s); i += 8 {
		x := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		q, b := x^(ones*'"'), x^(ones*'\\')
		if ((x-ones*0x20)&^x|(q-ones)&^q|(b-ones)&^b)&highs != 0 {
			break
		}
	}
	return i
}

// escaped reads the rest of a string that holds an escape, from start
// (after the opening quote).
func (r *detailReader) escaped(start int) string {
	b := []byte(r.s[start:r.i])
	for r.i < len(r.s) {
		c := r.s[r.i]
		switch {
		case c == '"':
			r.i++
			return string(b)
		case c < 0x20:
			r.fail("control character in string")
			return ""
		case c != '\\':
			b = append(b, c)
			r.i++
			continue
		}
		if r.i+1 >= len(r.s) {
			break
		}
		e := r.s[r.i+1]
		r.i += 2
		switch e {
		case '"', '\\', '/':
			b = append(b, e)
		case 'b':
			b = append(b, '\b')
		case 'f':
			b = append(b, '\f')
		case 'n':
			b = append(b, '\n')
		case 'r':
			b = append(b, '\r')
		case 't':
			b = append(b, '\t')
		case 'u':
			c1, ok := r.hex4()
			if !ok {
				return ""
			}
			rn := rune(c1)
			if utf16.IsSurrogate(rn) {
				rn = utf8.RuneError
				if r.i+1 < len(r.s) && r.s[r.i] == '\\' && r.s[r.i+1] == 'u' {
					r.i += 2
					c2, ok := r.hex4()
					if !ok {
						return ""
					}
					rn = utf16.DecodeRune(rune(c1), rune(c2))
				}
			}
			b = utf8.AppendRune(b, rn)
		default:
			r.i -= 2
			r.fail("bad escape")
			return ""
		}
	}
	r.fail("unterminated string")
	return ""
}

// hex4 reads the four hex digits of a \u escape.
func (r *detailReader) hex4() (uint16, bool) {
	if r.i+4 > len(r.s) {
		r.fail("short \\u escape")
		return 0, false
	}
	v, err := strconv.ParseUint(r.s[r.i:r.i+4], 16, 16)
	if err != nil {
		r.fail("bad \\u escape")
		return 0, false
	}
	r.i += 4
	return uint16(v), true
}

// number returns the text of a number field.
func (r *detailReader) number(n int) string {
	r.sep(n)
	r.space()
	if r.err != nil {
		return ""
	}
	start := r.i
	for r.i < len(r.s) {
		c := r.s[r.i]
		if (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E' {
			r.i++
			continue
		}
		break
	}
	if start == r.i {
		r.fail("want a number")
	}
	return r.s[start:r.i]
}

func (r *detailReader) float(n int) float64 {
	t := r.number(n)
	if r.err != nil {
		return 0
	}
	v, err := strconv.ParseFloat(t, 64)
	if err != nil {
		r.fail("bad number " + strconv.Quote(t))
	}
	return v
}

func (r *detailReader) int(n int) int {
	t := r.number(n)
	if r.err != nil {
		return 0
	}
	v, err := strconv.Atoi(t)
	if err != nil {
		// SQLite may write a whole REAL as 2.0.
		f, ferr := strconv.ParseFloat(t, 64)
		if ferr != nil || f != math.Trunc(f) || math.Abs(f) > 1<<53 {
			r.fail("bad integer " + strconv.Quote(t))
		}
		v = int(f)
	}
	return v
}

func (r *detailReader) bool(n int) bool {
	switch r.peekAfterSep(n) {
	case 't':
		return r.word("true")
	case 'f':
		r.word("false")
		return false
	}
	return r.int(0) != 0
}

// peekAfterSep consumes the separator and returns the next byte.
func (r *detailReader) peekAfterSep(n int) byte {
	r.sep(n)
	if r.err != nil {
		return 0
	}
	return r.peek()
}

// word consumes w and returns true, or fails.
func (r *detailReader) word(w string) bool {
	if len(r.s)-r.i >= len(w) && r.s[r.i:r.i+len(w)] == w {
		r.i += len(w)
		return true
	}
	r.fail("want " + w)
	return false
}

// rowsHint is at least the number of inner arrays in s (every inner array
// opens with a '[', and strings may hold more), so that the decoders
// allocate each slice once.
func rowsHint(s string) int {
	return max(strings.Count(s, "[")-1, 0)
}

// parseRows decodes the rows of a details array with row, which reads one
// (false: leave it out, as after setting r.err); what names them in errors.
// No rows give a nil slice, as a slice that was never appended to.
func parseRows[T any](s, what string, row func(r *detailReader) (T, bool)) ([]T, error) {
	out := make([]T, 0, rowsHint(s))
	r := &detailReader{s: s}
	r.rows(func() {
		if x, ok := row(r); ok {
			out = append(out, x)
		}
	})
	if r.err != nil {
		return nil, fmt.Errorf("%s: %w", what, r.err)
	}
	if len(out) == 0 {
		return nil, nil
	}
	return out, nil
}

// parseFamilies decodes the JSON appendFamilies writes.
func parseFamilies(s string) ([]sourcescore.FamilyScore, error) {
	return parseRows(s, "family scores", func(r *detailReader) (sourcescore.FamilyScore, bool) {
		return sourcescore.FamilyScore{Family: sourcescore.Family(r.str(0)), Score: r.float(1), Weight: r.float(2),
			Scored: r.bool(3), Note: r.str(4)}, true
	})
}

// parseRules decodes the JSON appendRules writes.
func parseRules(s string) ([]sourcescore.RuleScore, error) {
	return parseRows(s, "rule scores", func(r *detailReader) (sourcescore.RuleScore, bool) {
		return sourcescore.RuleScore{RuleID: r.str(0), Family: sourcescore.Family(r.str(1)), Score: r.float(2),
			Weight: r.float(3), Applied: r.bool(4), Note: r.str(5)}, true
	})
}

// parseCaps decodes the JSON appendCaps writes.
func parseCaps(s string) ([]sourcescore.AppliedCap, error) {
	return parseRows(s, "caps", func(r *detailReader) (sourcescore.AppliedCap, bool) {
		var c sourcescore.AppliedCap
		c.RuleID = r.str(0)
		c.Family = sourcescore.Family(r.str(1))
		c.AtMost = r.float(2)
		c.Grade = r.str(3)
		c.Score = r.float(4)
		c.Limit = r.float(5)
		return c, true
	})
}

// parseFindings decodes the JSON appendFindings writes.
func parseFindings(s string) ([]sourcescore.Finding, error) {
	return parseRows(s, "findings", func(r *detailReader) (sourcescore.Finding, bool) {
		var f sourcescore.Finding
		f.RuleID = r.str(0)
		f.Family = sourcescore.Family(r.str(1))
		sev := r.str(2)
		f.Message = r.str(3)
		f.Evidence = r.str(4)
		f.Pos.Line = r.int(5)
		f.Pos.Column = r.int(6)
		f.Offset = r.int(7)
		if r.err != nil {
			return f, false
		}
		var err error
		if f.Severity, err = sourcescore.ParseSeverity(sev); err != nil {
			r.err = fmt.Errorf("%w: finding of %s: %w", errDetail, f.RuleID, err)
			return f, false
		}
		return f, true
	})
}
