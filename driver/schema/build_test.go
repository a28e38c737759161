package schema

import (
	"errors"
	"slices"
	"testing"

	"github.com/gocqlsh/gocqlsh/driver/cqltype"
)

func col(table, name, kind, typ string, pos int32) Row {
	return Row{"keyspace_name": "ks", "table_name": table, "column_name": name, "kind": kind, "type": typ, "position": pos, "clustering_order": "none"}
}

// Columns come in key order; keys, lookups and signatures read the model.
func TestBuildModel(t *testing.T) {
	s, err := Build(&Rows{
		Keyspaces: []Row{{"keyspace_name": "ks", "durable_writes": false,
			"replication": []cqltype.MapEntry{{Key: "class", Value: "SimpleStrategy"}, {Key: "replication_factor", Value: "1"}}}},
		Tables: []Row{{"keyspace_name": "ks", "table_name": "t"}, {"keyspace_name": "gone", "table_name": "x"}},
		Columns: []Row{
			col("t", "v", "regular", "text", -1), col("t", "b", "clustering", "int", 1),
			col("t", "s", "static", "int", -1), col("t", "k2", "partition_key", "int", 1),
			col("t", "a", "clustering", "int", 0), col("t", "k1", "partition_key", "int", 0),
			col("t", "c", "regular", "int", -1),
		},
		Functions: []Row{{"keyspace_name": "ks", "function_name": "f", "argument_types": []any{"int", "text"}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	ks := s.Keyspace("ks")
	if ks == nil || ks.DurableWrites || ks.Replication["replication_factor"] != "1" || len(ks.Tables) != 1 {
		t.Fatalf("keyspace: %+v", ks)
	}
	tb := ks.Table("t")
	var names []string
	for _, c := range tb.Columns {
		names = append(names, c.Name)
	}
	if want := []string{"k1", "k2", "a", "b", "s", "c", "v"}; !slices.Equal(names, want) {
		t.Errorf("columns %q, want %q", names, want)
	}
	if pk := tb.PartitionKey(); len(pk) != 2 || pk[1].Name != "k2" {
		t.Errorf("partition key %v", pk)
	}
	if ck := tb.Clustering(); len(ck) != 2 || ck[0].Name != "a" {
		t.Errorf("clustering %v", ck)
	}
	if got := ks.Functions[0].Signature(); got != "f(int, text)" {
		t.Errorf("signature %q", got)
	}
	if s.Keyspace("gone") != nil || ks.Table("nope") != nil || ks.View("t") != nil {
		t.Error("found what the rows do not hold")
	}
}

// A column holding what system_schema never stores there is an error, not
// a silently empty field.
func TestBuildRejectsWrongTypes(t *testing.T) {
	_, err := Build(&Rows{Keyspaces: []Row{{"keyspace_name": int32(7)}}})
	var be *BuildError
	if !errors.As(err, &be) || be.Table != "keyspaces" || be.Column != "keyspace_name" {
		t.Fatalf("got %v, want a BuildError naming keyspaces.keyspace_name", err)
	}
}
