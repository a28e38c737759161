package cql_test

import (
	"fmt"

	"github.com/gocqlsh/gocqlsh/cql"
)

func ExampleSplit() {
	input := `CONSISTENCY QUORUM
SELECT * FROM ks.t WHERE k = 'a;b'; -- a comment
BEGIN BATCH
  INSERT INTO ks.t (k) VALUES ('x');
APPLY BATCH;
SELECT count(*) FROM ks.big &;
SELECT * FROM`
	stmts, rest := cql.Split(input)
	for _, st := range stmts {
		fmt.Printf("%d-%d %s %q background=%v\n", st.Line, st.EndLine, st.Kind, st.Text, st.Background)
	}
	fmt.Printf("rest: %q\n", rest)
	// Output:
	// 1-1 Shell "CONSISTENCY QUORUM" background=false
	// 2-2 CQL "SELECT * FROM ks.t WHERE k = 'a;b'" background=false
	// 3-5 CQL "BEGIN BATCH\n  INSERT INTO ks.t (k) VALUES ('x');\nAPPLY BATCH" background=false
	// 6-6 CQL "SELECT count(*) FROM ks.big" background=true
	// rest: "SELECT * FROM"
}
