package tui

import (
	"reflect"

	"github.com/charmbracelet/lipgloss"
)

var styleType = reflect.TypeOf(lipgloss.Style{})

// rebind binds every lipgloss.Style reachable through exported struct
// fields of *ptr (huh's theme, bubbles' help, text input and viewport
// styles) to r. Those libraries build their default styles with
// lipgloss.NewStyle(), that is with the process-wide renderer; a console
// served to several clients must draw them with its own (lipgloss v1.1
// Style.Renderer, as huh's examples/ssh-form does for its theme).
// Pointers are not followed, so a cycle cannot loop.
func rebind(r *lipgloss.Renderer, ptr any) {
	rebindValue(r, reflect.ValueOf(ptr).Elem())
}

func rebindValue(r *lipgloss.Renderer, v reflect.Value) {
	if v.Kind() != reflect.Struct {
		return
	}
	if v.Type() == styleType {
		if v.CanSet() {
			v.Set(reflect.ValueOf(v.Interface().(lipgloss.Style).Renderer(r)))
		}
		return
	}
	for i := range v.NumField() {
		if f := v.Field(i); f.CanSet() {
			rebindValue(r, f)
		}
	}
}
