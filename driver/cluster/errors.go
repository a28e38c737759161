package cluster

import (
	"fmt"
	"sort"
	"strings"
)

// NoHostsError means no node could take a request (or the session could
// not connect at all); Errors holds why, per address.
type NoHostsError struct {
	Errors map[string]error
}

func (e *NoHostsError) Error() string {
	addrs := make([]string, 0, len(e.Errors))
	for a := range e.Errors {
		addrs = append(addrs, a)
	}
	sort.Strings(addrs)
	var b strings.Builder
	b.WriteString("unable to connect to any node")
	if len(addrs) == 0 {
		b.WriteString(": no host is up")
	}
	for i, a := range addrs {
		if i == 0 {
			b.WriteString(": ")
		} else {
			b.WriteString("; ")
		}
		fmt.Fprintf(&b, "%s: %v", a, e.Errors[a])
	}
	return b.String()
}

// Unwrap exposes the per-address errors to errors.Is and errors.As.
func (e *NoHostsError) Unwrap() []error {
	out := make([]error, 0, len(e.Errors))
	for _, err := range e.Errors {
		out = append(out, err)
	}
	return out
}
