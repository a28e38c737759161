package driver

import (
	"math"
	"net"
	"slices"
	"testing"

	"github.com/gocqlsh/gocqlsh/internal/testnode"
)

// TestIntegrationRing reads the real node's ring: one node owns every
// token of a replicated keyspace, and LocalStrategy or unknown keyspaces
// have none (what cqlsh's SHOW REPLICAS prints).
func TestIntegrationRing(t *testing.T) {
	s := connectPlain(t, nil)
	r, err := s.Ring(testCtx(t))
	if err != nil {
		t.Fatal(err)
	}
	host, _, _ := net.SplitHostPort(testnode.Addr(t))
	if len(r.Hosts) != 1 || r.Hosts[0].Address != host || r.Hosts[0].DataCenter == "" {
		t.Fatalf("hosts %+v, want the one node at %s", r.Hosts, host)
	}
	if r.RangeIndex(0) < 0 || r.Partitioner != "org.apache.cassandra.dht.Murmur3Partitioner" {
		t.Fatalf("no ring, partitioner %q", r.Partitioner)
	}
	for _, tok := range []int64{0, math.MinInt64, math.MaxInt64} {
		if got := r.Replicas("system_auth", tok); !slices.Equal(got, []string{host}) {
			t.Errorf("system_auth at %v: %q", tok, got)
		}
	}
	for _, ks := range []string{"system", "nosuch", "SYSTEM_AUTH"} {
		if got := r.Replicas(ks, 0); got != nil {
			t.Errorf("%s: %q, want none", ks, got)
		}
	}
}
