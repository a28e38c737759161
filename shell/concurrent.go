package shell

import (
	"context"

	"github.com/gocqlsh/gocqlsh/shell/lexer"
)

func (sh *Shell) concurrent(ctx context.Context, st lexer.Statement, line int) {
	sh.printErr(line, "CONCURRENT is not available yet.")
}
