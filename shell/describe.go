package shell

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/gocqlsh/gocqlsh/driver"
	"github.com/gocqlsh/gocqlsh/driver/cqltype"
	"github.com/gocqlsh/gocqlsh/driver/frame"
	"github.com/gocqlsh/gocqlsh/shell/describe"
	"github.com/gocqlsh/gocqlsh/shell/pyfmt"
)

// describeBackend is what DESCRIBE needs from the server: its answer to
// the DESCRIBE statement, its release, and its system_schema tables for the
// client-side fallback. Tests substitute it to script the server's answer.
type describeBackend interface {
	serverDescribe(ctx context.Context, stmt string) ([]map[string]any, error)
	releaseVersion(ctx context.Context) string
	loadSchema(ctx context.Context) (*describe.Schema, error)
}

// sessionBackend is the describeBackend of a live session.
type sessionBackend struct{ sh *Shell }

func (b sessionBackend) serverDescribe(ctx context.Context, stmt string) ([]map[string]any, error) {
	q := &driver.Query{Statement: stmt, Consistency: driver.LocalOne, PageSize: 5000}
	it := b.sh.sess.Iter(ctx, q)
	var rows []map[string]any
	for it.Next() {
		row, err := it.MapRow()
		if err != nil {
			it.Close()
			return nil, err
		}
		rows = append(rows, row)
	}
	return rows, it.Close()
}

func (b sessionBackend) releaseVersion(ctx context.Context) string {
	// One node's version does not change under a session: ask once.
	if b.sh.release == "" || b.sh.release == "?" {
		b.sh.release = b.sh.localInfo(ctx, "release_version")
	}
	return b.sh.release
}

func (b sessionBackend) loadSchema(ctx context.Context) (*describe.Schema, error) {
	return b.sh.schema.Schema(ctx)
}

// cmdDescribe sends DESCRIBE to the server (Cassandra 4.0+ answers it) and
// prints the answer the way cqlsh lays it out; older servers get the answer
// rebuilt from system_schema.
func (sh *Shell) cmdDescribe(c *call) {
	sh.describeWith(c.ctx, sessionBackend{sh: sh}, c.st.Text, c.line)
}

// serverLacksDescribe reports a release before 4.0, which has no
// server-side DESCRIBE; an unreadable version counts as a modern server.
func serverLacksDescribe(release string) bool {
	major, _, _ := strings.Cut(release, ".")
	n, err := strconv.Atoi(major)
	return err == nil && n < 4
}

// describeWith runs DESCRIBE on the server, or on the client when the
// server is older than 4.0 or rejects the statement as a syntax error, and
// prints the rows.
func (sh *Shell) describeWith(ctx context.Context, b describeBackend, text string, line int) {
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
	var rows []map[string]any
	var err error
	if serverLacksDescribe(b.releaseVersion(ctx)) {
		rows, err = sh.clientDescribe(ctx, b, text)
	} else {
		rows, err = b.serverDescribe(ctx, text)
		if driver.IsCode(err, frame.CodeSyntaxError) {
			var cerr error
			rows, cerr = sh.clientDescribe(ctx, b, text)
			var pe *describe.ParseError
			if !errors.As(cerr, &pe) {
				err = cerr
			}
		}
	}
	if err != nil {
		var se *driver.Error
		var de *describe.Error
		var pe *describe.ParseError
		switch {
		case errors.As(err, &se):
			sh.printErr(line, se.Message)
		case errors.As(err, &de):
			sh.printErr(line, de.Message)
		case errors.As(err, &pe):
			sh.printErr(line, pe.Error())
		default:
			sh.printErr(line, pyfmt.Error(err))
		}
		return
	}
	sh.printDescribe(what, rows)
}

// clientDescribe answers DESCRIBE from system_schema, in the shape of the
// server's rows so both share one layout.
func (sh *Shell) clientDescribe(ctx context.Context, b describeBackend, text string) ([]map[string]any, error) {
	req, err := describe.Parse(text)
	if err != nil {
		return nil, err
	}
	sch, err := b.loadSchema(ctx)
	if err != nil {
		return nil, err
	}
	res, err := describe.Describe(sch, req, sh.sess.Keyspace())
	if err != nil {
		return nil, err
	}
	if res.Cluster {
		return []map[string]any{{"cluster": res.ClusterName, "partitioner": res.Partitioner}}, nil
	}
	rows := make([]map[string]any, 0, len(res.Elements))
	for _, e := range res.Elements {
		row := map[string]any{"keyspace_name": e.Keyspace, "type": e.Type, "name": e.Name}
		if !res.Listing {
			row["create_statement"] = e.CQL
		}
		rows = append(rows, row)
	}
	return rows, nil
}

// printDescribe lays DESCRIBE rows out as cqlsh does; what is the form's
// first word (keyspaces, tables, cluster...).
func (sh *Shell) printDescribe(what string, rows []map[string]any) {
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
			sh.printOut("\nCluster: %s\nPartitioner: %s\n", str(r, "cluster"), str(r, "partitioner"))
			if snitch, ok := r["snitch"]; ok {
				sh.printOut("Snitch: %v\n", snitch)
			}
			sh.printOut("\n")
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
