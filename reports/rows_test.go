package reports

import (
	"math"
	"testing"
)

func TestNeutralise(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"=1+1", "'=1+1"},
		{"+49 30 1234", "'+49 30 1234"},
		{"-- Anzeige --", "'-- Anzeige --"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\tx", "'\tx"},
		{"\rx", "'\rx"},
		{"'already quoted", "'already quoted"},
		{" =not first", " =not first"},
		{"Bundestag", "Bundestag"},
		{"über", "über"},
	}
	for _, tt := range tests {
		if got := Neutralise(tt.in); got != tt.want {
			t.Errorf("Neutralise(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestDecimal_MarshalCSV(t *testing.T) {
	tests := []struct {
		name    string
		d       decimal
		want    string
		wantErr bool
	}{
		{"one decimal", numbers{}.score100(73.44), "73.4", false},
		{"one decimal rounds", numbers{}.score100(73.46), "73.5", false},
		{"hundred", numbers{}.score100(100), "100.0", false},
		{"comma", numbers{comma: true}.score100(73.44), "73,4", false},
		{"three decimals", numbers{}.score1(2.0/3, true), "0.667", false},
		{"not applied", numbers{}.score1(0.5, false), "", false},
		{"not applied NaN is fine", numbers{}.score1(math.NaN(), false), "", false},
		{"exact", numbers{}.exact(1.25), "1.25", false},
		{"exact integer", numbers{}.exact(2), "2", false},
		{"exact small", numbers{comma: true}.exact(0.0001), "0,0001", false},
		{"negative zero", numbers{}.score100(math.Copysign(0, -1)), "0.0", false},
		{"tiny negative", numbers{}.score1(-0.0001, true), "0.000", false},
		{"negative", numbers{}.exact(-0.5), "-0.5", false},
		{"NaN", numbers{}.score100(math.NaN()), "", true},
		{"Inf", numbers{}.exact(math.Inf(1)), "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.d.MarshalCSV()
			if (err != nil) != tt.wantErr {
				t.Fatalf("MarshalCSV() error = %v, want error %v", err, tt.wantErr)
			}
			if got != tt.want {
				t.Errorf("MarshalCSV() = %q, want %q", got, tt.want)
			}
		})
	}
}
