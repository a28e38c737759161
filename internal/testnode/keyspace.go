package testnode

import (
	"hash/fnv"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Keyspace returns a keyspace name for test t that no other test and no
// other run shares, even against the same node at the same time: prefix,
// then a hash of the test's name, the process and the moment it asked. It
// is a valid unquoted CQL name (letters, digits, '_', at most 48
// characters, lower case). Creating the keyspace and dropping it when the
// test ends are the caller's (testnode does not talk CQL).
func Keyspace(t testing.TB, prefix string) string {
	t.Helper()
	h := fnv.New64a()
	h.Write([]byte(t.Name()))
	h.Write([]byte(strconv.Itoa(os.Getpid())))
	h.Write([]byte(strconv.FormatInt(time.Now().UnixNano(), 10)))
	suffix := strconv.FormatUint(h.Sum64(), 36)
	prefix = strings.ToLower(prefix)
	if max := 48 - len(suffix) - 1; len(prefix) > max {
		prefix = prefix[:max]
	}
	return prefix + "_" + suffix
}
