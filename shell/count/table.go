package count

import (
	"encoding/binary"
	"fmt"
	"strconv"

	"github.com/gocqlsh/gocqlsh/cql"
	"github.com/gocqlsh/gocqlsh/driver/cqltype"
	"github.com/gocqlsh/gocqlsh/render"
)

// Table lays a result out as the table COUNT prints, in any output format:
// count for a total, the key columns and rows for partitions, the node and
// rows by host, the range and rows by range. footer is the line printed
// after the table ("" for a total).
func (res *Result) Table(req Request) (cols []render.Column, rows [][][]byte, footer string) {
	bigint := &cqltype.Type{Kind: cqltype.Bigint}
	text := &cqltype.Type{Kind: cqltype.Varchar}
	i64 := func(v int64) []byte { return binary.BigEndian.AppendUint64(nil, uint64(v)) }
	switch req.Mode {
	case Total:
		return []render.Column{{Name: "count", Type: bigint}}, [][][]byte{{i64(res.Total)}}, ""
	case ByPartition:
		for i, k := range res.PartitionKey {
			var t *cqltype.Type
			if len(res.Partitions) > 0 {
				t = res.Partitions[0].KeyTypes[i]
			}
			cols = append(cols, render.Column{Name: cql.Unquote(k), Type: t, Role: render.PartitionKey})
		}
		cols = append(cols, render.Column{Name: "rows", Type: bigint})
		for _, p := range res.Partitions {
			rows = append(rows, append(append([][]byte{}, p.Key...), i64(p.Rows)))
		}
	case ByHost:
		cols = []render.Column{{Name: "host", Type: text}, {Name: "data_center", Type: text}, {Name: "rack", Type: text}, {Name: "rows", Type: bigint}}
		for _, h := range res.Hosts {
			rows = append(rows, [][]byte{[]byte(h.Addr), []byte(h.DataCenter), []byte(h.Rack), i64(h.Rows)})
		}
	case ByRange:
		cols = []render.Column{{Name: "start_token", Type: bigint}, {Name: "end_token", Type: bigint}, {Name: "replicas", Type: text}, {Name: "rows", Type: bigint}}
		for _, r := range res.Ranges {
			rows = append(rows, [][]byte{i64(r.Range.Start), i64(r.Range.End), []byte(fmt.Sprint(r.Replicas)), i64(r.Rows)})
		}
	}
	footer = fmt.Sprintf("%s rows in all, counted in %d token ranges (%d split after a timeout) in %.2f s\n\n",
		strconv.FormatInt(res.Total, 10), res.Pieces, res.Splits, res.Elapsed.Seconds())
	return cols, rows, footer
}
