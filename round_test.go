package sourcescore

import "testing"

func TestFormatDecimal(t *testing.T) {
	tests := []struct {
		v    float64
		prec int
		want string
	}{
		{96.25, 1, "96.3"}, // an exact half: away from zero (strconv says 96.2)
		{96.75, 1, "96.8"},
		{-96.25, 1, "-96.3"},
		{0.15, 1, "0.1"}, // 0.1499999999999999944...: no half
		{0.45, 1, "0.5"}, // 0.4500000000000000111...
		{64.35, 1, "64.3"},
		{2.675, 2, "2.67"}, // 2.67499999999999982236431605997495353221893310546875
		{0.0625, 3, "0.063"},
		{0.5, 0, "1"},
		{2.5, 0, "3"},
		{100, 1, "100.0"},
		{0, 1, "0.0"},
		{58.6, 1, "58.6"},
	}
	for _, tt := range tests {
		if got := FormatDecimal(tt.v, tt.prec); got != tt.want {
			t.Errorf("FormatDecimal(%v, %d) = %s, want %s", tt.v, tt.prec, got, tt.want)
		}
		if got := string(AppendDecimal([]byte("x"), tt.v, tt.prec)); got != "x"+tt.want {
			t.Errorf("AppendDecimal(%v, %d) = %s, want x%s", tt.v, tt.prec, got, tt.want)
		}
	}
	if got := RoundDecimal(96.25, 1); got != 96.3 {
		t.Errorf("RoundDecimal(96.25, 1) = %v", got)
	}
}
