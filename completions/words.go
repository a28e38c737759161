package completions

import "github.com/gocqlsh/gocqlsh/cql"

// Word lists the grammar offers. They are read-only.

// startWords begin a statement: CQL's, then the shell's commands.
var startWords = append([]string{
	"SELECT", "INSERT INTO", "UPDATE", "DELETE", "CREATE", "ALTER", "DROP", "TRUNCATE",
	"USE", "BEGIN", "APPLY BATCH", "GRANT", "REVOKE", "LIST",
}, cql.StartWords()...)

// batchWords begin a statement inside a batch.
var batchWords = []string{"INSERT INTO", "UPDATE", "DELETE", "APPLY BATCH"}

// objectWords follow CREATE and DROP.
var objectWords = []string{
	"KEYSPACE", "TABLE", "TYPE", "INDEX", "CUSTOM INDEX", "FUNCTION", "AGGREGATE",
	"MATERIALIZED VIEW", "ROLE", "USER", "TRIGGER", "OR REPLACE",
}

// nativeTypes are the CQL types a column, field or argument may have; the
// parameterised ones end in '<'.
var nativeTypes = []string{
	"int", "text", "ascii", "bigint", "blob", "boolean", "counter", "date", "decimal",
	"double", "duration", "float", "inet", "smallint", "time", "timestamp", "timeuuid",
	"tinyint", "uuid", "varchar", "varint",
	"list<", "set<", "map<", "frozen<", "tuple<", "vector<",
}

// builtinFunctions are the functions a selector may call.
var builtinFunctions = []string{
	"count", "writetime", "maxwritetime", "ttl", "token", "cast", "toJson",
	"min", "max", "sum", "avg", "now", "uuid", "currentTimestamp", "currentDate",
	"currentTime", "currentTimeUUID", "toDate", "toTimestamp", "toUnixTimestamp",
	"minTimeuuid", "maxTimeuuid", "blobAsText", "textAsBlob", "collection_count",
	"collection_min", "collection_max", "collection_sum", "collection_avg",
	"similarity_cosine", "similarity_euclidean", "similarity_dot_product",
	"mask_null", "mask_default", "mask_replace", "mask_inner", "mask_outer", "mask_hash",
}

// tableOptions are the options of CREATE/ALTER TABLE and materialized views.
var tableOptions = []string{
	"additional_write_policy", "allow_auto_snapshot", "bloom_filter_fp_chance", "caching",
	"cdc", "comment", "compaction", "compression", "crc_check_chance",
	"default_time_to_live", "extensions", "gc_grace_seconds", "incremental_backups",
	"max_index_interval", "memtable", "memtable_flush_period_in_ms", "min_index_interval",
	"read_repair", "speculative_retry",
}

// permissions are the permissions GRANT, REVOKE and LIST name.
var permissions = []string{
	"ALL PERMISSIONS", "ALL", "ALTER", "AUTHORIZE", "CREATE", "DESCRIBE", "DROP",
	"EXECUTE", "MODIFY", "SELECT", "UNMASK", "SELECT_MASKED",
}

// resources follow GRANT/REVOKE/LIST ... ON.
var resources = []string{
	"ALL KEYSPACES", "KEYSPACE", "TABLE", "ALL FUNCTIONS", "ALL FUNCTIONS IN KEYSPACE",
	"FUNCTION", "ALL ROLES", "ROLE", "ALL MBEANS", "MBEAN", "MBEANS",
}

// optionMaps lists, per map-valued option, its keys and its 'class' values.
var optionMaps = map[string]struct{ keys, classes []string }{
	"REPLICATION": {
		keys:    []string{"class", "replication_factor"},
		classes: []string{"SimpleStrategy", "NetworkTopologyStrategy"},
	},
	"COMPACTION": {
		keys: []string{"class", "enabled", "min_threshold", "max_threshold",
			"tombstone_threshold", "tombstone_compaction_interval", "unchecked_tombstone_compaction",
			"only_purge_repaired_tombstones", "log_all", "sstable_size_in_mb",
			"compaction_window_unit", "compaction_window_size", "scaling_parameters"},
		classes: []string{"SizeTieredCompactionStrategy", "LeveledCompactionStrategy",
			"TimeWindowCompactionStrategy", "UnifiedCompactionStrategy"},
	},
	"COMPRESSION": {
		keys:    []string{"class", "chunk_length_in_kb", "enabled", "compression_level"},
		classes: []string{"LZ4Compressor", "SnappyCompressor", "DeflateCompressor", "ZstdCompressor"},
	},
	"CACHING": {
		keys: []string{"keys", "rows_per_partition"},
	},
}

// systemKeyspaces are the keyspaces ALTER KEYSPACE does not offer.
var systemKeyspaces = map[string]bool{
	"system": true, "system_schema": true, "system_auth": true, "system_distributed": true,
	"system_traces": true, "system_views": true, "system_virtual_schema": true,
}
