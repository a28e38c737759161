package shell

import (
	"bytes"
	"fmt"
	"strconv"
	"time"

	"github.com/gocqlsh/gocqlsh/driver"
	"github.com/gocqlsh/gocqlsh/render"
)

// interactivePolicy keeps statements on the host named on the command line,
// as cqlsh does (so system.local, TRACING and SHOW HOST are about it), and
// carries on through the other nodes, nearest first, while it is down.
func interactivePolicy(named string) driver.HostSelectionPolicy {
	return driver.HostFirst{Addr: named, Fallback: driver.TokenAware{Fallback: driver.DCAwareRoundRobin{AllowRemote: true}}}
}

// hostNotice says in one line, above the prompt, that the named host went
// down or came back; other hosts' changes show in SHOW HOSTS only. It runs
// on the driver's notification goroutine, so it prints from one of its own
// rather than wait there for the output lock.
func (sh *Shell) hostNotice(ev driver.HostEvent) {
	if ev.Host.Addr() != sh.conn.named {
		return
	}
	var msg string
	switch ev.Kind {
	case driver.HostWentDown:
		msg = fmt.Sprintf("Host %s is down (%v); statements go to the other nodes until it is back.", ev.Host.Addr(), ev.Err)
	case driver.HostWentUp:
		if !sh.conn.namedDown.Swap(false) {
			return
		}
		msg = fmt.Sprintf("Host %s is back; statements go to it again.", ev.Host.Addr())
	default:
		return
	}
	if ev.Kind == driver.HostWentDown {
		sh.conn.namedDown.Store(true)
	}
	if sh.color {
		msg = "\x1b[0;1;33m" + msg + "\x1b[0m"
	}
	sh.conn.nmu.Lock()
	sh.conn.notices = append(sh.conn.notices, msg)
	sh.conn.nmu.Unlock()
	go func() {
		sh.mu.Lock()
		defer sh.mu.Unlock()
		sh.flushNotices()
	}()
}

// flushNotices prints the host notices not printed yet. The caller holds
// sh.mu: the input loop calls it before a statement's result, so a notice
// about the host that statement failed over from comes first.
func (sh *Shell) flushNotices() {
	sh.conn.nmu.Lock()
	list := sh.conn.notices
	sh.conn.notices = nil
	sh.conn.nmu.Unlock()
	for _, msg := range list {
		sh.emitBlock(sh.errw, []byte(msg+"\n"))
	}
}

// showHosts is SHOW HOSTS: every node the session knows, with its state
// and request counters, the named host first.
func (sh *Shell) showHosts() {
	t := render.OwnTable{
		Header: []string{"address", "dc", "rack", "state", "conns", "in flight", "requests", "errors", "retries", "p50", "p99"},
		Right:  []bool{false, false, false, false, true, true, true, true, true, true, true},
		Box:    sh.format == render.FormatBox,
	}
	for _, h := range sh.sess.Hosts() {
		t.Rows = append(t.Rows, []string{
			h.Host.Addr(), h.Host.DataCenter(), h.Host.Rack(), h.State.String(),
			strconv.Itoa(h.Connections), strconv.Itoa(h.InFlight),
			strconv.FormatUint(h.Requests, 10), strconv.FormatUint(h.Errors, 10), strconv.FormatUint(h.Retries, 10),
			latency(h.P50), latency(h.P99),
		})
	}
	var b bytes.Buffer
	b.WriteByte('\n')
	if err := t.Write(&b); err != nil {
		sh.printErr(0, err.Error())
		return
	}
	b.WriteByte('\n')
	sh.printOut("%s", b.Bytes())
}

// latency prints a duration in milliseconds, "-" when nothing was measured.
func latency(d time.Duration) string {
	if d == 0 {
		return "-"
	}
	return strconv.FormatFloat(float64(d.Microseconds())/1000, 'f', 2, 64) + " ms"
}

// spreadPolicy routes the shell's fan-outs — CONCURRENT, COPY and
// background jobs — to each partition's replicas over every node of the
// local data centre, where interactive statements stay on the named host
// as cqlsh keeps them.
func spreadPolicy() driver.HostSelectionPolicy {
	return driver.TokenAware{Fallback: driver.DCAwareRoundRobin{}}
}
