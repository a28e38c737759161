package testnode

import (
	"regexp"
	"testing"
)

// Names are valid CQL keyspace names, and two calls never give the same one.
func TestKeyspaceUnique(t *testing.T) {
	valid := regexp.MustCompile(`^[a-z][a-z0-9_]{0,47}$`)
	seen := map[string]bool{}
	for _, p := range []string{"shell", "Copy", "a_prefix_much_longer_than_any_keyspace_name_may_be"} {
		for range 100 {
			ks := Keyspace(t, p)
			if !valid.MatchString(ks) {
				t.Errorf("%q is not a valid keyspace name", ks)
			}
			if seen[ks] {
				t.Errorf("%q given twice", ks)
			}
			seen[ks] = true
		}
	}
}
