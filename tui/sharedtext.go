package tui

import "sync"

// sharedText is a form field's value that a huh DescriptionFunc reads. huh
// runs such a func in a command, on another goroutine, while Update goes on
// writing the field; the func reads a copy kept under a lock, and the
// form's own variable stays the main goroutine's alone.
type sharedText struct {
	value *string // the form's variable, read and written in Update
	mu    sync.Mutex
	copy  string
}

func newSharedText(value *string) *sharedText {
	return &sharedText{value: value, copy: *value}
}

// Get and Set make sharedText a huh.Accessor[string].
func (s *sharedText) Get() string { return *s.value }

func (s *sharedText) Set(v string) {
	*s.value = v
	s.mu.Lock()
	s.copy = v
	s.mu.Unlock()
}

// load is the value for a func running off the main goroutine.
func (s *sharedText) load() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.copy
}
