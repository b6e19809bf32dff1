// Package scoring turns rule scores into family, article and outlet scores
// and grades. It is pure: no I/O, no state beyond what is passed in.
//
// A rule scores 0 to 1. A family's score is the weighted mean of its applied
// rules (rule weights), times 100; a family with no applied rule is "not
// scored". The article score is the weighted mean of the scored families
// (family weights from the rule set's scoring section), so a family that
// could not be scored is left out rather than counted as zero. Grade caps
// then limit it: a cap whose rule was applied (or family scored) and scored
// at most its threshold holds the article score to the top of the cap's
// grade band (the next better band's min minus 0.1); the lowest limit of
// all caps that apply wins. The grade is the band of the capped score. An
// outlet's score is the mean of its articles' (capped) scores in the run.
package scoring
