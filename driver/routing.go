package driver

import (
	"encoding/binary"

	"github.com/gocqlsh/gocqlsh/driver/cluster"
	"github.com/gocqlsh/gocqlsh/driver/conn"
	"github.com/gocqlsh/gocqlsh/driver/frame"
)

// scratch holds what one request is encoded from. A fan-out reuses one for
// every request it sends, since Conn.Start encodes the frame before it
// returns; a lone request uses a fresh one.
type scratch struct {
	query frame.Query
	exec  frame.Execute
	batch frame.Batch
	vals  values
	rk    []byte // a composite routing key
}

// route readies what picking a host needs: the prepared statement, its
// values encoded (on every attempt, since a fan-out's scratch serves other
// requests in between) and, once, the routing information.
func (r *request) route(block bool) error {
	switch r.kind {
	case kindExecute:
		if r.prep == nil {
			if !block {
				return errWouldBlock
			}
			p, err := r.s.prepare(r.ctx, r.q.Statement, r.s.stmtKeyspace(r.q))
			if err != nil {
				return err
			}
			r.prep = p
		}
		if err := r.prep.encodeInto(&r.sc.vals, r.args); err != nil {
			return err
		}
		if !r.routed {
			r.routed = true
			r.ri = r.prep.routing(r.sc.vals.vals, &r.sc.rk)
			if tok := r.q.RoutingToken; tok != nil {
				r.ri = cluster.RoutingInfo{Keyspace: r.prep.tableKeyspace(), Token: *tok, HasToken: true}
			}
		}
	case kindQuery:
		if !r.routed {
			r.routed = true
			switch {
			case r.q.RoutingToken != nil:
				r.ri = cluster.RoutingInfo{Keyspace: r.s.stmtKeyspace(r.q), Token: *r.q.RoutingToken, HasToken: true}
			case r.q.RoutingKey != nil:
				r.ri = cluster.RoutingInfo{Keyspace: r.s.stmtKeyspace(r.q), Token: Murmur3Token(r.q.RoutingKey), HasToken: true}
			}
		}
	case kindBatch:
		if !r.routed {
			if !block {
				return errWouldBlock
			}
			if err := r.prepareBatch(); err != nil {
				return err
			}
			r.routed = true
		}
	}
	return nil
}

// routing finds the token of a request's partition key from its encoded
// values: the value itself for a single-column key, else the components
// serialised into *buf. The keyspace is the one of the statement's table.
func (p *Prepared) routing(vals [][]byte, buf *[]byte) cluster.RoutingInfo {
	if len(p.PKIndices) == 0 {
		return cluster.RoutingInfo{}
	}
	ri := cluster.RoutingInfo{Keyspace: p.tableKeyspace()}
	if len(p.PKIndices) == 1 {
		i := int(p.PKIndices[0])
		if i < len(vals) && vals[i] != nil {
			ri.Token, ri.HasToken = Murmur3Token(vals[i]), true
		}
		return ri
	}
	k := (*buf)[:0]
	for _, idx := range p.PKIndices {
		if int(idx) >= len(vals) || vals[idx] == nil {
			return ri
		}
		v := vals[idx]
		k = binary.BigEndian.AppendUint16(k, uint16(len(v)))
		k = append(k, v...)
		k = append(k, 0)
	}
	*buf = k
	ri.Token, ri.HasToken = Murmur3Token(k), true
	return ri
}

// tableKeyspace is the keyspace of the statement's table, as its bind
// markers describe it (the session's keyspace at preparing otherwise).
func (p *Prepared) tableKeyspace() string {
	for _, c := range p.Params {
		if c.Keyspace != "" {
			return c.Keyspace
		}
	}
	return p.Keyspace
}

// build encodes the attempt's frame for connection c.
func (r *request) build(c *conn.Conn) (frame.Request, error) {
	sc := r.sc
	switch r.kind {
	case kindExecute:
		p := r.s.params(r.q, c.Version())
		p.Values, p.Unset = sc.vals.vals, sc.vals.unset
		id, metaID, meta := r.prep.current()
		// Skipping metadata is safe only where the result metadata id
		// guards it (v5): on v4 an ALTER TABLE would silently change the
		// row shape.
		p.SkipMetadata = c.Version() >= 5 && meta.NumColumns() > 0
		sc.exec = frame.Execute{ID: id, ResultMetadataID: metaID, Params: p}
		return &sc.exec, nil
	case kindBatch:
		return r.buildBatch(c)
	case kindPrepare:
		req := &frame.Prepare{Statement: r.pStm}
		if c.Version() >= 5 && r.pKS != r.s.Keyspace() {
			req.Keyspace = r.pKS
		}
		return req, nil
	}
	p := r.s.params(r.q, c.Version())
	if len(r.args) > 0 {
		vals, unset, err := encodeInferred(r.args)
		if err != nil {
			return nil, err
		}
		p.Values, p.Unset = vals, unset
	}
	sc.query = frame.Query{Statement: r.q.Statement, Params: p}
	return &sc.query, nil
}
