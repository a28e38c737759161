package count

import (
	"context"
	"crypto/md5"
	"encoding/binary"
	"math/rand/v2"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gocqlsh/gocqlsh/driver"
	"github.com/gocqlsh/gocqlsh/driver/cqltype"
	"github.com/gocqlsh/gocqlsh/driver/frame"
	"github.com/gocqlsh/gocqlsh/internal/fakeserver"
)

// fakeTable is a table the fake node counts: partitions with a token and
// a number of rows each.
type fakeTable struct {
	tokens []int64 // sorted
	rows   map[int64]int64
	// wider than this, a range's count fails with a server ReadTimeout
	maxWidth uint64
	timeouts atomic.Int64
	execs    atomic.Int64
}

var bigint = &cqltype.Type{Kind: cqltype.Bigint}

func int64Cell(v int64) []byte { return binary.BigEndian.AppendUint64(nil, uint64(v)) }

// handler answers COUNT's PREPARE and EXECUTEs from the table.
func (ft *fakeTable) handler(r *fakeserver.Request) fakeserver.Action {
	switch m := r.Message.(type) {
	case *frame.Prepare:
		sum := md5.Sum([]byte(m.Statement))
		p := &frame.Prepared{
			ID: sum[:],
			Params: []frame.ColumnSpec{
				{Keyspace: "ks", Table: "t", Name: "partition key token", Type: bigint},
				{Keyspace: "ks", Table: "t", Name: "partition key token", Type: bigint},
			},
		}
		if strings.Contains(m.Statement, "GROUP BY") {
			p.Result.Columns = []frame.ColumnSpec{{Keyspace: "ks", Table: "t", Name: "k", Type: bigint}, {Keyspace: "ks", Table: "t", Name: "count", Type: bigint}}
		} else {
			p.Result.Columns = []frame.ColumnSpec{{Keyspace: "ks", Table: "t", Name: "count", Type: bigint}}
		}
		return fakeserver.Reply(p)
	case *frame.Execute:
		ft.execs.Add(1)
		lo := int64(binary.BigEndian.Uint64(m.Params.Values[0]))
		hi := int64(binary.BigEndian.Uint64(m.Params.Values[1]))
		if uint64(hi)-uint64(lo) > ft.maxWidth {
			ft.timeouts.Add(1)
			return fakeserver.Reply(&frame.Error{Code: frame.CodeReadTimeout, Message: "Operation timed out - received only 0 responses.", BlockFor: 1})
		}
		i, _ := slices.BinarySearch(ft.tokens, lo+1)
		rows := &frame.Rows{Metadata: frame.Metadata{Columns: []frame.ColumnSpec{{Keyspace: "ks", Table: "t", Name: "count", Type: bigint}}}}
		var total int64
		for ; i < len(ft.tokens) && ft.tokens[i] <= hi; i++ {
			total += ft.rows[ft.tokens[i]]
		}
		rows.RowCount = 1
		rows.Cells = [][]byte{int64Cell(total)}
		return fakeserver.Reply(rows)
	}
	return fakeserver.Default()
}

func newFakeTable(n int, maxWidth uint64) *fakeTable {
	ft := &fakeTable{rows: map[int64]int64{}, maxWidth: maxWidth}
	r := rand.New(rand.NewPCG(1, 2))
	for len(ft.tokens) < n {
		tok := int64(r.Uint64())
		if _, dup := ft.rows[tok]; dup {
			continue
		}
		ft.rows[tok] = 1 + int64(r.IntN(3))
		ft.tokens = append(ft.tokens, tok)
	}
	slices.Sort(ft.tokens)
	return ft
}

func (ft *fakeTable) total() int64 {
	var n int64
	for _, r := range ft.rows {
		n += r
	}
	return n
}

func fakeEnv(t *testing.T, ft *fakeTable) Env {
	t.Helper()
	fakeserver.LeakCheck(t)
	srv := fakeserver.Start(t, fakeserver.Config{Handler: ft.handler})
	srv.SetKeyspaces(map[string]map[string]string{"ks": {"class": "SimpleStrategy", "replication_factor": "1"}})
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	s, err := driver.Connect(ctx, driver.Config{Hosts: []string{srv.Addr()}, HeartbeatInterval: -1})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return Env{
		Session: s,
		PartitionKey: func(_ context.Context, ks, table string) ([]string, error) {
			if ks != "ks" || table != "t" {
				return nil, &NoTableError{Keyspace: ks, Table: table}
			}
			return []string{"k"}, nil
		},
	}
}

// TestCountSplitsTimedOutRanges: pieces too wide for the (fake) node time
// out, are cut in two and counted again, and the total stays exact.
func TestCountSplitsTimedOutRanges(t *testing.T) {
	ft := newFakeTable(20000, 1<<58)
	env := fakeEnv(t, ft)
	var last atomic.Int64
	env.Progress = func(done, total int, rows int64) { last.Store(rows) }
	res, err := Run(context.Background(), env, Request{Keyspace: "ks", Table: "t"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != ft.total() {
		t.Errorf("total %d, want %d", res.Total, ft.total())
	}
	if res.Splits == 0 || ft.timeouts.Load() != int64(res.Splits) {
		t.Errorf("%d splits, %d timeouts answered", res.Splits, ft.timeouts.Load())
	}
	if last.Load() != res.Total {
		t.Errorf("progress ended at %d rows", last.Load())
	}
	t.Logf("%d rows in %d pieces, %d splits, %v", res.Total, res.Pieces, res.Splits, res.Elapsed)
}

func TestCountErrors(t *testing.T) {
	ft := newFakeTable(100, 1<<63)
	env := fakeEnv(t, ft)
	ctx := context.Background()
	if _, err := Run(ctx, env, Request{Keyspace: "ks", Table: "nosuch"}); err == nil || err.Error() != "Table 'ks.nosuch' does not exist" {
		t.Errorf("missing table: %v", err)
	}
	if _, err := Run(ctx, env, Request{Keyspace: "ks", Table: "t", Where: "k = 3"}); err == nil || !strings.Contains(err.Error(), "partition key") {
		t.Errorf("WHERE on the key: %v", err)
	}
	if _, err := Run(ctx, env, Request{Table: "t"}); err == nil || !strings.Contains(err.Error(), "No keyspace") {
		t.Errorf("no keyspace: %v", err)
	}
	if ft.execs.Load() != 0 {
		t.Errorf("%d counts ran for commands that should have been refused", ft.execs.Load())
	}
}
