package store

import (
	"context"
	"sync"
)

// copyPipe runs a bulk transaction's COPYs on a goroutine of their own, one
// after another in the order they were handed over, so that the writer
// decodes and prepares the next rows while the server takes in the last
// ones. Without it the two took turns: at a million referrals the client's
// share (decoding, deadlines, the tally, encoding) was time the server sat
// idle, and the other way round.
//
// Only the pipe's goroutine touches the connection while a COPY is
// queued: every other statement of the transaction first waits until the
// pipe is empty (Tx.settle), so statements still run in the order the
// writer issued them. The first COPY that fails is what the load reports;
// the COPYs after it are not run.
type copyPipe struct {
	run  copyFunc
	ctx  context.Context
	jobs chan copyJob
	idle sync.WaitGroup // one count per queued COPY
	exit chan struct{}  // closed when the goroutine has returned

	mu  sync.Mutex
	err error // the first COPY that failed
}

type copyJob struct {
	table string
	cols  []string
	rows  [][]any
}

// copyPipeDepth is how many COPYs may wait while one runs: enough to keep
// the server busy while the writer prepares the next, few enough that a
// load holds only a few batches of rows in memory.
const copyPipeDepth = 2

func newCopyPipe(ctx context.Context, run copyFunc) *copyPipe {
	p := &copyPipe{run: run, ctx: ctx, jobs: make(chan copyJob, copyPipeDepth), exit: make(chan struct{})}
	go p.loop()
	return p
}

func (p *copyPipe) loop() {
	defer close(p.exit)
	for job := range p.jobs {
		if p.failed() == nil {
			if err := p.run(p.ctx, job.table, job.cols, job.rows); err != nil {
				p.mu.Lock()
				p.err = err
				p.mu.Unlock()
			}
		}
		p.idle.Done()
	}
}

func (p *copyPipe) failed() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.err
}

// copy queues rows for table; it is a copyFunc. It returns at once unless
// the queue is full, and fails only when an earlier COPY has.
func (p *copyPipe) copy(_ context.Context, table string, cols []string, rows [][]any) error {
	if err := p.failed(); err != nil {
		return err
	}
	p.idle.Add(1)
	p.jobs <- copyJob{table: table, cols: cols, rows: rows}
	return nil
}

// wait returns once every queued COPY has run, with the first error.
func (p *copyPipe) wait() error {
	p.idle.Wait()
	return p.failed()
}

// close waits for the queue and stops the goroutine; the connection is the
// caller's again. It returns the first error, as wait does.
func (p *copyPipe) close() error {
	err := p.wait()
	close(p.jobs)
	<-p.exit
	return err
}
