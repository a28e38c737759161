package driver

import (
	"fmt"
	"testing"
)

// TestIntegrationReprepare re-creates a table under prepared statements: the
// next EXECUTE meets UNPREPARED, prepares again and decodes the new shape.
func TestIntegrationReprepare(t *testing.T) {
	for _, version := range []byte{4, 5} {
		t.Run(fmt.Sprintf("v%d", version), func(t *testing.T) {
			s := connectPlain(t, func(c *Config) { c.ProtoVersion = version })
			other := connectPlain(t, nil)
			ks := newKeyspace(t, s)
			tbl := ks + ".r"
			mustExec(t, s, "CREATE TABLE "+tbl+" (pk int PRIMARY KEY, a text, b int)")
			ins := "INSERT INTO " + tbl + " (pk, a, b) VALUES (?, ?, ?)"
			sel := "SELECT * FROM " + tbl + " WHERE pk = ?"
			mustExec(t, s, ins, int32(1), "one", int32(1))
			res := mustExec(t, s, sel, int32(1))
			if got := columnValues(t, res, 0); len(got) != 3 || got["a"] != "one" || got["b"] != int32(1) {
				t.Fatalf("before: %v", got)
			}
			p1, err := s.Prepare(testCtx(t), sel)
			if err != nil {
				t.Fatal(err)
			}

			// Another client re-creates the table with the same name and
			// types, columns declared in another order and one more: the
			// cached statement's types still encode, and the server answers
			// UNPREPARED.
			mustExec(t, other, "DROP TABLE "+tbl)
			mustExec(t, other, "CREATE TABLE "+tbl+" (pk int PRIMARY KEY, b int, aa bigint, a text)")
			mustExec(t, s, ins, int32(2), "two", int32(2))
			got := columnValues(t, mustExec(t, s, sel, int32(2)), 0)
			if len(got) != 4 || got["a"] != "two" || got["b"] != int32(2) || got["aa"] != nil {
				t.Errorf("after re-create: %v", got)
			}

			// This session re-creates it with b now text: encoding needs the
			// new types, so its own DDL must drop what it has cached.
			mustExec(t, s, "DROP TABLE "+tbl)
			mustExec(t, s, "CREATE TABLE "+tbl+" (pk int PRIMARY KEY, b text, a text, aa bigint)")
			mustExec(t, s, ins, int32(2), "two", "bee")
			got = columnValues(t, mustExec(t, s, sel, int32(2)), 0)
			if len(got) != 4 || got["a"] != "two" || got["b"] != "bee" || got["aa"] != nil {
				t.Errorf("after re-create with new types: %v", got)
			}
			p2, err := s.Prepare(testCtx(t), sel)
			if err != nil {
				t.Fatal(err)
			}
			if p2 == p1 || len(p2.Result()) != 4 {
				t.Errorf("cached statement not replaced: %d result columns", len(p2.Result()))
			}

			// A batch of statements prepared before another client's change.
			mustExec(t, s, ins, int32(9), "warm", "cache")
			mustExec(t, other, "DROP TABLE "+tbl)
			mustExec(t, other, "CREATE TABLE "+tbl+" (pk int PRIMARY KEY, a text, b text)")
			_, err = s.ExecuteBatch(testCtx(t), &Batch{Type: UnloggedBatch, Entries: []BatchEntry{
				{Statement: ins, Args: []any{int32(3), "three", "c"}},
			}})
			if err != nil {
				t.Errorf("batch after re-create: %v", err)
			} else if got := columnValues(t, mustExec(t, s, sel, int32(3)), 0); got["a"] != "three" || got["b"] != "c" {
				t.Errorf("batch wrote %v", got)
			}

			// Another client's ALTER TABLE ADD: the new column appears in
			// SELECT * (v5: the server sends a new result metadata id).
			mustExec(t, s, sel, int32(3))
			mustExec(t, other, "ALTER TABLE "+tbl+" ADD z int")
			mustExec(t, s, "UPDATE "+tbl+" SET z = 26 WHERE pk = 3")
			got = columnValues(t, mustExec(t, s, sel, int32(3)), 0)
			if got["z"] != int32(26) || got["a"] != "three" {
				t.Errorf("after ALTER ADD: %v", got)
			}
		})
	}
}
