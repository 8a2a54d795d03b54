package report

import (
	"fmt"
	"strings"
)

// Lang is the language a report is written in. The codes of csv and json
// stay the same in every language, for machines; the labels and the prose
// follow it.
type Lang string

const (
	LangEN Lang = "en"
	LangNB Lang = "nb" // Norwegian bokmål
)

// ParseLang returns the report language for "en" or "nb"; anything else
// is English, as the console does.
func ParseLang(s string) Lang {
	if strings.EqualFold(s, string(LangNB)) {
		return LangNB
	}
	return LangEN
}

// t translates an English text of the reports: the English is the key of
// the catalogue (lang_nb.go). A text not in it — a service label, which
// is chosen from the catalogue in the report's language already — is
// returned as it is.
func (l Lang) t(en string) string {
	if l == LangNB {
		if s, ok := nbText[en]; ok {
			return s
		}
	}
	return en
}

// f is t for a format, then fmt.Sprintf.
func (l Lang) f(format string, args ...any) string {
	return fmt.Sprintf(l.t(format), args...)
}

// serviceLabel is a service's label in l.
func (l Lang) serviceLabel(en, nb string) string {
	if l == LangNB && nb != "" {
		return nb
	}
	return en
}

// periodName is a funnel period's name in l: months and ISO weeks are the
// same in both languages, the whole period is not.
func (l Lang) periodName(p string) string {
	if l == LangNB && p == "all" {
		return l.t("whole period")
	}
	return p
}
