package main

import (
	"bufio"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"os"
	"strconv"
	"strings"
)

type point struct{ x, y float64 }

// drawLines reads series, x, y from stdin and draws each series as a line
// on shared axes, with an optional vertical mark at x = mark.
func drawLines(out, title string, mark float64) error {
	var names []string
	series := map[string][]point{}
	sc := bufio.NewScanner(os.Stdin)
	maxX, maxY := 1.0, 1.0
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		if len(f) < 3 {
			continue
		}
		x, err1 := strconv.ParseFloat(f[1], 64)
		y, err2 := strconv.ParseFloat(f[2], 64)
		if err1 != nil || err2 != nil {
			continue
		}
		if _, ok := series[f[0]]; !ok {
			names = append(names, f[0])
		}
		series[f[0]] = append(series[f[0]], point{x, y})
		maxX, maxY = max(maxX, x), max(maxY, y)
	}
	const width, height, left, right, top, bottom = 900, 420, 70, 20, 50, 50
	img := image.NewRGBA(image.Rect(0, 0, width, height))
	draw.Draw(img, img.Bounds(), &image.Uniform{color.White}, image.Point{}, draw.Src)
	text(img, 12, 24, title, color.Black)
	grey := color.RGBA{0xbb, 0xbb, 0xbb, 255}
	px := func(x float64) int { return left + int(x/maxX*float64(width-left-right)) }
	py := func(y float64) int { return height - bottom - int(y/maxY*float64(height-top-bottom)) }
	for i := 0; i <= 4; i++ {
		v := maxY * float64(i) / 4
		y := py(v)
		line(img, left, y, width-right, y, grey)
		text(img, 4, y+4, strconv.FormatFloat(v, 'f', 0, 64), color.Black)
	}
	for i := 0; i <= 10; i++ {
		v := maxX * float64(i) / 10
		text(img, px(v)-8, height-bottom+16, strconv.FormatFloat(v, 'f', 0, 64), color.Black)
	}
	text(img, width/2-40, height-12, "seconds", color.Black)
	if mark >= 0 {
		line(img, px(mark), top, px(mark), height-bottom, color.RGBA{0xc4, 0x4e, 0x52, 255})
		text(img, px(mark)+4, top+12, "node killed", color.RGBA{0xc4, 0x4e, 0x52, 255})
	}
	palette := []color.RGBA{{0x2b, 0x6c, 0xb0, 255}, {0xdd, 0x84, 0x52, 255}, {0x55, 0xa8, 0x68, 255}, {0x81, 0x72, 0xb2, 255}}
	for i, name := range names {
		c := palette[i%len(palette)]
		pts := series[name]
		for j := 1; j < len(pts); j++ {
			line(img, px(pts[j-1].x), py(pts[j-1].y), px(pts[j].x), py(pts[j].y), c)
		}
		text(img, width-right-260, top+16*(i+1), "-- "+name, c)
	}
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	defer f.Close()
	return png.Encode(f, img)
}

// line draws a straight line, two pixels thick.
func line(img *image.RGBA, x0, y0, x1, y1 int, c color.Color) {
	dx, dy := x1-x0, y1-y0
	steps := max(abs(dx), abs(dy), 1)
	for i := 0; i <= steps; i++ {
		x := x0 + dx*i/steps
		y := y0 + dy*i/steps
		img.Set(x, y, c)
		img.Set(x+1, y, c)
		img.Set(x, y+1, c)
	}
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}
