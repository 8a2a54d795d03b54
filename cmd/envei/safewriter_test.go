package main

import (
	"bytes"
	"strings"
	"testing"
)

// Whatever the chunking, safeWriter writes what SafeLines makes of the
// whole: a rune or a \r\n split between writes is not mangled.
func TestSafeWriterWholeAcrossChunks(t *testing.T) {
	in := "navn,årsak\r\nÆrlig Ås,«sitat» \x1b[2K\u202e😀\r\nB,\u009b1A\xff\n"
	want := "navn,årsak\nÆrlig Ås,«sitat» \\x1b[2K\\u202e😀\nB,\\x9b1A\uFFFD\n"
	for size := 1; size <= len(in); size++ {
		var out bytes.Buffer
		sw := &safeWriter{w: &out}
		for i := 0; i < len(in); i += size {
			if _, err := sw.Write([]byte(in[i:min(i+size, len(in))])); err != nil {
				t.Fatal(err)
			}
		}
		if err := sw.Flush(); err != nil {
			t.Fatal(err)
		}
		if out.String() != want {
			t.Fatalf("chunks of %d: %q, want %q", size, out.String(), want)
		}
	}
	if strings.ContainsAny(want, "\x1b\r") {
		t.Fatal("bad test")
	}
}
