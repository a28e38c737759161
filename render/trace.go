package render

import "io"

// TraceRow is one event of a query trace, each field already as text:
// SourceElapsed is microseconds, or "--" when unknown.
type TraceRow struct {
	Activity, Timestamp, Source, SourceElapsed, Client string
}

// TraceView is a query trace ready to print.
type TraceView struct {
	SessionID string
	Rows      []TraceRow
}

// WriteTrace prints a trace as cqlsh does after a traced statement: a blank
// line, "Tracing session: <id>", a blank line, a table of activity,
// timestamp, source, source_elapsed and client (values right-justified;
// elapsed times coloured as numbers), a blank line after the table when
// Tty, and a final blank line.
func WriteTrace(w io.Writer, tv *TraceView, o *Options) error {
	o = orDefault(o)
	f := NewFormatter(o)
	cols := []Column{{Name: "activity"}, {Name: "timestamp"}, {Name: "source"}, {Name: "source_elapsed"}, {Name: "client"}}
	var names, cells grid
	names.names(f, cols)
	for _, r := range tv.Rows {
		for i, s := range [...]string{r.Activity, r.Timestamp, r.Source, r.SourceElapsed, r.Client} {
			col := f.pal.text
			if i == 3 && isDigits(s) {
				col = f.pal.number
			}
			var cw int
			cells.buf, cw = f.appendText(cells.buf, s, false, col)
			cells.push(cw)
		}
	}
	out := []byte{'\n'}
	out = append(out, f.pal.regular...)
	out = append(out, "Tracing session: "...)
	out = append(out, f.pal.resetIf(f.pal.regular)...)
	out = append(out, tv.SessionID...)
	out = append(out, '\n', '\n')
	widths := growWidths(nil, &names, &cells, false)
	out = appendHeader(out, &names, widths)
	for i := 0; i < len(cells.widths); i += len(cols) {
		out = appendRow(out, &cells, i, widths)
	}
	if o.Tty {
		out = append(out, '\n')
	}
	out = append(out, '\n')
	return writeOut(w, out)
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
