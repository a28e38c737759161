package describe

// optionForm says how a table option's value is printed.
type optionForm int

const (
	plainValue  optionForm = iota // numbers and booleans as they are
	quotedValue                   // a string literal
	textMap                       // {'k': 'v'} sorted by key
	hexMap                        // extensions: {'k': 0x..}
)

// tableOption is one WITH option of CREATE TABLE / MATERIALIZED VIEW.
type tableOption struct {
	name      string
	form      optionForm
	def       string // printed when the server has the column but left it null
	tableOnly bool   // not printed for views
	legacy    bool   // a 3.x option, printed only by servers without read_repair
}

// tableOptionOrder lists the options in the order Cassandra 5.0 prints them;
// the two read-repair chances of 3.x servers sit where their names sort.
func tableOptionOrder() []tableOption {
	return []tableOption{
		{name: "additional_write_policy", form: quotedValue, def: "99p"},
		{name: "allow_auto_snapshot", def: "true"},
		{name: "bloom_filter_fp_chance"},
		{name: "caching", form: textMap},
		{name: "cdc", def: "false"},
		{name: "comment", form: quotedValue, def: ""},
		{name: "compaction", form: textMap},
		{name: "compression", form: textMap},
		{name: "memtable", form: quotedValue, def: "default"},
		{name: "crc_check_chance"},
		{name: "dclocal_read_repair_chance", legacy: true},
		{name: "default_time_to_live", tableOnly: true},
		{name: "extensions", form: hexMap, def: "{}"},
		{name: "gc_grace_seconds"},
		{name: "incremental_backups", def: "true"},
		{name: "max_index_interval"},
		{name: "memtable_flush_period_in_ms"},
		{name: "min_index_interval"},
		{name: "read_repair", form: quotedValue, def: "BLOCKING"},
		{name: "read_repair_chance", legacy: true},
		{name: "speculative_retry", form: quotedValue},
	}
}

// tableOptions renders the options present in a system_schema.tables or
// views row, as "name = value" clauses. A column the row lacks (an older
// server) is left out; a null one prints its default when it has one. The
// 3.x read-repair chances, still columns on 4.0+ but no longer options, are
// printed only when the row has no read_repair column.
func tableOptions(row Row, isView bool) []string {
	var out []string
	for _, o := range tableOptionOrder() {
		if o.tableOnly && isView {
			continue
		}
		if _, modern := row["read_repair"]; o.legacy && modern {
			continue
		}
		v, present := row[o.name]
		if !present {
			continue
		}
		var text string
		if v == nil {
			if o.def == "" && o.name != "comment" {
				continue
			}
			text = o.def
			if o.form == quotedValue {
				text = quoteString(o.def)
			}
		} else {
			switch o.form {
			case quotedValue:
				text = quoteString(toText(v))
			case textMap:
				text = formatMap(mapEntries(v), true)
			case hexMap:
				text = formatMap(mapEntries(v), false)
			default:
				text = toText(v)
			}
		}
		out = append(out, o.name+" = "+text)
	}
	return out
}
