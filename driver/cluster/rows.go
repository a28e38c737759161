package cluster

import (
	"context"
	"fmt"
	"net"
	"strconv"

	"github.com/gocqlsh/gocqlsh/driver/conn"
	"github.com/gocqlsh/gocqlsh/driver/cqltype"
	"github.com/gocqlsh/gocqlsh/driver/frame"
)

// systemRows is the result of a query on a system table, read by column
// name so that columns a server version lacks read as zero values.
type systemRows struct {
	rows *frame.Rows
	idx  map[string]int
}

// querySystem runs stmt on c at consistency ONE, unpaged, and returns its
// rows; a server error or a reply without rows is an error.
func querySystem(ctx context.Context, c *conn.Conn, stmt string) (*systemRows, error) {
	q := &frame.Query{Statement: stmt, Params: frame.QueryParams{Consistency: frame.One, PageSize: -1}}
	reply, err := c.Do(ctx, q, nil)
	if err != nil {
		return nil, err
	}
	m, _, err := frame.DecodeResponse(reply.Header, reply.Body)
	if err != nil {
		return nil, err
	}
	switch m := m.(type) {
	case *frame.Rows:
		r := &systemRows{rows: m, idx: make(map[string]int, len(m.Columns))}
		for i, col := range m.Columns {
			r.idx[col.Name] = i
		}
		return r, nil
	case *frame.Error:
		return nil, m
	default:
		return nil, fmt.Errorf("%s: the node answered %v, not rows", stmt, m.Opcode())
	}
}

func (r *systemRows) len() int { return r.rows.RowCount }

func (r *systemRows) has(col string) bool { _, ok := r.idx[col]; return ok }

// scan reads column col of row i into dst (cqltype.Scan); an absent column,
// a null or a value of another type leaves dst's zero value and reports
// false.
func (r *systemRows) scan(i int, col string, dst any) bool {
	j, ok := r.idx[col]
	if !ok {
		return false
	}
	cell := r.rows.Row(i)[j]
	return cell != nil && cqltype.Scan(r.rows.Columns[j].Type, cell, dst) == nil
}

func (r *systemRows) text(i int, col string) string {
	var s string
	r.scan(i, col, &s)
	return s
}

func (r *systemRows) inet(i int, col string) net.IP {
	var ip net.IP
	r.scan(i, col, &ip)
	return ip
}

func (r *systemRows) uuid(i int, col string) cqltype.UUIDValue {
	var u cqltype.UUIDValue
	r.scan(i, col, &u)
	return u
}

func (r *systemRows) integer(i int, col string) int {
	var n int
	r.scan(i, col, &n)
	return n
}

func (r *systemRows) strings(i int, col string) []string {
	var s []string
	r.scan(i, col, &s)
	return s
}

func (r *systemRows) textMap(i int, col string) map[string]string {
	var m map[string]string
	r.scan(i, col, &m)
	return m
}

// hostPort joins an address and a port.
func hostPort(ip net.IP, port int) string {
	return net.JoinHostPort(ip.String(), strconv.Itoa(port))
}
