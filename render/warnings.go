package render

import "io"

// WriteWarnings prints server warnings as cqlsh does after a result: a
// blank line, "Warnings :", then each warning followed by a blank line.
// Nothing is printed when there are none.
func WriteWarnings(w io.Writer, warnings []string) error {
	if len(warnings) == 0 {
		return nil
	}
	b := []byte("\nWarnings :\n")
	for _, s := range warnings {
		b = append(b, s...)
		b = append(b, '\n', '\n')
	}
	return writeOut(w, b)
}
