// Package termguard stops Bubble Tea v1 from asking the terminal for its
// background colour when envei starts.
//
// bubbletea v1's package init calls lipgloss.HasDarkBackground(), which
// sends an OSC 11 query to a terminal and waits up to five seconds for an
// answer. A terminal that never answers (a relayed pty, some SSH setups,
// scripts running envei under a pty) would make every envei command,
// even "envei version", take five seconds and print escape codes. Setting
// the background explicitly first makes that call return at once; the
// console then sets the real choice (COLORFGBG, ENVEI_THEME) itself.
//
// For this to run before bubbletea's init, Go's initialisation order is
// relied on: packages are initialised in import-path order, each once its
// own imports are done (the Go spec, "Package initialization", since Go
// 1.21). This package imports only lipgloss, and its path sorts before
// github.com/charmbracelet/bubbletea, so main imports it for its side
// effect and a test checks that envei sends no query.
package termguard

import "github.com/charmbracelet/lipgloss"

func init() {
	lipgloss.SetHasDarkBackground(true)
}
