package cluster

import (
	"context"
	"errors"
	"time"

	"github.com/gocqlsh/gocqlsh/driver/conn"
	"github.com/gocqlsh/gocqlsh/driver/cqltype"
)

// ErrNoControl is returned when no control connection is open.
var ErrNoControl = errors.New("no control connection")

// WaitSchemaAgreement polls, through c (the connection DDL ran on; the
// control connection when nil), the schema version of that node and of
// every peer that is up until they agree or ctx ends; it reports whether
// they agreed. Asking the node that applied the change first means an
// agreement on the old version, before gossip has spread the new one,
// does not count. After DDL the Python driver waits likewise (10 s at
// most), and cqlsh warns when the nodes do not agree.
func (cl *Cluster) WaitSchemaAgreement(ctx context.Context, c *conn.Conn) (bool, error) {
	for {
		agreed, err := cl.schemaAgreed(ctx, c)
		if err == nil && agreed {
			return true, nil
		}
		select {
		case <-ctx.Done():
			return false, err
		case <-time.After(200 * time.Millisecond):
		}
	}
}

func (cl *Cluster) schemaAgreed(ctx context.Context, c *conn.Conn) (bool, error) {
	if c == nil || c.Err() != nil {
		if c = cl.control.Load(); c == nil {
			return false, ErrNoControl
		}
	}
	local, err := querySystem(ctx, c, "SELECT schema_version FROM system.local WHERE key='local'")
	if err != nil {
		return false, err
	}
	peers, err := querySystem(ctx, c, "SELECT * FROM system.peers_v2")
	if err != nil {
		if peers, err = querySystem(ctx, c, "SELECT * FROM system.peers"); err != nil {
			return false, err
		}
	}
	if local.len() == 0 {
		return false, errors.New("system.local has no row")
	}
	want := local.uuid(0, "schema_version")
	port := cl.defaultPort()
	t := cl.topo.Load()
	for i := range peers.len() {
		v := peers.uuid(i, "schema_version")
		if v == (cqltype.UUIDValue{}) || v == want {
			continue
		}
		if h := t.Host(peerAddr(peers, i, port)); h != nil && !h.Up() {
			continue // a node that is down cannot agree; it catches up later
		}
		return false, nil
	}
	return true, nil
}
