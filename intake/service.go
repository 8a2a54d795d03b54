package intake

import "regexp"

// Category groups services for the statistics: where did patients end up.
type Category string

const (
	CategoryDPS         Category = "dps"
	CategoryMunicipal   Category = "municipal"
	CategorySpecialised Category = "specialised"
	CategoryReception   Category = "reception"
	CategoryClosed      Category = "closed"
)

// Categories lists every category in display order.
var Categories = []Category{CategoryDPS, CategoryMunicipal, CategorySpecialised, CategoryReception, CategoryClosed}

// Valid reports whether c is a known category.
func (c Category) Valid() bool {
	for _, k := range Categories {
		if c == k {
			return true
		}
	}
	return false
}

// Service is one place a patient can be routed to after the first
// conversation. The catalogue is the reception's own and can be edited; a
// retired service keeps its history but takes no new patients.
type Service struct {
	Code     string
	LabelNB  string
	LabelEN  string
	Category Category
	Retired  bool
}

// The service codes the rules refer to by name.
const (
	ServiceNoNeed       = "no_need"
	ServiceDidNotAttend = "did_not_attend"
	ServiceReception    = "reception"
)

// DefaultCatalogue is the service catalogue a new database starts with, in
// the order reports list it (DOMAIN.md).
func DefaultCatalogue() []Service {
	return []Service{
		{"dps", "DPS (poliklinikk)", "DPS (outpatient clinic)", CategoryDPS, false},
		{"municipal", "Kommunal psykisk helsetjeneste", "Municipal mental-health service", CategoryMunicipal, false},
		{"eating_disorder_clinic", "Spiseforstyrrelsespoliklinikk", "Eating-disorder clinic", CategorySpecialised, false},
		{"addiction_clinic", "Ruspoliklinikk og ruskonsulent", "Addiction clinic and addiction consultant", CategorySpecialised, false},
		{"specialist", "Avtalespesialist", "Contracted specialist", CategorySpecialised, false},
		{ServiceReception, "Behandlet / ferdig i mottak", "Treated / finished in reception", CategoryReception, false},
		{ServiceNoNeed, "Ikke behov", "No need", CategoryClosed, false},
		{ServiceDidNotAttend, "Ikke møtt", "Did not attend", CategoryClosed, false},
	}
}

var serviceCode = regexp.MustCompile(`^[a-z][a-z0-9_]{0,31}$`)

// ValidServiceCode reports whether code has the form of a service code:
// lower-case letters, digits and underscores, starting with a letter, at
// most 32 characters. Codes are joined with "+" in the CSV format, so they
// must never contain it.
func ValidServiceCode(code string) bool { return serviceCode.MatchString(code) }

// Label returns the service's label in the given language ("nb" or "en").
func (s Service) Label(lang string) string {
	if lang == "nb" {
		return s.LabelNB
	}
	return s.LabelEN
}
