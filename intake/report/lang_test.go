package report

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"testing"
)

// Every English text the reports translate has its bokmål: found by
// reading the package's source for l.t("…") and l.f("…") calls, and the
// labels the tables are built with.
func TestBokmalCatalogueIsComplete(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	missing := map[string]bool{}
	for _, name := range files {
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) == 0 {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok || (sel.Sel.Name != "t" && sel.Sel.Name != "f") {
				return true
			}
			if s, ok := constString(call.Args[0]); ok {
				if _, ok := nbText[s]; !ok {
					missing[s] = true
				}
			}
			return true
		})
	}
	for _, s := range tableLabels() {
		if _, ok := nbText[s]; !ok {
			missing[s] = true
		}
	}
	for s := range missing {
		t.Errorf("no bokmål for %q", s)
	}
}

// constString evaluates a string literal or a + of them.
func constString(e ast.Expr) (string, bool) {
	switch e := e.(type) {
	case *ast.BasicLit:
		if e.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(e.Value)
		return s, err == nil
	case *ast.BinaryExpr:
		a, ok1 := constString(e.X)
		b, ok2 := constString(e.Y)
		return a + b, ok1 && ok2 && e.Op == token.ADD
	case *ast.ParenExpr:
		return constString(e.X)
	}
	return "", false
}

// tableLabels are the labels the builders put in tables and stages,
// translated when written.
func tableLabels() []string {
	var out []string
	for _, g := range Groups {
		out = append(out, g.Label())
	}
	out = append(out, GroupTotal.Label())
	for _, s := range Stages {
		out = append(out, s.Label())
	}
	for _, k := range kindLegend {
		out = append(out, k.label)
	}
	for _, r := range consultRows {
		out = append(out, r.label)
	}
	out = append(out, "outcome", "ended in", "patients", "open (not yet decided)", "withdrawn", "open",
		"more than one service", "seen by DPS clinicians", "seen by municipal clinicians", "GP referrals", "due",
		"met", "held late", "not held", "not yet due", "withdrawn before the deadline", "consultations",
		"DPS", "municipal service", "specialised clinic", "reception", "closed",
		"by month", "by ISO week", "whole period",
		"supervisor", "admin", "clinician",
		"1 Routing", "2 Wrong queue", "3 By organisation", "4 Timeliness", "5 Consultations",
		"not computed: it needs patients in at least two rows and two columns",
		"withheld: the table has hidden counts, and the statistic could give them away")
	return out
}
