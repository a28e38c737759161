package render

import "testing"

// TestTableAutoExpand renders the growing result (page widths 13, 27 and
// 13 columns as a table) at several screen widths: pages wider than the
// screen come out in the "@ Row N" form, numbered on from the rows before,
// and a table page after one repeats its header.
func TestTableAutoExpand(t *testing.T) {
	tests := []struct {
		name   string
		golden string // "" means: the same as the plain table
		o      Options
	}{
		{name: "off", o: Options{}},
		{name: "wide screen", o: Options{ExpandWiderThan: 200}},
		{name: "exactly wide enough", o: Options{ExpandWiderThan: 27}},
		{name: "middle page too wide", golden: "table_auto_expand.golden", o: Options{ExpandWiderThan: 26}},
		{name: "middle page too wide tty", golden: "table_auto_expand_tty.golden", o: Options{ExpandWiderThan: 20, Tty: true}},
		{name: "every page too wide", golden: "table_auto_expand_all.golden", o: Options{ExpandWiderThan: 10}},
	}
	plain := render(t, FormatTable, growing(t), nil, 2, 2, 1)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := tt.o
			got := render(t, FormatTable, growing(t), &o, 2, 2, 1)
			if tt.golden == "" {
				if got != plain {
					t.Errorf("got\n%s\nwant the plain table\n%s", got, plain)
				}
				return
			}
			golden(t, tt.golden, got)
		})
	}
}

// TestTableWidth is the measure EXPAND AUTO compares with the screen.
func TestTableWidth(t *testing.T) {
	for _, tt := range []struct {
		widths []int
		want   int
	}{
		{nil, 0},
		{[]int{4}, 6},      // " 1000 "
		{[]int{4, 18}, 27}, // " 1000 | a much longer name "
	} {
		if got := tableWidth(tt.widths); got != tt.want {
			t.Errorf("tableWidth(%v) = %d, want %d", tt.widths, got, tt.want)
		}
	}
}
