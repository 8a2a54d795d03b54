package tui

import "sync"

// ChangeHub tells the consoles of one process that something changed, so
// each reloads what it shows at once instead of on its next poll. The
// server makes one and gives each session a subscription
// (Options.Changes) and Publish (Options.Changed, and after every other
// write it makes). It holds no data, only wake-ups: the consoles read
// what changed from the store, with the access rules of their own user.
type ChangeHub struct {
	mu   sync.Mutex
	subs map[chan struct{}]struct{}
}

// NewChangeHub makes an empty hub.
func NewChangeHub() *ChangeHub { return &ChangeHub{subs: map[chan struct{}]struct{}{}} }

// Subscribe gives a channel that receives after each Publish, and the
// function that ends the subscription (it closes the channel; calling it
// again is harmless). The channel holds one wake-up: a console still
// reloading when more changes come reloads once more, not once per change.
func (h *ChangeHub) Subscribe() (<-chan struct{}, func()) {
	ch := make(chan struct{}, 1)
	h.mu.Lock()
	h.subs[ch] = struct{}{}
	h.mu.Unlock()
	var once sync.Once
	return ch, func() {
		once.Do(func() {
			h.mu.Lock()
			delete(h.subs, ch)
			close(ch) // under the lock: Publish never sends on a closed channel
			h.mu.Unlock()
		})
	}
}

// Publish wakes every subscriber; it never blocks.
func (h *ChangeHub) Publish() {
	h.mu.Lock()
	defer h.mu.Unlock()
	for ch := range h.subs {
		select {
		case ch <- struct{}{}:
		default: // a wake-up is already waiting
		}
	}
}
