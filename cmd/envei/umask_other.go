//go:build !unix

package main

// privateUmask: there is no umask here; files are created with explicit
// modes.
func privateUmask() {}
