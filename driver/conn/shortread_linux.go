package conn

// shortReadEmpties: on Linux a TCP read returns less than asked only once
// the receive queue (and its backlog) is empty, and any byte that arrives
// later raises a new edge for the poller, so the pump may wait for
// readability right after a short read.
const shortReadEmpties = true
