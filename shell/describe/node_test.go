package describe

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/gocqlsh/gocqlsh/driver"
	"github.com/gocqlsh/gocqlsh/driver/schema"
	"github.com/gocqlsh/gocqlsh/internal/testnode"
)

// nodeKeyspaces are the scratch keyspaces of one run of the node test: a
// plain name and a mixed-case one, which must be quoted.
func nodeKeyspaces(t *testing.T) (nodeKS, nodeMixedKS string) {
	mixed := testnode.Keyspace(t, "desc_mixed")
	return testnode.Keyspace(t, "desc_fallback"), "D" + mixed[1:]
}

// nodeSchema is a schema using every feature the generator prints, in
// keyspaces nodeKS and nodeMixedKS.
func nodeSchema(nodeKS, nodeMixedKS string) []string {
	k, m := nodeKS, `"`+nodeMixedKS+`"`
	return []string{
		"CREATE KEYSPACE " + k + " WITH replication = {'class':'SimpleStrategy','replication_factor':1} AND durable_writes = false",
		"CREATE KEYSPACE " + m + " WITH replication = {'class':'NetworkTopologyStrategy','datacenter1':1}",
		"CREATE TYPE " + k + ".addr (street text, zip int, tags frozen<set<text>>)",
		"CREATE TYPE " + k + `."Person" (name text, "Home" frozen<addr>, phones list<text>, "select" int)`,
		"CREATE TYPE " + k + ".zz (x int)",
		"CREATE TYPE " + k + ".a_uses_zz (z frozen<zz>)",
		"CREATE TABLE " + k + `.t1 (pk int, pk2 text, "CK" text, ck2 timeuuid, s int static, s2 list<int> static, v text, m map<text,int>,
			fl frozen<list<int>>, st set<bigint>, tu tuple<int,frozen<list<text>>>, u frozen<"Person">, ad addr, vec vector<float, 3>,
			d decimal, dur duration, "Weird ""col""" blob, "select" ascii, b boolean, dt date, tm time, ts timestamp, ip inet, vi varint,
			sm smallint, ti tinyint, db double, f float, uu uuid, fm frozen<map<int, frozen<set<text>>>>, text text, "token" int, "Mixed" int, mbean int,
			PRIMARY KEY ((pk, pk2), "CK", ck2))
			WITH CLUSTERING ORDER BY ("CK" DESC, ck2 ASC) AND comment = 'it''s a table' AND gc_grace_seconds = 100
			AND compaction = {'class':'LeveledCompactionStrategy','sstable_size_in_mb':'64'} AND default_time_to_live = 10
			AND caching = {'keys':'NONE','rows_per_partition':'10'} AND bloom_filter_fp_chance = 0.0001 AND crc_check_chance = 0.5
			AND speculative_retry = 'ALWAYS' AND additional_write_policy = 'NEVER' AND extensions = {'ext': 0x0102}`,
		"CREATE TABLE " + k + ".simple (id uuid PRIMARY KEY, v int)",
		"CREATE TABLE " + k + ".only_key (id int PRIMARY KEY)",
		"CREATE TABLE " + k + ".cnt (k text, c int, n counter, PRIMARY KEY (k, c)) WITH CLUSTERING ORDER BY (c DESC)",
		"CREATE TABLE " + k + `."Mixed" ("Key" int, "Val" text, PRIMARY KEY ("Key")) WITH cdc = true AND read_repair = 'NONE' AND memtable = 'default' AND allow_auto_snapshot = false AND incremental_backups = false AND compression = {'enabled': 'false'}`,
		"CREATE TABLE " + m + `."T" (a int, b int, c int, PRIMARY KEY (a, b)) WITH CLUSTERING ORDER BY (b DESC)`,
		"CREATE INDEX ON " + k + ".t1 (v)",
		"CREATE INDEX m_keys ON " + k + ".t1 (keys(m))",
		"CREATE INDEX m_entries ON " + k + ".t1 (entries(m))",
		"CREATE INDEX st_values ON " + k + ".t1 (values(st))",
		"CREATE INDEX fl_full ON " + k + ".t1 (full(fl))",
		"CREATE INDEX \"IdxCK\" ON " + k + ".t1 (\"CK\")",
		"CREATE INDEX ON " + k + ".t1 (pk2)",
		"CREATE CUSTOM INDEX d_sai ON " + k + ".t1 (d) USING 'StorageAttachedIndex'",
		"CREATE INDEX sel_sai ON " + k + ".t1 (\"select\") USING 'sai' WITH OPTIONS = {'case_sensitive': 'false', 'normalize': 'true'}",
		"CREATE CUSTOM INDEX db_sai ON " + k + ".t1 (db) USING 'org.apache.cassandra.index.sai.StorageAttachedIndex'",
		"CREATE MATERIALIZED VIEW " + k + `.t1_by_v AS SELECT pk, pk2, "CK", ck2, v, b FROM ` + k + `.t1
			WHERE v IS NOT NULL AND pk IS NOT NULL AND pk2 IS NOT NULL AND "CK" IS NOT NULL AND ck2 IS NOT NULL
			PRIMARY KEY (v, pk, pk2, "CK", ck2) WITH CLUSTERING ORDER BY (pk DESC, pk2 ASC, "CK" DESC, ck2 ASC) AND comment = 'mv'`,
		"CREATE MATERIALIZED VIEW " + k + `."AllCols" AS SELECT * FROM ` + k + `.cnt_base WHERE k IS NOT NULL AND c IS NOT NULL PRIMARY KEY (c, k)`,
		"CREATE FUNCTION " + k + ".plus(a int, b int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS 'return a + b;'",
		"CREATE FUNCTION " + k + ".plus(a bigint, b bigint) RETURNS NULL ON NULL INPUT RETURNS bigint LANGUAGE java AS 'return a + b;'",
		"CREATE FUNCTION " + k + `."Fancy"("X" list<int>, y text) CALLED ON NULL INPUT RETURNS text LANGUAGE java AS $$ return y + "'" + X; $$`,
		"CREATE FUNCTION " + k + ".state_fn(s int, v int) CALLED ON NULL INPUT RETURNS int LANGUAGE java AS 'if (v == null) return s; return s + v;'",
		"CREATE FUNCTION " + k + ".final_fn(s int) RETURNS NULL ON NULL INPUT RETURNS text LANGUAGE java AS 'return String.valueOf(s);'",
		"CREATE FUNCTION " + k + ".lstate(s map<text,int>, v text) CALLED ON NULL INPUT RETURNS map<text,int> LANGUAGE java AS 'return s;'",
		"CREATE AGGREGATE " + k + ".mysum(int) SFUNC state_fn STYPE int FINALFUNC final_fn INITCOND 0",
		"CREATE AGGREGATE " + k + ".mysum2(int) SFUNC state_fn STYPE int",
		"CREATE AGGREGATE " + k + ".lagg(text) SFUNC lstate STYPE map<text,int> INITCOND {'a': 1}",
	}
}

// nodeForms are the DESCRIBE statements compared between server and
// client, with the keyspace in use ("" for none).
func nodeForms(nodeKS, nodeMixedKS string) []struct{ stmt, ks string } {
	k, m := nodeKS, `"`+nodeMixedKS+`"`
	return []struct{ stmt, ks string }{
		{"DESCRIBE KEYSPACE " + k, ""},
		{"DESC KEYSPACE " + m, ""},
		{"DESC ONLY KEYSPACE " + k, ""},
		{"DESC KEYSPACE", k},
		{"DESC TABLES", k},
		{"DESC TYPES", k},
		{"DESC FUNCTIONS", k},
		{"DESC AGGREGATES", k},
		{"DESC TABLE " + k + ".t1", ""},
		{"DESC TABLE " + k + `."Mixed"`, ""},
		{"DESC COLUMNFAMILY simple", k},
		{"DESC TABLE " + m + `."T"`, ""},
		{"DESC TYPE " + k + `."Person"`, ""},
		{"DESC TYPE addr", k},
		{"DESC FUNCTION " + k + ".plus", ""},
		{"DESC FUNCTION " + k + `."Fancy"`, ""},
		{"DESC AGGREGATE " + k + ".mysum", ""},
		{"DESC AGGREGATE lagg", k},
		{"DESC INDEX " + k + `."IdxCK"`, ""},
		{"DESC INDEX sel_sai", k},
		{"DESC MATERIALIZED VIEW " + k + ".t1_by_v", ""},
		{"DESC " + k, ""},
		{"DESC " + k + ".cnt", ""},
		{"DESC t1_v_idx", k},
		{"DESC t1_by_v", k},
		{"DESC TABLE " + k + ".t1_by_v", ""},
		{"DESC TABLE " + k + ".nope", ""},
		{"DESC TABLE nope_ks.t", ""},
		{"DESC nope", k},
		{"DESC " + k + ".nope", ""},
	}
}

// TestClientMatchesServerDescribe builds a rich schema on the 5.0 node and
// checks that the client-side DESCRIBE prints what the server prints.
func TestClientMatchesServerDescribe(t *testing.T) {
	addr := testnode.Addr(t)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	sess, err := driver.Connect(ctx, driver.Config{Hosts: []string{addr}})
	if err != nil {
		t.Fatalf("connect: %v", err)
	}
	defer sess.Close()
	exec := func(stmt string) {
		t.Helper()
		if _, err := sess.ExecuteQuery(ctx, &driver.Query{Statement: stmt, Timeout: time.Minute}); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
	nodeKS, nodeMixedKS := nodeKeyspaces(t)
	defer func() {
		exec("DROP KEYSPACE IF EXISTS " + nodeKS)
		exec(`DROP KEYSPACE IF EXISTS "` + nodeMixedKS + `"`)
	}()
	stmts := nodeSchema(nodeKS, nodeMixedKS)
	// The all-columns view needs its base table first.
	exec("CREATE KEYSPACE " + nodeKS + " WITH replication = {'class':'SimpleStrategy','replication_factor':1} AND durable_writes = false")
	exec("CREATE TABLE " + nodeKS + ".cnt_base (k text, c int, v int, PRIMARY KEY (k, c))")
	for _, s := range stmts[1:] {
		exec(s)
	}
	sch, err := schema.NewCache(sess, 0).Schema(ctx)
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	sessions := map[string]*driver.Session{"": sess}
	for _, f := range nodeForms(nodeKS, nodeMixedKS) {
		s := sessions[f.ks]
		if s == nil {
			s, err = driver.Connect(ctx, driver.Config{Hosts: []string{addr}, Keyspace: f.ks})
			if err != nil {
				t.Fatalf("connect to %s: %v", f.ks, err)
			}
			defer s.Close()
			sessions[f.ks] = s
		}
		t.Run(f.stmt+"@"+f.ks, func(t *testing.T) {
			want, serr := serverElements(ctx, s, f.stmt)
			req, err := Parse(f.stmt)
			if err != nil {
				t.Fatalf("parse: %v", err)
			}
			res, err := Describe(sch, req, f.ks)
			var se *driver.Error
			switch {
			case errors.As(serr, &se):
				// Where cqlsh's client-side text and the server's agree.
				if err == nil || err.Error() != se.Message {
					t.Fatalf("server error %q, client %v", se.Message, err)
				}
			case serr != nil:
				t.Fatalf("server: %v", serr)
			case err != nil:
				t.Fatalf("describe: %v", err)
			default:
				compareElements(t, knownDifferences(want), res.Elements)
			}
		})
	}
}

// serverElements runs a DESCRIBE on the server.
func serverElements(ctx context.Context, s *driver.Session, stmt string) ([]Element, error) {
	it := s.Iter(ctx, &driver.Query{Statement: stmt})
	var out []Element
	for it.Next() {
		var e Element
		cols := it.Columns()
		dst := make([]any, len(cols))
		for j, c := range cols {
			switch c.Name {
			case "keyspace_name":
				dst[j] = &e.Keyspace
			case "type":
				dst[j] = &e.Type
			case "name":
				dst[j] = &e.Name
			case "create_statement":
				dst[j] = &e.CQL
			default:
				dst[j] = new(any)
			}
		}
		if err := it.Scan(dst...); err != nil {
			it.Close()
			return nil, err
		}
		out = append(out, e)
	}
	return out, it.Close()
}

// knownDifferences rewrites what the client cannot know from system_schema
// in the server's rows. Cassandra 5.0 leaves system_schema.tables.cdc null
// whatever the table's cdc setting (the server reads it from its own
// metadata), so the client prints the default, cdc = false.
func knownDifferences(rows []Element) []Element {
	out := make([]Element, len(rows))
	for i, e := range rows {
		e.CQL = strings.ReplaceAll(e.CQL, "\n    AND cdc = true\n", "\n    AND cdc = false\n")
		out[i] = e
	}
	return out
}

// compareElements fails on every difference between the server's and the
// client's rows.
func compareElements(t *testing.T, want, got []Element) {
	t.Helper()
	if len(want) != len(got) {
		var wn, gn []string
		for _, e := range want {
			wn = append(wn, e.Type+" "+e.Name)
		}
		for _, e := range got {
			gn = append(gn, e.Type+" "+e.Name)
		}
		t.Fatalf("server gave %d rows, client %d\nserver: %s\nclient: %s", len(want), len(got), strings.Join(wn, "; "), strings.Join(gn, "; "))
	}
	for i := range want {
		if want[i] != got[i] {
			t.Errorf("row %d differs\nserver: %+v\n%s\nclient: %+v\n%s", i, want[i].Name, want[i].CQL, got[i].Name, got[i].CQL)
		}
	}
}
