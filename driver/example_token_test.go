package driver_test

import (
	"fmt"

	"github.com/gocqlsh/gocqlsh/driver"
)

// The token of a text partition key, as the node's token() gives it; for a
// prepared statement's arguments, Prepared.RoutingKey builds the key.
func ExampleMurmur3Token() {
	for _, k := range []string{"hello", "gocqlsh", "a somewhat longer partition key"} {
		fmt.Println(k, driver.Murmur3Token([]byte(k)))
	}
	// Output:
	// hello -3758069500696749310
	// gocqlsh -5237087927827372477
	// a somewhat longer partition key -8128196145159130361
}
