package conn_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/gocqlsh/gocqlsh/driver/conn"
	"github.com/gocqlsh/gocqlsh/driver/frame"
	"github.com/gocqlsh/gocqlsh/internal/fakeserver"
)

// benchModes are the framings worth comparing.
var benchModes = []struct {
	version byte
	comp    string
}{{4, ""}, {4, "lz4"}, {5, ""}, {5, "lz4"}}

// benchConn dials a fake server that answers every QUERY with one text row.
func benchConn(b *testing.B, version byte, comp string) *conn.Conn {
	rows := textRows("release_version", "5.0.8")
	srv := fakeserver.Start(b, fakeserver.Config{Handler: func(r *fakeserver.Request) fakeserver.Action {
		if r.Opcode() == frame.OpQuery {
			return fakeserver.Reply(rows)
		}
		return fakeserver.Default()
	}})
	return dialFake(b, srv, conn.Config{ProtoVersion: version, Compression: comp})
}

func BenchmarkDoSequential(b *testing.B) {
	for _, m := range benchModes {
		b.Run(fmt.Sprintf("v%d-%s", m.version, m.comp), func(b *testing.B) {
			c := benchConn(b, m.version, m.comp)
			q := query("SELECT release_version FROM system.local")
			ctx := context.Background()
			b.ReportAllocs()
			for b.Loop() {
				if _, err := c.Do(ctx, q, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkDoParallel(b *testing.B) {
	for _, m := range benchModes {
		b.Run(fmt.Sprintf("v%d-%s", m.version, m.comp), func(b *testing.B) {
			c := benchConn(b, m.version, m.comp)
			q := query("SELECT release_version FROM system.local")
			ctx := context.Background()
			b.ReportAllocs()
			b.SetParallelism(64)
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					if _, err := c.Do(ctx, q, nil); err != nil {
						b.Error(err)
						return
					}
				}
			})
		})
	}
}
