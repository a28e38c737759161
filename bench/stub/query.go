package stub

import (
	"net"
	"strings"

	"github.com/gocqlsh/gocqlsh/driver/cqltype"
	"github.com/gocqlsh/gocqlsh/driver/frame"
)

// answerQuery answers a QUERY frame (the cold path: drivers query when they
// connect, the harnesses run their DDL). local is the address the client
// reached, which system.local reports.
func (s *Server) answerQuery(h frame.Header, body []byte, local net.Addr) []byte {
	m, _, err := frame.DecodeRequest(h, body)
	q, ok := m.(*frame.Query)
	if err != nil || !ok {
		return errorFrame(h.Stream, frame.CodeProtocolError, "Invalid QUERY message")
	}
	var n node
	if a, ok := local.(*net.TCPAddr); ok {
		n.ip, n.port = a.IP, int32(a.Port)
		if ip4 := a.IP.To4(); ip4 != nil {
			n.ip = ip4
		}
	}
	return frame.AppendResponseFrame(nil, Version, h.Stream, frame.Envelope{}, answer(q.Statement, q.Params.Values, n))
}

// answer is the result of one statement: rows of a system table, no rows
// for any other SELECT, SET_KEYSPACE for USE, VOID otherwise.
func answer(stmt string, values [][]byte, n node) frame.Response {
	norm := strings.TrimSuffix(strings.Join(strings.Fields(stmt), " "), ";")
	low := strings.ToLower(norm)
	if ks, ok := strings.CutPrefix(low, "use "); ok {
		return &frame.SetKeyspace{Keyspace: strings.Trim(strings.TrimSpace(ks), `"`)}
	}
	sel, ok := parseSelect(low)
	if !ok {
		return &frame.Void{}
	}
	t := systemTables[sel.table]
	if t == nil {
		t = emptyTable(sel)
	}
	return t.selectRows(sel, values, n)
}

// emptyTable stands for a table the stub does not know: no rows, and the
// columns asked for, as text ("*" asks for one, "key"). Drivers read no
// column of an empty result, but some (the Python driver) need it to have
// columns, as every real table has.
func emptyTable(sel selection) *table {
	ks, name, _ := strings.Cut(sel.table, ".")
	t := &table{keyspace: ks, name: name, rows: func(node) [][]any { return nil }}
	for _, c := range sel.cols {
		if c == "*" {
			c = "key"
		}
		t.cols = append(t.cols, column{c, textType})
	}
	return t
}

// selection is a parsed SELECT: the columns asked for ("*" for all), the
// table and the equality conditions of its WHERE clause.
type selection struct {
	cols  []string
	table string
	where [][2]string // column, literal or "?"
}

// parseSelect reads "select a, b from ks.t [where c = 'x' and d = ?]" from
// a lower-cased statement with single spaces; anything else is not a
// SELECT the stub understands.
func parseSelect(low string) (selection, bool) {
	rest, ok := strings.CutPrefix(low, "select ")
	if !ok {
		return selection{}, false
	}
	list, rest, ok := strings.Cut(rest, " from ")
	if !ok {
		return selection{}, false
	}
	var sel selection
	for c := range strings.SplitSeq(list, ",") {
		sel.cols = append(sel.cols, strings.Trim(strings.TrimSpace(c), `"`))
	}
	tbl, cond, _ := strings.Cut(rest, " where ")
	f := strings.Fields(tbl)
	if len(f) == 0 {
		return selection{}, false
	}
	sel.table = strings.ReplaceAll(f[0], `"`, "")
	if cond != "" {
		for c := range strings.SplitSeq(cond, " and ") {
			col, val, ok := strings.Cut(c, "=")
			if !ok {
				continue
			}
			f := strings.Fields(val)
			if len(f) == 0 {
				continue
			}
			val = f[0]
			sel.where = append(sel.where, [2]string{strings.TrimSpace(col), strings.Trim(val, "'")})
		}
	}
	return sel, true
}

// selectRows projects and filters t's rows. A column the table lacks reads
// as a null text column (a driver asking for a column of a newer Cassandra
// gets null rather than an error); a condition on a text column filters,
// "?" taking the next bound value.
func (t *table) selectRows(sel selection, values [][]byte, n node) *frame.Rows {
	idx := make([]int, 0, len(t.cols))
	out := &frame.Rows{Metadata: frame.Metadata{Flags: frame.FlagGlobalTablesSpec}}
	add := func(name string, typ *cqltype.Type, i int) {
		idx = append(idx, i)
		out.Columns = append(out.Columns, frame.ColumnSpec{Keyspace: t.keyspace, Table: t.name, Name: name, Type: typ})
	}
	for _, c := range sel.cols {
		if c == "*" {
			for i, col := range t.cols {
				add(col.name, col.typ, i)
			}
			continue
		}
		i := t.col(c)
		if i < 0 {
			add(c, textType, -1)
			continue
		}
		add(c, t.cols[i].typ, i)
	}
	type cond struct {
		col  int
		want string
	}
	var conds []cond
	bound := 0
	for _, w := range sel.where {
		want := w[1]
		if want == "?" {
			if bound >= len(values) {
				continue
			}
			want = strings.ToLower(string(values[bound]))
			bound++
		}
		if i := t.col(w[0]); i >= 0 && t.cols[i].typ == textType {
			conds = append(conds, cond{i, want})
		}
	}
rows:
	for _, row := range t.rows(n) {
		for _, c := range conds {
			if s, _ := row[c.col].(string); strings.ToLower(s) != c.want {
				continue rows
			}
		}
		for _, i := range idx {
			var cell []byte
			if i >= 0 && row[i] != nil {
				b, null, err := cqltype.AppendValue(nil, t.cols[i].typ, row[i])
				if err == nil && !null {
					cell = b
				}
			}
			out.Cells = append(out.Cells, cell)
		}
		out.RowCount++
	}
	return out
}

// col is the index of the named column, or -1.
func (t *table) col(name string) int {
	for i, c := range t.cols {
		if c.name == name {
			return i
		}
	}
	return -1
}
