package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"envei/intake"
	"envei/store"
)

// region is a few receptions' databases in one folder, each made as a
// reception makes its own.
type region struct {
	h               *harness
	sor, nord, vest string
	dir             string
}

// newRegion makes Mottak Sør (the pilot, named with `reception set`) and
// nord.db (300 generated referrals, no name set).
func newRegion(t *testing.T) *region {
	t.Helper()
	h := newHarness(t)
	dir := t.TempDir()
	r := &region{h: h, dir: dir, sor: filepath.Join(dir, "sor.db"), nord: filepath.Join(dir, "nord.db"), vest: filepath.Join(dir, "vest.db")}
	h.ok("--db", r.sor, "demo")
	h.ok("--db", r.sor, "reception", "set", "--name", "Mottak Sør", "--her-id", "81234", "--org-number", "974760673")
	h.ok("--db", r.nord, "demo", "--patients", "300", "--seed", "3")
	return r
}

// routingCounts reads envei stats --format json's routing table as
// column/row → count (the columns' patients as column/patients).
func routingCounts(t *testing.T, out string) (map[string]int, []string) {
	t.Helper()
	var j struct {
		Receptions []string `json:"receptions"`
		Routing    struct {
			Columns []struct {
				Code     string `json:"code"`
				Patients struct {
					Count *int `json:"count"`
				} `json:"patients"`
			} `json:"columns"`
			Rows []struct {
				Code  string `json:"code"`
				Cells []struct {
					Count *int `json:"count"`
				} `json:"cells"`
			} `json:"rows"`
		} `json:"routing"`
	}
	if err := json.Unmarshal([]byte(out), &j); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	counts := map[string]int{}
	for _, c := range j.Routing.Columns {
		counts[c.Code+"/patients"] = *c.Patients.Count
	}
	for _, r := range j.Routing.Rows {
		for i, c := range r.Cells {
			counts[j.Routing.Columns[i].Code+"/"+r.Code] = *c.Count
		}
	}
	return counts, j.Receptions
}

// funnelCounts reads envei funnel's csv as period/stage → count.
func funnelCounts(t *testing.T, out string) map[string]string {
	t.Helper()
	records, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]string{}
	for _, r := range records[1:] {
		counts[r[0]+"/"+r[1]] = r[2]
	}
	return counts
}

// The region report counts the receptions' referrals together: every
// cell is the sum of the receptions' own, and it names them (the name
// `reception show` prints, else the file's).
func TestRegionStatsIsTheSum(t *testing.T) {
	r := newRegion(t)
	h := r.h
	sor, _ := routingCounts(t, h.ok("--db", r.sor, "stats", "--format", "json"))
	nord, _ := routingCounts(t, h.ok("--db", r.nord, "stats", "--format", "json"))
	both, names := routingCounts(t, h.ok("stats", "--db", r.sor, "--db", r.nord, "--format", "json"))
	if strings.Join(names, ",") != "Mottak Sør,nord.db" {
		t.Errorf("receptions %v", names)
	}
	if both["total/patients"] != 112+300 {
		t.Errorf("total %d, want 412", both["total/patients"])
	}
	for k, n := range both {
		if n != sor[k]+nord[k] {
			t.Errorf("%s: %d, the receptions have %d and %d", k, n, sor[k], nord[k])
		}
	}
	for k := range nord {
		if _, ok := both[k]; !ok {
			t.Errorf("%s of nord.db is not in the region's", k)
		}
	}

	// The funnel by month, by week, and for the whole period alike.
	for _, by := range []string{"month", "week", "all"} {
		fs := funnelCounts(t, h.ok("--db", r.sor, "funnel", "--by", by))
		fn := funnelCounts(t, h.ok("--db", r.nord, "funnel", "--by", by))
		res := h.run("funnel", "--by", by, "--db", r.sor, "--db", r.nord)
		if res.code != 0 || !strings.Contains(res.stderr, "Mottak Sør, nord.db") {
			t.Fatalf("funnel --by %s: %+v", by, res)
		}
		fb := funnelCounts(t, res.stdout)
		for k, v := range fb {
			if atoi(t, v) != atoi(t, fs[k])+atoi(t, fn[k]) {
				t.Errorf("funnel by %s %s: %s, the receptions have %q and %q", by, k, v, fs[k], fn[k])
			}
		}
	}
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	if s == "" {
		return 0
	}
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			t.Fatalf("not a count: %q", s)
		}
		n = n*10 + int(c-'0')
	}
	return n
}

// Suppression is applied once, to the sum: one patient at the
// eating-disorder clinic in each of three receptions is hidden in each
// reception's report and shown as 3 in the region's.
func TestRegionSuppressesTheSum(t *testing.T) {
	r := newRegion(t)
	h := r.h
	h.ok("--db", filepath.Join(r.dir, "ost.db"), "demo") // a second pilot
	h.ok("--db", r.vest, "init", "--test")
	for _, c := range intake.DemoRoster() { // the pilot's clinicians, then the pilot imported: a third
		h.ok("--db", r.vest, "clinician", "add", c.Username, "--name", c.Name, "--org", string(c.Org), "--role", string(c.Role))
	}
	h.ok("--db", r.vest, "import", filepath.Join("..", "..", "testdata", "pilot.csv"))
	dbs := []string{r.sor, filepath.Join(r.dir, "ost.db"), r.vest}
	const line = "total,%s,eating_disorder_clinic,"
	for _, db := range dbs {
		out := h.ok("--db", db, "stats", "--format", "csv", "--min-cell", "3")
		if !strings.Contains(out, "total,112,eating_disorder_clinic,<3,") {
			t.Errorf("%s alone shows its eating-disorder count:\n%s", db, out)
		}
	}
	args := []string{"stats", "--format", "csv", "--min-cell", "3"}
	for _, db := range dbs {
		args = append(args, "--db", db)
	}
	out := h.ok(args...)
	if !strings.Contains(out, "total,336,eating_disorder_clinic,3,") {
		t.Errorf("the region does not show 3 at the eating-disorder clinic:\n%s", out)
	}
	// The funnel of the same region is suppressed with it: no count
	// from 1 to 2 is shown.
	args[0] = "funnel"
	for k, v := range funnelCounts(t, h.ok(args...)) {
		if v == "1" || v == "2" {
			t.Errorf("funnel %s shows %s", k, v)
		}
	}
}

// A user must be a supervisor (or admin) in every database: a refusal in
// one names it and prints nothing, and writes no file.
func TestRegionNeedsTheRoleInEveryDatabase(t *testing.T) {
	r := newRegion(t)
	h := r.h
	h.ok("--db", r.sor, "clinician", "add", "kari", "--name", "Kari Nordmann", "--org", "dps", "--role", "supervisor")
	h.ok("--db", r.nord, "clinician", "add", "kari", "--name", "Kari Nordmann", "--org", "dps", "--role", "clinician")
	h.user = "kari"
	h.ok("--db", r.sor, "stats")
	out := filepath.Join(r.dir, "region.pdf")
	for _, args := range [][]string{
		{"stats", "--db", r.sor, "--db", r.nord},
		{"stats", "--db", r.nord, "--db", r.sor, "--format", "json"},
		{"funnel", "--db", r.sor, "--db", r.nord, "--by", "week"},
		{"stats", "--db", r.sor, "--db", r.nord, "--out", out},
	} {
		res := h.run(args...)
		if res.code != exitFail || res.stdout != "" || !strings.Contains(res.stderr, r.nord) ||
			!strings.Contains(res.stderr, "needs the role supervisor") && !strings.Contains(res.stderr, "need the role supervisor") ||
			strings.Contains(res.stderr, r.sor) {
			t.Errorf("envei %v: %+v", args, res)
		}
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a refused region report wrote %s (%v)", out, err)
	}
	// Not on the roster of one: named too.
	h.user = "leder.kari" // the demo's supervisor, in both
	h.ok("stats", "--db", r.sor, "--db", r.nord)
	h.user = "root"
	h.ok("--db", r.sor, "clinician", "remove", "leder.kari")
	h.user = "leder.kari"
	res := h.run("funnel", "--db", r.nord, "--db", r.sor)
	if res.code != exitFail || res.stdout != "" || !strings.Contains(res.stderr, "not on the roster of "+r.sor) {
		t.Errorf("not on one roster: %+v", res)
	}
}

// Only stats and funnel read several databases; every other command, and
// the console, refuses a second --db rather than taking the last.
func TestOtherCommandsTakeOneDatabase(t *testing.T) {
	r := newRegion(t)
	h := r.h
	for _, args := range [][]string{
		{"status", "--db", r.sor, "--db", r.nord},
		{"--db", r.sor, "export", "--db", r.nord},
		{"--db", r.sor, "--db", r.nord},
	} {
		res := h.run(args...)
		if res.code != exitUsage || !strings.Contains(res.stderr, "--db is given 2 times") || !strings.Contains(res.stderr, "only stats and funnel") {
			t.Errorf("envei %v: %+v", args, res)
		}
	}
	// The same database twice would count it twice.
	res := h.run("stats", "--db", r.sor, "--db", filepath.Join(r.dir, ".", "..", filepath.Base(r.dir), "sor.db"))
	if res.code != exitUsage || !strings.Contains(res.stderr, "the same database") || res.stdout != "" {
		t.Errorf("the same database twice: %+v", res)
	}
	// A missing one is named, and nothing is made.
	res = h.run("stats", "--db", r.sor, "--db", r.vest)
	if res.code != exitFail || !strings.Contains(res.stderr, r.vest) || res.stdout != "" {
		t.Errorf("a missing database: %+v", res)
	}
	if _, err := os.Stat(r.vest); !os.IsNotExist(err) {
		t.Errorf("a region report made %s", r.vest)
	}
}

// Receptions with different catalogues: services merge by code (the label
// of the first that has it), a service of one alone is counted, and the
// report says the catalogues differ.
func TestRegionWithDifferentCatalogues(t *testing.T) {
	r := newRegion(t)
	h := r.h
	h.ok("--db", r.vest, "init", "--test")
	ctx := context.Background()
	s, err := store.Open(ctx, r.vest, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	root, err := s.Actor(ctx, "root")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.AddService(ctx, root, intake.Service{Code: "act", LabelNB: "ACT-team", LabelEN: "ACT team", Category: intake.CategorySpecialised}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	h.stdin = "ref,received,channel,addressed_to,first_conversation,attended,routed,outcomes\n" +
		"V-1,2023-05-02,gp,dps,2023-05-08,yes,2023-05-09,act\n" +
		"V-2,2023-05-03,gp,dps,2023-05-08,yes,2023-05-09,act\n" +
		"V-3,2023-05-04,self,,2023-05-08,yes,2023-05-10,act+municipal\n" +
		"V-4,2023-05-04,gp,municipal,2023-05-08,yes,2023-05-10,dps\n"
	h.ok("--db", r.vest, "import", "-")
	h.stdin = ""
	both, names := routingCounts(t, h.ok("stats", "--db", r.sor, "--db", r.vest, "--format", "json"))
	if strings.Join(names, ",") != "Mottak Sør,vest.db" {
		t.Errorf("receptions %v", names)
	}
	if both["total/act"] != 3 || both["total/dps"] != 34+1 || both["total/patients"] != 116 {
		t.Errorf("act %d (want 3), dps %d (want 35), patients %d (want 116)", both["total/act"], both["total/dps"], both["total/patients"])
	}
	text := h.ok("stats", "--db", r.sor, "--db", r.vest)
	for _, want := range []string{"Region report: the referrals of 2 receptions together (Mottak Sør, vest.db)", "ACT team", "catalogues differ"} {
		if !strings.Contains(strings.Join(strings.Fields(text), " "), want) {
			t.Errorf("the text lacks %q:\n%s", want, text)
		}
	}
	res := h.run("stats", "--db", r.sor, "--db", r.vest, "--format", "csv")
	if res.code != 0 || !strings.Contains(res.stderr, "catalogues differ") || !strings.Contains(res.stdout, "total,116,act,3,") {
		t.Errorf("csv: %+v", res)
	}
}

// Every format of both commands writes the region report, in the language
// and period asked for.
func TestRegionEveryFormat(t *testing.T) {
	r := newRegion(t)
	h := r.h
	dbs := []string{"--db", r.sor, "--db", r.nord}
	// One protected: a protected grid of years of months takes seconds,
	// and suppression is tested above.
	protected := []string{"--min-cell", "5", "--from", "2023-09-01", "--to", "2023-12-31"}
	h.ok(append(append([]string{"stats"}, protected...), dbs...)...)
	for _, format := range []string{"table", "md", "json", "svg"} {
		out := h.ok(append([]string{"stats", "--format", format}, dbs...)...)
		if !strings.Contains(out, "Mottak Sør") {
			t.Errorf("stats --format %s does not name the receptions:\n%s", format, out)
		}
	}
	for _, format := range []string{"md", "json", "svg"} {
		out := h.ok(append([]string{"funnel", "--format", format}, dbs...)...)
		if !strings.Contains(out, "Mottak Sør") {
			t.Errorf("funnel --format %s does not name the receptions:\n%s", format, out)
		}
	}
	for _, ext := range []string{"xlsx", "pdf"} {
		path := filepath.Join(r.dir, "region."+ext)
		h.ok(append([]string{"stats", "--out", path}, dbs...)...)
		if fi, err := os.Stat(path); err != nil || fi.Size() == 0 {
			t.Errorf("%s: %v", path, err)
		}
		if _, err := exec.LookPath("pdftotext"); ext == "pdf" && err == nil {
			text, err := exec.Command("pdftotext", path, "-").Output()
			if err != nil || !strings.Contains(string(text), "Mottak Sør") {
				t.Errorf("the pdf does not name the receptions (%v):\n%s", err, text)
			}
		}
	}
	nb := h.ok(append([]string{"stats", "--lang", "nb", "--from", "2023-09-01", "--to", "2023-12-31", "--format", "md"}, dbs...)...)
	if !strings.Contains(nb, "Regionrapport") || !strings.Contains(nb, "2023-09-01 til 2023-12-31") {
		t.Errorf("bokmål, autumn 2023:\n%s", nb)
	}
	// The period applies to every database: the autumn of both is the
	// sum of their autumns.
	autumn := func(args ...string) int {
		c, _ := routingCounts(t, h.ok(append([]string{"stats", "--from", "2023-09-01", "--to", "2023-12-31", "--format", "json"}, args...)...))
		return c["total/patients"]
	}
	if a, b, both := autumn("--db", r.sor), autumn("--db", r.nord), autumn(dbs...); both != a+b || a == 0 {
		t.Errorf("autumn 2023: %d + %d, the region %d", a, b, both)
	}
}

// A database is named in messages by the path given, or by a server
// address's host and database only: never its user, password or options.
func TestDBLabelHidesThePassword(t *testing.T) {
	for db, want := range map[string]string{
		"/srv/envei/sor.db": "/srv/envei/sor.db",
		"sor.db":            "sor.db",
		"postgres://kari:hemmelig@db.hf.no:5432/nord?sslmode=require":      "db.hf.no:5432/nord",
		"postgres://postgres@/vest?host=/run/postgresql&password=hemmelig": "/run/postgresql/vest",
		"postgresql://kari:hemmelig@db.hf.no/nord%zz":                      "postgresql://…",
	} {
		if got := dbLabel(db); got != want {
			t.Errorf("dbLabel(%q) = %q, want %q", db, got, want)
		}
	}
}
