package render

// autoExpand is what a Table keeps for EXPAND AUTO (Options.ExpandWiderThan):
// the pages it printed expanded are measured apart from its table columns,
// so one wide page does not widen the tables that follow.
type autoExpand struct {
	rows      int   // rows written so far, both forms: "@ Row N" numbers on
	valWidth  int   // widest value of the expanded pages (the rule's length)
	spare     []int // the widths a page would give the table, reused
	headerDue bool  // an expanded page came last: the next table page repeats its header
	tableLast bool  // a table page came last: a blank line parts it from expanded rows
}

// tableWidth is the width of a table line with these column widths: one
// space each side of every cell and "|" between cells (the rule's length).
func tableWidth(widths []int) int {
	w := 0
	for _, c := range widths {
		w += c + 3
	}
	return max(w-1, 0)
}

// tooWide reports whether the page just formatted would make the table
// wider than Options.ExpandWiderThan.
func (t *Table) tooWide() bool {
	t.auto.spare = growWidths(append(t.auto.spare[:0], t.widths...), &t.names, &t.page, !t.o.CompatPageWidths)
	return tableWidth(t.auto.spare) > t.o.ExpandWiderThan
}

// appendPage appends the formatted page in the expanded form.
func (a *autoExpand) appendPage(out []byte, names, page *grid, o *Options) []byte {
	nameWidth := 0
	for _, w := range names.widths {
		nameWidth = max(nameWidth, w)
	}
	if o.CompatPageWidths {
		a.valWidth = 0
	}
	for _, w := range page.widths {
		a.valWidth = max(a.valWidth, w)
	}
	if a.tableLast && !o.Tty {
		out = append(out, '\n')
	}
	a.headerDue, a.tableLast = true, false
	return appendExpandedRows(out, names, page, nameWidth, a.valWidth, &a.rows)
}
