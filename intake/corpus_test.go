package intake

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// publishedExamples are Skatteetaten's example numbers (DOMAIN.md), which
// belong to no one.
var publishedExamples = map[string]bool{"02013299997": true, "30108299920": true, "30108299939": true}

// TestCorpusHoldsNoRealNationalID reads every entry of the fuzz corpus of
// every package (testdata/fuzz at the top of the repository) and fails on
// any number that could be a real person's: one that ParseNationalID
// accepts outside a test database with a birth date before 2033 (numbers for
// later dates are not issued yet), unless it is a published example.
// Inputs the fuzzer finds are mutations of the seeds and may turn into a
// valid number by chance; they must be screened before they are committed.
func TestCorpusHoldsNoRealNationalID(t *testing.T) {
	root := filepath.Join("..", "testdata", "fuzz")
	entries := 0
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(path) == ".go" {
			return err
		}
		entries++
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if id := possiblyRealID(string(b)); id != "" {
			// The number itself is not printed: it may be someone's.
			t.Errorf("%s holds a national id that may be a real person's (born %s)", path, id)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if entries == 0 {
		t.Fatal("no corpus entries found: the corpus has moved")
	}
}

// possiblyRealID returns the birth date of the first number in a corpus
// entry that may be a real person's, or "".
func possiblyRealID(entry string) string {
	for _, line := range strings.Split(entry, "\n") {
		var lit string
		switch {
		case strings.HasPrefix(line, "string(") && strings.HasSuffix(line, ")"):
			lit = line[len("string(") : len(line)-1]
		case strings.HasPrefix(line, "[]byte(") && strings.HasSuffix(line, ")"):
			lit = line[len("[]byte(") : len(line)-1]
		default:
			continue
		}
		value, err := strconv.Unquote(lit)
		if err != nil {
			value = lit // not Go's own quoting: read the text as it is
		}
		// ParseNationalID skips spaces, so a number may be spread out.
		digits := strings.ReplaceAll(value, " ", "")
		for i := 0; i+11 <= len(digits); i++ {
			w := digits[i : i+11]
			if publishedExamples[w] {
				continue
			}
			if id, err := ParseNationalID(w, false); err == nil && id.BirthDate.Year() < 2033 {
				return id.BirthDate.String()
			}
		}
	}
	return ""
}

// TestRepositoryHoldsNoRealNationalID reads every source, document and data
// file of the repository and fails on a run of eleven digits that could be
// a real person's national id (the rule of possiblyRealID): tests, seeds and
// docs use synthetic numbers, published examples, or dates not issued yet.
func TestRepositoryHoldsNoRealNationalID(t *testing.T) {
	root := ".."
	files := 0
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if strings.HasPrefix(name, ".") && path != root || path == filepath.Join(root, "testdata", "fuzz") {
				return filepath.SkipDir // .git, and the corpus (screened above)
			}
			return nil
		}
		switch filepath.Ext(name) {
		case ".go", ".md", ".csv", ".sql", ".json", ".golden", ".txt", "":
		default:
			return nil
		}
		if d.Type()&os.ModeSymlink != 0 {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		files++
		for _, run := range digitRuns(string(b), 11) {
			if publishedExamples[run] {
				continue
			}
			if id, err := ParseNationalID(run, false); err == nil && id.BirthDate.Year() < 2033 {
				t.Errorf("%s holds a national id that may be a real person's (born %s)", path, id.BirthDate)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 50 {
		t.Fatalf("read only %d files: the walk has lost the repository", files)
	}
}

// digitRuns returns the runs of exactly n digits in s.
func digitRuns(s string, n int) []string {
	var out []string
	start := -1
	for i := 0; i <= len(s); i++ {
		digit := i < len(s) && s[i] >= '0' && s[i] <= '9'
		switch {
		case digit && start < 0:
			start = i
		case !digit && start >= 0:
			if i-start == n {
				out = append(out, s[start:i])
			}
			start = -1
		}
	}
	return out
}
