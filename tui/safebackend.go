package tui

import (
	"context"
	"reflect"

	"envei/intake"
)

// safeBackend hands the console every stored string neutralised
// (intake.SafeText): a row stored before control characters were refused,
// or written by another program, must not move the cursor, erase a line or
// set the title of the terminal it is drawn on. It wraps the reads that
// return stored text; the writes pass through unchanged (embedded).
//
// Multi-line text (the assessment, the note's input) keeps its line breaks
// and tabs (intake.SafeLines); everything else is one line. A neutralised
// value that is edited and saved goes back as the visible escape, which the
// store accepts, instead of being refused.
type safeBackend struct{ Backend }

func (b safeBackend) Worklist(ctx context.Context, q intake.WorklistQuery) ([]intake.WorklistRow, error) {
	return neutralised(b.Backend.Worklist(ctx, q))
}

// ReferralDetail keeps the line breaks of the consultations' multi-line
// text (the question, the advice, the outcome); the rest is one line.
func (b safeBackend) ReferralDetail(ctx context.Context, acc intake.Access, ref string) (intake.ReferralRecord, error) {
	rec, err := b.Backend.ReferralDetail(ctx, acc, ref)
	consultations := rec.Consultations
	rec.Consultations = nil
	rec, _ = neutralised(rec, nil)
	rec.Consultations, _ = neutralisedLines(consultations, nil)
	return rec, err
}

func (b safeBackend) PriorReferrals(ctx context.Context, who intake.Clinician, nationalID string) ([]intake.PriorReferral, error) {
	return neutralised(b.Backend.PriorReferrals(ctx, who, nationalID))
}

func (b safeBackend) OpenReferralsFor(ctx context.Context, who intake.Clinician, nationalID string) ([]string, error) {
	return neutralised(b.Backend.OpenReferralsFor(ctx, who, nationalID))
}

func (b safeBackend) Treatment(ctx context.Context, acc intake.Access, ref string) (intake.TreatmentEpisode, error) {
	return neutralised(b.Backend.Treatment(ctx, acc, ref))
}

func (b safeBackend) NoteInput(ctx context.Context, acc intake.Access, ref string, kind string) (intake.NoteInput, error) {
	return neutralisedLines(b.Backend.NoteInput(ctx, acc, ref, kind))
}

func (b safeBackend) Assessments(ctx context.Context, acc intake.Access, ref string) ([]intake.AssessmentVersion, error) {
	return neutralisedLines(b.Backend.Assessments(ctx, acc, ref))
}

func (b safeBackend) Roster(ctx context.Context) ([]intake.Clinician, error) {
	return neutralised(b.Backend.Roster(ctx))
}

func (b safeBackend) Services(ctx context.Context) ([]intake.Service, error) {
	return neutralised(b.Backend.Services(ctx))
}

func (b safeBackend) ServiceAddresses(ctx context.Context) ([]intake.ServiceAddress, error) {
	return neutralised(b.Backend.ServiceAddresses(ctx))
}

func neutralised[T any](v T, err error) (T, error) {
	rewriteStrings(reflect.ValueOf(&v).Elem(), intake.SafeText)
	return v, err
}

func neutralisedLines[T any](v T, err error) (T, error) {
	rewriteStrings(reflect.ValueOf(&v).Elem(), intake.SafeLines)
	return v, err
}

// rewriteStrings applies fn to every string reachable in v that can be set:
// fields (exported ones; the unexported fields of a Date or a time are no
// text), elements of slices and arrays, map values, and what pointers
// point at. Map keys are codes and are left alone.
func rewriteStrings(v reflect.Value, fn func(string) string) {
	switch v.Kind() {
	case reflect.String:
		if v.CanSet() {
			if s := v.String(); fn(s) != s {
				v.SetString(fn(s))
			}
		}
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			rewriteStrings(v.Elem(), fn)
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				rewriteStrings(v.Field(i), fn)
			}
		}
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			rewriteStrings(v.Index(i), fn)
		}
	case reflect.Map:
		iter := v.MapRange()
		for iter.Next() {
			val := reflect.New(iter.Value().Type()).Elem()
			val.Set(iter.Value())
			rewriteStrings(val, fn)
			v.SetMapIndex(iter.Key(), val)
		}
	}
}
