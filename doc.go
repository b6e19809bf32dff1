// Package sourcescore holds the domain types of the sourcescore job: articles
// and their metadata, findings with their evidence and position, rule, family,
// article and outlet scores, runs and skipped inputs, and the sentinel errors
// shared by the packages that produce and consume them.
//
// The package imports only the standard library. Everything that reads files,
// applies rules, stores or reports lives in the sub-packages; job is where they
// meet.
package sourcescore
