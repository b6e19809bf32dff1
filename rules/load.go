package rules

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io/fs"
	"math"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"

	"sourcescore"
	"sourcescore/internal/plainfile"
	"sourcescore/rules/internal/engine"
)

// Rule is a compiled rule.
type Rule struct {
	Header
	File         string               // the rule file it came from
	Line         int                  // where its entry starts
	Column       int                  // and its column
	exampleLines map[string][]int     // line of each example, by "fires" and "passes"
	family       sourcescore.Family   // parsed Family
	severity     sourcescore.Severity // parsed Severity
	check        checker
}

// FileHash is the SHA-256 of one rule file.
type FileHash struct {
	Path string // as shown in errors: builtin/x.yaml or DIR/x.yaml
	Hash string // hex SHA-256 of the file's bytes
}

// Set is a loaded, validated and compiled rule set. It is safe for
// concurrent use.
type Set struct {
	Rules       []*Rule                   // sorted by id
	Stories     []*Story                  // sorted by id
	Scoring     sourcescore.ScoringConfig // family weights and grades
	Boilerplate sourcescore.Boilerplate   // what ingest cuts
	Files       []FileHash                // every file of the set, sorted by path, then those of each added stories folder, then the word lists its rules read ("wordlist:PATH")
	Hash        string                    // hex SHA-256 over Files: the rule-set version
	Source      string                    // "builtin" or the folder it was loaded from, then " + DIR" for each added stories folder
	Warnings    []Error                   // what loads but is likely a mistake (a story fact's cue that is another date), sorted by file and position
	eng         *engine.Engine            // the compiled phrases and patterns of every rule and story
}

// Terms returns every phrase (lower-cased, without repeats) and every
// regular expression of the set: what a grep tool would need to do the
// rules' matching, for benchmarks.
func (s *Set) Terms() (phrases, patterns []string) {
	seen := map[string]bool{}
	for _, p := range s.eng.Phrases() {
		if !seen[p] {
			seen[p] = true
			phrases = append(phrases, p)
		}
	}
	return phrases, append([]string(nil), s.eng.Patterns()...)
}

// Engine returns the set's compiled matching engine, for the engine's own
// tests and benchmarks.
func (s *Set) Engine() *engine.Engine { return s.eng }

// loadState is shared by the files of one load.
type loadState struct {
	wordLists map[string]*wordList // word lists read by path (nil: file absent)
	wordTexts map[string]string    // their text, for the lists of their lower-case words
	extra     []FileHash           // files outside the set that rules read (word lists)
	eng       engine.Builder       // every phrase list and pattern of the set
	tooMany   bool                 // the phrase lists passed limits.Phrases, and it was said
	limits    Limits               // what the set may hold
	ruleIDs   map[string]bool      // every rule id written in the set, even of rules that did not load
	ruleAt    map[string]Error     // where each rule id loaded was first defined
	storyAt   map[string]Error     // where each story id loaded was first defined
	scoringAt *Error               // where the scoring section is; nil until one is loaded
	capRules  []capRuleRef         // the rule ids grade caps name, checked once every file is loaded
	warnings  ErrorList            // what loads but is likely a mistake (Set.Warnings)
}

// capRuleRef is a rule id a grade cap names, with where it is written.
type capRuleRef struct {
	id string
	at node
}

// topKeys are the sections a rule file may have.
var topKeys = []string{"boilerplate", "rules", "scoring", "story"}

// Folder is a folder of story files added to a rule set (the --stories
// flag): it may hold story: sections only.
type Folder struct {
	FS   fs.FS  // the folder's files
	Name string // prefixes the file paths in errors and FileHash, e.g. the folder's path
}

// StoryFolder returns the folder dir as a Folder of story files, or an
// error wrapping sourcescore.ErrConfig when it is not a folder.
func StoryFolder(dir string) (Folder, error) {
	st, err := os.Stat(dir)
	if err != nil {
		return Folder{}, fmt.Errorf("stories folder %s: %w", dir, sourcescore.ErrConfig)
	}
	if !st.IsDir() {
		return Folder{}, fmt.Errorf("stories folder %s is not a folder: %w", dir, sourcescore.ErrConfig)
	}
	return Folder{FS: plainDirFS(dir), Name: dir}, nil
}

// LoadDir loads every *.yaml and *.yml file below dir, then the story
// files of stories (as Load does).
func LoadDir(dir string, stories ...Folder) (*Set, error) {
	return DefaultLimits().LoadDir(dir, stories...)
}

// LoadDir loads the rule set of dir within the limits l (see LoadDir).
func (l Limits) LoadDir(dir string, stories ...Folder) (*Set, error) {
	st, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("rules folder %s: %w", dir, sourcescore.ErrConfig)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("rules folder %s is not a folder: %w", dir, sourcescore.ErrConfig)
	}
	return l.Load(plainDirFS(dir), dir, stories...)
}

// plainDirFS is os.DirFS(dir), except that it reads only regular files and
// opens them without blocking: a named pipe, device or socket named *.yaml
// is an error (a *plainfile.NotRegularError), never a wait for a writer.
// Symbolic links are followed, as os.DirFS follows them.
func plainDirFS(dir string) fs.FS { return plainFS{dirFS: os.DirFS(dir).(dirFS), dir: dir} }

// dirFS is what os.DirFS returns.
type dirFS interface {
	fs.ReadDirFS
	fs.StatFS
}

// plainFS is plainDirFS's file system: os.DirFS's listing, plainfile's
// reading.
type plainFS struct {
	dirFS
	dir string
}

// Open opens a regular file.
func (p plainFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	f, _, err := plainfile.Open(filepath.Join(p.dir, filepath.FromSlash(name)))
	if err != nil {
		return nil, err
	}
	return f, nil
}

// ReadFile reads a regular file.
func (p plainFS) ReadFile(name string) ([]byte, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	return plainfile.ReadFile(filepath.Join(p.dir, filepath.FromSlash(name)), 0)
}

// yamlFiles lists the *.yaml and *.yml files of fsys, sorted.
func yamlFiles(fsys fs.FS, name string) ([]string, error) {
	var files []string
	err := fs.WalkDir(fsys, ".", func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !e.IsDir() && (strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".yml")) {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read rules %s: %w", name, err)
	}
	sort.Strings(files)
	return files, nil
}

// Load loads every *.yaml and *.yml file of fsys. name prefixes the file
// paths in errors and FileHash. The story files of each of stories are
// added to the set: they may hold story: sections only, and a story id
// the set has already is an error. Every problem in every file is reported
// at once, as an ErrorList.
func Load(fsys fs.FS, name string, stories ...Folder) (*Set, error) {
	return DefaultLimits().Load(fsys, name, stories...)
}

// Load loads the rule set of fsys within the limits l (see Load).
func (l Limits) Load(fsys fs.FS, name string, stories ...Folder) (*Set, error) {
	files, err := yamlFiles(fsys, name)
	if err != nil {
		return nil, err
	}
	set := &Set{Source: name}
	ls := &loadState{limits: l.orDefault(), wordLists: map[string]*wordList{}, wordTexts: map[string]string{}, ruleIDs: map[string]bool{}, ruleAt: map[string]Error{}, storyAt: map[string]Error{}}
	var errs ErrorList
	h := sha256.New()
	ls.loadFiles(set, fsys, name, files, false, h, &errs)
	for _, f := range stories {
		sfiles, err := yamlFiles(f.FS, f.Name)
		if err != nil {
			return nil, err
		}
		if len(sfiles) == 0 {
			errs = append(errs, Error{File: f.Name, Msg: "no story files (*.yaml) found",
				Hint: "put story files (story: id: ..., match: ..., facts: ...) in the folder, or leave --stories out"})
		}
		ls.loadFiles(set, f.FS, f.Name, sfiles, true, h, &errs)
		set.Source += " + " + f.Name
	}
	if len(files) == 0 {
		errs = append(errs, Error{File: name, Msg: "no rule files (*.yaml) found", Hint: "sourcescore rules init DIR writes the built-in set to start from"})
	} else {
		if ls.scoringAt == nil {
			errs = append(errs, Error{File: name, Msg: "no scoring section in any rule file", Hint: "add scoring: with families and grades (see the built-in scoring.yaml)"})
		}
		if len(set.Rules) == 0 && len(errs) == 0 {
			errs = append(errs, Error{File: name, Msg: "the rule set has no rules"})
		}
		ls.checkCapRules(&errs)
	}
	if len(errs) > 0 {
		return nil, errs.sorted()
	}
	// Word lists change results, so they are part of the set's version.
	for _, fh := range ls.extra {
		set.Files = append(set.Files, fh)
		fmt.Fprintf(h, "%s\x00%s\n", fh.Path, fh.Hash)
	}
	sort.Slice(set.Rules, func(i, j int) bool { return set.Rules[i].ID < set.Rules[j].ID })
	for _, r := range set.Rules {
		if c, ok := r.check.(*combined); ok {
			c.resolve(r, set.Rules, &errs)
		}
	}
	if len(errs) > 0 {
		return nil, errs.sorted()
	}
	sort.Slice(set.Stories, func(i, j int) bool { return set.Stories[i].ID < set.Stories[j].ID })
	linkStories(set.Stories, set.Rules)
	set.Hash = hex.EncodeToString(h.Sum(nil))
	set.Warnings = ls.warnings.sorted()
	set.eng = ls.eng.Build()
	set.Boilerplate.MayCut = engine.BoilerplateGate(set.Boilerplate.Rules)
	return set, nil
}

// loadFiles loads files, the rule files of fsys, into set, adding each
// file to the set's hash h. A folder of stories (the --stories flag) may
// hold story: sections only.
func (ls *loadState) loadFiles(set *Set, fsys fs.FS, name string, files []string, storiesOnly bool, h hash.Hash, errs *ErrorList) {
	for _, rel := range files {
		display := path.Join(name, rel)
		if fi, err := fs.Stat(fsys, rel); err == nil && fi.Size() > ls.limits.FileBytes {
			*errs = append(*errs, sizeError(display, fi.Size(), ls.limits.FileBytes))
			continue
		}
		data, err := fs.ReadFile(fsys, rel)
		var nr *plainfile.NotRegularError
		if errors.As(err, &nr) {
			*errs = append(*errs, Error{File: display, Msg: "not a regular file (" + nr.Kind + "): it is not read",
				Hint: "a rule file must be a plain file; remove it or rename it to end in something other than .yaml"})
			continue
		}
		if err != nil {
			*errs = append(*errs, Error{File: display, Msg: err.Error()})
			continue
		}
		sum := sha256.Sum256(data)
		fh := FileHash{Path: display, Hash: hex.EncodeToString(sum[:])}
		set.Files = append(set.Files, fh)
		if storiesOnly {
			// Apart from the rule folder's own files, whose hash
			// lines are those of a set without added stories.
			fmt.Fprintf(h, "stories:%s\x00%s\n", rel, fh.Hash)
		} else {
			fmt.Fprintf(h, "%s\x00%s\n", rel, fh.Hash)
		}

		if int64(len(data)) > ls.limits.FileBytes {
			*errs = append(*errs, sizeError(display, int64(len(data)), ls.limits.FileBytes))
			continue
		}
		if line, col := yamlDepth(data, ls.limits.YAMLDepth); line > 0 {
			*errs = append(*errs, Error{File: display, Line: line, Column: col,
				Msg:  fmt.Sprintf("the YAML nests deeper than %d levels here (--max-yaml-depth): it is not read", ls.limits.YAMLDepth),
				Hint: "rule files nest a few levels (rules: - id: ... phrases: [...]); check for an unclosed [ or {"})
			continue
		}
		f, err := parser.ParseBytes(data, 0)
		if err != nil {
			*errs = append(*errs, yamlError(display, err))
			continue
		}
		for _, doc := range f.Docs {
			if doc == nil || isNull(doc.Body) {
				continue
			}
			top := node{file: display, n: doc.Body}
			if !isMapping(doc.Body) {
				hint := "start the file with one of: " + strings.Join(topKeys, ", ")
				if storiesOnly {
					hint = "start the file with story:"
				}
				*errs = append(*errs, top.errf(hint, "a rule file must be a mapping"))
				continue
			}
			for _, e := range entries(doc.Body) {
				ls.loadSection(set, display, doc.Body, e, storiesOnly, errs)
			}
		}
	}
}

// loadSection loads one top-level section of a rule file.
func (ls *loadState) loadSection(set *Set, display string, body ast.Node, e *ast.MappingValueNode, storiesOnly bool, errs *ErrorList) {
	key := e.Key.String()
	x := node{file: display, n: e.Value, parent: body}
	kn := node{file: display, n: e.Key.(ast.Node)}
	if storiesOnly && key != "story" {
		hint := "keep only story: sections in a stories folder; rules, scoring and boilerplate belong in the rules folder (--rules)"
		if k := closest(key, []string{"story"}); k != "" {
			hint = k
		}
		*errs = append(*errs, kn.errf(hint, "section %q in a stories folder", key))
		return
	}
	switch key {
	case "rules":
		for _, r := range ls.loadRules(x, errs) {
			if first, dup := ls.ruleAt[r.ID]; dup {
				*errs = append(*errs, Error{File: r.File, Line: r.Line, Column: r.Column,
					Msg:  fmt.Sprintf("duplicate rule id %q", r.ID),
					Hint: fmt.Sprintf("rename it; the first is at %s:%d", first.File, first.Line)})
				continue
			}
			ls.ruleAt[r.ID] = Error{File: r.File, Line: r.Line}
			set.Rules = append(set.Rules, r)
		}
	case "scoring":
		line, col := kn.pos()
		if ls.scoringAt != nil {
			*errs = append(*errs, kn.errf("keep one scoring section; the first is at "+fmt.Sprintf("%s:%d", ls.scoringAt.File, ls.scoringAt.Line), "scoring is defined twice"))
			return
		}
		ls.scoringAt = &Error{File: display, Line: line, Column: col}
		set.Scoring = ls.loadScoring(x, errs)
	case "boilerplate":
		set.Boilerplate.Rules = append(set.Boilerplate.Rules, loadBoilerplate(x, errs)...)
	case "story":
		s := ls.loadStory(x, errs)
		ls.checkPhrases(x, errs)
		if s == nil {
			return
		}
		if first, dup := ls.storyAt[s.ID]; dup {
			*errs = append(*errs, x.get("id").errf(fmt.Sprintf("rename it; the first is at %s:%d:%d", first.File, first.Line, first.Column),
				"duplicate story id %q", s.ID))
			return
		}
		ls.storyAt[s.ID] = Error{File: s.File, Line: s.Line, Column: s.Column}
		set.Stories = append(set.Stories, s)
	default:
		hint := closest(key, topKeys)
		if hint == "" {
			hint = "one of " + strings.Join(topKeys, ", ")
		}
		*errs = append(*errs, kn.errf(hint, "unknown section %q", key))
	}
}

var ruleIDPattern = regexp.MustCompile(`^[a-z][a-z0-9_]*\.[a-z0-9_.]+$`)

// loadRules decodes a rules: list.
func (ls *loadState) loadRules(x node, errs *ErrorList) []*Rule {
	seq, ok := unwrap(x.n).(*ast.SequenceNode)
	if !ok {
		if !isNull(x.n) {
			*errs = append(*errs, x.errf("write rules: as a list of rules, each starting with - id: ...", "rules must be a list"))
		}
		return nil
	}
	var out []*Rule
	for i := range seq.Values {
		if id := x.index(i).get("id"); id.n != nil {
			ls.ruleIDs[strings.TrimSpace(id.n.String())] = true
		}
		r := ls.loadRule(x.index(i), errs)
		if r != nil {
			out = append(out, r)
		}
		ls.checkPhrases(x.index(i), errs)
	}
	return out
}

func (ls *loadState) loadRule(x node, errs *ErrorList) *Rule {
	if !isMapping(x.n) {
		*errs = append(*errs, x.errf("", "a rule must be a mapping (id:, family:, kind:, ...)"))
		return nil
	}
	kx := x.get("kind")
	if kx.n == nil {
		*errs = append(*errs, x.errf("add kind: one of "+strings.Join(kindNames(), ", "), "rule has no kind"))
		return nil
	}
	kindName := strings.TrimSpace(kx.n.String())
	k, ok := kinds[kindName]
	if !ok {
		hint := closest(kindName, kindNames())
		list := "one of " + strings.Join(kindNames(), ", ")
		if hint != "" {
			hint += " (" + list + ")"
		} else {
			hint = list
		}
		*errs = append(*errs, kx.errf(hint, "unknown kind %q", kindName))
		return nil
	}
	spec := k.params()
	before := len(*errs)
	if !x.decode(spec, errs) {
		return nil
	}
	h := header(spec)
	r := &Rule{Header: *h, File: x.file}
	r.Line, r.Column = x.pos()
	checkHeader(r, x, errs)
	checkExamples(r, x, errs)
	r.exampleLines = map[string][]int{}
	for _, key := range []string{"fires", "passes"} {
		list := x.get("examples").get(key)
		for i := range map[string][]Example{"fires": r.Examples.Fires, "passes": r.Examples.Passes}[key] {
			line, _ := list.index(i).pos()
			r.exampleLines[key] = append(r.exampleLines[key], line)
		}
	}
	c := k.compile(spec, x, ls, errs)
	if len(*errs) > before {
		return nil
	}
	r.check = c
	return r
}

// checkHeader validates the fields every rule has.
func checkHeader(r *Rule, x node, errs *ErrorList) {
	required := []struct{ key, val string }{{"id", r.ID}, {"family", r.Family}, {"severity", r.Severity}, {"message", r.Message}, {"description", r.Description}}
	for _, f := range required {
		if strings.TrimSpace(f.val) == "" {
			*errs = append(*errs, x.get(f.key).errf("add "+f.key+": ...", "missing key %q", f.key))
		}
	}
	if r.ID != "" && !ruleIDPattern.MatchString(r.ID) {
		*errs = append(*errs, x.get("id").errf("use <family>.<name> in lower case, e.g. dates.fact_mismatch", "rule id %q is not namespaced", r.ID))
	}
	if r.Family != "" {
		r.family = sourcescore.Family(r.Family)
		if !sourcescore.ValidFamily(r.family) {
			*errs = append(*errs, x.get("family").errf("one of "+familyList(), "unknown family %q", r.Family))
		} else if r.ID != "" && !strings.HasPrefix(r.ID, r.Family+".") {
			*errs = append(*errs, x.get("id").errf(fmt.Sprintf("rename it %s.%s", r.Family, r.ID[strings.Index(r.ID, ".")+1:]), "rule id %q does not start with its family %q", r.ID, r.Family))
		}
	}
	if r.Severity != "" {
		sev, err := sourcescore.ParseSeverity(r.Severity)
		if err != nil {
			hint := closest(r.Severity, sourcescore.SeverityNames())
			if hint == "" {
				hint = strings.Join(sourcescore.SeverityNames(), ", ")
			}
			*errs = append(*errs, x.get("severity").errf(hint, "unknown severity %q", r.Severity))
		}
		r.severity = sev
	}
	if x.get("weight").n == nil {
		*errs = append(*errs, x.errf("add weight: 1", "missing key %q", "weight"))
	} else if r.Weight <= 0 || r.Weight > 100 || math.IsNaN(r.Weight) {
		*errs = append(*errs, x.get("weight").errf("a weight greater than 0 and at most 100", "weight %g is out of range", r.Weight))
	}
	for i, l := range r.Languages {
		if len(l) != 2 || strings.ToLower(l) != l {
			*errs = append(*errs, x.get("languages").index(i).errf("a two-letter ISO 639-1 code such as de or en", "bad language code %q", l))
		}
	}
}

func familyList() string {
	names := make([]string, len(sourcescore.Families))
	for i, f := range sourcescore.Families {
		names[i] = string(f)
	}
	return strings.Join(names, ", ")
}

// loadScoring decodes and checks the scoring section. The rule ids its caps
// name are checked by checkCapRules, once every file is loaded.
func (ls *loadState) loadScoring(x node, errs *ErrorList) sourcescore.ScoringConfig {
	var s scoringSpec
	cfg := sourcescore.ScoringConfig{Families: map[sourcescore.Family]float64{}}
	if !x.decode(&s, errs) {
		return cfg
	}
	fx := x.get("families")
	sum := 0.0
	for name, w := range s.Families {
		f := sourcescore.Family(name)
		if !sourcescore.ValidFamily(f) {
			*errs = append(*errs, fx.get(name).errf("one of "+familyList(), "unknown family %q", name))
			continue
		}
		if w < 0 || w > 1 {
			*errs = append(*errs, fx.get(name).errf("a weight from 0 to 1", "family weight %g is out of range", w))
		}
		cfg.Families[f] = w
		sum += w
	}
	for _, f := range sourcescore.Families {
		if _, ok := s.Families[string(f)]; !ok {
			*errs = append(*errs, fx.errf(fmt.Sprintf("add %s: 0.25 (0 leaves it out of the article score)", f), "family %q has no weight", f))
		}
	}
	if len(s.Families) > 0 && math.Abs(sum-1) > 1e-6 {
		*errs = append(*errs, fx.errf("make the family weights add up to 1", "family weights add up to %g, not 1", sum))
	}
	gx := x.get("grades")
	if len(s.Grades) == 0 {
		*errs = append(*errs, gx.errf("add grades: - {grade: A, min: 85} ... - {grade: F, min: 0}", "no grade bands"))
	}
	for i, g := range s.Grades {
		if g.Grade == "" {
			*errs = append(*errs, gx.index(i).errf("add grade: A", "grade band without a grade"))
		}
		if g.Min < 0 || g.Min > 100 {
			*errs = append(*errs, gx.index(i).get("min").errf("a score from 0 to 100", "min %g is out of range", g.Min))
		}
		if i > 0 && g.Min >= s.Grades[i-1].Min {
			*errs = append(*errs, gx.index(i).get("min").errf("list grades best first, each min lower than the one before", "grade %s min %g is not below %g", g.Grade, g.Min, s.Grades[i-1].Min))
		}
		cfg.Grades = append(cfg.Grades, sourcescore.GradeBand{Grade: g.Grade, Min: g.Min})
	}
	if n := len(s.Grades); n > 0 && s.Grades[n-1].Min != 0 {
		*errs = append(*errs, gx.index(n-1).get("min").errf("set the last band's min to 0", "no grade for scores below %g", s.Grades[n-1].Min))
	}
	cx := x.get("caps")
	for i, c := range s.Caps {
		if gc, ok := ls.loadCap(cx.index(i), c, cfg, errs); ok {
			cfg.Caps = append(cfg.Caps, gc)
		}
	}
	return cfg
}

// loadCap checks one grade cap of the scoring section, whose grade bands
// are cfg's. The cap's rule id, if any, is left for checkCapRules.
func (ls *loadState) loadCap(x node, c capSpec, cfg sourcescore.ScoringConfig, errs *ErrorList) (sourcescore.GradeCap, bool) {
	before := len(*errs)
	gc := sourcescore.GradeCap{RuleID: c.Rule, Family: sourcescore.Family(c.Family), AtMost: c.AtMost, Grade: c.Grade}
	rule, family := x.get("rule"), x.get("family")
	switch {
	case (rule.n == nil) == (family.n == nil):
		*errs = append(*errs, x.errf("give rule: <rule id> (e.g. rule: denial.missing) or family: <family> (e.g. family: dates)",
			"a grade cap needs exactly one of rule and family"))
	case rule.n != nil:
		ls.capRules = append(ls.capRules, capRuleRef{id: c.Rule, at: rule})
		if c.AtMost < 0 || c.AtMost > 1 || math.IsNaN(c.AtMost) {
			*errs = append(*errs, x.get("at_most").errf("a rule score from 0 to 1 (0, the default: the rule failed completely)",
				"at_most %g is out of range for a rule cap", c.AtMost))
		}
	default:
		if !sourcescore.ValidFamily(gc.Family) {
			*errs = append(*errs, family.errf("one of "+familyList(), "unknown family %q", c.Family))
		}
		if c.AtMost < 0 || c.AtMost > 100 || math.IsNaN(c.AtMost) {
			*errs = append(*errs, x.get("at_most").errf("a family score from 0 to 100",
				"at_most %g is out of range for a family cap", c.AtMost))
		}
	}
	gx := x.get("grade")
	grades := make([]string, len(cfg.Grades))
	for i, b := range cfg.Grades {
		grades[i] = b.Grade
	}
	switch limit, ok := cfg.CapLimit(c.Grade); {
	case gx.n == nil:
		*errs = append(*errs, x.errf("add grade: C (the best grade an article can then get)", "a grade cap has no grade"))
	case len(grades) == 0:
		// the missing grade bands are reported already
	case !ok:
		// Grades are short labels, so any other is one edit away: only a
		// difference of case is worth a guess.
		hint := "one of " + strings.Join(grades, ", ")
		for _, g := range grades {
			if strings.EqualFold(g, c.Grade) {
				hint = g
			}
		}
		*errs = append(*errs, gx.errf(hint, "grade %q is not one of the grade bands", c.Grade))
	case cfg.GradeFor(limit) != c.Grade:
		*errs = append(*errs, gx.errf("make the grade bands' mins at least 0.1 apart",
			"grade %s cannot be a cap: its band is narrower than 0.1, so the top of it (%g) would have another grade", c.Grade, limit))
	}
	return gc, len(*errs) == before
}

// checkCapRules reports the grade caps that name a rule the set does not
// have. It runs after every file is loaded: the rules may come later.
func (ls *loadState) checkCapRules(errs *ErrorList) {
	if len(ls.capRules) == 0 {
		return
	}
	ids := make([]string, 0, len(ls.ruleIDs))
	for id := range ls.ruleIDs {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, c := range ls.capRules {
		if ls.ruleIDs[c.id] {
			continue
		}
		hint := closest(c.id, ids)
		// A shared family makes long ids look alike: the names must be
		// near too ("likely_mt" is no typo of "names_en").
		if f, name, ok := strings.Cut(c.id, "."); ok && hint != "" && strings.HasPrefix(hint, f+".") &&
			closest(name, []string{strings.TrimPrefix(hint, f+".")}) == "" {
			hint = ""
		}
		if hint == "" {
			hint = "add the rule first, or name one of the set's rules (sourcescore rules test lists them)"
		}
		*errs = append(*errs, c.at.errf(hint, "unknown rule id %q in a grade cap", c.id))
	}
}

// loadBoilerplate decodes and compiles the boilerplate markers.
func loadBoilerplate(x node, errs *ErrorList) []sourcescore.CutRule {
	var specs []cutSpec
	if !x.decode(&specs, errs) {
		return nil
	}
	var out []sourcescore.CutRule
	for i, c := range specs {
		cx := x.index(i)
		if (c.Line == "") == (c.Pattern == "") {
			*errs = append(*errs, cx.errf("give line: \"exact text\" or pattern: \"regex\"", "a boilerplate marker needs exactly one of line and pattern"))
			continue
		}
		if c.ToEnd && (c.Until != "" || c.Block) || (c.Block && c.Until != "") {
			*errs = append(*errs, cx.errf("keep one of to_end, until and block", "a boilerplate marker can only have one of to_end, until and block"))
			continue
		}
		rule := sourcescore.CutRule{Name: c.Name, ToEnd: c.ToEnd, Block: c.Block}
		if rule.Name == "" {
			rule.Name = c.Line + c.Pattern
		}
		expr := c.Pattern
		at := cx.get("pattern")
		if c.Line != "" {
			expr = `(?i)^` + regexp.QuoteMeta(strings.TrimSpace(c.Line)) + `$`
			at = cx.get("line")
		}
		re, err := engine.CompilePattern(expr)
		if err != nil {
			*errs = append(*errs, at.errf("check the pattern; Go uses RE2 syntax", "%v", err))
			continue
		}
		rule.Start = re
		rule.StartFilter = engine.LineFilter(expr)
		if c.Until != "" {
			if rule.Until, err = engine.CompilePattern(c.Until); err != nil {
				*errs = append(*errs, cx.get("until").errf("check the pattern; Go uses RE2 syntax", "%v", err))
				continue
			}
			rule.UntilFilter = engine.LineFilter(c.Until)
		}
		out = append(out, rule)
	}
	return out
}

// wordList reads a word list (one word per line, as Debian's wngerman) once
// per load. A missing file gives nil: rules must work without it.
func (ls *loadState) wordList(p string) *wordList {
	if p == "" {
		return nil
	}
	if w, ok := ls.wordLists[p]; ok {
		return w
	}
	data, err := plainfile.ReadFile(p, 0) // never waits on a named pipe
	if err != nil {
		ls.wordLists[p] = nil
		return nil
	}
	sum := sha256.Sum256(data)
	ls.extra = append(ls.extra, FileHash{Path: "wordlist:" + p, Hash: hex.EncodeToString(sum[:])})
	l := lazyWordList(string(data))
	ls.wordLists[p], ls.wordTexts[p] = l, l.text
	return l
}

// lowerWordList is the word list at p with only the words it writes with a
// lower-case first letter ("nicht", not "Tinnitus"), read once per load as
// wordList reads it; nil when the file is absent.
func (ls *loadState) lowerWordList(p string) *wordList {
	key := "\x00lower\x00" + p // no path holds a NUL byte
	if w, ok := ls.wordLists[key]; ok {
		return w
	}
	full := ls.wordList(p)
	var l *wordList
	if full != nil {
		l = &wordList{text: ls.wordTexts[p], lowerOnly: true}
	}
	ls.wordLists[key] = l
	return l
}

// parseWordList makes the list of text's words, one a line, lower-cased;
// blank lines and lines beginning with # are left out. Valid UTF-8 (as
// Debian's lists are) is lower-cased whole and hashed line by line, with
// no string per word: half a million words load in a third of the time.
//
// With lowerOnly, only the words written with a lower-case first letter
// are taken.
func parseWordList(text string, lowerOnly bool) *wordList {
	taken := func(w string) bool { // w: a line of text, trimmed
		if w == "" || strings.HasPrefix(w, "#") {
			return false
		}
		if lowerOnly {
			r, _ := utf8.DecodeRuneInString(w)
			return unicode.IsLower(r)
		}
		return true
	}
	if !utf8.ValidString(text) {
		// LowerSameLength gives up on a string with a byte that is no
		// UTF-8: lower each line alone, as it always was.
		var words []string
		for line := range strings.SplitSeq(text, "\n") {
			if w := strings.TrimSpace(line); taken(w) {
				words = append(words, sourcescore.LowerSameLength(w))
			}
		}
		return newWordList(words)
	}
	// LowerSameLength keeps every byte offset, so a line of lower is the
	// same line of text.
	lower := sourcescore.LowerSameLength(text)
	l := newWordListSized(strings.Count(lower, "\n") + 1)
	for off := 0; off < len(lower); {
		end := strings.IndexByte(lower[off:], '\n')
		if end < 0 {
			end = len(lower)
		} else {
			end += off
		}
		line := lower[off:end]
		if lowerOnly && !taken(strings.TrimSpace(text[off:end])) {
			off = end + 1
			continue
		}
		off = end + 1
		if w := strings.TrimSpace(line); w != "" && !strings.HasPrefix(w, "#") {
			l.addHash(hashWord(w))
		}
	}
	return l
}
