package completions

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// completeCase is one completion test: input with '@' at the cursor, the
// current keyspace, and what must come back. want is the exact list in
// order; has and not are checked when the list is too long to spell out.
type completeCase struct {
	in   string
	ks   string
	word string
	want []string
	has  []string
	not  []string
}

func l(s ...string) []string { return s }

var none = []string{}

var completeCases = []completeCase{
	// statement starts
	{in: "@", has: l("SELECT", "INSERT INTO", "CONSISTENCY", "SERIAL CONSISTENCY", "DESCRIBE", "CANCEL", "COPY", "APPLY BATCH")},
	{in: "sel@", word: "sel", want: l("SELECT")},
	{in: "DE@", word: "DE", want: l("DELETE", "DESCRIBE", "DESC")},
	{in: "c@", word: "c", want: l("CREATE", "COPY", "CONSISTENCY", "CAPTURE", "CLEAR", "CLS", "CONCURRENT", "COUNT", "CANCEL")},
	{in: "SELECT * FROM t;\nup@", word: "up", want: l("UPDATE")},
	{in: "SELECT *\nFROM ks1.@", want: l("events", `"Orders"`, "users", "users_by_email")},
	{in: "HELP\nTR@", word: "TR", want: l("TRUNCATE", "TRACING")},
	{in: "BEGIN BATCH INSERT INTO t (a) VALUES (1); @", want: l("INSERT INTO", "UPDATE", "DELETE", "APPLY BATCH")},
	{in: "APPLY @", want: l("BATCH")},
	{in: "BEGIN @", want: l("BATCH", "UNLOGGED BATCH", "COUNTER BATCH")},
	{in: "BEGIN UNLOGGED @", want: l("BATCH")},
	{in: "BEGIN BATCH @", want: l("INSERT INTO", "UPDATE", "DELETE", "USING TIMESTAMP")},
	{in: "BEGIN BATCH UPDATE ks1.users SET @", want: l("email", "name", "tags")},

	// SELECT
	{in: "SELECT @", ks: "ks1", has: l("*", "DISTINCT", "JSON", "count(", "my_func(", "my_agg(")},
	{in: "SELECT @ FROM ks1.users", has: l("*", "user_id", "email", "name", "tags", "count(")},
	{in: "SELECT user_id, @ FROM users", ks: "ks1", has: l("user_id", "email", "writetime(")},
	{in: "SELECT DISTINCT @ FROM ks1.events", want: l("tenant", "day", "kind")},
	{in: "SELECT na@ FROM ks1.users", word: "na", want: l("name")},
	{in: "SELECT name @", want: l("FROM", "AS")},
	{in: "SELECT * @", want: l("FROM")},
	{in: "SELECT * FROM @", ks: "ks1", want: l("events", `"Orders"`, "users", "users_by_email", "app.", "ks1.", `"MyKs".`, "system.", "system_auth.", "system_schema.")},
	{in: "SELECT * FROM @", want: l("app.", "ks1.", `"MyKs".`, "system.", "system_auth.", "system_schema.")},
	{in: "SELECT * FROM ks1.@", want: l("events", `"Orders"`, "users", "users_by_email")},
	{in: "select * from KS1.us@", word: "us", want: l("users", "users_by_email")},
	{in: "SELECT * FROM ks1.or@", word: "or", want: l(`"Orders"`)},
	{in: `SELECT * FROM ks1."Or@`, word: `"Or`, want: l(`"Orders"`)},
	{in: "SELECT * FROM sys@", ks: "ks1", word: "sys", want: l("system.", "system_auth.", "system_schema.")},
	{in: "SELECT * FROM ks1.users @", want: l("WHERE", "GROUP BY", "ORDER BY", "PER PARTITION LIMIT", "LIMIT", "ALLOW FILTERING")},
	{in: "SELECT * FROM ks1.events WHERE @", want: l("tenant", "day", "ts", "seq", "kind", "payload", "token(")},
	{in: "SELECT * FROM ks1.events WHERE tenant = 'a' AND @", want: l("tenant", "day", "ts", "seq", "kind", "payload", "token(")},
	{in: "SELECT * FROM ks1.events WHERE tenant @", has: l("=", "IN", "<=", "CONTAINS", "CONTAINS KEY")},
	{in: "SELECT * FROM ks1.events WHERE tenant = 'x' @", want: l("AND", "GROUP BY", "ORDER BY", "PER PARTITION LIMIT", "LIMIT", "ALLOW FILTERING")},
	{in: "SELECT * FROM ks1.events WHERE tenant IN ('x', 'y') @", has: l("AND", "LIMIT")},
	{in: "SELECT * FROM ks1.events WHERE token(@", want: l("tenant", "day")},
	{in: "SELECT * FROM ks1.events WHERE token(tenant, day) @", want: l("=", ">", ">=", "<", "<=")},
	{in: "SELECT * FROM ks1.events WHERE tenant = ? ORDER BY @", want: l("ts", "seq")},
	{in: "SELECT * FROM ks1.events WHERE tenant = ? ORDER @", want: l("BY")},
	{in: "SELECT * FROM ks1.events ORDER BY ts @", want: l("ASC", "DESC")},
	{in: "SELECT * FROM ks1.events ORDER BY ts DESC @", want: l("PER PARTITION LIMIT", "LIMIT", "ALLOW FILTERING")},
	{in: "SELECT * FROM ks1.events GROUP BY @", want: l("tenant", "day", "ts", "seq")},
	{in: "SELECT * FROM ks1.events LIMIT 10 @", want: l("ALLOW FILTERING")},
	{in: "SELECT * FROM ks1.events WHERE kind = 'x' ALLOW @", want: l("FILTERING")},
	{in: "SELECT * FROM ks1.events WHERE kind = 'x' al@", word: "al", want: l("ALLOW FILTERING")},
	{in: "SELECT JSON @", ks: "ks1", has: l("*", "DISTINCT"), not: l("JSON")},
	{in: "SELECT cast(a AS @", has: l("int", "text", "map<")},

	// INSERT
	{in: "INSERT @", want: l("INTO")},
	{in: "INSERT INTO @", ks: "app", has: l("logs", "metrics", "app.", "ks1."), not: l("users")},
	{in: "INSERT INTO ks1.users @", want: l("(", "JSON")},
	{in: "INSERT INTO ks1.events (@", want: l("tenant", "day", "ts", "seq", "kind", "payload")},
	{in: "INSERT INTO ks1.events (tenant, day, @", want: l("ts", "seq", "kind", "payload")},
	{in: "INSERT INTO ks1.events (tenant, day) @", want: l("VALUES")},
	{in: "INSERT INTO ks1.events (tenant, day) VALUES ('a', @", want: none},
	{in: "INSERT INTO ks1.events (tenant) VALUES ('a') @", want: l("IF NOT EXISTS", "USING TTL", "USING TIMESTAMP")},
	{in: "INSERT INTO ks1.events (tenant) VALUES ('a') IF @", want: l("NOT EXISTS")},
	{in: "INSERT INTO ks1.events (tenant) VALUES ('a') USING @", want: l("TTL", "TIMESTAMP")},
	{in: "INSERT INTO ks1.events (tenant) VALUES ('a') USING TTL 5 @", want: l("AND")},
	{in: "INSERT INTO ks1.events (tenant) VALUES ('a') USING TTL 5 AND @", want: l("TTL", "TIMESTAMP")},
	{in: "INSERT INTO ks1.users JSON '{}' @", has: l("DEFAULT NULL", "IF NOT EXISTS")},

	// UPDATE / DELETE
	{in: "UPDATE @", ks: "ks1", has: l("users", "events", "ks1.")},
	{in: "UPDATE ks1.users @", want: l("SET", "USING TTL", "USING TIMESTAMP")},
	{in: "UPDATE ks1.events SET @", want: l("kind", "payload")},
	{in: "UPDATE ks1.users SET name = 'x', @", want: l("email", "tags")},
	{in: "UPDATE ks1.users SET name @", want: l("=")},
	{in: "UPDATE ks1.users SET name = 'x' @", want: l("WHERE")},
	{in: "UPDATE ks1.events SET kind = 'x' WHERE @", want: l("tenant", "day", "ts", "seq")},
	{in: "UPDATE ks1.events SET kind = 'x' WHERE tenant = 'a' @", want: l("AND", "IF EXISTS", "IF")},
	{in: "UPDATE ks1.events SET kind = 'x' WHERE tenant = 'a' IF @", want: l("EXISTS", "kind", "payload")},
	{in: "UPDATE ks1.users USING TTL 10 @", want: l("AND", "SET")},
	{in: "DELETE @", want: l("FROM")},
	{in: "DELETE @ FROM ks1.users", want: l("FROM", "email", "name", "tags")},
	{in: "DELETE FROM @", ks: "ks1", has: l("users", "events", `"Orders"`), not: l("users_by_email")},
	{in: "DELETE FROM ks1.users @", want: l("WHERE", "USING TIMESTAMP")},
	{in: "DELETE FROM ks1.users WHERE @", want: l("user_id")},
	{in: "DELETE name, @ FROM ks1.users", want: l("email", "name", "tags")},

	// TRUNCATE / USE
	{in: "TRUNCATE @", ks: "app", has: l("TABLE", "logs", "metrics", "ks1.")},
	{in: "TRUNCATE TABLE app.@", want: l("logs", "metrics")},
	{in: "USE @", want: l("app", "ks1", `"MyKs"`, "system", "system_auth", "system_schema")},
	{in: "use k@", word: "k", want: l("ks1")},
	{in: `USE "My@`, word: `"My`, want: l(`"MyKs"`)},

	// CREATE
	{in: "CREATE @", has: l("KEYSPACE", "TABLE", "TYPE", "INDEX", "FUNCTION", "AGGREGATE", "MATERIALIZED VIEW", "ROLE", "USER", "TRIGGER")},
	{in: "CREATE MAT@", word: "MAT", want: l("MATERIALIZED VIEW")},
	{in: "CREATE MATERIALIZED @", want: l("VIEW")},
	{in: "CREATE TABLE @", has: l("IF NOT EXISTS", "ks1.")},
	{in: "CREATE TABLE IF @", want: l("NOT EXISTS")},
	{in: "CREATE TABLE IF NOT @", want: l("EXISTS")},
	{in: "CREATE TABLE ks1.t @", want: l("(")},
	{in: "CREATE TABLE ks1.t (id @", has: l("int", "text", "uuid", "list<", "frozen<", "address", `"Phone"`), not: l("point")},
	{in: "CREATE TABLE t (id int, v @", ks: "app", has: l("timestamp", "point")},
	{in: "CREATE TABLE t (id int, v map<text, @", has: l("int", "text")},
	{in: "CREATE TABLE t (id int, @", want: l("PRIMARY KEY")},
	{in: "CREATE TABLE t (id int @", want: l("PRIMARY KEY", "STATIC")},
	{in: "CREATE TABLE t (id int, c int, v text, PRIMARY KEY ((@", want: l("id", "c", "v")},
	{in: "CREATE TABLE t (id int, c int, PRIMARY KEY (id, @", want: l("id", "c")},
	{in: "CREATE TABLE t (id int PRIMARY KEY) @", want: l("WITH")},
	{in: "CREATE TABLE t (id int PRIMARY KEY) WITH @", has: l("CLUSTERING ORDER BY", "compaction", "gc_grace_seconds")},
	{in: "CREATE TABLE t (id int PRIMARY KEY) WITH comp@", word: "comp", want: l("COMPACT STORAGE", "compaction", "compression")},
	{in: "CREATE TABLE t (id int PRIMARY KEY) WITH compaction = {'class': @", has: l("'SizeTieredCompactionStrategy'", "'UnifiedCompactionStrategy'")},
	{in: "CREATE TABLE t (id int PRIMARY KEY) WITH compaction = {'class': 'Lev@", word: "Lev", want: l("LeveledCompactionStrategy'")},
	{in: "CREATE TABLE t (id int, c int, PRIMARY KEY (id, c)) WITH CLUSTERING ORDER BY (@", want: l("id", "c")},
	{in: "CREATE TABLE t (id int, c int, PRIMARY KEY (id, c)) WITH CLUSTERING ORDER BY (c @", want: l("ASC", "DESC")},
	{in: "CREATE KEYSPACE @", want: l("IF NOT EXISTS")},
	{in: "CREATE KEYSPACE k @", want: l("WITH")},
	{in: "CREATE KEYSPACE k WITH @", want: l("REPLICATION", "DURABLE_WRITES")},
	{in: "CREATE KEYSPACE k WITH replication = @", want: l("{")},
	{in: "CREATE KEYSPACE k WITH replication = {@", want: l("'class'", "'replication_factor'")},
	{in: "CREATE KEYSPACE k WITH replication = {'class': 'Sim@", word: "Sim", want: l("SimpleStrategy'")},
	{in: "CREATE KEYSPACE k WITH replication = {'class': 'SimpleStrategy', 'repl@", word: "repl", want: l("replication_factor'")},
	{in: "CREATE KEYSPACE k WITH replication = {'class': 'SimpleStrategy'} @", want: l("AND")},
	{in: "CREATE TYPE ks1.t (a @", has: l("int", "address")},
	{in: "CREATE INDEX @", want: l("IF NOT EXISTS", "ON")},
	{in: "CREATE INDEX i ON ks1.users (@", want: l("user_id", "email", "name", "tags", "KEYS(", "VALUES(", "ENTRIES(", "FULL(")},
	{in: "CREATE INDEX i ON ks1.users (name) @", want: l("USING", "WITH OPTIONS")},
	{in: "CREATE CUSTOM INDEX i ON ks1.users (name) USING '@", has: l("sai'", "StorageAttachedIndex'")},
	{in: "CREATE MATERIALIZED VIEW v AS SELECT * FROM ks1.users WHERE @", want: l("user_id", "email", "name", "tags")},
	{in: "CREATE MATERIALIZED VIEW v AS SELECT * FROM ks1.users WHERE email @", has: l("IS NOT NULL")},
	{in: "CREATE MATERIALIZED VIEW v AS SELECT * FROM ks1.users WHERE email IS NOT NULL @", want: l("AND", "PRIMARY KEY")},
	{in: "CREATE MATERIALIZED VIEW v AS SELECT * FROM ks1.users WHERE email IS NOT NULL PRIMARY KEY (email, @", want: l("user_id", "email", "name", "tags")},
	{in: "CREATE FUNCTION ks1.f (a int) @", want: l("CALLED ON NULL INPUT", "RETURNS NULL ON NULL INPUT")},
	{in: "CREATE FUNCTION ks1.f (a int) CALLED ON NULL INPUT RETURNS @", has: l("int", "address")},
	{in: "CREATE FUNCTION ks1.f (a int) CALLED ON NULL INPUT RETURNS int LANGUAGE @", want: l("java", "javascript")},
	{in: "CREATE AGGREGATE ks1.a (int) SFUNC @", want: l("my_func")},
	{in: "CREATE OR @", want: l("REPLACE")},
	{in: "CREATE OR REPLACE @", want: l("FUNCTION", "AGGREGATE")},
	{in: "CREATE ROLE r WITH @", has: l("PASSWORD", "LOGIN", "SUPERUSER")},
	{in: "CREATE ROLE r WITH LOGIN = @", want: l("true", "false")},

	// DROP
	{in: "DROP @", want: l("KEYSPACE", "TABLE", "TYPE", "INDEX", "FUNCTION", "AGGREGATE", "MATERIALIZED VIEW", "ROLE", "USER", "TRIGGER")},
	{in: "DROP K@", word: "K", want: l("KEYSPACE")},
	{in: "DROP KEYSPACE @", want: l("IF EXISTS", "app", "ks1", `"MyKs"`, "system", "system_auth", "system_schema")},
	{in: "DROP KEYSPACE IF EXISTS @", want: l("app", "ks1", `"MyKs"`, "system", "system_auth", "system_schema")},
	{in: "DROP TABLE @", ks: "ks1", has: l("IF EXISTS", "events", "users", "app."), not: l("users_by_email")},
	{in: "DROP TABLE IF EXISTS app.@", want: l("logs", "metrics")},
	{in: "DROP TYPE ks1.@", want: l("address", `"Phone"`)},
	{in: "DROP INDEX ks1.@", want: l("users_name_idx")},
	{in: "DROP FUNCTION ks1.@", want: l("my_func")},
	{in: "DROP AGGREGATE ks1.@", want: l("my_agg")},
	{in: "DROP MATERIALIZED VIEW ks1.@", want: l("users_by_email")},

	// ALTER
	{in: "ALTER @", want: l("KEYSPACE", "TABLE", "TYPE", "MATERIALIZED VIEW", "ROLE", "USER")},
	{in: "ALTER KEYSPACE @", want: l("IF EXISTS", "app", "ks1", `"MyKs"`)},
	{in: "ALTER KEYSPACE I@", word: "I", want: l("IF EXISTS")},
	{in: "ALTER KEYSPACE ks1 WITH @", want: l("REPLICATION", "DURABLE_WRITES")},
	{in: "ALTER TABLE ks1.users @", want: l("ADD", "DROP", "ALTER", "RENAME", "WITH")},
	{in: "ALTER TABLE ks1.users ADD @", want: l("IF NOT EXISTS")},
	{in: "ALTER TABLE ks1.users ADD age @", has: l("int", "varint", "address", "vector<")},
	{in: "ALTER TABLE ks1.users DROP @", want: l("IF EXISTS", "COMPACT STORAGE", "email", "name", "tags")},
	{in: "ALTER TABLE ks1.events RENAME @", want: l("IF EXISTS", "tenant", "day", "ts", "seq")},
	{in: "ALTER TABLE ks1.events RENAME ts @", want: l("TO")},
	{in: "ALTER TABLE ks1.users WITH @", has: l("comment", "default_time_to_live")},
	{in: "ALTER TABLE ks1.users WITH comment = 'x' @", want: l("AND")},
	{in: "ALTER TYPE ks1.address ADD zip @", has: l("int", "text")},
	{in: "ALTER MATERIALIZED VIEW ks1.@", want: l("users_by_email")},

	// GRANT / REVOKE / LIST
	{in: "GRANT @", has: l("ALL PERMISSIONS", "SELECT", "MODIFY")},
	{in: "GRANT SELECT @", want: l("ON", "PERMISSION", "PERMISSIONS")},
	{in: "GRANT SELECT ON @", ks: "ks1", has: l("ALL KEYSPACES", "KEYSPACE", "TABLE", "users")},
	{in: "GRANT SELECT ON KEYSPACE @", has: l("ks1", "app")},
	{in: "GRANT SELECT ON KEYSPACE ks1 @", want: l("TO")},
	{in: "REVOKE SELECT ON KEYSPACE ks1 @", want: l("FROM")},
	{in: "LIST @", has: l("ROLES", "USERS", "ALL PERMISSIONS")},

	// shell commands
	{in: "CONSISTENCY @", want: l("ANY", "ONE", "TWO", "THREE", "QUORUM", "ALL", "LOCAL_QUORUM", "EACH_QUORUM", "SERIAL", "LOCAL_SERIAL", "LOCAL_ONE")},
	{in: "consistency lo@", word: "lo", want: l("LOCAL_QUORUM", "LOCAL_SERIAL", "LOCAL_ONE")},
	{in: "SERIAL @", want: l("CONSISTENCY")},
	{in: "SERIAL CONSISTENCY @", want: l("SERIAL", "LOCAL_SERIAL")},
	{in: "TRACING @", want: l("ON", "OFF")},
	{in: "expand o@", word: "o", want: l("ON", "OFF")},
	{in: "PAGING @", want: l("ON", "OFF")},
	{in: "ELAPSED @", want: l("ON", "OFF")},
	{in: "FORMAT @", want: l("TABLE", "EXPANDED", "CSV", "JSON", "BOX")},
	{in: "EXPAND @", want: l("ON", "OFF", "AUTO")},
	{in: "HELP @", has: l("CONSISTENCY", "CREATE_TABLE", "SELECT_JSON")},
	{in: "HELP CREATE_T@", word: "CREATE_T", want: l("CREATE_TABLE", "CREATE_TRIGGER", "CREATE_TYPE")},
	{in: "? sel@", word: "sel", want: l("SELECT", "SELECT_JSON")},
	{in: "SHOW @", want: l("VERSION", "HOST", "HOSTS", "SESSION", "REPLICAS")},
	{in: "CAPTURE @", want: l("'", "OFF")},
	{in: "SOURCE @", want: l("'")},
	{in: "DESCRIBE @", ks: "ks1", has: l("KEYSPACES", "TABLE", "MATERIALIZED VIEW", "CLUSTER", "FULL SCHEMA", "ks1", "users", "users_by_email", "app.")},
	{in: "DESC FULL @", want: l("SCHEMA")},
	{in: "DESC KEYSPACE @", want: l("app", "ks1", `"MyKs"`, "system", "system_auth", "system_schema")},
	{in: "DESC TABLE ks1.@", want: l("events", `"Orders"`, "users")},
	{in: "DESC TYPE ks1.@", want: l("address", `"Phone"`)},
	{in: "DESC ks1.@", want: l("events", `"Orders"`, "users", "users_by_email")},
	{in: "DESC TABLE ks1.users @", want: l("WITH INTERNALS")},
	{in: "COPY ks1.users (@", want: l("user_id", "email", "name", "tags")},
	{in: "COPY ks1.users FROM 'x.csv' WITH @", has: l("HEADER", "DELIMITER")},

	// comments, strings, quoting
	{in: "SELECT * FROM ks1.users -- WHERE @", want: none},
	{in: "SELECT * /* FROM @", want: none},
	{in: "SELECT * /* x */ FROM ks1.@", want: l("events", `"Orders"`, "users", "users_by_email")},
	{in: "SELECT * FROM ks1.users WHERE name = 'ab@", word: "ab", want: none},
	{in: "SELECT $$ abc @", want: none},
	{in: "SELECT * FROM \"MyKs\".@", want: none},
	{in: "SELECT * FROM ks1.@ WHERE x = 1", want: l("events", `"Orders"`, "users", "users_by_email")},
	{in: "SELECT * FROM ks1.events WHERE tenant = 'x' AND d@ = 'y'", word: "d", want: l("day")},
	{in: "SELECT 1 FROM x; SELECT * FROM ks1.users WHERE @", want: l("user_id", "email", "name", "tags", "token(")},
	{in: "SELECT * FROM nosuch.@", want: none},
	{in: "SELECT * FROM nosuch.t WHERE @", want: l("token(")},
	{in: "NOSUCH @", want: none},
}

func TestComplete(t *testing.T) {
	sch := testSchema()
	for _, tc := range completeCases {
		t.Run(tc.in, func(t *testing.T) {
			in, cur := split(tc.in)
			word, got := Complete(in, cur, sch, tc.ks)
			if word != tc.word {
				t.Errorf("word = %q, want %q", word, tc.word)
			}
			gotT := texts(got)
			if tc.want != nil && !slices.Equal(gotT, tc.want) {
				t.Errorf("got  %q\nwant %q", gotT, tc.want)
			}
			for _, h := range tc.has {
				if !slices.Contains(gotT, h) {
					t.Errorf("missing %q in %q", h, gotT)
				}
			}
			for _, n := range tc.not {
				if slices.Contains(gotT, n) {
					t.Errorf("unexpected %q in %q", n, gotT)
				}
			}
			for _, s := range got {
				if !matches(word, s.Text, strings.Trim(s.Text, `"`)) {
					t.Errorf("suggestion %q does not continue word %q", s.Text, word)
				}
				if s.Description == "" {
					t.Errorf("suggestion %q has no description", s.Text)
				}
			}
		})
	}
}

func TestCompleteDescriptions(t *testing.T) {
	_, got := Complete("SELECT * FROM ks1.events WHERE ", 31, testSchema(), "")
	want := map[string]string{"tenant": "text (partition key)", "ts": "timeuuid (clustering)", "kind": "text (static)", "payload": "text"}
	for _, s := range got {
		if d, ok := want[s.Text]; ok && d != s.Description {
			t.Errorf("%s: description %q, want %q", s.Text, s.Description, d)
		}
	}
	_, got = Complete("SELECT * FROM ", 14, testSchema(), "ks1")
	if got[0].Description != descTable || got[len(got)-1].Description != descKeyspace {
		t.Errorf("descriptions %v", got)
	}
}

func TestCompleteNoSchema(t *testing.T) {
	word, got := Complete("SELECT * FROM t WHERE ", 22, nil, "ks")
	if word != "" || !slices.Equal(texts(got), []string{"token("}) {
		t.Errorf("nil schema: %q %q", word, texts(got))
	}
	if _, got := Complete("DROP TABLE ", 11, nil, ""); !slices.Equal(texts(got), []string{"IF EXISTS"}) {
		t.Errorf("nil schema DROP TABLE: %q", texts(got))
	}
}

func TestCompleteCursorClamp(t *testing.T) {
	for _, cur := range []int{-5, 0, 3, 100} {
		Complete("SEL", cur, testSchema(), "")
	}
	if w, got := Complete("SEL", 99, nil, ""); w != "SEL" || len(got) != 1 {
		t.Errorf("clamped cursor: %q %v", w, got)
	}
	if w, got := Complete("SEL", -1, nil, ""); w != "" || len(got) == 0 {
		t.Errorf("cursor 0: %q %v", w, got)
	}
}

func TestCompleteFiles(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"a.cql", "ab.cql", "it's.cql", ".hidden", "sub/x.cql", "sub/y.txt"} {
		p := filepath.Join(dir, f)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	cases := []completeCase{
		{in: "SOURCE '@", want: l("a.cql'", "ab.cql'", "it''s.cql'", "sub/")},
		{in: "SOURCE 'a@", word: "a", want: l("a.cql'", "ab.cql'")},
		{in: "source 'sub/@", word: "sub/", want: l("sub/x.cql'", "sub/y.txt'")},
		{in: "CAPTURE 'sub/y@", word: "sub/y", want: l("sub/y.txt'")},
		{in: "SOURCE '.h@", word: ".h", want: l(".hidden'")},
		{in: "SOURCE 'it''@", word: "it''", want: l("it''s.cql'")},
		{in: "SOURCE 'nosuch/@", word: "nosuch/", want: none},
		{in: "COPY ks1.users FROM 'su@", word: "su", want: l("sub/")},
		{in: "COPY ks1.users TO '" + dir + "/a@", word: dir + "/a", want: l(dir+"/a.cql'", dir+"/ab.cql'")},
		{in: "SELECT * FROM t WHERE a = 'a@", word: "a", want: none},
	}
	for _, tc := range cases {
		in, cur := split(tc.in)
		word, got := Complete(in, cur, testSchema(), "")
		if word != tc.word || !slices.Equal(texts(got), tc.want) {
			t.Errorf("%s: got %q %q, want %q %q", tc.in, word, texts(got), tc.word, tc.want)
		}
	}
}

func TestCompleteCaseCount(t *testing.T) {
	if len(completeCases) < 60 {
		t.Fatalf("only %d completion cases", len(completeCases))
	}
}
