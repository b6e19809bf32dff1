// Package engine is the matching engine of the rules: it compiles the
// phrase lists and regular expressions of a rule set once, at load, and
// finds their matches in an article's text.
//
// # API
//
// At load, a Builder collects the set's phrase lists (Builder.Phrases: a
// PhraseSet, case-insensitive, whole words) and patterns (Builder.Regex on
// a pattern compiled by CompilePattern: a Regex), and Builder.Build makes
// the Engine. Per article, a Text (Text.Reset with the Engine, the body and
// its lower-cased form) finds the matches: FindPhrases, FindRegex, and
// FindTerms for a Matcher (a rule's phrases and patterns together). A Text
// computes on first use and keeps what it found for the rules that ask
// again; it is not safe for concurrent use, the Engine is.
//
// # How it finds
//
// One Aho-Corasick automaton per set (automaton.go, automaton_compact.go
// for large sets) finds, in one pass over the lower-cased body, every
// phrase of every phrase set and the literals of the gated regexes
// (match.go: scanner, merged). A regex runs only near its literals
// (gate.go), anchored at them where every match begins with one, and its
// shape spares more work (gate_shape.go, gate_head.go, gate_tail.go):
// each shortcut finds exactly what the regex finds, which the tests check
// against the plain regex.
//
// Boilerplate markers get a LineFilter (LineFilter): the cheap tests that
// tell a line the marker cannot match.
package engine
