package completions

// Predicates used by rules.
func depth0(st *state) bool   { return st.parenDepth == 0 }
func depth1(st *state) bool   { return st.parenDepth == 1 }
func depthGE1(st *state) bool { return st.parenDepth >= 1 }
func depthGE2(st *state) bool { return st.parenDepth >= 2 }
func inAngle(st *state) bool  { return st.angleDepth > 0 }
func noAngle(st *state) bool  { return st.angleDepth == 0 }
func inMap(st *state) bool    { return st.currentMap() != "" }

// without returns a predicate that holds when keyword kw is not yet written.
func without(kw string) func(*state) bool {
	return func(st *state) bool { return !st.has(kw) }
}

// all combines predicates.
func all(ps ...func(*state) bool) func(*state) bool {
	return func(st *state) bool {
		for _, p := range ps {
			if !p(st) {
				return false
			}
		}
		return true
	}
}

// g lists generators.
func g(gs ...gen) []gen { return gs }

// Frequently used generator sets.
var (
	nothing    = g()
	ifExists   = kw("IF EXISTS")
	ifNotExist = kw("IF NOT EXISTS")
	operatorKW = kw("=", "<", ">", "<=", ">=", "!=", "IN", "CONTAINS", "CONTAINS KEY", "LIKE")
	tokenFn    = gen(func(st *state, c *collector) {
		if st.qual == "" {
			c.add("token(", "token", descFunction)
		}
	})
	selectTail = kw("GROUP BY", "ORDER BY", "PER PARTITION LIMIT", "LIMIT", "ALLOW FILTERING")
)

// ruleTable is the completion grammar: for each token context (a pattern
// over the statement's tokens before the word), what may come next. Within
// a statement kind, specific contexts come before general ones.
func ruleTable() []rule {
	var rs []rule
	add := func(more ...rule) { rs = append(rs, more...) }

	add(rule{p: "", g: g(startGen)})

	// SELECT
	add(
		rule{p: "SELECT .. FILTERING", g: nothing},
		rule{p: "SELECT .. LIMIT $v", g: g(kw("ALLOW FILTERING"))},
		rule{p: "SELECT .. LIMIT", g: nothing},
		rule{p: "SELECT .. ORDER BY", g: g(cols(colClustering))},
		rule{p: "SELECT .. ORDER BY .. ,", g: g(cols(colClustering))},
		rule{p: "SELECT .. ORDER BY .. ASC|DESC", g: g(kw("PER PARTITION LIMIT", "LIMIT", "ALLOW FILTERING"))},
		rule{p: "SELECT .. ORDER BY .. $n", g: g(kw("ASC", "DESC"))},
		rule{p: "SELECT .. GROUP BY", g: g(cols(colKey))},
		rule{p: "SELECT .. GROUP BY .. ,", g: g(cols(colKey))},
		rule{p: "SELECT .. GROUP BY .. $n|)", g: g(kw("ORDER BY", "PER PARTITION LIMIT", "LIMIT", "ALLOW FILTERING"))},
		rule{p: "SELECT .. WHERE .. TOKEN (", g: g(cols(colPartition))},
		rule{p: "SELECT .. WHERE .. )", when: afterTokenCall, g: g(kw("=", ">", ">=", "<", "<="))},
		rule{p: "SELECT .. WHERE", g: g(cols(colAll), tokenFn)},
		rule{p: "SELECT .. WHERE .. AND", g: g(cols(colAll), tokenFn)},
		rule{p: "SELECT .. WHERE|AND $n", g: g(operatorKW)},
		rule{p: "SELECT .. WHERE .. $op", g: nothing},
		rule{p: "SELECT .. WHERE .. $val", when: depth0, g: g(kw("AND"), selectTail)},
		rule{p: "SELECT .. WHERE ..", g: nothing},
		rule{p: "SELECT .. FROM", g: g(named(objTablesViews))},
		rule{p: "SELECT .. FROM $n", g: g(kw("WHERE"), selectTail)},
		rule{p: "SELECT .. FROM ..", g: nothing},
		rule{p: "SELECT", g: g(kw("*", "DISTINCT", "JSON"), cols(colAll), selectors)},
		rule{p: "SELECT JSON", g: g(kw("*", "DISTINCT"), cols(colAll), selectors)},
		rule{p: "SELECT .. DISTINCT", g: g(cols(colDistinct))},
		rule{p: "SELECT .. CAST ( $n AS", g: g(types)},
		rule{p: "SELECT .. (", g: g(cols(colAll), selectors)},
		rule{p: "SELECT .. ,", g: g(cols(colAll), selectors)},
		rule{p: "SELECT .. AS", g: nothing},
		rule{p: "SELECT .. AS $n", when: depth0, g: g(kw("FROM"))},
		rule{p: "SELECT .. *", when: depth0, g: g(kw("FROM"))},
		rule{p: "SELECT .. $n|)", when: depth0, g: g(kw("FROM", "AS"))},
	)

	// INSERT
	add(
		rule{p: "INSERT", g: g(kw("INTO"))},
		rule{p: "INSERT INTO", g: g(named(objTables))},
		rule{p: "INSERT INTO $n", g: g(kw("(", "JSON"))},
		rule{p: "INSERT .. USING", g: g(kw("TTL", "TIMESTAMP"))},
		rule{p: "INSERT .. USING .. TTL|TIMESTAMP $v", g: g(kw("AND"))},
		rule{p: "INSERT .. USING .. AND", g: g(kw("TTL", "TIMESTAMP"))},
		rule{p: "INSERT .. USING ..", g: nothing},
		rule{p: "INSERT .. EXISTS", g: g(kw("USING TTL", "USING TIMESTAMP"))},
		rule{p: "INSERT INTO $n JSON $v", g: g(kw("DEFAULT NULL", "DEFAULT UNSET", "IF NOT EXISTS", "USING TTL", "USING TIMESTAMP"))},
		rule{p: "INSERT INTO $n JSON $v DEFAULT NULL|UNSET", g: g(kw("IF NOT EXISTS", "USING TTL", "USING TIMESTAMP"))},
		rule{p: "INSERT .. VALUES", g: g(kw("("))},
		rule{p: "INSERT .. VALUES ( .. )", when: depth0, g: g(kw("IF NOT EXISTS", "USING TTL", "USING TIMESTAMP"))},
		rule{p: "INSERT .. VALUES ..", g: nothing},
		rule{p: "INSERT INTO $n (", g: g(cols(colUnused))},
		rule{p: "INSERT INTO $n ( .. ,", when: depth1, g: g(cols(colUnused))},
		rule{p: "INSERT INTO $n ( .. )", when: depth0, g: g(kw("VALUES"))},
	)

	// UPDATE and DELETE share their IF and WHERE clauses.
	add(
		rule{p: "UPDATE|DELETE .. IF", g: g(kw("EXISTS"), cols(colNonKey))},
		rule{p: "UPDATE|DELETE .. IF .. AND", g: g(cols(colNonKey))},
		rule{p: "UPDATE|DELETE .. IF|AND $n", when: func(st *state) bool { return st.has("IF") }, g: g(operatorKW)},
		rule{p: "UPDATE|DELETE .. IF .. $val", when: depth0, g: g(kw("AND"))},
		rule{p: "UPDATE|DELETE .. IF ..", g: nothing},
		rule{p: "UPDATE|DELETE .. WHERE", g: g(cols(colKey))},
		rule{p: "UPDATE|DELETE .. WHERE .. AND", g: g(cols(colKey))},
		rule{p: "UPDATE|DELETE .. WHERE|AND $n", g: g(kw("=", "IN", "<", ">", "<=", ">="))},
		rule{p: "UPDATE|DELETE .. WHERE .. $op", g: nothing},
		rule{p: "UPDATE|DELETE .. WHERE .. $val", when: depth0, g: g(kw("AND", "IF EXISTS", "IF"))},
		rule{p: "UPDATE|DELETE .. WHERE ..", g: nothing},

		rule{p: "UPDATE", g: g(named(objTables))},
		rule{p: "UPDATE $n", g: g(kw("SET", "USING TTL", "USING TIMESTAMP"))},
		rule{p: "UPDATE .. SET", g: g(cols(colNonKeyUnused))},
		rule{p: "UPDATE .. SET .. ,", when: depth0, g: g(cols(colNonKeyUnused))},
		rule{p: "UPDATE .. SET|, $n", when: depth0, g: g(kw("="))},
		rule{p: "UPDATE .. SET .. $val|$n", when: depth0, g: g(kw("WHERE"))},
		rule{p: "UPDATE .. SET ..", g: nothing},
		rule{p: "UPDATE $n USING", g: g(kw("TTL", "TIMESTAMP"))},
		rule{p: "UPDATE $n USING .. TTL|TIMESTAMP $v", g: g(kw("AND", "SET"))},
		rule{p: "UPDATE $n USING .. AND", g: g(kw("TTL", "TIMESTAMP"))},

		rule{p: "DELETE", g: g(kw("FROM"), cols(colNonKey))},
		rule{p: "DELETE .. FROM", g: g(named(objTables))},
		rule{p: "DELETE .. FROM $n", g: g(kw("WHERE", "USING TIMESTAMP"))},
		rule{p: "DELETE .. USING", g: g(kw("TIMESTAMP"))},
		rule{p: "DELETE .. USING TIMESTAMP $v", g: g(kw("WHERE"))},
		rule{p: "DELETE .. FROM ..", g: nothing},
		rule{p: "DELETE .. ,", g: g(cols(colNonKey))},
		rule{p: "DELETE .. $n|]", g: g(kw("FROM"))},
	)

	// TRUNCATE, USE, batches
	add(
		rule{p: "TRUNCATE", g: g(kw("TABLE"), named(objTables))},
		rule{p: "TRUNCATE TABLE|COLUMNFAMILY", g: g(named(objTables))},
		rule{p: "USE", g: g(keyspaces(false))},
		rule{p: "BEGIN", g: g(kw("BATCH", "UNLOGGED BATCH", "COUNTER BATCH"))},
		rule{p: "BEGIN .. BATCH", g: g(kw("INSERT INTO", "UPDATE", "DELETE", "USING TIMESTAMP"))},
		rule{p: "BEGIN .. BATCH USING TIMESTAMP $v", g: g(kw("INSERT INTO", "UPDATE", "DELETE"))},
		rule{p: "APPLY", g: g(kw("BATCH"))},
	)

	// Options of CREATE and ALTER: maps, types in <...>.
	add(
		rule{p: "CREATE|ALTER .. 'CLASS' :", str: true, g: g(optionClasses)},
		rule{p: "CREATE|ALTER .. {|,", str: true, when: inMap, g: g(optionKeys)},
		rule{p: "CREATE|ALTER .. USING", str: true, g: g(indexClasses)},
		rule{p: "CREATE|ALTER .. 'CLASS' :", g: g(optionClasses)},
		rule{p: "CREATE|ALTER .. {|,", when: inMap, g: g(optionKeys)},
		rule{p: "CREATE|ALTER .. REPLICATION|COMPACTION|COMPRESSION|CACHING =", g: g(kw("{"))},
		rule{p: "CREATE|ALTER .. DURABLE_WRITES|LOGIN|SUPERUSER =", g: g(lower(descValue, "true", "false"))},
		rule{p: "CREATE|ALTER .. <|,", when: inAngle, g: g(types)},
	)

	// CREATE
	add(
		rule{p: "CREATE", g: g(kw(objectWords...))},
		rule{p: "CREATE OR REPLACE", g: g(kw("FUNCTION", "AGGREGATE"))},

		rule{p: "CREATE|ALTER KEYSPACE .. REPLICATION|DURABLE_WRITES", g: g(kw("="))},
		rule{p: "CREATE|ALTER KEYSPACE .. WITH|AND", g: g(kw("REPLICATION", "DURABLE_WRITES"))},
		rule{p: "CREATE|ALTER KEYSPACE .. }", g: g(kw("AND"))},
		rule{p: "CREATE|ALTER KEYSPACE .. WITH .. $val", g: g(kw("AND"))},
		rule{p: "CREATE|ALTER KEYSPACE .. WITH ..", g: nothing},
		rule{p: "CREATE KEYSPACE", g: g(ifNotExist)},
		rule{p: "CREATE KEYSPACE .. $n", g: g(kw("WITH"))},

		// tables and views share their WITH options
		rule{p: "CREATE .. CLUSTERING ORDER BY", g: g(kw("("))},
		rule{p: "CREATE .. CLUSTERING ORDER BY (|,", when: depth1, g: g(definedCols, cols(colClustering))},
		rule{p: "CREATE .. CLUSTERING ORDER BY .. $n", when: depth1, g: g(kw("ASC", "DESC"))},
		rule{p: "CREATE MATERIALIZED VIEW .. WHERE", when: without("PRIMARY"), g: g(cols(colAll))},
		rule{p: "CREATE MATERIALIZED VIEW .. WHERE .. AND", when: without("PRIMARY"), g: g(cols(colAll))},
		rule{p: "CREATE|ALTER TABLE|COLUMNFAMILY|MATERIALIZED .. WITH|AND", when: depth0, g: g(kw("CLUSTERING ORDER BY", "COMPACT STORAGE"), lower(descOption, tableOptions...))},
		rule{p: "CREATE|ALTER TABLE|COLUMNFAMILY|MATERIALIZED .. WITH|AND $n", when: depth0, g: g(kw("="))},
		rule{p: "CREATE|ALTER TABLE|COLUMNFAMILY|MATERIALIZED .. WITH .. }|$val", when: depth0, g: g(kw("AND"))},
		rule{p: "CREATE|ALTER TABLE|COLUMNFAMILY|MATERIALIZED .. WITH ..", when: depth0, g: nothing},

		rule{p: "CREATE TABLE|COLUMNFAMILY", g: g(ifNotExist, ksPrefixes)},
		rule{p: "CREATE TABLE|COLUMNFAMILY IF NOT EXISTS", g: g(ksPrefixes)},
		rule{p: "CREATE TABLE|COLUMNFAMILY .. PRIMARY KEY .. (|,", when: depthGE2, g: g(definedCols)},
		rule{p: "CREATE TABLE|COLUMNFAMILY .. (|, $n", when: depth1, g: g(types)},
		rule{p: "CREATE TABLE|COLUMNFAMILY .. (|,", when: depth1, g: g(kw("PRIMARY KEY"))},
		rule{p: "CREATE TABLE|COLUMNFAMILY .. (|, $n $n|>", when: all(depth1, noAngle), g: g(kw("PRIMARY KEY", "STATIC"))},
		rule{p: "CREATE TABLE|COLUMNFAMILY .. )", when: depth0, g: g(kw("WITH"))},
		rule{p: "CREATE TABLE|COLUMNFAMILY .. $n", when: all(depth0, without("PRIMARY")), g: g(kw("("))},

		rule{p: "CREATE TYPE", g: g(ifNotExist, ksPrefixes)},
		rule{p: "CREATE TYPE IF NOT EXISTS", g: g(ksPrefixes)},
		rule{p: "CREATE TYPE .. (|, $n", when: depth1, g: g(types)},
		rule{p: "CREATE TYPE .. $n", when: all(depth0, without("(")), g: g(kw("("))},

		rule{p: "CREATE INDEX", g: g(kw("IF NOT EXISTS", "ON"))},
		rule{p: "CREATE CUSTOM INDEX", g: g(kw("IF NOT EXISTS", "ON"))},
		rule{p: "CREATE INDEX|CUSTOM .. ON", g: g(named(objTables))},
		rule{p: "CREATE INDEX|CUSTOM .. ON $n", g: g(kw("("))},
		rule{p: "CREATE INDEX|CUSTOM .. ON $n (", g: g(cols(colAll), kw("KEYS(", "VALUES(", "ENTRIES(", "FULL("))},
		rule{p: "CREATE INDEX|CUSTOM .. ON $n ( KEYS|VALUES|ENTRIES|FULL (", g: g(cols(colAll))},
		rule{p: "CREATE INDEX|CUSTOM .. ON $n ( .. )", when: depth0, g: g(kw("USING", "WITH OPTIONS"))},
		rule{p: "CREATE INDEX|CUSTOM .. USING", g: g(indexClasses)},
		rule{p: "CREATE INDEX|CUSTOM .. ON ..", g: nothing},
		rule{p: "CREATE INDEX|CUSTOM .. $n", g: g(kw("ON"))},

		rule{p: "CREATE MATERIALIZED VIEW", g: g(ifNotExist, ksPrefixes)},
		rule{p: "CREATE MATERIALIZED VIEW IF NOT EXISTS", g: g(ksPrefixes)},
		rule{p: "CREATE MATERIALIZED VIEW .. PRIMARY KEY ( .. )", when: depth0, g: g(kw("WITH"))},
		rule{p: "CREATE MATERIALIZED VIEW .. PRIMARY KEY .. (|,", when: depthGE1, g: g(cols(colAll))},
		rule{p: "CREATE MATERIALIZED VIEW .. PRIMARY KEY ..", g: nothing},
		rule{p: "CREATE MATERIALIZED VIEW .. WHERE|AND $n", g: g(kw("IS NOT NULL"), operatorKW)},
		rule{p: "CREATE MATERIALIZED VIEW .. WHERE .. $val", g: g(kw("AND", "PRIMARY KEY"))},
		rule{p: "CREATE MATERIALIZED VIEW .. WHERE ..", g: nothing},
		rule{p: "CREATE MATERIALIZED VIEW .. FROM", g: g(named(objTables))},
		rule{p: "CREATE MATERIALIZED VIEW .. FROM $n", g: g(kw("WHERE"))},
		rule{p: "CREATE MATERIALIZED VIEW .. AS", g: g(kw("SELECT"))},
		rule{p: "CREATE MATERIALIZED VIEW .. SELECT", g: g(kw("*"), cols(colAll))},
		rule{p: "CREATE MATERIALIZED VIEW .. SELECT .. ,", g: g(cols(colAll))},
		rule{p: "CREATE MATERIALIZED VIEW .. SELECT .. $n|*", g: g(kw("FROM"))},
		rule{p: "CREATE MATERIALIZED VIEW .. $n", g: g(kw("AS"))},

		rule{p: "CREATE .. FUNCTION", g: g(ifNotExist, ksPrefixes)},
		rule{p: "CREATE .. FUNCTION IF NOT EXISTS", g: g(ksPrefixes)},
		rule{p: "CREATE .. FUNCTION .. (|, $n", when: depth1, g: g(types)},
		rule{p: "CREATE .. FUNCTION .. LANGUAGE", g: g(lower("language", "java", "javascript"))},
		rule{p: "CREATE .. FUNCTION .. LANGUAGE $n", g: g(kw("AS"))},
		rule{p: "CREATE .. FUNCTION .. INPUT", g: g(kw("RETURNS"))},
		rule{p: "CREATE .. FUNCTION .. INPUT RETURNS", g: g(types)},
		rule{p: "CREATE .. FUNCTION .. INPUT RETURNS .. $n|>", when: all(noAngle, without("LANGUAGE")), g: g(kw("LANGUAGE"))},
		rule{p: "CREATE .. FUNCTION .. )", when: all(depth0, without("INPUT")), g: g(kw("CALLED ON NULL INPUT", "RETURNS NULL ON NULL INPUT"))},
		rule{p: "CREATE .. FUNCTION .. $n", when: all(depth0, without("(")), g: g(kw("("))},

		rule{p: "CREATE .. AGGREGATE", g: g(ifNotExist, ksPrefixes)},
		rule{p: "CREATE .. AGGREGATE IF NOT EXISTS", g: g(ksPrefixes)},
		rule{p: "CREATE .. AGGREGATE .. (|,", when: depth1, g: g(types)},
		rule{p: "CREATE .. AGGREGATE .. SFUNC|FINALFUNC", g: g(functionsOf(false))},
		rule{p: "CREATE .. AGGREGATE .. SFUNC $n", g: g(kw("STYPE"))},
		rule{p: "CREATE .. AGGREGATE .. STYPE", g: g(types)},
		rule{p: "CREATE .. AGGREGATE .. FINALFUNC $n", g: g(kw("INITCOND"))},
		rule{p: "CREATE .. AGGREGATE .. STYPE .. $n|>", when: all(noAngle, without("INITCOND"), without("FINALFUNC")), g: g(kw("FINALFUNC", "INITCOND"))},
		rule{p: "CREATE .. AGGREGATE .. )", when: all(depth0, without("SFUNC")), g: g(kw("SFUNC"))},
		rule{p: "CREATE .. AGGREGATE .. $n", when: all(depth0, without("(")), g: g(kw("("))},

		rule{p: "CREATE TRIGGER", g: g(kw("IF NOT EXISTS"))},
		rule{p: "CREATE TRIGGER .. ON", g: g(named(objTables))},
		rule{p: "CREATE TRIGGER .. ON $n", g: g(kw("USING"))},
		rule{p: "CREATE TRIGGER .. $n", when: without("ON"), g: g(kw("ON"))},
	)

	// Roles and users
	add(
		rule{p: "CREATE ROLE|USER", g: g(ifNotExist)},
		rule{p: "ALTER ROLE|USER", g: g(ifExists)},
		rule{p: "CREATE|ALTER ROLE .. WITH|AND", g: g(kw("PASSWORD", "HASHED PASSWORD", "LOGIN", "SUPERUSER", "OPTIONS", "ACCESS TO DATACENTERS", "ACCESS TO ALL DATACENTERS"))},
		rule{p: "CREATE|ALTER ROLE .. PASSWORD|LOGIN|SUPERUSER|OPTIONS", g: g(kw("="))},
		rule{p: "CREATE|ALTER ROLE .. =|WITH ..", g: g(kw("AND"))},
		rule{p: "CREATE|ALTER ROLE .. $n", g: g(kw("WITH"))},
		rule{p: "CREATE|ALTER USER .. PASSWORD ..", g: g(kw("SUPERUSER", "NOSUPERUSER"))},
		rule{p: "CREATE|ALTER USER .. $n", g: g(kw("WITH PASSWORD", "SUPERUSER", "NOSUPERUSER"))},
	)

	// DROP: each object kind takes IF EXISTS, then a name of that kind.
	add(rule{p: "DROP", g: g(kw("KEYSPACE", "TABLE", "TYPE", "INDEX", "FUNCTION", "AGGREGATE", "MATERIALIZED VIEW", "ROLE", "USER", "TRIGGER"))})
	for _, d := range []struct {
		obj string
		g   gen
	}{
		{"KEYSPACE", keyspaces(false)},
		{"TABLE|COLUMNFAMILY", named(objTables)},
		{"TYPE", named(objTypes)},
		{"INDEX", named(objIndexes)},
		{"FUNCTION", named(objFunctions)},
		{"AGGREGATE", named(objAggregates)},
		{"MATERIALIZED VIEW", named(objViews)},
		{"ROLE|USER", nil},
		{"TRIGGER", nil},
	} {
		first := g(ifExists)
		if d.g != nil {
			first = append(first, d.g)
		}
		add(rule{p: "DROP " + d.obj, g: first})
		if d.g != nil {
			add(rule{p: "DROP " + d.obj + " IF EXISTS", g: g(d.g)})
		}
	}
	add(
		rule{p: "DROP TRIGGER .. ON", g: g(named(objTables))},
		rule{p: "DROP TRIGGER .. $n", when: without("ON"), g: g(kw("ON"))},
	)

	// ALTER
	add(
		rule{p: "ALTER", g: g(kw("KEYSPACE", "TABLE", "TYPE", "MATERIALIZED VIEW", "ROLE", "USER"))},
		rule{p: "ALTER KEYSPACE", g: g(ifExists, keyspaces(true))},
		rule{p: "ALTER KEYSPACE IF EXISTS", g: g(keyspaces(true))},
		rule{p: "ALTER KEYSPACE .. $n", g: g(kw("WITH"))},

		rule{p: "ALTER TABLE|COLUMNFAMILY", g: g(ifExists, named(objTables))},
		rule{p: "ALTER TABLE|COLUMNFAMILY IF EXISTS", g: g(named(objTables))},
		rule{p: "ALTER TABLE|COLUMNFAMILY .. ADD", g: g(ifNotExist)},
		rule{p: "ALTER TABLE|COLUMNFAMILY .. ADD $n", g: g(types)},
		rule{p: "ALTER TABLE|COLUMNFAMILY .. ADD IF NOT EXISTS $n", g: g(types)},
		rule{p: "ALTER TABLE|COLUMNFAMILY .. ADD .. (|, $n", when: noAngle, g: g(types)},
		rule{p: "ALTER TABLE|COLUMNFAMILY .. DROP", g: g(ifExists, kw("COMPACT STORAGE"), cols(colNonKey))},
		rule{p: "ALTER TABLE|COLUMNFAMILY .. DROP IF EXISTS", g: g(cols(colNonKey))},
		rule{p: "ALTER TABLE|COLUMNFAMILY .. DROP .. (|,", g: g(cols(colNonKeyUnused))},
		rule{p: "ALTER TABLE|COLUMNFAMILY .. DROP .. $n|)", when: depth0, g: g(kw("USING TIMESTAMP"))},
		rule{p: "ALTER TABLE|COLUMNFAMILY .. RENAME", g: g(ifExists, cols(colKey))},
		rule{p: "ALTER TABLE|COLUMNFAMILY .. RENAME IF EXISTS", g: g(cols(colKey))},
		rule{p: "ALTER TABLE|COLUMNFAMILY .. RENAME .. TO $n", g: g(kw("AND"))},
		rule{p: "ALTER TABLE|COLUMNFAMILY .. RENAME .. TO", g: nothing},
		rule{p: "ALTER TABLE|COLUMNFAMILY .. RENAME .. AND", g: g(cols(colKey))},
		rule{p: "ALTER TABLE|COLUMNFAMILY .. RENAME .. $n", g: g(kw("TO"))},
		rule{p: "ALTER TABLE|COLUMNFAMILY $n|EXISTS .. ALTER", g: g(cols(colAll))},
		rule{p: "ALTER TABLE|COLUMNFAMILY $n|EXISTS .. ALTER $n", g: g(kw("TYPE", "MASKED WITH", "DROP MASKED"))},
		rule{p: "ALTER TABLE|COLUMNFAMILY .. ADD|DROP|ALTER|RENAME ..", g: nothing},
		rule{p: "ALTER TABLE|COLUMNFAMILY .. $n", when: without("WITH"), g: g(kw("ADD", "DROP", "ALTER", "RENAME", "WITH"))},

		rule{p: "ALTER TYPE", g: g(ifExists, named(objTypes))},
		rule{p: "ALTER TYPE IF EXISTS", g: g(named(objTypes))},
		rule{p: "ALTER TYPE .. ADD", g: g(ifNotExist)},
		rule{p: "ALTER TYPE .. ADD $n", g: g(types)},
		rule{p: "ALTER TYPE .. ADD IF NOT EXISTS $n", g: g(types)},
		rule{p: "ALTER TYPE .. RENAME .. $n", when: without("TO"), g: g(kw("TO"))},
		rule{p: "ALTER TYPE .. ADD|RENAME|ALTER ..", g: nothing},
		rule{p: "ALTER TYPE .. $n", g: g(kw("ADD", "RENAME"))},

		rule{p: "ALTER MATERIALIZED VIEW", g: g(ifExists, named(objViews))},
		rule{p: "ALTER MATERIALIZED VIEW IF EXISTS", g: g(named(objViews))},
		rule{p: "ALTER MATERIALIZED VIEW .. $n", when: without("WITH"), g: g(kw("WITH"))},
	)

	// GRANT, REVOKE, LIST
	add(
		rule{p: "GRANT|REVOKE", g: g(kw(permissions...))},
		rule{p: "LIST", g: g(kw("ROLES", "USERS", "ALL PERMISSIONS"), kw(permissions...))},
		rule{p: "GRANT|REVOKE|LIST .. ON", g: g(kw(resources...), named(objTables))},
		rule{p: "GRANT|REVOKE|LIST .. ON .. KEYSPACE", g: g(keyspaces(false))},
		rule{p: "GRANT|REVOKE|LIST .. ON .. TABLE", g: g(named(objTables))},
		rule{p: "GRANT|REVOKE|LIST .. ON .. FUNCTION", g: g(named(objFunctions))},
		rule{p: "GRANT .. ON .. $n|)", when: without("TO"), g: g(kw("TO"))},
		rule{p: "REVOKE .. ON .. $n|)", when: without("FROM"), g: g(kw("FROM"))},
		rule{p: "LIST .. ON .. $n|)", when: without("OF"), g: g(kw("OF", "NORECURSIVE"))},
		rule{p: "LIST ROLES|USERS", g: g(kw("OF", "NORECURSIVE"))},
		rule{p: "GRANT|REVOKE|LIST $n", g: g(kw("ON", "PERMISSION", "PERMISSIONS"))},
		rule{p: "GRANT|REVOKE|LIST $n PERMISSION|PERMISSIONS", g: g(kw("ON"))},
	)

	// The shell's own commands, from cql's command table.
	add(commandRules()...)
	return rs
}

// afterTokenCall reports whether the statement ends with "token(...)" right
// after WHERE or AND, where a relation operator comes next.
func afterTokenCall(st *state) bool {
	n := len(st.toks)
	if n == 0 || st.toks[n-1].text != ")" {
		return false
	}
	depth := 0
	for i := n - 1; i >= 0; i-- {
		switch st.toks[i].text {
		case ")":
			depth++
		case "(":
			depth--
			if depth == 0 {
				return i >= 2 && st.toks[i-1].up == "TOKEN" && (st.toks[i-2].up == "WHERE" || st.toks[i-2].up == "AND")
			}
		}
	}
	return false
}
