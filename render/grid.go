package render

import "github.com/gocqlsh/gocqlsh/driver/cqltype"

// grid holds formatted cells back to back in one reused buffer, so a page
// of rows costs no allocation once the buffers have grown.
type grid struct {
	buf    []byte
	ends   []int // end offset in buf of each cell
	widths []int // display width of each cell
}

func (g *grid) reset() {
	g.buf, g.ends, g.widths = g.buf[:0], g.ends[:0], g.widths[:0]
}

func (g *grid) push(w int) {
	g.ends = append(g.ends, len(g.buf))
	g.widths = append(g.widths, w)
}

func (g *grid) cell(i int) []byte {
	start := 0
	if i > 0 {
		start = g.ends[i-1]
	}
	return g.buf[start:g.ends[i]]
}

// fill formats a page of rows, recording format errors in log.
func (g *grid) fill(f *Formatter, cols []Column, rows [][][]byte, log *ErrorLog) error {
	g.reset()
	for _, row := range rows {
		if len(row) != len(cols) {
			return &RowError{Want: len(cols), Got: len(row)}
		}
		for i, cell := range row {
			var w int
			var fe *FormatError
			g.buf, w, fe = f.AppendCell(g.buf, cols[i].Type, cell)
			log.add(fe)
			g.push(w)
		}
	}
	return nil
}

// names formats column names as cqlsh formats headers: as text, in the
// colour of the column's role.
func (g *grid) names(f *Formatter, cols []Column) {
	g.reset()
	for _, c := range cols {
		var w int
		g.buf, w = f.appendText(g.buf, c.Name, false, f.pal.role(c.Role))
		g.push(w)
	}
}

func (p *palette) role(r Role) string {
	switch r {
	case PartitionKey:
		return p.partitionKey
	case Clustering:
		return p.clustering
	case Static:
		return p.static
	}
	return p.regular
}

func appendSpaces(dst []byte, n int) []byte {
	for ; n > 0; n-- {
		dst = append(dst, ' ')
	}
	return dst
}

func appendDashes(dst []byte, n int) []byte {
	for ; n > 0; n-- {
		dst = append(dst, '-')
	}
	return dst
}

// appendHeader appends cqlsh's header and rule: names left-justified and
// joined by " | " after one space, the line right-stripped; then each
// width in dashes joined by "-+-" with one more dash at each end.
func appendHeader(dst []byte, names *grid, widths []int) []byte {
	start := len(dst)
	dst = append(dst, ' ')
	for i, w := range widths {
		if i > 0 {
			dst = append(dst, " | "...)
		}
		dst = append(dst, names.cell(i)...)
		dst = appendSpaces(dst, w-names.widths[i])
	}
	for len(dst) > start && dst[len(dst)-1] == ' ' {
		dst = dst[:len(dst)-1]
	}
	dst = append(dst, '\n', '-')
	for i, w := range widths {
		if i > 0 {
			dst = append(dst, "-+-"...)
		}
		dst = appendDashes(dst, w)
	}
	return append(dst, '-', '\n')
}

// appendRow appends one row line: every value right-justified.
func appendRow(dst []byte, g *grid, first int, widths []int) []byte {
	dst = append(dst, ' ')
	for i, w := range widths {
		if i > 0 {
			dst = append(dst, " | "...)
		}
		dst = appendSpaces(dst, w-g.widths[first+i])
		dst = append(dst, g.cell(first+i)...)
	}
	return append(dst, '\n')
}

// growWidths sets widths to the column widths of the page in g (at least
// the header widths), or to the larger of those and the current widths
// when keep is set.
func growWidths(widths []int, header *grid, g *grid, keep bool) []int {
	n := len(header.widths)
	if len(widths) != n {
		widths = append(widths[:0], header.widths...)
	} else if !keep {
		copy(widths, header.widths)
	}
	for i, w := range g.widths {
		if c := i % n; w > widths[c] {
			widths[c] = w
		}
	}
	return widths
}

// Role is a column's part in the primary key; it picks the header colour.
type Role uint8

// Column roles.
const (
	Regular Role = iota
	PartitionKey
	Clustering
	Static
)

// Column describes one result column.
type Column struct {
	Name string
	Type *cqltype.Type
	Role Role
}
