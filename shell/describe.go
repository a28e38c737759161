package shell

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/gocqlsh/gocqlsh/driver"
	"github.com/gocqlsh/gocqlsh/driver/cqltype"
)

// cmdDescribe sends DESCRIBE to the server (Cassandra 4.0+ answers it) and
// prints the answer the way cqlsh lays it out.
func (sh *Shell) cmdDescribe(ctx context.Context, text string, line int) {
	text = strings.TrimSuffix(strings.TrimSpace(text), ";")
	words := strings.Fields(text)
	what := ""
	if len(words) > 1 {
		what = strings.ToLower(words[1])
		if what == "only" || what == "full" {
			if len(words) > 2 {
				what = strings.ToLower(words[2])
			}
		}
	}
	q := &driver.Query{Statement: text, Consistency: driver.LocalOne, PageSize: 5000}
	it := sh.sess.Iter(ctx, q)
	var rows []map[string]any
	for it.Next() {
		row := map[string]any{}
		for j, c := range it.Columns() {
			v, err := it.Value(j)
			if err == nil {
				row[c.Name] = v
			}
		}
		rows = append(rows, row)
	}
	if err := it.Err(); err != nil {
		var se *driver.Error
		if errors.As(err, &se) {
			sh.printErr(line, se.Message)
		} else {
			sh.printErr(line, FormatError(err))
		}
		return
	}
	str := func(r map[string]any, k string) string { s, _ := r[k].(string); return s }
	switch what {
	case "keyspaces":
		names := make([]string, len(rows))
		for i, r := range rows {
			names[i] = str(r, "name")
		}
		sh.printOut("\n%s\n", columnize(names, 80))
	case "tables", "columnfamilies", "types", "functions", "aggregates":
		ks := "\x00"
		var names []string
		flush := func() {
			sh.printOut("\n")
			if sh.sess.Keyspace() == "" {
				sh.printOut("Keyspace %s\n---------%s\n", ks, strings.Repeat("-", len(ks)))
			}
			sh.printOut("%s", columnize(names, 80))
		}
		for _, r := range rows {
			if k := str(r, "keyspace_name"); k != ks {
				if ks != "\x00" {
					flush()
				}
				ks, names = k, nil
			}
			names = append(names, str(r, "name"))
		}
		if ks != "\x00" {
			flush()
			sh.printOut("\n")
		}
	case "cluster":
		for _, r := range rows {
			sh.printOut("\nCluster: %s\nPartitioner: %s\nSnitch: %s\n\n", str(r, "cluster"), str(r, "partitioner"), str(r, "snitch"))
			if own, ok := r["range_ownership"]; ok {
				sh.printOut("Range ownership:\n")
				for _, e := range asEntries(own) {
					sh.printOut(" %39v  [%s]\n", e.key, strings.Join(e.values, ", "))
				}
				sh.printOut("\n")
			}
		}
	default:
		for _, r := range rows {
			sh.printOut("\n%s\n", str(r, "create_statement"))
		}
	}
}

type ownership struct {
	key    any
	values []string
}

// asEntries reads a decoded map<text, list<text>>.
func asEntries(v any) []ownership {
	m, _ := v.([]cqltype.MapEntry)
	out := make([]ownership, 0, len(m))
	for _, e := range m {
		out = append(out, ownership{key: e.Key, values: strList(e.Value)})
	}
	return out
}

func strList(v any) []string {
	l, _ := v.([]any)
	out := make([]string, 0, len(l))
	for _, x := range l {
		out = append(out, fmt.Sprint(x))
	}
	return out
}

// columnize lays names out in columns like Python's cmd.Cmd.columnize: as
// few rows as fit in width, column-major, two spaces between columns, every
// cell padded to its column's width.
func columnize(names []string, width int) string {
	if len(names) == 0 {
		return "<empty>\n"
	}
	if len(names) == 1 {
		return names[0] + "\n"
	}
	size := len(names)
	var nrows, ncols int
	var widths []int
	for nrows = 1; nrows < size; nrows++ {
		ncols = (size + nrows - 1) / nrows
		widths = widths[:0]
		total := -2
		for col := 0; col < ncols; col++ {
			w := 0
			for row := 0; row < nrows; row++ {
				i := row + nrows*col
				if i >= size {
					break
				}
				w = max(w, len(names[i]))
			}
			widths = append(widths, w)
			total += w + 2
			if total > width {
				break
			}
		}
		if total <= width {
			break
		}
	}
	if nrows == size {
		ncols = 1
		widths = []int{0}
		for _, n := range names {
			widths[0] = max(widths[0], len(n))
		}
	}
	var b strings.Builder
	for row := 0; row < nrows; row++ {
		var texts []string
		for col := 0; col < ncols; col++ {
			i := row + nrows*col
			if i < size {
				texts = append(texts, names[i])
			} else {
				texts = append(texts, "")
			}
		}
		for len(texts) > 0 && texts[len(texts)-1] == "" {
			texts = texts[:len(texts)-1]
		}
		for col := range texts {
			texts[col] += strings.Repeat(" ", widths[col]-len(texts[col]))
		}
		b.WriteString(strings.Join(texts, "  "))
		b.WriteByte('\n')
	}
	return b.String()
}
