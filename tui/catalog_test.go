package tui

import (
	"reflect"
	"strings"
	"testing"

	"envei/intake"
)

// Both catalogues have every word: no string field empty, every
// enumeration complete, and the format verbs of each pair the same.
func TestCatalogsAreComplete(t *testing.T) {
	en, nb := reflect.ValueOf(*english()), reflect.ValueOf(*norwegian())
	typ := en.Type()
	for i := 0; i < typ.NumField(); i++ {
		name := typ.Field(i).Name
		switch typ.Field(i).Type.Kind() {
		case reflect.String:
			e, n := en.Field(i).String(), nb.Field(i).String()
			if e == "" || n == "" {
				t.Errorf("%s: en %q, nb %q", name, e, n)
			}
			if verbs(e) != verbs(n) {
				t.Errorf("%s: format verbs differ: en %q, nb %q", name, verbs(e), verbs(n))
			}
		case reflect.Array:
			for j := 0; j < en.Field(i).Len(); j++ {
				if en.Field(i).Index(j).String() == "" || nb.Field(i).Index(j).String() == "" {
					t.Errorf("%s[%d] is empty", name, j)
				}
			}
		case reflect.Map:
			if en.Field(i).Len() != nb.Field(i).Len() {
				t.Errorf("%s: en has %d entries, nb %d", name, en.Field(i).Len(), nb.Field(i).Len())
			}
			for _, k := range en.Field(i).MapKeys() {
				if nb.Field(i).MapIndex(k).String() == "" {
					t.Errorf("%s[%v] missing in nb", name, k)
				}
			}
		}
	}
	for _, cat := range []*Catalog{english(), norwegian()} {
		for _, st := range intake.States {
			if cat.States[st] == "" {
				t.Errorf("state %s has no name", st)
			}
			if step := st.Next(); step != intake.StepNone && cat.Steps[step] == "" {
				t.Errorf("step %s has no name", step)
			}
		}
		for _, r := range intake.Roles {
			if cat.Roles[r] == "" {
				t.Errorf("role %s has no name", r)
			}
		}
		for _, c := range intake.Categories {
			if cat.Categories[c] == "" {
				t.Errorf("category %s has no name", c)
			}
		}
		for _, col := range intake.ImportColumns {
			if cat.Fields[col] == "" {
				t.Errorf("column %s has no name", col)
			}
		}
	}
}

// verbs lists the fmt verbs of s in order, e.g. "%s%d".
func verbs(s string) string {
	var b strings.Builder
	for i := 0; i < len(s)-1; i++ {
		if s[i] == '%' {
			b.WriteString(s[i : i+2])
			i++
		}
	}
	return b.String()
}

func TestLangFromEnv(t *testing.T) {
	cases := []struct {
		env  map[string]string
		want Lang
	}{
		{map[string]string{}, LangEN},
		{map[string]string{"LANG": "nb_NO.UTF-8"}, LangNB},
		{map[string]string{"LANG": "nn_NO.UTF-8"}, LangNB},
		{map[string]string{"LANG": "no_NO"}, LangNB},
		{map[string]string{"LANG": "en_GB.UTF-8"}, LangEN},
		{map[string]string{"LANG": "nb_NO.UTF-8", "LC_ALL": "C"}, LangEN},
		{map[string]string{"LANG": "C", "LC_ALL": "nb_NO.UTF-8"}, LangNB},
		{map[string]string{"LANG": "sv_SE.UTF-8"}, LangEN},
	}
	for _, c := range cases {
		if got := LangFromEnv(func(k string) string { return c.env[k] }); got != c.want {
			t.Errorf("%v: got %s, want %s", c.env, got, c.want)
		}
	}
}
