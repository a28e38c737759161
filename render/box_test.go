package render

import "testing"

// TestBoxGolden renders FORMAT box: a box per page with widths that only
// grow (CJK values measured two columns each), the terminal's layout, an
// empty result, and colours (go test -run Box -args -update).
func TestBoxGolden(t *testing.T) {
	empty := growing(t)
	empty.rows = nil
	tests := []struct {
		golden string
		ct     capturedTable
		o      *Options
		pages  []int
	}{
		{"box_growing.golden", growing(t), nil, []int{2, 2, 1}},
		{"box_one_page.golden", growing(t), nil, nil},
		{"box_growing_tty.golden", growing(t), &Options{Tty: true}, []int{2, 2, 1}},
		{"box_empty.golden", empty, nil, nil},
		{"box_color.golden", growing(t), &Options{Color: true}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.golden, func(t *testing.T) {
			golden(t, tt.golden, render(t, FormatBox, tt.ct, tt.o, tt.pages...))
		})
	}
}

func TestParseBox(t *testing.T) {
	f, err := ParseFormat("BOX")
	if err != nil || f != FormatBox || f.String() != "box" {
		t.Errorf("ParseFormat(BOX) = %v, %v", f, err)
	}
}
