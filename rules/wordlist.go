package rules

import "sync"

// wordList is a word list as a set of 64-bit hashes of its (lower-cased)
// words, in an open-addressing table: one probe of a flat array per
// lookup, and nothing for the garbage collector to scan, where a
// map[string]bool of Debian's 356,000 German words costs a string
// comparison per lookup and half a million pointers per collection. Two
// words with one hash would be taken for each other; with 64 bits and
// lists of some 10^5 words that happens with a chance of about 10^-9 per
// list, so the set is treated as exact.
//
// A list read from a file is parsed on its first use (lazyWordList): a
// command that scores no article (a rerun of unchanged articles, rules
// check) never pays the tenth of a second Debian's lists take.
type wordList struct {
	once      sync.Once // parses text, for a list made by lazyWordList
	text      string    // the file's text until it is parsed
	lowerOnly bool      // only the words text writes in lower case
	slots     []uint64  // a word's hash at or after slot hash&mask; 0: empty
	mask      uint64
	n         int
}

// lazyWordList is the list of text's words (parseWordList), parsed on its
// first use.
func lazyWordList(text string) *wordList {
	return &wordList{text: text}
}

// ready parses a lazy list's text, once; a list made otherwise is ready.
func (l *wordList) ready() {
	l.once.Do(func() {
		if l.slots != nil {
			return
		}
		p := parseWordList(l.text, l.lowerOnly)
		l.slots, l.mask, l.n, l.text = p.slots, p.mask, p.n, ""
	})
}

// size is the number of words.
func (l *wordList) size() int {
	l.ready()
	return l.n
}

// hashWord is FNV-1a over the word's bytes, mixed by splitmix64's
// finalizer so that every bit depends on every byte; never 0.
func hashWord(w string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(w); i++ {
		h = (h ^ uint64(w[i])) * 1099511628211
	}
	h ^= h >> 30
	h *= 0xbf58476d1ce4e5b9
	h ^= h >> 27
	h *= 0x94d049bb133111eb
	h ^= h >> 31
	if h == 0 {
		h = 1
	}
	return h
}

// newWordList makes the set of words, sized for at most half full.
func newWordList(words []string) *wordList {
	l := newWordListSized(len(words))
	for _, w := range words {
		l.addHash(hashWord(w))
	}
	return l
}

// newWordListSized makes an empty set for at most n words.
func newWordListSized(n int) *wordList {
	size := uint64(16)
	for size < uint64(n)*2 {
		size <<= 1
	}
	return &wordList{slots: make([]uint64, size), mask: size - 1}
}

func (l *wordList) addHash(h uint64) {
	for i := h & l.mask; ; i = (i + 1) & l.mask {
		switch l.slots[i] {
		case h:
			return
		case 0:
			l.slots[i] = h
			l.n++
			return
		}
	}
}

// has reports whether w is in the list; a nil list has no word.
func (l *wordList) has(w string) bool {
	return l != nil && l.hasHash(hashWord(w))
}

func (l *wordList) hasHash(h uint64) bool {
	l.ready()
	for i := h & l.mask; ; i = (i + 1) & l.mask {
		switch l.slots[i] {
		case h:
			return true
		case 0:
			return false
		}
	}
}

// each calls f with the hash of every word.
func (l *wordList) each(f func(h uint64)) {
	l.ready()
	for _, h := range l.slots {
		if h != 0 {
			f(h)
		}
	}
}

// inLists reports whether w is in one of the word lists.
func inLists(lists []*wordList, w string) bool {
	if len(lists) == 0 {
		return false
	}
	h := hashWord(w)
	for _, l := range lists {
		if l.hasHash(h) {
			return true
		}
	}
	return false
}
