package main

import (
	"io"
	"unicode/utf8"

	"envei/intake"
)

// safeWriter neutralises control characters in what goes through it
// (intake.SafeLines: line breaks and tabs stay), for data written to a
// terminal: an export or a note printed on the screen holds stored
// strings, and a row stored before control characters were refused must
// not act on the terminal. A rune or a \r\n split between two writes is
// held back until it is whole.
type safeWriter struct {
	w    io.Writer
	held []byte
}

func (s *safeWriter) Write(p []byte) (int, error) {
	buf := append(s.held, p...)
	cut := len(buf)
	// Hold back an incomplete rune at the end, and a final \r that may be
	// the first half of \r\n.
	for i := max(0, len(buf)-utf8.UTFMax+1); i < len(buf); i++ {
		if utf8.RuneStart(buf[i]) && !utf8.FullRune(buf[i:]) {
			cut = i
			break
		}
	}
	if cut > 0 && cut == len(buf) && buf[cut-1] == '\r' {
		cut--
	}
	s.held = append([]byte(nil), buf[cut:]...)
	if _, err := io.WriteString(s.w, intake.SafeLines(string(buf[:cut]))); err != nil {
		return 0, err
	}
	return len(p), nil
}

// Flush writes what was held back.
func (s *safeWriter) Flush() error {
	if len(s.held) == 0 {
		return nil
	}
	_, err := io.WriteString(s.w, intake.SafeLines(string(s.held)))
	s.held = nil
	return err
}
