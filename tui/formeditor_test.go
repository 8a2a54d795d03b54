package tui

import "testing"

// huh's text areas open $EDITOR on ctrl+e by default, through a temporary
// file outside envei's control (and, in a served console, on the server's
// disk): patient text must never leave the form that way. Before, the
// console kept huh's default binding.
func TestTextAreasOpenNoExternalEditor(t *testing.T) {
	for _, cat := range []*Catalog{english(), norwegian()} {
		if km := formKeyMap(cat); km.Text.Editor.Enabled() {
			t.Errorf("ctrl+e opens an external editor (%v)", km.Text.Editor.Keys())
		}
	}
}
