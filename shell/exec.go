package shell

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"time"

	"github.com/gocqlsh/gocqlsh/driver"
	"github.com/gocqlsh/gocqlsh/driver/cqltype"
	"github.com/gocqlsh/gocqlsh/driver/schema"
	"github.com/gocqlsh/gocqlsh/render"
	"github.com/gocqlsh/gocqlsh/shell/pyfmt"
)

// query builds a Query with the shell's current settings.
func (sh *Shell) query(text string) *driver.Query {
	q := &driver.Query{
		Statement:         text,
		Consistency:       sh.consistency,
		SerialConsistency: sh.serialConsistency,
		Tracing:           sh.tracing,
		PageSize:          5000,
	}
	if sh.interactive && sh.paging && sh.capture == nil && sh.pageSize > 0 {
		q.PageSize = sh.pageSize
	}
	return q
}

// execCQL runs one CQL statement and prints its result.
func (sh *Shell) execCQL(ctx context.Context, text string, line int) {
	start := time.Now()
	ctx, cancel := sh.interruptible(ctx)
	defer cancel()
	res, err := sh.sess.ExecuteQuery(ctx, sh.query(text))
	sh.flushNotices()
	if err != nil {
		if errors.Is(err, context.Canceled) {
			sh.printErr(line, "Statement cancelled.")
			return
		}
		sh.printErr(line, pyfmt.Error(err))
		return
	}
	sh.printResult(ctx, res, line)
	if sh.elapsed {
		sh.printOut("(%s elapsed)\n", elapsedSince(start))
	}
}

// printResult prints what a statement returned: rows (all pages, or page by
// page behind ---MORE--- in a terminal), then warnings, then the trace.
func (sh *Shell) printResult(ctx context.Context, res *driver.Result, line int) {
	switch res.Kind {
	case driver.KindSetKeyspace:
		sh.keyspace = res.Keyspace
	case driver.KindSchemaChange:
		// What the shell itself changed is forgotten now, not when the
		// event arrives: the next statement may use it.
		sh.schema.OnSchemaChange(res.SchemaChange)
		// Unlike cqlsh, the prompt does not keep naming a keyspace that
		// is gone.
		if sc := res.SchemaChange; sc.Change == "DROPPED" && sc.Target == "KEYSPACE" && sc.Keyspace == sh.keyspace {
			sh.keyspace = ""
		}
		if !res.SchemaAgreed {
			sh.printErr(line, "Warning: schema version mismatch detected; check the schema versions of your nodes in system.local and system.peers.")
		}
	case driver.KindRows:
		sh.printRows(ctx, res, line)
	}
	if len(res.Warnings) > 0 {
		render.WriteWarnings(sh.out, res.Warnings)
	}
	if res.TracingID != nil {
		t, err := sh.sess.Trace(ctx, res.TracingID, sh.maxTraceWait)
		if err != nil {
			sh.printErr(line, "Unable to fetch query trace: "+pyfmt.Error(err))
			return
		}
		if !t.Complete {
			sh.printErr(line, fmt.Sprintf("Statement trace did not complete within %d seconds; trace data may be incomplete.", int(sh.maxTraceWait/time.Second)))
		}
		sh.printTrace(sh.out, t)
	}
}

// columns maps result columns to render columns; with colour on, the
// schema tells which are partition key, clustering or static.
func (sh *Shell) columns(ctx context.Context, cs []driver.Column) []render.Column {
	return renderColumns(ctx, sh.schema, sh.color, cs)
}

// jobColumns is Shell.columns with the schema in force now, for a job that
// completes on a goroutine of its own after a LOGIN may have replaced it.
func (sh *Shell) jobColumns() func(context.Context, []driver.Column) []render.Column {
	sch, color := sh.schema, sh.color
	return func(ctx context.Context, cs []driver.Column) []render.Column {
		return renderColumns(ctx, sch, color, cs)
	}
}

func renderColumns(ctx context.Context, sch *schema.Cache, color bool, cs []driver.Column) []render.Column {
	out := make([]render.Column, len(cs))
	var roles map[string]render.Role
	if color && len(cs) > 0 && cs[0].Table != "" {
		roles = columnRoles(ctx, sch, cs[0].Keyspace, cs[0].Table)
	}
	for i, c := range cs {
		out[i] = render.Column{Name: c.Name, Type: c.Type, Role: roles[c.Name]}
	}
	return out
}

// columnRoles reads the kinds of a table's columns from the schema model.
func columnRoles(ctx context.Context, sch *schema.Cache, ks, table string) map[string]render.Role {
	t, err := sch.Table(ctx, ks, table)
	if err != nil {
		return nil // no colours for a table the schema does not know
	}
	m := map[string]render.Role{}
	for _, c := range t.Columns {
		switch c.Kind {
		case "partition_key":
			m[c.Name] = render.PartitionKey
		case "clustering":
			m[c.Name] = render.Clustering
		case "static":
			m[c.Name] = render.Static
		}
	}
	return m
}

func (sh *Shell) printRows(ctx context.Context, res *driver.Result, line int) {
	o := sh.outputOptions()
	applied := len(res.Columns) > 0 && res.Columns[0].Name == "[applied]"
	o.NoRowCount = applied
	out, pager := sh.pagedOutput()
	if pager != nil {
		defer pager.Close()
	}
	w := render.New(sh.currentFormat(), out, sh.columns(ctx, res.Columns), &o)
	total := 0
	page := res
	pause := sh.interactive && sh.paging && sh.capture == nil && sh.input != nil && pager == nil
	for {
		// Without ---MORE--- pauses, the next page is fetched while this
		// one is rendered.
		var next *driver.Future
		if !pause {
			next = page.NextPageAsync(ctx)
		}
		n := page.NumRows()
		rows := make([][][]byte, n)
		for i := range rows {
			rows[i] = page.Row(i)
		}
		if err := w.WriteRows(rows); err != nil {
			sh.printErr(line, err.Error())
			return
		}
		total += n
		if !page.HasMorePages() || pager != nil && pager.quit() {
			break
		}
		var nextPage *driver.Result
		var err error
		if pause {
			sh.printInfo("---MORE---")
			if _, err := sh.input.ReadLine(""); err != nil {
				sh.printInfo("\n")
				break
			}
			nextPage, err = page.NextPage(ctx)
		} else {
			nextPage, err = next.Result(ctx)
		}
		if err != nil {
			w.Close(total)
			sh.printErr(line, pyfmt.Error(err))
			return
		}
		page = nextPage
	}
	if err := w.Close(total); err != nil {
		sh.printErr(line, err.Error())
	}
}

// printTrace prints a trace the way cqlsh does after TRACING ON.
func (sh *Shell) printTrace(w io.Writer, t *driver.Trace) {
	loc := sh.renderOpts.Location
	if loc == nil {
		loc = time.Local
	}
	ts := func(tm time.Time) string { return tm.In(loc).Format("2006-01-02 15:04:05.000000") }
	ip := func(a net.IP) string {
		if a == nil {
			return ""
		}
		return a.String()
	}
	view := render.TraceView{SessionID: uuidString(t.ID)}
	req := t.Request
	if req == "" {
		req = "Execute CQL3 query"
	}
	coord, client := ip(t.Coordinator), ip(t.Client)
	view.Rows = append(view.Rows, render.TraceRow{Activity: req, Timestamp: ts(t.StartedAt), Source: coord, SourceElapsed: "0", Client: client})
	for _, e := range t.Events {
		act := e.Activity
		if e.Thread != "" {
			act += " [" + e.Thread + "]"
		}
		el := "--"
		if e.SourceElapsed >= 0 {
			el = fmt.Sprint(e.SourceElapsed)
		}
		view.Rows = append(view.Rows, render.TraceRow{Activity: act, Timestamp: ts(e.Time), Source: ip(e.Source), SourceElapsed: el, Client: client})
	}
	if t.Complete {
		end := t.StartedAt.Add(time.Duration(t.Duration) * time.Microsecond)
		view.Rows = append(view.Rows, render.TraceRow{Activity: "Request complete", Timestamp: ts(end), Source: coord, SourceElapsed: fmt.Sprint(t.Duration), Client: client})
	}
	o := sh.renderOpts
	o.Color = sh.color && sh.capture == nil
	render.WriteTrace(w, &view, &o)
}

func uuidString(u cqltype.UUIDValue) string { return u.String() }

func parseUUID(s string) (cqltype.UUIDValue, error) { return cqltype.ParseUUID(strings.TrimSpace(s)) }
