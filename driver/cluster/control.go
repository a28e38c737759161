package cluster

import (
	"context"
	"errors"
	"slices"
	"sync"
	"time"

	"github.com/gocqlsh/gocqlsh/driver/conn"
	"github.com/gocqlsh/gocqlsh/driver/cqltype"
	"github.com/gocqlsh/gocqlsh/driver/frame"
)

var controlEvents = []string{frame.EventTopologyChange, frame.EventStatusChange, frame.EventSchemaChange}

// takeControl registers for events on c and reads the topology through it,
// both at once: the REGISTER and the system-table queries share one round
// trip on the multiplexed connection.
func (cl *Cluster) takeControl(ctx context.Context, c *conn.Conn) error {
	ctx, cancel := context.WithTimeout(ctx, connectTimeout(cl.cfg.Conn))
	defer cancel()
	registered := make(chan error, 1)
	go func() { registered <- c.Register(ctx, controlEvents, cl.onEvent) }()
	cl.control.Store(c)
	err := cl.refresh(ctx, c, true)
	if rerr := <-registered; rerr != nil {
		cl.control.Store(nil)
		return rerr
	}
	return err
}

// run is the control loop: it refreshes the topology a moment after events
// (gathering a burst into one refresh) and moves control to another live
// node when the control connection dies.
func (cl *Cluster) run() {
	defer cl.wg.Done()
	for {
		var closed <-chan struct{}
		if c := cl.control.Load(); c != nil {
			closed = c.Closed()
		}
		select {
		case <-cl.stop:
			return
		case <-cl.kick:
		case <-closed:
			cl.control.Store(nil)
			cl.log.Info("cluster: control connection lost; moving to another node")
		}
		if cl.control.Load() == nil {
			cl.elect()
			continue
		}
		select {
		case <-cl.stop:
			return
		case <-time.After(cl.cfg.Debounce):
		}
		ring, ks := cl.dirtyRing.Swap(false), cl.dirtyKS.Swap(false)
		if !ring && !ks {
			continue
		}
		c := cl.control.Load()
		if c == nil {
			continue
		}
		ctx, cancel := context.WithTimeout(context.Background(), connectTimeout(cl.cfg.Conn))
		if err := cl.refresh(ctx, c, ring); err != nil {
			cl.log.Warn("cluster: refresh failed", "host", c.Addr(), "err", err)
			if ring {
				cl.dirtyRing.Store(true)
			}
			if ks {
				cl.dirtyKS.Store(true)
			}
		}
		cancel()
	}
}

// elect takes control on a connection of a live host, the contact point
// first, and refreshes everything; with none open it waits for a host to
// come up (hostState wakes the loop).
func (cl *Cluster) elect() {
	t := cl.topo.Load()
	candidates := []*Host{cl.contact}
	for _, h := range t.hosts {
		if h != cl.contact {
			candidates = append(candidates, h)
		}
	}
	for _, h := range candidates {
		c := h.pool.Pick()
		if c == nil {
			continue
		}
		ctx, cancel := context.WithTimeout(context.Background(), connectTimeout(cl.cfg.Conn))
		err := cl.takeControl(ctx, c)
		cancel()
		if err == nil {
			cl.log.Info("cluster: control connection", "host", h.addr)
			return
		}
		cl.control.Store(nil)
		cl.log.Warn("cluster: cannot take control", "host", h.addr, "err", err)
	}
}

// onEvent is the control connection's event callback.
func (cl *Cluster) onEvent(ev *frame.Event) {
	switch ev.Type {
	case frame.EventTopologyChange:
		cl.dirtyRing.Store(true)
		cl.wakeLoop()
	case frame.EventStatusChange:
		h := cl.hostAt(ev.Addr.String())
		if h == nil {
			cl.dirtyRing.Store(true)
			cl.wakeLoop()
			return
		}
		if ev.Change == "UP" {
			h.pool.Wake()
			cl.dirtyRing.Store(true)
			cl.wakeLoop()
		} else if len(h.pool.Conns()) > 0 {
			// A hint, not the truth: the connections decide.
			h.pool.CheckAlive(cl.cfg.ProbeTimeout)
		}
	case frame.EventSchemaChange:
		sc := ev.Schema
		if fn := cl.cfg.OnSchemaChange; fn != nil {
			cl.notify.post(func() { fn(&sc) })
		}
		if sc.Target == "KEYSPACE" {
			cl.dirtyKS.Store(true)
			cl.wakeLoop()
		}
	}
}

func (cl *Cluster) hostAt(addr string) *Host {
	cl.mu.Lock()
	defer cl.mu.Unlock()
	return cl.hosts[addr]
}

// refresh reads the keyspaces' replication and, with ring, the hosts, then
// swaps in a new topology.
func (cl *Cluster) refresh(ctx context.Context, c *conn.Conn, ring bool) error {
	var local, peers *systemRows
	var err, peersErr error
	var keyspaces []Keyspace
	var ksErr error
	// The queries go out together on the multiplexed connection.
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		keyspaces, ksErr = cl.readKeyspaces(ctx, c)
	}()
	if ring {
		wg.Add(1)
		go func() {
			defer wg.Done()
			peers, peersErr = querySystem(ctx, c, "SELECT * FROM system.peers_v2")
			var se *frame.Error
			if errors.As(peersErr, &se) && se.Code == frame.CodeInvalid {
				// Before Cassandra 4.0 there is only system.peers.
				peers, peersErr = querySystem(ctx, c, "SELECT * FROM system.peers")
			}
		}()
		local, err = querySystem(ctx, c, "SELECT * FROM system.local WHERE key='local'")
	}
	wg.Wait()
	if ring {
		switch {
		case err != nil:
			return err
		case local.len() == 0:
			return errors.New("system.local has no row")
		case peersErr != nil:
			return peersErr
		}
	}

	cl.mu.Lock()
	defer cl.mu.Unlock()
	if cl.closed {
		return nil
	}
	if ksErr == nil {
		cl.keyspaces = keyspaces
	}
	if ring {
		cl.mergeHostsLocked(c, local, peers)
	}
	cl.rebuildLocked()
	if ksErr != nil {
		return ksErr
	}
	return nil
}

func (cl *Cluster) readKeyspaces(ctx context.Context, c *conn.Conn) ([]Keyspace, error) {
	rows, err := querySystem(ctx, c, "SELECT keyspace_name, replication FROM system_schema.keyspaces")
	if err != nil {
		return nil, err
	}
	out := make([]Keyspace, 0, rows.len())
	for i := range rows.len() {
		out = append(out, Keyspace{Name: rows.text(i, "keyspace_name"), Replication: rows.textMap(i, "replication")})
	}
	return out, nil
}

// mergeHostsLocked brings the host table in line with system.local (the
// node c is connected to) and the peers: hosts are matched by host id, so
// a host keeps its pool and counters across refreshes; new ones get pools,
// gone ones are closed.
func (cl *Cluster) mergeHostsLocked(c *conn.Conn, local, peers *systemRows) {
	type seen struct {
		addr string
		info HostInfo
	}
	var rows []seen
	li := rowInfo(local, 0)
	cl.partitioner = local.text(0, "partitioner")
	rows = append(rows, seen{c.Addr(), li})
	port := cl.defaultPort()
	for i := range peers.len() {
		info := rowInfo(peers, i)
		addr := peerAddr(peers, i, port)
		if addr == "" || info.ID == (cqltype.UUIDValue{}) || len(info.Tokens) == 0 {
			cl.log.Warn("cluster: ignoring an incomplete peer row", "peer", peers.inet(i, "peer"))
			continue
		}
		rows = append(rows, seen{addr, info})
	}
	keep := make(map[*Host]bool, len(rows))
	for _, r := range rows {
		h := cl.hostByIDLocked(r.info.ID)
		if h == nil {
			h = cl.hosts[r.addr]
		}
		if h != nil && h.addr != r.addr && h != cl.contact && !h.Up() {
			// The node moved to another address while it was down.
			h = nil
		}
		if h == nil {
			h = newHost(r.addr, r.info)
			cl.hosts[r.addr] = h
			newPool(h, cl.pcfg).start(nil)
			cl.post(HostEvent{Kind: HostAdded, Host: h})
		} else {
			info := r.info
			h.info.Store(&info)
		}
		keep[h] = true
	}
	if cl.localDC == "" {
		// The first contact point's data centre, once it is known.
		cl.localDC = cl.contact.DataCenter()
	}
	for addr, h := range cl.hosts {
		if !keep[h] {
			delete(cl.hosts, addr)
			go h.pool.Close()
			cl.post(HostEvent{Kind: HostRemoved, Host: h})
		}
	}
}

func (cl *Cluster) hostByIDLocked(id cqltype.UUIDValue) *Host {
	if id == (cqltype.UUIDValue{}) {
		return nil
	}
	for _, h := range cl.hosts {
		if h.ID() == id {
			return h
		}
	}
	return nil
}

// rebuildLocked swaps in a topology of the current hosts and keyspaces.
func (cl *Cluster) rebuildLocked() {
	hosts := make([]*Host, 0, len(cl.hosts))
	for _, h := range cl.hosts {
		hosts = append(hosts, h)
	}
	cl.topo.Store(newTopology(hosts, cl.localDC, cl.partitioner, cl.keyspaces, &cl.rr))
}

// rowInfo reads a system.local or peers row.
func rowInfo(r *systemRows, i int) HostInfo {
	ip := r.inet(i, "native_address")
	if ip == nil {
		ip = r.inet(i, "rpc_address")
	}
	if ip == nil || ip.IsUnspecified() {
		if p := r.inet(i, "peer"); p != nil {
			ip = p
		} else if b := r.inet(i, "broadcast_address"); b != nil {
			ip = b
		}
	}
	addr := ""
	if ip != nil {
		addr = ip.String()
	}
	return HostInfo{
		Address:        addr,
		ID:             r.uuid(i, "host_id"),
		DataCenter:     r.text(i, "data_center"),
		Rack:           r.text(i, "rack"),
		Tokens:         r.strings(i, "tokens"),
		ReleaseVersion: r.text(i, "release_version"),
		SchemaVersion:  r.uuid(i, "schema_version"),
	}
}

// peerAddr is where clients reach a peer: native_address and native_port
// (peers_v2), else rpc_address (peers) on the default port; a wildcard
// address falls back to the peer's own.
func peerAddr(r *systemRows, i, defPort int) string {
	ip := r.inet(i, "native_address")
	port := r.integer(i, "native_port")
	if ip == nil {
		ip = r.inet(i, "rpc_address")
	}
	if ip == nil || ip.IsUnspecified() {
		ip = r.inet(i, "peer")
	}
	if ip == nil {
		return ""
	}
	if port == 0 {
		port = defPort
	}
	return hostPort(ip, port)
}

// hostsOf lists the hosts of t, the contact point first (for SHOW HOSTS and
// Ring).
func hostsOf(t *Topology, first *Host) []*Host {
	out := slices.Clone(t.hosts)
	if i := slices.Index(out, first); i > 0 {
		out = append(append([]*Host{first}, out[:i]...), out[i+1:]...)
	}
	return out
}
