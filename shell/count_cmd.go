package shell

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/gocqlsh/gocqlsh/cql"
	"github.com/gocqlsh/gocqlsh/driver/cqltype"
	"github.com/gocqlsh/gocqlsh/render"
	"github.com/gocqlsh/gocqlsh/shell/count"
)

// countCmd runs COUNT in the foreground: a progress bar on a terminal,
// then the result in the output format in force.
func (sh *Shell) countCmd(ctx context.Context, st cql.Statement, line int) {
	req, err := count.Parse(st.Text)
	if err != nil {
		sh.printErr(line, err.Error())
		return
	}
	ctx, cancel := sh.interruptible(ctx)
	defer cancel()
	bar := newProgress(sh.errw, -1, "COUNT", "range")
	env := sh.countEnv()
	env.Progress = func(done, total int, rows int64) {
		bar.update(int64(done), int64(total), fmt.Sprintf("COUNT %d rows", rows))
	}
	res, err := count.Run(ctx, env, req)
	bar.finish()
	if err != nil {
		if errors.Is(err, context.Canceled) {
			sh.printErr(line, "Statement cancelled.")
			return
		}
		sh.printErr(line, countErrText(err))
		return
	}
	var b bytes.Buffer
	sh.writeCount(&b, req, res)
	sh.printOut("%s", b.Bytes())
}

// countEnv is COUNT's view of the shell: its session, consistency, request
// timeout and the tables' partition keys.
func (sh *Shell) countEnv() count.Env {
	return count.Env{
		Session:     sh.sess,
		Consistency: sh.consistency,
		Timeout:     sh.requestTimeout,
		PartitionKey: func(ctx context.Context, ks, table string) ([]string, error) {
			t, err := sh.copyTableMeta(ctx, ks, table)
			if err != nil {
				var ce copyError
				if errors.As(err, &ce) {
					return nil, &count.NoTableError{Keyspace: ks, Table: table}
				}
				return nil, err
			}
			out := make([]string, len(t.partition))
			for i, c := range t.partition {
				out[i] = cqltype.QuoteIdentifier(c)
			}
			return out, nil
		},
	}
}

// countErrText words COUNT's errors: its own as they are, the server's in
// the shell's form.
func countErrText(err error) string {
	var ue *count.UsageError
	var nt *count.NoTableError
	if errors.As(err, &ue) || errors.As(err, &nt) {
		return err.Error()
	}
	return FormatError(err)
}

// writeCount prints a COUNT's result as a table of the output format:
// count for a total, the key columns and rows for partitions, the node and
// rows by host, the range and rows by range.
func (sh *Shell) writeCount(w io.Writer, req count.Request, res *count.Result) {
	bigint := &cqltype.Type{Kind: cqltype.Bigint}
	text := &cqltype.Type{Kind: cqltype.Varchar}
	i64 := func(v int64) []byte { return binary.BigEndian.AppendUint64(nil, uint64(v)) }
	var cols []render.Column
	var rows [][][]byte
	switch req.Mode {
	case count.Total:
		cols = []render.Column{{Name: "count", Type: bigint}}
		rows = [][][]byte{{i64(res.Total)}}
	case count.ByPartition:
		for i, k := range res.PartitionKey {
			var t *cqltype.Type
			if len(res.Partitions) > 0 {
				t = res.Partitions[0].KeyTypes[i]
			}
			cols = append(cols, render.Column{Name: unquoteIdent(k), Type: t, Role: render.PartitionKey})
		}
		cols = append(cols, render.Column{Name: "rows", Type: bigint})
		for _, p := range res.Partitions {
			rows = append(rows, append(append([][]byte{}, p.Key...), i64(p.Rows)))
		}
	case count.ByHost:
		cols = []render.Column{{Name: "host", Type: text}, {Name: "data_center", Type: text}, {Name: "rack", Type: text}, {Name: "rows", Type: bigint}}
		for _, h := range res.Hosts {
			rows = append(rows, [][]byte{[]byte(h.Addr), []byte(h.DataCenter), []byte(h.Rack), i64(h.Rows)})
		}
	case count.ByRange:
		cols = []render.Column{{Name: "start_token", Type: bigint}, {Name: "end_token", Type: bigint}, {Name: "replicas", Type: text}, {Name: "rows", Type: bigint}}
		for _, r := range res.Ranges {
			rows = append(rows, [][]byte{i64(r.Range.Start), i64(r.Range.End), []byte(fmt.Sprint(r.Replicas)), i64(r.Rows)})
		}
	}
	o := sh.renderOpts
	o.Color = sh.color && sh.capture == nil
	rw := render.New(sh.currentFormat(), w, cols, &o)
	if err := rw.WriteRows(rows); err != nil {
		fmt.Fprintln(w, err)
	}
	rw.Close(len(rows))
	if req.Mode != count.Total {
		fmt.Fprintf(w, "%s rows in all, counted in %d token ranges (%d split after a timeout) in %.2f s\n\n",
			strconv.FormatInt(res.Total, 10), res.Pieces, res.Splits, res.Elapsed.Seconds())
	}
}

// unquoteIdent turns a quoted CQL identifier back into the column's name.
func unquoteIdent(id string) string {
	if len(id) >= 2 && id[0] == '"' && id[len(id)-1] == '"' {
		return id[1 : len(id)-1]
	}
	return id
}
