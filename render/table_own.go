package render

import (
	"io"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"
)

// OwnTable is one of gocqlsh's own tables (JOBS, SHOW HOSTS, ...), which
// have no cqlsh original to match byte for byte: a header and rows of
// cells, each column aligned left or right.
type OwnTable struct {
	Header []string
	Rows   [][]string
	// Right lists the columns aligned right (numbers).
	Right []bool
	// Box draws Unicode borders round every cell; otherwise the table looks
	// like cqlsh's: columns parted by " | ", a dashed line under the header.
	Box bool
}

// Write renders t to w.
func (t *OwnTable) Write(w io.Writer) error {
	align := make([]tw.Align, len(t.Header))
	for i := range align {
		align[i] = tw.AlignLeft
		if i < len(t.Right) && t.Right[i] {
			align[i] = tw.AlignRight
		}
	}
	rend := tw.Rendition{
		Borders: tw.Border{Left: tw.Off, Right: tw.Off, Top: tw.Off, Bottom: tw.Off},
		Symbols: tw.NewSymbols(tw.StyleASCII),
		Settings: tw.Settings{
			Lines:      tw.Lines{ShowHeaderLine: tw.On},
			Separators: tw.Separators{BetweenColumns: tw.On},
		},
	}
	if t.Box {
		rend = tw.Rendition{
			Borders: tw.BorderNone,
			Symbols: tw.NewSymbols(tw.StyleLight),
			Settings: tw.Settings{
				Lines:      tw.Lines{ShowTop: tw.On, ShowBottom: tw.On, ShowHeaderLine: tw.On},
				Separators: tw.Separators{BetweenColumns: tw.On},
			},
		}
		rend.Borders = tw.Border{Left: tw.On, Right: tw.On, Top: tw.On, Bottom: tw.On}
	}
	tbl := tablewriter.NewTable(w,
		tablewriter.WithRenderer(renderer.NewBlueprint(rend)),
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithHeaderAlignment(tw.AlignLeft),
		tablewriter.WithRowAutoWrap(tw.WrapNone),
		tablewriter.WithHeaderAutoWrap(tw.WrapNone),
		tablewriter.WithTrimSpace(tw.Off),
		tablewriter.WithRowAlignmentConfig(tw.CellAlignment{PerColumn: align}),
	)
	tbl.Header(t.Header)
	for _, r := range t.Rows {
		row := make([]string, len(r)) // the table keeps what it is given
		copy(row, r)
		if err := tbl.Append(row); err != nil {
			return err
		}
	}
	return tbl.Render()
}
