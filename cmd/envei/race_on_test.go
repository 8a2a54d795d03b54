//go:build race

package main

// raceEnabled says this test binary runs under the race detector, so the
// envei binaries it builds for process tests get it too.
const raceEnabled = true
