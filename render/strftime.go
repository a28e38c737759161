package render

import (
	"strconv"
	"time"
)

// Names in the C locale, as Python's strftime prints them.
const (
	shortDays   = "SunMonTueWedThuFriSat"
	shortMonths = "JanFebMarAprMayJunJulAugSepOctNovDec"
)

func shortDay(d time.Weekday) string { return shortDays[3*d : 3*d+3] }
func shortMonth(m time.Month) string { return shortMonths[3*(m-1) : 3*m] }

// appendPad appends n in decimal, zero-padded to width digits.
func appendPad(dst []byte, n, width int) []byte {
	if n < 0 {
		dst = append(dst, '-')
		n = -n
	}
	var buf [20]byte
	s := strconv.AppendInt(buf[:0], int64(n), 10)
	for i := len(s); i < width; i++ {
		dst = append(dst, '0')
	}
	return append(dst, s...)
}

// appendStrftime formats t with a strftime format as Python on glibc does
// (%Y is not zero-padded, so year 1 prints as 1). %f is microseconds, or
// milliseconds when millis is set (COPY TO's rounding). Unknown directives
// are copied as they are.
func appendStrftime(dst []byte, format string, t time.Time, micros int, millis bool) []byte {
	for i := 0; i < len(format); i++ {
		c := format[i]
		if c != '%' || i+1 == len(format) {
			dst = append(dst, c)
			continue
		}
		i++
		switch format[i] {
		case 'Y':
			dst = strconv.AppendInt(dst, int64(t.Year()), 10)
		case 'y':
			dst = appendPad(dst, t.Year()%100, 2)
		case 'C':
			dst = appendPad(dst, t.Year()/100, 2)
		case 'm':
			dst = appendPad(dst, int(t.Month()), 2)
		case 'd':
			dst = appendPad(dst, t.Day(), 2)
		case 'e':
			if t.Day() < 10 {
				dst = append(dst, ' ')
			}
			dst = strconv.AppendInt(dst, int64(t.Day()), 10)
		case 'j':
			dst = appendPad(dst, t.YearDay(), 3)
		case 'H':
			dst = appendPad(dst, t.Hour(), 2)
		case 'I':
			h := t.Hour() % 12
			if h == 0 {
				h = 12
			}
			dst = appendPad(dst, h, 2)
		case 'p':
			if t.Hour() < 12 {
				dst = append(dst, "AM"...)
			} else {
				dst = append(dst, "PM"...)
			}
		case 'M':
			dst = appendPad(dst, t.Minute(), 2)
		case 'S':
			dst = appendPad(dst, t.Second(), 2)
		case 'f':
			if millis {
				dst = appendPad(dst, micros/1000, 3)
			} else {
				dst = appendPad(dst, micros, 6)
			}
		case 'z':
			_, off := t.Zone()
			sign := byte('+')
			if off < 0 {
				sign, off = '-', -off
			}
			dst = append(dst, sign)
			dst = appendPad(dst, off/3600, 2)
			dst = appendPad(dst, off/60%60, 2)
			if off%60 != 0 {
				dst = appendPad(dst, off%60, 2)
			}
		case 'Z':
			name, _ := t.Zone()
			dst = append(dst, name...)
		case 'a':
			dst = append(dst, shortDay(t.Weekday())...)
		case 'A':
			dst = append(dst, t.Weekday().String()...)
		case 'b', 'h':
			dst = append(dst, shortMonth(t.Month())...)
		case 'B':
			dst = append(dst, t.Month().String()...)
		case 'w':
			dst = strconv.AppendInt(dst, int64(t.Weekday()), 10)
		case 's':
			dst = strconv.AppendInt(dst, t.Unix(), 10)
		case 'F':
			dst = appendStrftime(dst, "%Y-%m-%d", t, micros, millis)
		case 'T':
			dst = appendStrftime(dst, "%H:%M:%S", t, micros, millis)
		case '%':
			dst = append(dst, '%')
		default:
			dst = append(dst, '%', format[i])
		}
	}
	return dst
}
