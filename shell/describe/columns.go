package describe

import (
	"slices"
	"sort"
	"strings"
)

// sortColumns returns columns in the order the server prints them: partition
// key and clustering columns by position, then static and regular columns.
// For a table (selectOrder false) those come single-cell first, then
// multi-cell, each group by name; a view's SELECT list sorts them by name
// alone.
func sortColumns(cols []*Column, selectOrder bool) []*Column {
	cols = slices.Clone(cols)
	sort.SliceStable(cols, func(i, j int) bool {
		a, b := cols[i], cols[j]
		ra, rb := a.Rank(), b.Rank()
		if ra != rb {
			return ra < rb
		}
		if ra < 2 {
			return a.Position < b.Position
		}
		if !selectOrder {
			ma, mb := isMultiCell(a.Type), isMultiCell(b.Type)
			if ma != mb {
				return mb
			}
		}
		return a.Name < b.Name
	})
	return cols
}

// isMultiCell reports a type whose values are stored cell by cell: a
// non-frozen collection or user type.
func isMultiCell(t string) bool {
	switch {
	case strings.HasPrefix(t, "list<"), strings.HasPrefix(t, "set<"), strings.HasPrefix(t, "map<"):
		return true
	case strings.HasPrefix(t, "frozen<"), strings.HasPrefix(t, "tuple<"), strings.HasPrefix(t, "vector<"),
		strings.HasPrefix(t, "'"), strings.HasPrefix(t, "empty"):
		return false
	case strings.HasPrefix(t, `"`):
		return true
	}
	return !isNativeType(t)
}

func isNativeType(t string) bool {
	switch t {
	case "ascii", "bigint", "blob", "boolean", "counter", "date", "decimal", "double", "duration",
		"float", "inet", "int", "smallint", "text", "time", "timestamp", "timeuuid", "tinyint",
		"uuid", "varchar", "varint":
		return true
	}
	return false
}

// split returns the partition key, clustering and other columns.
func split(cols []*Column) (pk, ck, rest []*Column) {
	for _, c := range cols {
		switch c.Kind {
		case "partition_key":
			pk = append(pk, c)
		case "clustering":
			ck = append(ck, c)
		default:
			rest = append(rest, c)
		}
	}
	return pk, ck, rest
}
