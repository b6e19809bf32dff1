// Package scoring turns rule scores into family, article and outlet scores
// and grades. It is pure: no I/O, no state beyond what is passed in.
//
// A rule scores 0 to 1. A family's score is the weighted mean of its applied
// rules (rule weights), times 100; a family with no applied rule is "not
// scored". The article score is the weighted mean of the scored families
// (family weights from the rule set's scoring section), so a family that
// could not be scored is left out rather than counted as zero. An outlet's
// score is the mean of its articles' scores in the run.
package scoring
