package shell

import (
	"context"

	"github.com/gocqlsh/gocqlsh/shell/lexer"
)

// jobTable tracks background statements (stmt &).
type jobTable struct{}

func newJobTable() *jobTable { return &jobTable{} }

func (sh *Shell) startJob(ctx context.Context, st lexer.Statement, line int) {
	sh.execCQL(ctx, st.Text, line)
}

func (sh *Shell) jobCommand(ctx context.Context, cmd string, args []string, line int) {
	sh.printErr(line, "Improper "+cmd+" command.")
}

func (sh *Shell) waitJobsAtExit(ctx context.Context) {}
