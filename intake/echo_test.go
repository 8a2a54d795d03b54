package intake

import "testing"

func TestEchoRefRepeatsOnlyRefShapes(t *testing.T) {
	for ref, want := range map[string]string{
		"2026-00001":   "2026-00001",
		"R1":           "R1",
		"DPS-2024/17":  "DPS-2024/17",
		"08897000904":  NotShown, // a national id
		"088970-00904": NotShown,
		"0889700":      NotShown, // a run of 7 digits
		"Kari":         NotShown, // a name
		"olanordmann":  NotShown,
		"Kari Nordman": NotShown,
		"":             NotShown,
		"R1\x1b[2K":    NotShown,
	} {
		if got := EchoRef(ref); got != want {
			t.Errorf("EchoRef(%q) = %q, want %q", ref, got, want)
		}
	}
}
