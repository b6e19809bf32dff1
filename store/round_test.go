package store

import (
	"context"
	"math/rand"
	"strconv"
	"testing"

	"sourcescore"
)

// TestRound_sameAsSQL: a score as sourcescore shows it (CSV, terminal,
// explain) has the last digit of SQL's round(score, 1) and printf('%.1f')
// on the stored value, for exact halves such as 96.25 (where Go's strconv
// alone says 96.2) and for random scores, with 1 and 3 decimals.
func TestRound_sameAsSQL(t *testing.T) {
	db := openTestDB(t)
	ctx := context.Background()
	var values []float64
	for i := 0; i <= 4000; i++ {
		values = append(values, float64(i)/40) // every x.x25, x.x5, x.x75 to 100
	}
	r := rand.New(rand.NewSource(13))
	for range 20000 {
		values = append(values, r.Float64()*100, float64(r.Intn(1000))/1000*100)
	}
	for _, v := range values {
		for _, prec := range []int{1, 3} {
			var sqlRound float64
			var sqlPrintf string
			if err := db.db.QueryRowContext(ctx, "SELECT round(?, ?), printf('%.*f', ?, ?)", v, prec, prec, v).Scan(&sqlRound, &sqlPrintf); err != nil {
				t.Fatal(err)
			}
			got := sourcescore.FormatDecimal(v, prec)
			if got != sqlPrintf || got != strconv.FormatFloat(sqlRound, 'f', prec, 64) {
				t.Fatalf("%v with %d decimals: sourcescore shows %s, SQL round %v, printf %s", v, prec, got, sqlRound, sqlPrintf)
			}
		}
	}
}
