package fakeserver

import (
	"crypto/md5"
	"net"
	"strconv"
	"strings"

	"github.com/gocqlsh/gocqlsh/driver/cqltype"
	"github.com/gocqlsh/gocqlsh/driver/frame"
)

// Node is what a fake node says of itself in system.local, and of its peers
// in system.peers_v2, so that a driver discovers a fake cluster as it
// discovers a real one.
type Node struct {
	HostID        cqltype.UUIDValue
	Addr          string // host:port clients connect to
	DataCenter    string
	Rack          string
	Tokens        []string
	SchemaVersion cqltype.UUIDValue
}

// node is the server's own row: Config.Node, else one made up from its
// address (a host id derived from it, datacenter1, rack1, token 0).
func (s *Server) node() Node {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.self != nil {
		return *s.self
	}
	n := Node{Addr: s.Addr(), DataCenter: "datacenter1", Rack: "rack1", Tokens: []string{"0"}}
	n.HostID = md5.Sum([]byte(n.Addr))
	n.HostID[6] = n.HostID[6]&0x0f | 0x40
	return n
}

// SetNode replaces the node's own row.
func (s *Server) SetNode(n Node) {
	s.mu.Lock()
	s.self = &n
	s.mu.Unlock()
}

// SetPeers replaces the rows of system.peers_v2.
func (s *Server) SetPeers(peers []Node) {
	s.mu.Lock()
	s.peers = append([]Node(nil), peers...)
	s.mu.Unlock()
}

// SetKeyspaces replaces system_schema.keyspaces: each keyspace's
// replication map.
func (s *Server) SetKeyspaces(ks map[string]map[string]string) {
	s.mu.Lock()
	s.keyspaces = ks
	s.mu.Unlock()
}

// systemRows answers the queries a driver's discovery runs, or nil for any
// other statement.
func (s *Server) systemRows(stmt string) *frame.Rows {
	q := strings.ToLower(strings.Join(strings.Fields(stmt), " "))
	switch {
	case strings.Contains(q, "from system.local"):
		return localRows(s.node())
	case strings.Contains(q, "from system.peers_v2"):
		s.mu.Lock()
		peers := append([]Node(nil), s.peers...)
		s.mu.Unlock()
		return peerRows(peers)
	case strings.Contains(q, "from system_schema.keyspaces"):
		s.mu.Lock()
		ks := s.keyspaces
		s.mu.Unlock()
		return keyspaceRows(ks)
	}
	return nil
}

var (
	textType   = &cqltype.Type{Kind: cqltype.Varchar}
	uuidType   = &cqltype.Type{Kind: cqltype.UUID}
	inetType   = &cqltype.Type{Kind: cqltype.Inet}
	intType    = &cqltype.Type{Kind: cqltype.Int}
	tokensType = &cqltype.Type{Kind: cqltype.Set, Elem: textType}
	replType   = &cqltype.Type{Kind: cqltype.Map, Key: textType, Value: textType}
)

type column struct {
	name string
	typ  *cqltype.Type
}

// rowsOf builds a Rows result of table ks.table from columns and values.
func rowsOf(ks, table string, cols []column, rows [][]any) *frame.Rows {
	r := &frame.Rows{RowCount: len(rows)}
	for _, c := range cols {
		r.Columns = append(r.Columns, frame.ColumnSpec{Keyspace: ks, Table: table, Name: c.name, Type: c.typ})
	}
	for _, row := range rows {
		for j, v := range row {
			if v == nil {
				r.Cells = append(r.Cells, nil)
				continue
			}
			b, null, err := cqltype.AppendValue(nil, cols[j].typ, v)
			if err != nil || null {
				b = nil
			}
			r.Cells = append(r.Cells, b)
		}
	}
	return r
}

func splitAddr(addr string) (net.IP, int32) {
	h, p, _ := net.SplitHostPort(addr)
	port, _ := strconv.Atoi(p)
	return net.ParseIP(h), int32(port)
}

func tokens(n Node) []any {
	out := make([]any, len(n.Tokens))
	for i, t := range n.Tokens {
		out[i] = t
	}
	return out
}

func localRows(n Node) *frame.Rows {
	ip, _ := splitAddr(n.Addr)
	cols := []column{{"key", textType}, {"host_id", uuidType}, {"data_center", textType}, {"rack", textType},
		{"tokens", tokensType}, {"partitioner", textType}, {"release_version", textType},
		{"schema_version", uuidType}, {"rpc_address", inetType}, {"cluster_name", textType}}
	return rowsOf("system", "local", cols, [][]any{{"local", n.HostID, n.DataCenter, n.Rack, tokens(n),
		"org.apache.cassandra.dht.Murmur3Partitioner", "5.0.8", n.SchemaVersion, ip, "fake"}})
}

func peerRows(peers []Node) *frame.Rows {
	cols := []column{{"peer", inetType}, {"peer_port", intType}, {"native_address", inetType}, {"native_port", intType},
		{"host_id", uuidType}, {"data_center", textType}, {"rack", textType}, {"tokens", tokensType},
		{"release_version", textType}, {"schema_version", uuidType}}
	var rows [][]any
	for _, p := range peers {
		ip, port := splitAddr(p.Addr)
		rows = append(rows, []any{ip, int32(7000), ip, port, p.HostID, p.DataCenter, p.Rack, tokens(p), "5.0.8", p.SchemaVersion})
	}
	return rowsOf("system", "peers_v2", cols, rows)
}

func keyspaceRows(ks map[string]map[string]string) *frame.Rows {
	cols := []column{{"keyspace_name", textType}, {"replication", replType}}
	var rows [][]any
	for name, repl := range ks {
		var entries []cqltype.MapEntry
		for k, v := range repl {
			entries = append(entries, cqltype.MapEntry{Key: k, Value: v})
		}
		rows = append(rows, []any{name, entries})
	}
	return rowsOf("system_schema", "keyspaces", cols, rows)
}
