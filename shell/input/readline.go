package input

import (
	"io"
	"strings"
	"unicode"

	prompt "github.com/c-bata/go-prompt"
)

// killRing is readline's kill buffer, kept to its last kill: Ctrl-K, Ctrl-U,
// Ctrl-W, Alt-D and Alt-Backspace put what they delete in it, Ctrl-Y puts
// it back at the cursor. go-prompt's own emacs keys delete without keeping
// anything, so the editor binds its own set (see readlineKeys).
type killRing struct {
	text string
}

// readlineKeys are the line editor's keys beyond go-prompt's common ones
// (arrows, Home, End, Delete, Backspace): readline's emacs keys as cqlsh
// users have them, drawing on out for Ctrl-L.
func readlineKeys(out io.Writer) ([]prompt.KeyBind, []prompt.ASCIICodeBind) {
	k := &killRing{}
	keys := []prompt.KeyBind{
		{Key: prompt.ControlA, Fn: prompt.GoLineBeginning},
		{Key: prompt.ControlE, Fn: prompt.GoLineEnd},
		{Key: prompt.ControlB, Fn: prompt.GoLeftChar},
		{Key: prompt.ControlF, Fn: prompt.GoRightChar},
		{Key: prompt.ControlH, Fn: prompt.DeleteBeforeChar},
		{Key: prompt.ControlD, Fn: func(b *prompt.Buffer) {
			if b.Text() != "" { // on an empty line it ends the input (go-prompt)
				b.Delete(1)
			}
		}},
		{Key: prompt.ControlK, Fn: func(b *prompt.Buffer) { k.text = b.Delete(runeCount(b.Document().TextAfterCursor())) }},
		{Key: prompt.ControlU, Fn: func(b *prompt.Buffer) {
			k.text = b.DeleteBeforeCursor(runeCount(b.Document().TextBeforeCursor()))
		}},
		{Key: prompt.ControlW, Fn: func(b *prompt.Buffer) {
			k.text = b.DeleteBeforeCursor(spaceWordBefore(b.Document().TextBeforeCursor()))
		}},
		{Key: prompt.ControlY, Fn: func(b *prompt.Buffer) { b.InsertText(k.text, false, true) }},
		{Key: prompt.ControlL, Fn: func(*prompt.Buffer) { io.WriteString(out, "\x1b[H\x1b[2J") }},
		{Key: prompt.ControlLeft, Fn: wordLeft},
		{Key: prompt.ControlRight, Fn: wordRight},
	}
	killWordBefore := func(b *prompt.Buffer) { k.text = b.DeleteBeforeCursor(wordBefore(b.Document().TextBeforeCursor())) }
	codes := []prompt.ASCIICodeBind{
		{ASCIICode: []byte(metaB), Fn: wordLeft},
		{ASCIICode: []byte(metaF), Fn: wordRight},
		{ASCIICode: []byte(metaD), Fn: func(b *prompt.Buffer) { k.text = b.Delete(wordAfter(b.Document().TextAfterCursor())) }},
		{ASCIICode: []byte(metaBackspace), Fn: killWordBefore},
		{ASCIICode: []byte(metaCtrlH), Fn: killWordBefore},
	}
	return keys, codes
}

func runeCount(s string) int { return len([]rune(s)) }

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' }

// wordBefore is how many runes before the end of s readline's backward-word
// crosses: any non-word runes, then the word.
func wordBefore(s string) int {
	r := []rune(s)
	i := len(r)
	for i > 0 && !isWordRune(r[i-1]) {
		i--
	}
	for i > 0 && isWordRune(r[i-1]) {
		i--
	}
	return len(r) - i
}

// wordAfter is how many runes from the start of s forward-word crosses: any
// non-word runes, then the word.
func wordAfter(s string) int {
	r := []rune(s)
	i := 0
	for i < len(r) && !isWordRune(r[i]) {
		i++
	}
	for i < len(r) && isWordRune(r[i]) {
		i++
	}
	return i
}

// spaceWordBefore is Ctrl-W's reach (unix-word-rubout): spaces, then
// everything back to the previous space.
func spaceWordBefore(s string) int {
	t := strings.TrimRightFunc(s, unicode.IsSpace)
	i := strings.LastIndexFunc(t, unicode.IsSpace)
	return runeCount(s) - runeCount(t[:i+1])
}

func wordLeft(b *prompt.Buffer) { b.CursorLeft(wordBefore(b.Document().TextBeforeCursor())) }

func wordRight(b *prompt.Buffer) { b.CursorRight(wordAfter(b.Document().TextAfterCursor())) }
