package main

// termguard must be initialised before bubbletea; see its package comment.
import _ "envei/tui/termguard"
