package store

import (
	"encoding/json"
	"fmt"

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

// decodeNotes reads the story_notes column: nil for "".
func decodeNotes(s string) (*sourcescore.StoryNotes, error) {
	if s == "" {
		return nil, nil
	}
	var n sourcescore.StoryNotes
	if err := json.Unmarshal([]byte(s), &n); err != nil {
		return nil, fmt.Errorf("%w: story notes: %v", errDetail, err)
	}
	return &n, nil
}
