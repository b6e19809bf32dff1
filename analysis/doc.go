// Package analysis computes what the views show about stored runs: the
// explanation of an article's score with its ledger and grade caps
// (Explain), the difference between two runs (Diff) and the comparison of
// the outlets on each story of a run (CompareRun, or StoryCollector as a
// run is scored). It reads the store and the
// article files, and returns plain structs that the terminal and JSON
// views of cmd, the CSVs and the workbook of reports and the HTML report
// render; none of them computes anything of its own.
//
// The models' JSON field names are part of the command line's interface
// (explain, diff and compare --format json; see README): change them only
// with the README.
//
// analysis sits between job and the five middle packages: it imports
// ingest, rules, scoring, store and reports, and job and cmd import it.
package analysis
