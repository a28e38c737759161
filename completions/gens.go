package completions

import (
	"slices"
	"strings"

	"github.com/gocqlsh/gocqlsh/driver/cqltype"
)

// Descriptions of the candidate kinds.
const (
	descKeyword   = "keyword"
	descKeyspace  = "keyspace"
	descTable     = "table"
	descView      = "materialized view"
	descType      = "type"
	descUDT       = "user type"
	descFunction  = "function"
	descAggregate = "aggregate"
	descIndex     = "index"
	descOption    = "option"
	descValue     = "value"
	descFile      = "file"
	descDir       = "directory"
)

// collector gathers the candidates that match the word. One generator never
// offers the same text twice, so only texts from earlier generators are
// checked for duplicates; that keeps a 1,000-table list free of map work.
type collector struct {
	word     string
	filter   bool // drop candidates the word does not prefix
	list     []Suggestion
	boundary int                 // list[:boundary] came from earlier generators
	seen     map[string]struct{} // texts of list[:indexed]
	indexed  int
}

// next marks the start of another generator's candidates.
func (c *collector) next() { c.boundary = len(c.list) }

// add offers text, described by desc. raw is the unquoted name, matched
// against the word as well so that "mytab" finds "MyTable" (quoted).
func (c *collector) add(text, raw, desc string) {
	if c.filter && !matches(c.word, text, raw) {
		return
	}
	c.push(text, desc)
}

// push appends a candidate that already passed the filter, unless an
// earlier generator offered the same text.
func (c *collector) push(text, desc string) {
	if c.boundary > 0 {
		if c.seen == nil {
			c.seen = make(map[string]struct{}, c.boundary)
		}
		for ; c.indexed < c.boundary; c.indexed++ {
			c.seen[c.list[c.indexed].Text] = struct{}{}
		}
		if _, dup := c.seen[text]; dup {
			return
		}
	}
	c.list = append(c.list, Suggestion{Text: text, Description: desc})
}

// matches reports whether word prefixes the candidate, ignoring case unless
// the word opens a quoted name.
func matches(word, text, raw string) bool {
	if word == "" {
		return true
	}
	if word[0] == '"' {
		return strings.HasPrefix(text, word) || (len(raw) >= len(word)-1 && raw[:len(word)-1] == word[1:])
	}
	return hasPrefixFold(text, word) || (raw != "" && hasPrefixFold(raw, word))
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// gen adds the candidates of one kind to c.
type gen func(st *state, c *collector)

// kw offers keywords (or keyword phrases such as "ORDER BY").
func kw(words ...string) gen {
	return func(st *state, c *collector) {
		if st.qual != "" {
			return
		}
		for _, w := range words {
			c.add(w, "", descKeyword)
		}
	}
}

// lower offers fixed lower-case words (option names, languages) as names.
func lower(desc string, words ...string) gen {
	return func(st *state, c *collector) {
		if st.qual != "" {
			return
		}
		for _, w := range words {
			c.add(w, w, desc)
		}
	}
}

// startGen offers the words that begin a statement.
func startGen(st *state, c *collector) {
	if st.inBatch {
		kw(batchWords...)(st, c)
		return
	}
	kw(startWords...)(st, c)
}

// addName offers a schema name, quoted when CQL needs it. The name is
// filtered before it is quoted, which is the costly part for big schemas.
func addName(c *collector, name, desc string) {
	if c.filter && !matches(c.word, "", name) {
		return
	}
	c.push(cqltype.QuoteIdentifier(name), desc)
}

// keyspaces offers keyspace names; noSystem leaves out the system ones.
func keyspaces(noSystem bool) gen {
	return func(st *state, c *collector) {
		if st.sch == nil || st.qual != "" {
			return
		}
		for _, ks := range st.sch.Keyspaces() {
			if noSystem && systemKeyspaces[ks] {
				continue
			}
			addName(c, ks, descKeyspace)
		}
	}
}

// ksPrefixes offers every keyspace followed by '.', to qualify a name.
func ksPrefixes(st *state, c *collector) {
	if st.sch == nil || st.qual != "" {
		return
	}
	for _, ks := range st.sch.Keyspaces() {
		c.add(cqltype.QuoteIdentifier(ks)+".", ks+".", descKeyspace)
	}
}

// objKind selects which schema objects a named generator lists.
type objKind uint8

const (
	objTables objKind = iota
	objTablesViews
	objTypes
	objFunctions
	objAggregates
	objViews
	objIndexes
)

// list returns the objects of kind k in keyspace ks.
func (k objKind) list(sch Schema, ks string, c *collector) {
	add := func(names []string, desc string) {
		if c.word == "" {
			c.list = slices.Grow(c.list, len(names))
		}
		for _, n := range names {
			addName(c, n, desc)
		}
	}
	switch k {
	case objTables:
		add(sch.Tables(ks), descTable)
	case objTablesViews:
		add(sch.Tables(ks), descTable)
		add(sch.Views(ks), descView)
	case objTypes:
		add(sch.Types(ks), descUDT)
	case objFunctions:
		add(sch.Functions(ks), descFunction)
	case objAggregates:
		add(sch.Aggregates(ks), descAggregate)
	case objViews:
		add(sch.Views(ks), descView)
	case objIndexes:
		add(sch.Indexes(ks), descIndex)
	}
}

// named offers objects of kind k: those of the keyspace typed as "ks.", or
// those of the current keyspace plus every keyspace as a "ks." prefix.
func named(k objKind) gen {
	return func(st *state, c *collector) {
		if st.sch == nil {
			return
		}
		if st.qual != "" {
			k.list(st.sch, st.qual, c)
			return
		}
		if st.curKS != "" {
			k.list(st.sch, st.curKS, c)
		}
		ksPrefixes(st, c)
	}
}

// colFilter selects which columns of the target table a generator offers.
type colFilter uint8

const (
	colAll          colFilter = iota // every column, key first
	colKey                           // partition key and clustering columns
	colPartition                     // partition key columns
	colClustering                    // clustering columns
	colDistinct                      // partition key and static columns
	colNonKey                        // static and regular columns
	colUnused                        // every column not yet named in the statement
	colNonKeyUnused                  // static and regular columns not yet named
)

// keep reports whether filter f keeps a column of the given kind.
func (f colFilter) keep(kind string) bool {
	switch f {
	case colKey:
		return kind == "partition_key" || kind == "clustering"
	case colPartition:
		return kind == "partition_key"
	case colClustering:
		return kind == "clustering"
	case colDistinct:
		return kind == "partition_key" || kind == "static"
	case colNonKey, colNonKeyUnused:
		return kind != "partition_key" && kind != "clustering"
	}
	return true
}

// cols offers the columns of the statement's table that f keeps, in key
// order (partition key first).
func cols(f colFilter) gen {
	return func(st *state, c *collector) {
		if st.sch == nil || st.qual != "" {
			return
		}
		ks, table := st.target()
		if table == "" {
			return
		}
		var used map[string]bool
		if f == colUnused || f == colNonKeyUnused {
			used = st.usedNames()
		}
		for _, col := range st.sch.Columns(ks, table) {
			if !f.keep(col.Kind) || used[col.Name] {
				continue
			}
			addName(c, col.Name, columnDesc(col))
		}
	}
}

// columnDesc describes a column by its type and, for key and static
// columns, its role.
func columnDesc(col Column) string {
	switch col.Kind {
	case "partition_key":
		return col.Type + " (partition key)"
	case "clustering":
		return col.Type + " (clustering)"
	case "static":
		return col.Type + " (static)"
	}
	return col.Type
}

// definedCols offers the columns a CREATE TABLE statement has defined.
func definedCols(st *state, c *collector) {
	if st.qual != "" {
		return
	}
	for _, n := range st.definedColumns() {
		addName(c, n, "column")
	}
}

// types offers CQL types and the user types of the statement's keyspace.
func types(st *state, c *collector) {
	if st.qual != "" {
		if st.sch != nil {
			objTypes.list(st.sch, st.qual, c)
		}
		return
	}
	for _, t := range nativeTypes {
		c.add(t, "", descType)
	}
	if st.sch == nil {
		return
	}
	if ks, _ := st.target(); ks != "" {
		objTypes.list(st.sch, ks, c)
	}
}

// functionsOf offers the user functions (and aggregates) of the statement's
// keyspace.
func functionsOf(aggregates bool) gen {
	return func(st *state, c *collector) {
		if st.sch == nil || st.qual != "" {
			return
		}
		ks, _ := st.target()
		if ks == "" {
			return
		}
		objFunctions.list(st.sch, ks, c)
		if aggregates {
			objAggregates.list(st.sch, ks, c)
		}
	}
}

// selectors offers the functions a SELECT clause may call, each with its
// opening parenthesis.
func selectors(st *state, c *collector) {
	if st.qual != "" {
		return
	}
	for _, f := range builtinFunctions {
		c.add(f+"(", f, descFunction)
	}
	if st.sch == nil {
		return
	}
	ks, _ := st.target()
	if ks == "" {
		return
	}
	for _, f := range st.sch.Functions(ks) {
		c.add(cqltype.QuoteIdentifier(f)+"(", f, descFunction)
	}
	for _, f := range st.sch.Aggregates(ks) {
		c.add(cqltype.QuoteIdentifier(f)+"(", f, descAggregate)
	}
}

// quoted offers fixed string values: inside an open string as the rest of
// the string with its closing quote, outside as a whole literal.
func quoted(st *state, c *collector, desc string, values []string) {
	for _, v := range values {
		esc := strings.ReplaceAll(v, "'", "''")
		if st.inString {
			c.add(esc+"'", v, desc)
		} else {
			c.add("'"+esc+"'", v, desc)
		}
	}
}

// currentMap returns the map-valued option whose {...} is open before the
// cursor ("REPLICATION", "COMPACTION", ...), or "".
func (st *state) currentMap() string {
	depth := 0
	for i := len(st.toks) - 1; i >= 0; i-- {
		switch st.toks[i].text {
		case "}":
			depth++
		case "{":
			if depth > 0 {
				depth--
				continue
			}
			// option = {
			if i >= 2 && st.toks[i-1].text == "=" {
				return st.toks[i-2].up
			}
			return ""
		}
	}
	return ""
}

// optionKeys offers the keys of the open option map.
func optionKeys(st *state, c *collector) {
	if m, ok := optionMaps[st.currentMap()]; ok {
		quoted(st, c, descOption, m.keys)
	}
}

// optionClasses offers the 'class' values of the open option map.
func optionClasses(st *state, c *collector) {
	if m, ok := optionMaps[st.currentMap()]; ok {
		quoted(st, c, descValue, m.classes)
	}
}

// indexClasses offers the index implementations of CREATE CUSTOM INDEX ... USING.
func indexClasses(st *state, c *collector) {
	quoted(st, c, descValue, []string{"sai", "StorageAttachedIndex", "org.apache.cassandra.index.sasi.SASIIndex"})
}

// openQuote offers a lone quote where a file name or string starts.
func openQuote(st *state, c *collector) {
	if st.qual == "" {
		c.add("'", "", "string")
	}
}
