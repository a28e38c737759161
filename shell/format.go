package shell

import "github.com/gocqlsh/gocqlsh/render"

// setFormat chooses the output format ("table", "expanded", "csv", "json").
func (sh *Shell) setFormat(name string) {
	f, err := render.ParseFormat(name)
	if err != nil {
		return
	}
	sh.format = f
}

func (sh *Shell) formatName() string {
	return sh.currentFormat().String()
}

// currentFormat is the format in force: EXPAND ON turns tables expanded.
func (sh *Shell) currentFormat() render.Format {
	if sh.expand && sh.format == render.FormatTable {
		return render.FormatExpanded
	}
	return sh.format
}
