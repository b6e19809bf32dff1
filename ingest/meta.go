package ingest

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/abadojack/whatlanggo"
)

// Inference limits.
const (
	headLines      = 6   // non-blank lines at the top of the text searched for a date and outlet
	maxOutletRunes = 60  // an outlet name before a date is at most this long
	minLangLetters = 200 // fewer letters in the body and the language stays unknown
	langChunkBytes = 300 // language detection works on samples of the body this long
	maxLangChunks  = 3   // and takes no more than this many
)

// The field names Metadata.Inferred and Metadata.FromPage use.
const (
	fieldOutlet    = "outlet"
	fieldPublished = "published"
	fieldLanguage  = "language"
	fieldURL       = "url"
)

var (
	// headSep splits a header line into parts: "Outlet • 26/10/2024".
	// A hyphen separates only with spaces around it, so that 2024-10-25
	// stays whole.
	headSep = regexp.MustCompile(`\s*[•|·–—]\s*|\s+-\s+`)

	// timeSuffix is an optional time of day after a date: "25.10.2024 09:58 Uhr".
	timeSuffix = regexp.MustCompile(`^(.*?\d{4}),?\s+(?:um\s+|at\s+)?\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:Uhr|h|[AaPp]\.?[Mm]\.?))?$`)

	dateDMY     = regexp.MustCompile(`^(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})$`)                             // 25.10.2024
	dateSlash   = regexp.MustCompile(`^(\d{1,2})/(\d{1,2})/(\d{4})$`)                                     // 26/10/2024, day first
	dateISO     = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})$`)                                         // 2024-10-25
	dateDayName = regexp.MustCompile(`^(\d{1,2})(?:\.|st|nd|rd|th)?\s+(\p{L}+\.?)\s+(\d{4})$`)            // 3. Dezember 2024, 25 October 2024
	dateNameDay = regexp.MustCompile(`^(\p{L}+\.?)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$`)             // October 25, 2024
	bareDomain  = regexp.MustCompile(`^(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+([a-z]{2,12})$`) // ddbnews.org
)

// months maps lower-case German and English month names and their usual
// abbreviations to months.
var months = map[string]time.Month{
	"januar": 1, "jänner": 1, "january": 1, "jan": 1,
	"februar": 2, "february": 2, "feb": 2,
	"märz": 3, "march": 3, "mär": 3, "mrz": 3, "mar": 3,
	"april": 4, "apr": 4,
	"mai": 5, "may": 5,
	"juni": 6, "june": 6, "jun": 6,
	"juli": 7, "july": 7, "jul": 7,
	"august": 8, "aug": 8,
	"september": 9, "sep": 9, "sept": 9,
	"oktober": 10, "october": 10, "okt": 10, "oct": 10,
	"november": 11, "nov": 11,
	"dezember": 12, "december": 12, "dez": 12, "dec": 12,
}

// fileExtensions are endings that make a line look like a domain name
// ("foto.jpg") but are not top-level domains worth taking as an outlet.
var fileExtensions = map[string]bool{
	"jpg": true, "jpeg": true, "png": true, "gif": true, "webp": true, "svg": true,
	"pdf": true, "htm": true, "html": true, "php": true, "txt": true, "csv": true,
}

// headInfo is what the top of an article says about it.
type headInfo struct {
	outlet    string
	published time.Time
}

// inferHead looks at the first headLines non-blank lines of text for a
// publication date standing alone on its line or set off by a separator, an
// outlet name before that separator, or a line that is a bare domain name.
func inferHead(text string) headInfo {
	var h headInfo
	var domain string
	seen := 0
	for rest := text; rest != "" && seen < headLines; {
		line := rest
		if i := strings.IndexByte(rest, '\n'); i >= 0 {
			line, rest = rest[:i], rest[i+1:]
		} else {
			rest = ""
		}
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		seen++
		if domain == "" && isBareDomain(line) {
			domain = line
		}
		if !h.published.IsZero() {
			continue
		}
		// Every date parseHeadDate reads has a year of four digits: a line
		// without one is not split (most of a body's lines, some of them
		// long, where the split and the date patterns cost the most).
		if !hasFourDigits(line) {
			continue
		}
		parts := headSep.Split(line, -1)
		for i, p := range parts {
			p = strings.TrimSpace(p)
			if !hasFourDigits(p) {
				continue
			}
			d, ok := parseHeadDate(p)
			if !ok {
				continue
			}
			h.published = d
			if i == 1 && isOutletName(strings.TrimSpace(parts[0])) {
				h.outlet = strings.TrimSpace(parts[0])
			}
			break
		}
	}
	if h.outlet == "" {
		h.outlet = domain
	}
	return h
}

// isOutletName reports whether s, the text before a date's separator, may be
// an outlet's name: short, with a letter, and not a byline.
func isOutletName(s string) bool {
	if s == "" || utf8.RuneCountInString(s) > maxOutletRunes || strings.IndexFunc(s, unicode.IsLetter) < 0 {
		return false
	}
	l := strings.ToLower(s)
	return !strings.HasPrefix(l, "von ") && !strings.HasPrefix(l, "by ")
}

// isBareDomain reports whether line is a domain name and nothing else.
func isBareDomain(line string) bool {
	if strings.IndexByte(line, '.') < 0 || strings.IndexByte(line, ' ') >= 0 {
		return false // what bareDomain could never match, without running it
	}
	m := bareDomain.FindStringSubmatch(line)
	return m != nil && !fileExtensions[m[1]]
}

// hasFourDigits reports whether s holds four ASCII digits in a row.
func hasFourDigits(s string) bool {
	run := 0
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= '0' && c <= '9' {
			if run++; run == 4 {
				return true
			}
		} else {
			run = 0
		}
	}
	return false
}

// parseHeadDate reads s when it is a date and nothing else (but a time of
// day after it): 25.10.2024, 26/10/2024 (day first), 2024-10-25,
// "3. Dezember 2024", "October 25, 2024", "25 October 2024". The time is
// dropped; the result is midnight UTC of the date.
func parseHeadDate(s string) (time.Time, bool) {
	if m := timeSuffix.FindStringSubmatch(s); m != nil {
		s = m[1]
	}
	if m := dateDMY.FindStringSubmatch(s); m != nil {
		return makeDate(m[3], m[2], m[1])
	}
	if m := dateSlash.FindStringSubmatch(s); m != nil {
		return makeDate(m[3], m[2], m[1])
	}
	if m := dateISO.FindStringSubmatch(s); m != nil {
		return makeDate(m[1], m[2], m[3])
	}
	if m := dateDayName.FindStringSubmatch(s); m != nil {
		if mon, ok := monthNamed(m[2]); ok {
			return makeDate(m[3], strconv.Itoa(int(mon)), m[1])
		}
	}
	if m := dateNameDay.FindStringSubmatch(s); m != nil {
		if mon, ok := monthNamed(m[1]); ok {
			return makeDate(m[3], strconv.Itoa(int(mon)), m[2])
		}
	}
	return time.Time{}, false
}

// monthNamed looks up a month name, with or without a trailing period.
func monthNamed(name string) (time.Month, bool) {
	m, ok := months[strings.ToLower(strings.TrimSuffix(name, "."))]
	return m, ok
}

// makeDate builds midnight UTC of a date given as digits, and fails when the
// date does not exist or the year is implausible for a news article.
func makeDate(year, month, day string) (time.Time, bool) {
	y, err1 := strconv.Atoi(year)
	m, err2 := strconv.Atoi(month)
	d, err3 := strconv.Atoi(day)
	if err1 != nil || err2 != nil || err3 != nil || y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return time.Time{}, false // 31.02. rolled over
	}
	return t, true
}

// langWhitelist limits detection to the languages sourcescore has rules for.
var langWhitelist = whatlanggo.Options{Whitelist: map[whatlanggo.Lang]bool{
	whatlanggo.Deu: true,
	whatlanggo.Eng: true,
}}

// detectLanguage returns the ISO 639-1 code of body's language, German or
// English, or "" when the body is too short or detection is unreliable.
//
// Most bodies say it plainly: the function words of their first few KB
// (functionWordLanguage) decide, at a few microseconds. The others go to
// trigramLanguage, which costs about a hundred times more; both give the
// same language on every German and English text of the seeds, examples/
// and the development corpus (TestDetectLanguage_SameAsTrigrams).
func detectLanguage(body string) string {
	letters := 0
	for _, r := range body {
		if unicode.IsLetter(r) {
			letters++
			if letters >= minLangLetters {
				break
			}
		}
	}
	if letters < minLangLetters {
		return ""
	}
	if lang := functionWordLanguage(body); lang != "" {
		return lang
	}
	return trigramLanguage(body)
}

// Function words of one language only: frequent in news text, never (or
// hardly ever) words of the other language. Lower case, as read from the
// text (a capitalised sentence start is lowered first).
var functionWords = map[string]byte{
	"der": 'd', "die": 'd', "und": 'd', "das": 'd', "nicht": 'd', "mit": 'd', "sich": 'd', "des": 'd', "dem": 'd',
	"ist": 'd', "von": 'd', "auf": 'd', "für": 'd', "eine": 'd', "einer": 'd', "einem": 'd', "wird": 'd', "sind": 'd',
	"auch": 'd', "nach": 'd', "bei": 'd', "aus": 'd', "wie": 'd', "dass": 'd', "zu": 'd', "zum": 'd', "zur": 'd',
	"im": 'd', "oder": 'd', "werden": 'd', "hat": 'd', "haben": 'd', "wurde": 'd', "sagte": 'd', "über": 'd', "noch": 'd',
	"the": 'e', "and": 'e', "of": 'e', "to": 'e', "is": 'e', "that": 'e', "with": 'e', "for": 'e', "are": 'e',
	"by": 'e', "from": 'e', "this": 'e', "have": 'e', "has": 'e', "were": 'e', "which": 'e', "their": 'e', "would": 'e',
	"been": 'e', "said": 'e', "on": 'e', "at": 'e', "it": 'e', "its": 'e', "not": 'e', "but": 'e', "or": 'e', "be": 'e',
	"they": 'e', "after": 'e', "about": 'e', "who": 'e', "he": 'e', "she": 'e',
}

// asciiLetter tells the ASCII letters; every other byte is false.
var asciiLetter = func() (t [256]bool) {
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = true, true
	}
	return
}()

// Thresholds of functionWordLanguage.
const (
	functionWordBytes = 4096 // the words of the body's first bytes are counted
	minFunctionWords  = 25   // a language needs this many of its function words
	maxOtherShare     = 10   // and more than this many times the other language's
)

// functionWordLanguage returns "de" or "en" when the function words of the
// first functionWordBytes of body belong overwhelmingly to one language,
// "" otherwise (mixed, short or other text: the trigrams decide).
func functionWordLanguage(body string) string {
	text := body[:min(len(body), functionWordBytes)]
	var de, en int
	var buf [6 * utf8.UTFMax]byte
	letterAt := func(i int) (bool, int) { // is text[i:] a letter, and its width
		if c := text[i]; c < utf8.RuneSelf {
			return 'a' <= c|0x20 && c|0x20 <= 'z', 1
		}
		r, w := utf8.DecodeRuneInString(text[i:])
		return unicode.IsLetter(r), w
	}
	for i := 0; i < len(text); {
		if ok, w := letterAt(i); !ok {
			i += w
			continue
		}
		start := i
		for i < len(text) {
			for i < len(text) && asciiLetter[text[i]] { // the ASCII letters at once
				i++
			}
			if i == len(text) || text[i] < utf8.RuneSelf {
				break
			}
			ok, w := letterAt(i)
			if !ok {
				break
			}
			i += w
		}
		word := text[start:i]
		if len(word) > 6 { // longer than any function word
			continue
		}
		n := 0
		for k := 0; k < len(word); {
			if c := word[k]; c < utf8.RuneSelf { // ASCII, most of them: lower-cased in place
				buf[n] = c | 0x20 // a letter here
				n, k = n+1, k+1
				continue
			}
			r, w := utf8.DecodeRuneInString(word[k:])
			n += utf8.EncodeRune(buf[n:], unicode.ToLower(r)) // at most 6 runes, 4 bytes or fewer each
			k += w
		}
		switch functionWords[string(buf[:n])] {
		case 'd':
			de++
		case 'e':
			en++
		}
	}
	switch {
	case de >= minFunctionWords && de > maxOtherShare*en:
		return "de"
	case en >= minFunctionWords && en > maxOtherShare*de:
		return "en"
	}
	return ""
}

// trigramLanguage returns the language whatlanggo finds in samples of
// body, "" when it is unreliable.
//
// whatlanggo's confidence breaks on long texts (it turns negative once a
// text has more distinct trigrams than a profile: abadojack/whatlanggo#18,
// #20), and its cost grows with the text, so it is run on up to
// maxLangChunks samples of about langChunkBytes taken across the body, and
// the samples vote: a language wins with reliable votes from more than half
// of them.
func trigramLanguage(body string) string {
	samples := langSamples(body)
	votes := map[whatlanggo.Lang]int{}
	for _, c := range samples {
		info := whatlanggo.DetectWithOptions(c, langWhitelist)
		if !info.IsReliable() || !langWhitelist.Whitelist[info.Lang] {
			continue
		}
		votes[info.Lang]++
		if 2*votes[info.Lang] > len(samples) {
			return info.Lang.Iso6391()
		}
	}
	return ""
}

// langSamples returns up to maxLangChunks pieces of body of about
// langChunkBytes each, spread evenly over it, with whitespace (and blanked
// boilerplate) squeezed to single spaces and cuts between words.
func langSamples(body string) []string {
	c := strings.Join(strings.Fields(body), " ")
	if len(c) <= langChunkBytes*3/2 {
		return []string{c}
	}
	n := min(maxLangChunks, len(c)/langChunkBytes)
	samples := make([]string, 0, n)
	for k := 0; k < n; k++ {
		start := 0
		if n > 1 {
			start = k * (len(c) - langChunkBytes) / (n - 1)
		}
		if start > 0 {
			// Begin after the next space, so the sample starts with a word.
			if i := strings.IndexByte(c[start:], ' '); i >= 0 {
				start += i + 1
			}
		}
		end := min(start+langChunkBytes, len(c))
		if i := strings.IndexByte(c[end:], ' '); i >= 0 {
			end += i
		} else {
			end = len(c)
		}
		samples = append(samples, c[start:end])
	}
	return samples
}
