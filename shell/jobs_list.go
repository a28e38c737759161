package shell

import (
	"bytes"
	"strconv"
	"unicode/utf8"

	"github.com/gocqlsh/gocqlsh/driver"
	"github.com/gocqlsh/gocqlsh/render"
)

// jobLine is one line of the JOBS table, as text.
type jobLine struct {
	id, state, elapsed, rows, statement string
}

// maxJobText is how much of a statement JOBS shows.
const maxJobText = 60

// jobsTable lays out JOBS: one of gocqlsh's own tables (render.OwnTable),
// boxed when FORMAT is BOX, with the numbers aligned right.
func jobsTable(lines []jobLine, box bool) *render.OwnTable {
	t := &render.OwnTable{
		Header: []string{"id", "state", "elapsed", "rows", "statement"},
		Right:  []bool{true, false, true, true, false},
		Box:    box,
	}
	for _, l := range lines {
		t.Rows = append(t.Rows, []string{l.id, l.state, l.elapsed, l.rows, l.statement})
	}
	return t
}

// jobLineOf describes job j as it is now.
func (sh *Shell) jobLineOf(j *job) jobLine {
	v := sh.jobs.view(j)
	rows := ""
	if v.res != nil && v.res.Kind == driver.KindRows {
		rows = strconv.Itoa(v.res.NumRows())
		if v.res.HasMorePages() {
			rows += "+"
		}
	}
	stmt := oneLine(j.text)
	if len(stmt) > maxJobText {
		n := maxJobText - 3
		for n > 0 && !utf8.RuneStart(stmt[n]) {
			n-- // never cut a character in two
		}
		stmt = stmt[:n] + "..."
	}
	return jobLine{
		id:        strconv.Itoa(j.id),
		state:     v.state.String(),
		elapsed:   strconv.FormatInt(v.elapsed.Milliseconds(), 10) + " ms",
		rows:      rows,
		statement: stmt,
	}
}

// listJobs prints the JOBS table: id, state, elapsed, rows, statement.
func (sh *Shell) listJobs() {
	jobs := sh.jobs.snapshot()
	if len(jobs) == 0 {
		sh.printInfo("No jobs.\n")
		return
	}
	lines := make([]jobLine, len(jobs))
	for i, j := range jobs {
		lines[i] = sh.jobLineOf(j)
	}
	var b bytes.Buffer
	if err := jobsTable(lines, sh.format == render.FormatBox).Write(&b); err != nil {
		sh.printErr(0, err.Error())
		return
	}
	sh.printInfo("%s", b.String())
}
