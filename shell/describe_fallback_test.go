package shell

import (
	"context"
	"strings"
	"testing"

	"github.com/gocqlsh/gocqlsh/driver"
	"github.com/gocqlsh/gocqlsh/driver/cqltype"
	"github.com/gocqlsh/gocqlsh/driver/frame"
	"github.com/gocqlsh/gocqlsh/driver/schema"
	"github.com/gocqlsh/gocqlsh/shell/describe"
)

// scriptedDescribe is a describeBackend whose server answer is scripted
// and whose system_schema is hand-made.
type scriptedDescribe struct {
	release     string
	rows        []map[string]any
	err         error
	serverCalls int
	loads       int
}

func (s *scriptedDescribe) serverDescribe(context.Context, string) ([]map[string]any, error) {
	s.serverCalls++
	return s.rows, s.err
}

func (s *scriptedDescribe) releaseVersion(context.Context) string { return s.release }

func (s *scriptedDescribe) loadSchema(context.Context) (*describe.Schema, error) {
	s.loads++
	return schema.Build(&schema.Rows{
		Keyspaces: []schema.Row{{"keyspace_name": "ks", "durable_writes": true,
			"replication": []cqltype.MapEntry{{Key: "class", Value: "org.apache.cassandra.locator.SimpleStrategy"}, {Key: "replication_factor", Value: "1"}}}},
		Tables:      []schema.Row{{"keyspace_name": "ks", "table_name": "t", "comment": "x"}},
		Columns:     []schema.Row{{"keyspace_name": "ks", "table_name": "t", "column_name": "k", "type": "int", "kind": "partition_key", "position": int32(0), "clustering_order": "none"}},
		ClusterName: "Test Cluster", Partitioner: "org.apache.cassandra.dht.Murmur3Partitioner",
	})
}

func TestDescribeFallback(t *testing.T) {
	syntax := &driver.Error{Code: frame.CodeSyntaxError, Message: "line 1:5 no viable alternative at input 'FOO'"}
	invalid := &driver.Error{Code: frame.CodeInvalid, Message: "Table 'nope' not found in keyspace 'ks'"}
	table := "\nCREATE TABLE ks.t (\n    k int PRIMARY KEY\n) WITH comment = 'x';\n"
	tests := []struct {
		name, stmt, release string
		err                 error
		rows                []map[string]any
		out, errOut         string
		serverCalls, loads  int
	}{
		{name: "syntax error falls back", stmt: "DESC TABLE ks.t", release: "5.0.8", err: syntax,
			out: table, serverCalls: 1, loads: 1},
		{name: "old release skips the server", stmt: "DESCRIBE TABLE ks.t;", release: "3.11.17",
			out: table, loads: 1},
		{name: "other errors do not fall back", stmt: "DESC TABLE ks.nope", release: "5.0.8", err: invalid,
			errOut: "<stdin>:1:Table 'nope' not found in keyspace 'ks'\n", serverCalls: 1},
		{name: "server answer is used", stmt: "DESC TABLE ks.t", release: "4.0.1",
			rows: []map[string]any{{"create_statement": "SERVER TEXT"}}, out: "\nSERVER TEXT\n", serverCalls: 1},
		{name: "unknown release uses the server", stmt: "DESC TABLE ks.t", release: "?",
			rows: []map[string]any{{"create_statement": "S"}}, out: "\nS\n", serverCalls: 1},
		{name: "unparseable keeps the server's error", stmt: "DESC FOO BAR BAZ", release: "5.0.8", err: syntax,
			errOut: "<stdin>:1:" + syntax.Message + "\n", serverCalls: 1},
		{name: "client-side error text", stmt: "DESC KEYSPACE nope", release: "3.0.29",
			errOut: "<stdin>:1:Keyspace 'nope' not found.\n", loads: 1},
		{name: "client-side cluster has no snitch", stmt: "DESC CLUSTER", release: "3.11.17",
			out: "\nCluster: Test Cluster\nPartitioner: Murmur3Partitioner\n\n", loads: 1},
		{name: "client-side listing", stmt: "DESC KEYSPACES", release: "3.11.17",
			out: "\nks\n\n", loads: 1},
	}
	ts := newTestShell(t, driver.Config{})
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ts.out.mu.Lock()
			ts.out.b.Reset()
			ts.out.mu.Unlock()
			ts.errw.mu.Lock()
			ts.errw.b.Reset()
			ts.errw.mu.Unlock()
			b := &scriptedDescribe{release: tc.release, rows: tc.rows, err: tc.err}
			ts.describeWith(context.Background(), b, tc.stmt, 1)
			if got := ts.out.String(); got != tc.out {
				t.Errorf("out = %q, want %q", got, tc.out)
			}
			if got := ts.errw.String(); !strings.Contains(got, tc.errOut) || (tc.errOut == "" && got != "") {
				t.Errorf("err = %q, want %q", got, tc.errOut)
			}
			if b.serverCalls != tc.serverCalls || b.loads != tc.loads {
				t.Errorf("server calls %d, loads %d; want %d, %d", b.serverCalls, b.loads, tc.serverCalls, tc.loads)
			}
		})
	}
}
