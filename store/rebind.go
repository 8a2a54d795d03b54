package store

import (
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
)

// rebindDollar rewrites SQLite's placeholders into PostgreSQL's: a bare ?
// becomes $N with N one more than the largest number given so far, and
// ?N becomes $N, which is how SQLite numbers them, so each statement
// binds the same arguments on both engines. Question marks inside string
// literals, quoted identifiers and comments are left alone.
func rebindDollar(q string) string {
	if !strings.Contains(q, "?") {
		return q
	}
	var b strings.Builder
	b.Grow(len(q) + 16)
	highest := 0
	for i := 0; i < len(q); {
		c := q[i]
		switch {
		case c == '\'' || c == '"':
			end := closingQuote(q, i)
			b.WriteString(q[i:end])
			i = end
		case c == '-' && i+1 < len(q) && q[i+1] == '-':
			end := strings.IndexByte(q[i:], '\n')
			if end < 0 {
				end = len(q) - i
			}
			b.WriteString(q[i : i+end])
			i += end
		case c == '/' && i+1 < len(q) && q[i+1] == '*':
			end := strings.Index(q[i+2:], "*/")
			if end < 0 {
				end = len(q)
			} else {
				end += i + 4
			}
			b.WriteString(q[i:end])
			i = end
		case c == '?':
			j := i + 1
			for j < len(q) && q[j] >= '0' && q[j] <= '9' {
				j++
			}
			n := highest + 1
			if j > i+1 {
				n, _ = strconv.Atoi(q[i+1 : j])
			}
			highest = max(highest, n)
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			i = j
		default:
			b.WriteByte(c)
			i++
		}
	}
	return b.String()
}

// closingQuote returns the index just after the literal or identifier
// that opens at q[start], a doubled quote standing for itself.
func closingQuote(q string, start int) int {
	quote := q[start]
	for i := start + 1; i < len(q); i++ {
		if q[i] == quote {
			if i+1 < len(q) && q[i+1] == quote {
				i++
				continue
			}
			return i + 1
		}
	}
	return len(q)
}

// rebinder remembers each statement's rewritten text: the store sends the
// same few hundred statements over and over. One per open Store, so two
// stores never share (or race on) a cache.
type rebinder struct {
	cache sync.Map // string → string
	size  atomic.Int64
}

// rebindCacheMax bounds the cache: the store's statements are a few
// hundred, but a statement built with a varying number of placeholders
// (a batch's last, shorter INSERT) is a text of its own.
const rebindCacheMax = 4096

func (r *rebinder) rebind(q string) string {
	if v, ok := r.cache.Load(q); ok {
		return v.(string)
	}
	out := rebindDollar(q)
	if r.size.Load() < rebindCacheMax {
		if _, loaded := r.cache.LoadOrStore(q, out); !loaded {
			r.size.Add(1)
		}
	}
	return out
}
