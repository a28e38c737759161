package shell

import (
	prompt "github.com/c-bata/go-prompt"
)

// completer adapts the completion engine to go-prompt.
func (sh *Shell) completer() prompt.Completer {
	return func(prompt.Document) []prompt.Suggest { return nil }
}
