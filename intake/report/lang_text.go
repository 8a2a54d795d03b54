package report

// Text is a label of a report table (a Table's corner, column and row
// labels, a wait row's label, a test's note) in l: the tables carry their
// fixed labels in English, the key of the catalogue, and the console's
// statistics screen, which draws the tables itself, names them with the
// same words as the command line. A service label, already in the
// report's language, comes back as it is.
func (l Lang) Text(en string) string { return l.t(en) }
