package ingest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// JSONField is one row of the table that maps a crawler's JSON fields to
// what an article needs.
type JSONField struct {
	Meaning string   // what the value is: "text", "title", "outlet", "published", "language", "url" or "author"
	Names   []string // the JSON fields that hold it; the first one with a value is taken
}

// JSONFields is the table by which a line of a .jsonl file becomes an
// article: the fields news-please writes (maintext, title, date_publish,
// source_domain, url, language, authors) and those of trafilatura's JSON
// (text, title, date, sitename, hostname, url, source, language, author).
// Every other field is ignored. A line without a text is skipped.
var JSONFields = []JSONField{
	{Meaning: "text", Names: []string{"maintext", "text"}},
	{Meaning: "title", Names: []string{"title"}},
	{Meaning: "outlet", Names: []string{"sitename", "source_domain", "hostname"}},
	{Meaning: "published", Names: []string{"date_publish", "date"}},
	{Meaning: "language", Names: []string{"language"}},
	{Meaning: "url", Names: []string{"url", "source"}},
	{Meaning: "author", Names: []string{"authors", "author"}},
}

// jsonTextFields are JSONFields' names for the text, for messages.
func jsonTextFields() string {
	return strings.Join(JSONFields[0].Names, " nor ")
}

// parseJSONLine reads one line of a .jsonl file: a JSON object holding an
// article. It returns the article's text (its title, a blank line, then
// its text) and what the other fields say, or why the line cannot be read.
func parseJSONLine(raw []byte) (text string, p page, reason string) {
	raw = bytes.TrimPrefix(raw, bomUTF8) // on the first line of a file
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil {
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			return "", p, fmt.Sprintf("not valid JSON: %v (at byte %d of the line)", se, se.Offset)
		case errors.As(err, &te):
			return "", p, fmt.Sprintf("not a JSON object but a JSON %s: each line must be one article's object", te.Value)
		}
		return "", p, "not valid JSON: " + err.Error()
	}
	if obj == nil {
		return "", p, "not a JSON object but null: each line must be one article's object"
	}
	values := map[string]string{}
	for _, f := range JSONFields {
		for _, name := range f.Names {
			v, ok, reason := jsonValue(obj[name], f.Meaning == "author")
			if reason != "" {
				return "", p, fmt.Sprintf("field %q %s", name, reason)
			}
			if ok {
				values[f.Meaning] = v
				break
			}
		}
	}
	body := strings.TrimSpace(values["text"])
	if body == "" {
		return "", p, "no text: neither " + jsonTextFields() + " holds any"
	}
	p = page{
		title:    cleanField(values["title"]),
		author:   cleanField(values["author"]),
		outlet:   cleanField(values["outlet"]),
		url:      cleanField(values["url"]),
		language: languageCode(values["language"]),
	}
	if d := strings.TrimSpace(values["published"]); d != "" {
		p.published, _ = parseManifestDate(d)
	}
	if p.title != "" && !strings.HasPrefix(body, p.title) {
		body = p.title + "\n\n" + body
	}
	return body, p, ""
}

// jsonValue reads a field's value as text. A missing field, null or an
// empty string has none (ok false). A list of strings is allowed where
// list is true (news-please's authors) and joined with ", ". reason says
// why a value of another type cannot be used.
func jsonValue(raw json.RawMessage, list bool) (v string, ok bool, reason string) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || bytes.Equal(raw, []byte("null")) {
		return "", false, ""
	}
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		return s, strings.TrimSpace(s) != "", ""
	}
	if list && raw[0] == '[' {
		var ss []string
		if err := json.Unmarshal(raw, &ss); err == nil {
			var kept []string
			for _, s := range ss {
				if s = strings.TrimSpace(s); s != "" {
					kept = append(kept, s)
				}
			}
			return strings.Join(kept, ", "), len(kept) > 0, ""
		}
		return "", false, "is a list of something else than text"
	}
	return "", false, "is " + jsonKind(raw) + ", not text"
}

// jsonKind names the type of a JSON value for messages.
func jsonKind(raw json.RawMessage) string {
	switch raw[0] {
	case '{':
		return "an object"
	case '[':
		return "a list"
	case 't', 'f':
		return "true or false"
	}
	return "a number"
}
