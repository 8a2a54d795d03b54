// Package fuzzcheck holds the checks that the fuzz tests of several
// packages share. It is imported by tests only.
package fuzzcheck

import (
	"os"
	"path/filepath"
	"strings"
)

// MinDigitRun is the shortest run of digits taken to be personal data: a
// birth date written DDMMYY, half a national id, a phone number.
const MinDigitRun = 6

// textWindow is the length of a digit-free stretch of input that must not
// turn up in an error unless the program's own text has it too. Shorter
// stretches collide with ordinary words of the messages.
const textWindow = 8

// Leak returns a piece of input that text repeats, or "" when there is none:
// any MinDigitRun digits in a row from the input, or any textWindow bytes
// from the input without digits or line ends that text holds and vocab (the
// program's own source, see Vocabulary) does not. An error message built
// only from the program's own words and numbers passes; one that quotes a
// field of the input does not.
func Leak(text string, input []byte, vocab string) string {
	if len(text) < MinDigitRun || len(input) < MinDigitRun {
		return ""
	}
	// Index the windows of the text, which is short, and scan the input
	// once: the cost is linear in the input, which may be a large file.
	digitWins := make(map[string]bool)
	textWins := make(map[string]bool)
	for k := 0; k+MinDigitRun <= len(text); k++ {
		if w := text[k : k+MinDigitRun]; allDigits(w) {
			digitWins[w] = true
		}
	}
	for k := 0; k+textWindow <= len(text); k++ {
		textWins[text[k:k+textWindow]] = true
	}
	in := string(input)
	run := 0 // digits in a row ending at k
	for k := 0; k < len(in); k++ {
		if !isDigit(in[k]) {
			run = 0
			continue
		}
		run++
		if run >= MinDigitRun {
			if w := in[k+1-MinDigitRun : k+1]; digitWins[w] {
				return w
			}
		}
	}
	for k := 0; k+textWindow <= len(in); k++ {
		w := in[k : k+textWindow]
		if !textWins[w] || strings.ContainsAny(w, "0123456789\r\n") || strings.TrimSpace(w) == "" {
			continue
		}
		if !strings.Contains(vocab, w) {
			return w
		}
	}
	return ""
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// Vocabulary returns the text of the non-test Go files in dirs, with \" and
// \n unescaped as well, so that a message written in the source is found in
// it. It panics when nothing is read: a check against an empty vocabulary
// would report every message.
func Vocabulary(dirs ...string) string {
	var b strings.Builder
	for _, dir := range dirs {
		files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			src, err := os.ReadFile(f)
			if err != nil {
				panic(err)
			}
			b.Write(src)
			b.WriteByte('\n')
		}
	}
	if b.Len() == 0 {
		panic("fuzzcheck: no source found in " + strings.Join(dirs, ", "))
	}
	s := b.String()
	return s + "\n" + strings.NewReplacer(`\"`, `"`, `\n`, "\n", `\t`, "\t").Replace(s)
}
