package tui

// Benchmarks of the console at national scale (issue 7): what one keypress
// costs on the worklist. Each keypress is measured twice over: the frame,
// Model.Update plus View, for the key and for every reply it brings (what
// the user waits for between keystrokes, with the store call excluded),
// and the store call the key starts (the command, run as Bubble Tea runs
// it, in its own goroutine). They report p50 and p99 of each as metrics;
// ns/op is the whole keypress, reply included.
//
// The database: ENVEI_BENCH_DB (made with envei demo --patients 1000000;
// opening referrals appends access-log rows to it, nothing else changes),
// or ENVEI_BENCH_PATIENTS generated referrals (default 2000, so CI runs
// them in seconds with -benchtime=1x). None fails on a time.

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"envei/store"
)

// pump drives a console model the way Bubble Tea does, but in step with
// the benchmark: commands run in goroutines, their messages come back
// through a channel and are handed to Update one at a time.
type pump struct {
	b       *testing.B
	m       *Model
	msgs    chan arrived
	frames  []time.Duration // Update+View of each message handled
	queries []time.Duration // commands that read the store for a screen
}

type arrived struct {
	msg  tea.Msg
	took time.Duration
}

// send hands msg to the model, timing Update and View, and starts the
// command it returns.
func (p *pump) send(msg tea.Msg) {
	start := time.Now()
	_, cmd := p.m.Update(msg)
	_ = p.m.View()
	p.frames = append(p.frames, time.Since(start))
	p.run(cmd)
}

func (p *pump) run(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	go func() {
		start := time.Now()
		msg := cmd()
		took := time.Since(start)
		if batch, ok := msg.(tea.BatchMsg); ok {
			for _, c := range batch {
				p.run(c)
			}
			return
		}
		if msg != nil {
			p.msgs <- arrived{msg, took}
		}
	}()
}

// until hands arriving messages to the model until one satisfies done.
// Cursor blinks are dropped (their timers would keep the loop busy), and
// the refresh tick never comes (RefreshEvery is an hour).
func (p *pump) until(done func(tea.Msg) bool) {
	p.b.Helper()
	timeout := time.After(time.Minute)
	for {
		select {
		case a := <-p.msgs:
			if strings.HasPrefix(fmt.Sprintf("%T", a.msg), "cursor.") {
				continue
			}
			switch a.msg.(type) {
			case worklistMsg, referralMsg:
				p.queries = append(p.queries, a.took)
			}
			p.send(a.msg)
			if done(a.msg) {
				return
			}
		case <-timeout:
			p.b.Fatal("no reply within a minute")
		}
	}
}

// press sends one key and waits for the message done looks for (nil: the
// key needs no reply).
func (p *pump) press(name string, done func(tea.Msg) bool) {
	p.send(keyMsg(name))
	if done != nil {
		p.until(done)
	}
}

func isPage(msg tea.Msg) bool     { _, ok := msg.(worklistMsg); return ok }
func isReferral(msg tea.Msg) bool { _, ok := msg.(referralMsg); return ok }

// report adds p50 and p99 of the frames and of the store calls as
// metrics, and drops what the warm-up collected.
func (p *pump) report() {
	p.b.StopTimer()
	metric := func(ds []time.Duration, q float64, unit string) {
		if len(ds) == 0 {
			return
		}
		s := slices.Clone(ds)
		slices.Sort(s)
		p.b.ReportMetric(float64(s[min(len(s)-1, int(q*float64(len(s))))].Microseconds()), unit)
	}
	metric(p.frames, 0.50, "frame-p50-µs")
	metric(p.frames, 0.99, "frame-p99-µs")
	metric(p.queries, 0.50, "query-p50-µs")
	metric(p.queries, 0.95, "query-p95-µs")
	metric(p.queries, 0.99, "query-p99-µs")
}

func (p *pump) reset() { p.frames, p.queries = nil, nil }

// benchConsole starts a console as root at 80×24 on the benchmark database
// and waits for the worklist's first page.
func benchConsole(b *testing.B) *pump {
	b.Helper()
	var s *store.Store
	if path := os.Getenv("ENVEI_BENCH_DB"); path != "" {
		var err error
		s, err = store.Open(context.Background(), path, store.Options{Now: testNow})
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { s.Close() })
	} else {
		n := 2000
		if v, err := strconv.Atoi(os.Getenv("ENVEI_BENCH_PATIENTS")); err == nil && v > 0 {
			n = v
		}
		s = testStore(b, n)
	}
	opts := testOptions(b, s, "root", LangEN)
	opts.RefreshEvery = time.Hour
	p := &pump{b: b, m: New(opts), msgs: make(chan arrived, 64)}
	p.run(p.m.Init())
	p.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	p.until(isPage)
	return p
}

// Moving the cursor down the worklist; every page's last row moves on to
// the next page, which is a store call.
func BenchmarkConsoleMove(b *testing.B) {
	p := benchConsole(b)
	p.reset()
	page := p.m.top().(worklist).pageSize()
	i := 0
	for b.Loop() {
		if i++; i%page == 0 {
			p.press("down", isPage)
		} else {
			p.press("down", nil)
		}
	}
	p.report()
}

// Paging down from the top, and up from the bottom of the worklist (the
// deepest pages of a keyset walk).
func BenchmarkConsolePageDown(b *testing.B) {
	p := benchConsole(b)
	p.reset()
	for b.Loop() {
		p.press("pgdown", isPage)
	}
	p.report()
}

func BenchmarkConsolePageUpFromBottom(b *testing.B) {
	p := benchConsole(b)
	p.press("G", isPage)
	p.reset()
	for b.Loop() {
		p.press("pgup", isPage)
	}
	p.report()
}

// Search as you type: a name fragment typed and erased a key at a time,
// each key one query over the worklist.
func BenchmarkConsoleSearch(b *testing.B) {
	p := benchConsole(b)
	p.press("/", nil)
	p.reset()
	keys := []string{"b", "e", "r", "backspace", "backspace", "backspace"}
	i := 0
	for b.Loop() {
		p.press(keys[i%len(keys)], isPage)
		i++
	}
	p.report()
}

// Opening the referral under the cursor and going back: root gave a
// reason for each, as break-the-glass asks, so every open reads the record
// and logs the access in one write transaction.
func BenchmarkConsoleOpen(b *testing.B) {
	p := benchConsole(b)
	p.reset()
	page := p.m.top().(worklist).pageSize()
	i := 0
	for b.Loop() {
		w := p.m.top().(worklist)
		row, _ := w.selected()
		p.m.c.reasons[row.Ref] = "benchmark of opening a referral"
		p.press("enter", isReferral)
		p.press("esc", func(msg tea.Msg) bool { return msg == popMsg{} })
		if i++; i%page == 0 {
			p.press("down", isPage)
		} else {
			p.press("down", nil)
		}
	}
	p.report()
}
