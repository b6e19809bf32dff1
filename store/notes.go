package store

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"sourcescore"
)

// encodeNotes is an article's story notes as the story_notes column keeps
// them: JSON, or "" for none.
func encodeNotes(n *sourcescore.StoryNotes) (string, error) {
	if n == nil {
		return "", nil
	}
	b, err := json.Marshal(n)
	if err != nil {
		return "", fmt.Errorf("encode story notes: %w", err)
	}
	return string(b), nil
}

// decodeNotes reads the story_notes column: nil for "". The JSON
// encodeNotes writes is read without reflection (readNotes): a rerun reads
// back the notes of every article about a story, and encoding/json took
// more of a rerun of 20,000 articles than any other decoding. Anything
// readNotes does not take as it is (another field name or letter case, a
// number where a string belongs, invalid UTF-8) is read by encoding/json,
// which gives the same value where both read it.
func decodeNotes(s string) (*sourcescore.StoryNotes, error) {
	if s == "" {
		return nil, nil
	}
	if n, ok := readNotes(s); ok {
		return n, nil
	}
	var n sourcescore.StoryNotes
	if err := json.Unmarshal([]byte(s), &n); err != nil {
		return nil, fmt.Errorf("%w: story notes: %v", errDetail, err)
	}
	return &n, nil
}

// readNotes reads the JSON of story notes as encodeNotes writes it; false
// when s holds anything else.
func readNotes(s string) (*sourcescore.StoryNotes, bool) {
	r := &detailReader{s: s}
	var n sourcescore.StoryNotes
	r.object(func(key string) bool {
		switch key {
		case "story":
			n.Story = r.text()
		case "denial":
			r.object(func(key string) bool {
				d := &n.Denial
				switch key {
				case "state":
					d.State = r.text()
				case "rule":
					d.Rule = r.text()
				case "where":
					r.mention(&d.Where)
				case "sentence":
					d.Sentence = r.whole()
				case "sentences":
					d.Sentences = r.whole()
				default:
					return false
				}
				return true
			})
		case "primary":
			r.mention(&n.Primary)
		case "facts":
			n.Facts = readArray(r, func(f *sourcescore.FactNote) {
				r.object(func(key string) bool {
					switch key {
					case "fact":
						f.Fact = r.text()
					case "description":
						f.Description = r.text()
					case "date":
						f.Date = r.text()
					case "scheduled":
						f.Scheduled = r.truth()
					case "state":
						f.State = r.text()
					case "given":
						f.Given = r.text()
					case "where":
						r.mention(&f.Where)
					default:
						return false
					}
					return true
				})
			})
		case "claims":
			n.Claims = readArray(r, func(c *sourcescore.ClaimNote) {
				r.object(func(key string) bool {
					switch key {
					case "claim":
						c.Claim = r.text()
					case "description":
						c.Description = r.text()
					case "where":
						r.mention(&c.Where)
					default:
						return false
					}
					return true
				})
			})
		case "translation":
			n.Translation = r.text()
		case "sourcing":
			if r.null() {
				n.Sourcing = nil
				return true
			}
			if n.Sourcing == nil {
				n.Sourcing = &sourcescore.Sourcing{}
			}
			src := n.Sourcing
			r.object(func(key string) bool {
				switch key {
				case "named":
					src.Named = r.whole()
				case "specific":
					src.Specific = r.whole()
				case "vague":
					src.Vague = r.whole()
				default:
					return false
				}
				return true
			})
		default:
			return false
		}
		return true
	})
	if r.err == nil && r.peek() != 0 {
		r.fail("trailing data")
	}
	return &n, r.err == nil
}

// object reads a JSON object (null reads as none), calling field with each
// key once the reader stands before its value; field reads the value and
// returns false for a key it does not know, which fails the reader.
func (r *detailReader) object(field func(key string) bool) {
	if r.null() {
		return
	}
	r.expect('{')
	if r.err != nil {
		return
	}
	if r.peek() == '}' {
		r.i++
		return
	}
	for r.err == nil {
		key := r.text()
		r.expect(':')
		if r.err != nil {
			return
		}
		if !field(key) {
			r.fail("unknown field " + strconv.Quote(key))
			return
		}
		if r.peek() == ',' {
			r.i++
			continue
		}
		r.expect('}')
		return
	}
}

// readArray reads a JSON array whose elements elem reads, as encoding/json
// fills a slice: null is nil, [] is empty but not nil.
func readArray[T any](r *detailReader, elem func(*T)) []T {
	if r.null() {
		return nil
	}
	r.expect('[')
	if r.err != nil {
		return nil
	}
	out := []T{}
	if r.peek() == ']' {
		r.i++
		return out
	}
	for r.err == nil {
		out = append(out, *new(T))
		elem(&out[len(out)-1])
		if r.peek() == ',' {
			r.i++
			continue
		}
		r.expect(']')
		break
	}
	return out
}

// mention reads a Mention's object into m.
func (r *detailReader) mention(m *sourcescore.Mention) {
	r.object(func(key string) bool {
		switch key {
		case "evidence":
			m.Evidence = r.text()
		case "line":
			m.Line = r.whole()
		case "column":
			m.Column = r.whole()
		default:
			return false
		}
		return true
	})
}

// null consumes a JSON null and reports whether there was one.
func (r *detailReader) null() bool {
	if r.err == nil && r.peek() == 'n' {
		return r.word("null")
	}
	return false
}

// text reads a string value (null: ""); a string that is not valid UTF-8
// fails the reader (encoding/json would replace its bad bytes). It is a
// copy, as encoding/json's are: the story comparison keeps every
// article's notes to the end of the run, and a part of the column would
// keep the whole column's text alive with it.
func (r *detailReader) text() string {
	if r.null() {
		return ""
	}
	s := r.str(0)
	if r.err == nil && !utf8.ValidString(s) {
		r.fail("invalid UTF-8")
	}
	return strings.Clone(s)
}

// whole reads an integer value written as one (null: 0).
func (r *detailReader) whole() int {
	if r.null() {
		return 0
	}
	t := r.number(0)
	if r.err != nil {
		return 0
	}
	v, err := strconv.Atoi(t)
	if err != nil {
		r.fail("bad integer " + strconv.Quote(t))
	}
	return v
}

// truth reads true, false or null (false).
func (r *detailReader) truth() bool {
	switch r.peek() {
	case 't':
		return r.word("true")
	case 'f':
		r.word("false")
		return false
	case 'n':
		r.null()
		return false
	}
	r.fail("want true or false")
	return false
}
