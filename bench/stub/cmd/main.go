// Command stub runs bench/stub's server: a loopback CQL native protocol v4
// endpoint that answers every request at once with a canned reply.
//
//	go run ./bench/stub/cmd -addr 127.0.0.1:9142
//
// Once listening it prints its address on stdout (useful with port 0). On
// SIGUSR1 it prints a line "stub: cpu_us=C requests=R" on stderr, its CPU
// time and the requests it has served so far, so that a benchmark can take
// the stub's CPU over one client's run precisely (bench/run.sh does). On
// SIGINT or SIGTERM it prints what it served and its CPU per request, then
// exits.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/gocqlsh/gocqlsh/bench/stub"
	"github.com/gocqlsh/gocqlsh/driver/frame"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:9142", "host:port to listen on (port 0: any free port)")
	flag.Parse()
	s, err := stub.New(*addr)
	if err != nil {
		fmt.Fprintln(os.Stderr, "stub:", err)
		os.Exit(1)
	}
	cpu0 := cpuTime()
	fmt.Println(s.Addr())
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt, syscall.SIGTERM)
	report := make(chan os.Signal, 1)
	notifyReport(report)
	for running := true; running; {
		select {
		case <-report:
			fmt.Fprintf(os.Stderr, "stub: cpu_us=%d requests=%d\n", (cpuTime() - cpu0).Microseconds(), s.Stats().Requests)
		case <-stop:
			running = false
		}
	}
	s.Close()
	cpu := cpuTime() - cpu0
	st := s.Stats()
	per := 0.0
	if st.Requests > 0 {
		per = float64(cpu.Nanoseconds()) / 1e3 / float64(st.Requests)
	}
	fmt.Fprintf(os.Stderr, "stub: %d connections, %d requests (%d EXECUTE, %d BATCH, %d PREPARE, %d QUERY), CPU %.3f s, %.2f µs per request\n",
		st.Connections, st.Requests, st.ByOpcode[frame.OpExecute], st.ByOpcode[frame.OpBatch],
		st.ByOpcode[frame.OpPrepare], st.ByOpcode[frame.OpQuery], cpu.Seconds(), per)
}
