package driver

import (
	"context"
	"errors"
	"fmt"
	"net"
	"time"

	"github.com/gocqlsh/gocqlsh/driver/cqltype"
)

// Trace is one tracing session from system_traces.
type Trace struct {
	ID          cqltype.UUIDValue
	Request     string
	Coordinator net.IP
	Client      net.IP
	// Duration is the server-side duration in microseconds (-1: unknown).
	Duration   int32
	StartedAt  time.Time
	Parameters map[string]string
	Events     []TraceEvent
	// Complete is false when the trace did not finish within the wait.
	Complete bool
}

// TraceEvent is one event of a trace.
type TraceEvent struct {
	Activity string
	Time     time.Time
	Source   net.IP
	// SourceElapsed is microseconds since the request reached Source (-1:
	// unknown).
	SourceElapsed int32
	Thread        string
}

// ErrTraceNotFound is returned when no trace session has the id.
var ErrTraceNotFound = errors.New("trace session not found")

// Trace fetches the trace session id from system_traces, polling with
// back-off until the server has written its duration or maxWait has passed;
// the result then has Complete false but holds what there was.
func (s *Session) Trace(ctx context.Context, id []byte, maxWait time.Duration) (*Trace, error) {
	if len(id) != 16 {
		return nil, fmt.Errorf("trace id must be 16 bytes, got %d", len(id))
	}
	var uuid cqltype.UUIDValue
	copy(uuid[:], id)
	deadline := time.Now().Add(maxWait)
	t := &Trace{ID: uuid, Duration: -1}
	delay := 3 * time.Millisecond
	for {
		res, err := s.ExecuteQuery(ctx, &Query{
			Statement: "SELECT request, coordinator, client, duration, started_at, parameters FROM system_traces.sessions WHERE session_id = ?",
			Args:      []any{uuid}, Consistency: One,
		})
		if err != nil {
			return nil, err
		}
		if res.NumRows() > 0 {
			vals := make([]any, len(res.Columns))
			for j := range vals {
				if vals[j], err = res.Value(0, j); err != nil {
					return nil, err
				}
			}
			t.Request, _ = vals[0].(string)
			t.Coordinator, _ = vals[1].(net.IP)
			t.Client, _ = vals[2].(net.IP)
			if ts, ok := vals[4].(cqltype.TimestampValue); ok {
				t.StartedAt = ts.Time()
			}
			t.Parameters = stringMap(vals[5])
			if d, ok := vals[3].(int32); ok {
				t.Duration = d
				t.Complete = true
				break
			}
		}
		if time.Now().Add(delay).After(deadline) {
			if res.NumRows() == 0 {
				return nil, ErrTraceNotFound
			}
			break
		}
		select {
		case <-time.After(delay):
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		if delay < 500*time.Millisecond {
			delay *= 2
		}
	}
	it := s.Iter(ctx, &Query{
		Statement: "SELECT event_id, activity, source, source_elapsed, thread FROM system_traces.events WHERE session_id = ?",
		Args:      []any{uuid}, Consistency: One,
	})
	for it.Next() {
		var e TraceEvent
		e.SourceElapsed = -1
		vals := make([]any, 5)
		for j := range vals {
			v, err := it.Value(j)
			if err != nil {
				return nil, err
			}
			vals[j] = v
		}
		if u, ok := vals[0].(cqltype.UUIDValue); ok {
			e.Time = timeuuidTime(u)
		}
		e.Activity, _ = vals[1].(string)
		e.Source, _ = vals[2].(net.IP)
		if n, ok := vals[3].(int32); ok {
			e.SourceElapsed = n
		}
		e.Thread, _ = vals[4].(string)
		t.Events = append(t.Events, e)
	}
	if err := it.Err(); err != nil {
		return nil, err
	}
	return t, nil
}

// timeuuidTime reads the timestamp of a version 1 UUID.
func timeuuidTime(u cqltype.UUIDValue) time.Time {
	ts := int64(u[6]&0x0F)<<56 | int64(u[7])<<48 | int64(u[4])<<40 | int64(u[5])<<32 |
		int64(u[0])<<24 | int64(u[1])<<16 | int64(u[2])<<8 | int64(u[3])
	const gregorianOffset = 122192928000000000 // 100-ns ticks from 1582-10-15 to 1970-01-01
	ts -= gregorianOffset
	return time.Unix(ts/1e7, (ts%1e7)*100).UTC()
}

func stringMap(v any) map[string]string {
	entries, ok := v.([]cqltype.MapEntry)
	if !ok {
		return nil
	}
	m := make(map[string]string, len(entries))
	for _, e := range entries {
		k, _ := e.Key.(string)
		val, _ := e.Value.(string)
		m[k] = val
	}
	return m
}
