// Package job runs one scoring pass: it reads the input folder (ingest),
// applies the rule set (rules), scores (scoring), writes the run to SQLite
// in one transaction (store) and writes the CSV reports (reports). It is
// where those packages meet; none of them imports another.
//
// Articles go through a fixed pool of workers and come out in file order, so
// the same input and rules always give the same database rows and
// byte-identical CSVs, whatever the number of workers.
//
// Runs are incremental: an article whose file bytes, manifest entry and
// rule set are those of the latest successful run over the same folder is
// not scored again; that run's stored results are written into the new run
// as they are, which gives the rows and files a fresh scoring would (the
// tests compare both byte for byte). A changed rule set scores everything
// again, and Config.Rescore forces it.
//
// Each run also writes the history of its outlets: previous_score and
// delta in outlet_scores.csv, and trend.csv over the last runs. Report
// writes the files of any stored run again from the database alone.
//
// Run scores with a rule set the caller loaded; RunUnattended loads the
// rules itself and records every failed attempt, for scheduled runs. The
// job neither schedules, nor locks, nor exits: cmd does that.
package job
