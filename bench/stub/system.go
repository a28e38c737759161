package stub

import (
	"crypto/md5"
	"net"
	"strconv"

	"github.com/gocqlsh/gocqlsh/driver/cqltype"
)

// The system tables drivers read when they connect, with the columns and
// types Cassandra 5.0 gives them (a subset: the ones drivers read). Values
// that depend on the connection (the address the client reached) are
// filled in per query.

var (
	inetType   = &cqltype.Type{Kind: cqltype.Inet}
	intType    = &cqltype.Type{Kind: cqltype.Int}
	uuidType   = &cqltype.Type{Kind: cqltype.UUID}
	boolType   = &cqltype.Type{Kind: cqltype.Boolean}
	tokensType = &cqltype.Type{Kind: cqltype.Set, Elem: textType}
	replType   = &cqltype.Type{Kind: cqltype.Map, Key: textType, Value: textType}
)

// column is one column of a system table.
type column struct {
	name string
	typ  *cqltype.Type
}

// table is a system table: its columns in SELECT * order (partition key
// first, then the others sorted by name) and its rows for a node.
type table struct {
	keyspace, name string
	cols           []column
	rows           func(n node) [][]any
}

// node is what the stub says of itself: the address the client reached.
type node struct {
	ip   net.IP
	port int32
}

// hostID is the node's host_id, derived from its address so that two
// stubs never share one.
func (n node) hostID() cqltype.UUIDValue {
	id := cqltype.UUIDValue(md5.Sum([]byte(net.JoinHostPort(n.ip.String(), strconv.Itoa(int(n.port))))))
	id[6] = id[6]&0x0f | 0x40
	id[8] = id[8]&0x3f | 0x80
	return id
}

// schemaVersion is the one schema version every stub reports.
var schemaVersion = cqltype.UUIDValue{0x5c, 0x4e, 0x6f, 0x10, 0x7a, 0x2b, 0x4c, 0x11, 0x9d, 0x3e, 0x00, 0x00, 0x00, 0x00, 0x00, 0x04}

var systemTables = map[string]*table{
	"system.local": {
		keyspace: "system", name: "local",
		cols: []column{
			{"key", textType}, {"bootstrapped", textType}, {"broadcast_address", inetType}, {"broadcast_port", intType},
			{"cluster_name", textType}, {"cql_version", textType}, {"data_center", textType}, {"host_id", uuidType},
			{"listen_address", inetType}, {"listen_port", intType}, {"native_protocol_version", textType},
			{"partitioner", textType}, {"rack", textType}, {"release_version", textType}, {"rpc_address", inetType},
			{"rpc_port", intType}, {"schema_version", uuidType}, {"tokens", tokensType},
		},
		rows: func(n node) [][]any {
			return [][]any{{"local", "COMPLETED", n.ip, int32(7000),
				"stub", CQLVersion, "datacenter1", n.hostID(),
				n.ip, int32(7000), "4",
				"org.apache.cassandra.dht.Murmur3Partitioner", "rack1", ReleaseVersion, n.ip,
				n.port, schemaVersion, []any{"0"}}}
		},
	},
	"system.peers_v2": {
		keyspace: "system", name: "peers_v2",
		cols: []column{
			{"peer", inetType}, {"peer_port", intType}, {"data_center", textType}, {"host_id", uuidType},
			{"native_address", inetType}, {"native_port", intType}, {"preferred_ip", inetType}, {"preferred_port", intType},
			{"rack", textType}, {"release_version", textType}, {"schema_version", uuidType}, {"tokens", tokensType},
		},
		rows: func(node) [][]any { return nil },
	},
	"system.peers": {
		keyspace: "system", name: "peers",
		cols: []column{
			{"peer", inetType}, {"data_center", textType}, {"host_id", uuidType}, {"preferred_ip", inetType},
			{"rack", textType}, {"release_version", textType}, {"rpc_address", inetType}, {"schema_version", uuidType},
			{"tokens", tokensType},
		},
		rows: func(node) [][]any { return nil },
	},
	"system_schema.keyspaces": {
		keyspace: "system_schema", name: "keyspaces",
		cols: []column{{"keyspace_name", textType}, {"durable_writes", boolType}, {"replication", replType}},
		rows: func(node) [][]any {
			local := []cqltype.MapEntry{{Key: "class", Value: "org.apache.cassandra.locator.LocalStrategy"}}
			simple := []cqltype.MapEntry{{Key: "class", Value: "org.apache.cassandra.locator.SimpleStrategy"}, {Key: "replication_factor", Value: "1"}}
			return [][]any{{"bench_ks", true, simple}, {"system", true, local}, {"system_schema", true, local}}
		},
	},
}
