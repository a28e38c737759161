package cluster

import (
	"slices"
	"strconv"
	"testing"
)

// ringHost is a test host: an address, a data centre and a rack.
type ringHost struct{ addr, dc, rack string }

// testRing builds a topology from hosts and each host's tokens.
func testRing(hosts []ringHost, tokens [][]int64, repl map[string]map[string]string) *Topology {
	var hs []*Host
	for i, h := range hosts {
		var toks []string
		for _, t := range tokens[i] {
			toks = append(toks, strconv.FormatInt(t, 10))
		}
		hs = append(hs, newHost(h.addr, HostInfo{Address: h.addr, DataCenter: h.dc, Rack: h.rack, Tokens: toks}))
	}
	var kss []Keyspace
	for name, r := range repl {
		kss = append(kss, Keyspace{Name: name, Replication: r})
	}
	return NewTopology(hs, "", "org.apache.cassandra.dht.Murmur3Partitioner", kss)
}

// addrs lists the hosts' addresses.
func addrs(hs []*Host) []string {
	var out []string
	for _, h := range hs {
		out = append(out, h.Addr())
	}
	return out
}

func TestRingReplicas(t *testing.T) {
	six := []ringHost{
		{"10.0.0.1", "dc1", "r1"}, {"10.0.0.2", "dc1", "r1"}, {"10.0.0.3", "dc1", "r2"},
		{"10.0.1.1", "dc2", "r1"}, {"10.0.1.2", "dc2", "r2"}, {"10.0.1.3", "dc2", "r3"},
	}
	// Ring order: 1@-300 4@-250 2@-200 5@-150 3@-100 6@-50 1@0 4@50 2@100 5@150 3@200 6@250
	tokens := [][]int64{{-300, 0}, {-200, 100}, {-100, 200}, {-250, 50}, {-150, 150}, {-50, 250}}
	repl := map[string]map[string]string{
		"simple1":  {"class": "org.apache.cassandra.locator.SimpleStrategy", "replication_factor": "1"},
		"simple3":  {"class": "org.apache.cassandra.locator.SimpleStrategy", "replication_factor": "3"},
		"simple9":  {"class": "SimpleStrategy", "replication_factor": "9"},
		"transien": {"class": "SimpleStrategy", "replication_factor": "2/1"},
		"nts":      {"class": "org.apache.cassandra.locator.NetworkTopologyStrategy", "dc1": "2", "dc2": "1"},
		"nts-dc2":  {"class": "org.apache.cassandra.locator.NetworkTopologyStrategy", "dc2": "3"},
		"local":    {"class": "org.apache.cassandra.locator.LocalStrategy"},
		"unknown":  {"class": "com.example.Mine"},
	}
	r := testRing(six, tokens, repl)
	for _, tc := range []struct {
		ks    string
		token int64
		want  []string
	}{
		{"simple1", -300, []string{"10.0.0.1"}},     // a range ends at its token
		{"simple1", -299, []string{"10.0.1.1"}},     // next owner
		{"simple1", 251, []string{"10.0.0.1"}},      // past the last token: wraps
		{"simple1", -1 << 62, []string{"10.0.0.1"}}, // before the first
		{"simple3", 60, []string{"10.0.0.2", "10.0.1.2", "10.0.0.3"}},
		{"simple3", 240, []string{"10.0.1.3", "10.0.0.1", "10.0.1.1"}}, // wraps mid-walk
		{"simple9", 0, []string{"10.0.0.1", "10.0.1.1", "10.0.0.2", "10.0.1.2", "10.0.0.3", "10.0.1.3"}},
		{"transien", 0, []string{"10.0.0.1", "10.0.1.1"}},
		// dc1 wants 2 on distinct racks: from token 0 the walk meets 1 (r1),
		// 2 (r1, skipped: r2 still unused) then 3 (r2); dc2 wants 1.
		{"nts", 0, []string{"10.0.0.1", "10.0.0.3", "10.0.1.1"}},
		{"nts-dc2", 0, []string{"10.0.1.1", "10.0.1.2", "10.0.1.3"}},
		{"local", 0, nil},
		{"unknown", 0, nil},
		{"nosuch", 0, nil},
	} {
		got := addrs(r.Replicas(tc.ks, tc.token))
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s at %d: %q, want %q", tc.ks, tc.token, got, tc.want)
		}
	}

	// Once every rack holds a replica, nodes passed over fill in.
	threeOnOneRack := []ringHost{{"a", "dc", "r1"}, {"b", "dc", "r1"}, {"c", "dc", "r2"}}
	r = testRing(threeOnOneRack, [][]int64{{0}, {10}, {20}},
		map[string]map[string]string{"ks": {"class": "NetworkTopologyStrategy", "dc": "3"}})
	if got := addrs(r.Replicas("ks", 0)); !slices.Equal(got, []string{"a", "c", "b"}) {
		t.Errorf("rack-aware fill-in: %q", got)
	}
}
