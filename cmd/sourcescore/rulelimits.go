package main

import (
	"fmt"

	"sourcescore/job"
	"sourcescore/rules"
)

// ruleLimits are the flags of every command that loads a rule set: what a
// rule file and the set may hold (see rules.Limits).
type ruleLimits struct {
	fileBytes, yamlDepth, phrases int
}

func (l *ruleLimits) register(fs interface {
	IntVar(*int, string, int, string)
}) {
	fs.IntVar(&l.fileBytes, "max-rule-file-bytes", rules.DefaultRuleFileBytes, "largest rule or story file read, in `bytes` (8388608 is 8 MiB); a larger one is refused at file:1:1")
	fs.IntVar(&l.yamlDepth, "max-yaml-depth", rules.DefaultYAMLDepth, "deepest nesting of a rule file's YAML, in `levels` ([ { or indentation); deeper is refused at its line:column")
	fs.IntVar(&l.phrases, "max-phrases", rules.DefaultPhrases, "at most `N` phrases in all the phrase lists of the rule set together; the list that passes it is refused at its line:column")
}

// source checks the limits and returns the rule source of the folders dir
// and stories ("" for none) within them.
func (l ruleLimits) source(dir, stories string) (job.RuleSource, error) {
	for _, v := range []struct {
		name string
		n    int
	}{{"max-rule-file-bytes", l.fileBytes}, {"max-yaml-depth", l.yamlDepth}, {"max-phrases", l.phrases}} {
		if v.n < 1 {
			return job.RuleSource{}, usageError{fmt.Sprintf("--%s %d: use 1 or more", v.name, v.n)}
		}
	}
	return job.RuleSource{Dir: dir, Stories: stories,
		Limits: rules.Limits{FileBytes: int64(l.fileBytes), YAMLDepth: l.yamlDepth, Phrases: l.phrases}}, nil
}
