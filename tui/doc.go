// Package tui is the reception console: a Bubble Tea program whose root
// model routes between screens, each in its own file with its own key map.
//
// Every store call runs in a tea.Cmd that returns a typed message carrying
// its result or error; Update and View never touch the database, the disk
// or the clock. The console depends on the small Backend interface, never
// on SQL.
package tui
