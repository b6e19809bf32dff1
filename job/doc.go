// Package job runs one scoring pass: it reads the input folder (ingest),
// applies the rule set (rules), scores (scoring), writes the run to SQLite
// in one transaction (store) and writes the CSV reports (reports). It is
// where those packages meet; none of them imports another.
//
// Articles go through a fixed pool of workers and come out in file order, so
// the same input and rules always give the same database rows and
// byte-identical CSVs, whatever the number of workers. The job neither
// schedules nor exits: cmd does that.
package job
