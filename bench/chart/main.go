// Command chart draws the benchmark results as a PNG of horizontal bars, one
// panel per metric, so the README can show them next to the table.
//
// Input (stdin) is TSV: metric, tool, value, unit — one line per bar. With
// -lines it draws a time series instead: series, second, value per line,
// one coloured line per series (throughput through a node's death).
package main

import (
	"bufio"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"os"
	"strconv"
	"strings"

	"golang.org/x/image/font"
	"golang.org/x/image/font/basicfont"
	"golang.org/x/image/math/fixed"
)

type bar struct {
	tool  string
	value float64
	unit  string
}

func main() {
	out := flag.String("o", "bench/results.png", "output PNG")
	title := flag.String("title", "gocqlsh benchmarks", "chart title")
	lines := flag.Bool("lines", false, "draw series, x, y lines instead of bars")
	mark := flag.Float64("mark", -1, "with -lines, an x to mark with a vertical line (an event)")
	flag.Parse()
	if *lines {
		if err := drawLines(*out, *title, *mark); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		return
	}

	var metrics []string
	bars := map[string][]bar{}
	sc := bufio.NewScanner(os.Stdin)
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		if len(f) < 3 {
			continue
		}
		v, err := strconv.ParseFloat(f[2], 64)
		if err != nil {
			continue
		}
		if _, ok := bars[f[0]]; !ok {
			metrics = append(metrics, f[0])
		}
		unit := ""
		if len(f) > 3 {
			unit = f[3]
		}
		bars[f[0]] = append(bars[f[0]], bar{f[1], v, unit})
	}
	const width, rowH, labelW, pad = 900, 22, 260, 16
	height := 50
	for _, m := range metrics {
		height += 30 + rowH*len(bars[m]) + pad
	}
	img := image.NewRGBA(image.Rect(0, 0, width, height))
	draw.Draw(img, img.Bounds(), &image.Uniform{color.White}, image.Point{}, draw.Src)
	text(img, 12, 24, *title, color.Black)
	palette := []color.RGBA{{0x2b, 0x6c, 0xb0, 255}, {0xdd, 0x84, 0x52, 255}, {0x55, 0xa8, 0x68, 255}, {0xc4, 0x4e, 0x52, 255}, {0x81, 0x72, 0xb2, 255}}
	y := 50
	for _, m := range metrics {
		text(img, 12, y+14, m, color.Black)
		y += 24
		maxV := 0.0
		for _, b := range bars[m] {
			maxV = max(maxV, b.value)
		}
		for i, b := range bars[m] {
			text(img, 20, y+15, b.tool, color.Black)
			w := 0
			if maxV > 0 {
				w = int(b.value / maxV * float64(width-labelW-160))
			}
			draw.Draw(img, image.Rect(labelW, y+3, labelW+max(w, 1), y+rowH-3), &image.Uniform{palette[i%len(palette)]}, image.Point{}, draw.Src)
			text(img, labelW+w+6, y+15, fmt.Sprintf("%s %s", strconv.FormatFloat(b.value, 'g', 4, 64), b.unit), color.Black)
			y += rowH
		}
		y += pad
	}
	f, err := os.Create(*out)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func text(img draw.Image, x, y int, s string, c color.Color) {
	d := &font.Drawer{Dst: img, Src: image.NewUniform(c), Face: basicfont.Face7x13, Dot: fixed.P(x, y)}
	d.DrawString(s)
}
