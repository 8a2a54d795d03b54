package intake

import "regexp"

// Org is the home organisation of a clinician: they work half in the
// reception and half there.
type Org string

const (
	OrgNone      Org = "" // not recorded (allowed for supervisors and admins)
	OrgDPS       Org = "dps"
	OrgMunicipal Org = "municipal"
)

// Valid reports whether o is a known organisation, including none.
func (o Org) Valid() bool { return o == OrgNone || o == OrgDPS || o == OrgMunicipal }

// Role is what a person on the roster may do. Roles are ordered: a supervisor
// may do what a clinician may, an admin what a supervisor may. Only people
// with the role clinician are drawn for new referrals.
type Role string

const (
	RoleClinician  Role = "clinician"
	RoleSupervisor Role = "supervisor"
	RoleAdmin      Role = "admin"
)

// Roles lists the roles from least to most privileged.
var Roles = []Role{RoleClinician, RoleSupervisor, RoleAdmin}

func (r Role) rank() int {
	for i, k := range Roles {
		if r == k {
			return i + 1
		}
	}
	return 0
}

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return r.rank() > 0 }

// AtLeast reports whether r carries the permissions of min.
func (r Role) AtLeast(min Role) bool { return r.rank() >= min.rank() && r.rank() > 0 }

// Clinician is one person on the roster. Username is the OS login that runs
// the console: the acting user is always the OS user, never a flag.
type Clinician struct {
	Username string
	Name     string
	Org      Org
	Role     Role
	OnLeave  bool
}

// Drawable reports whether c takes part in the random draw.
func (c Clinician) Drawable() bool { return c.Role == RoleClinician && !c.OnLeave }

var username = regexp.MustCompile(`^[a-z_][a-z0-9_.-]{0,31}$`)

// ValidUsername reports whether s looks like a POSIX login name.
func ValidUsername(s string) bool { return username.MatchString(s) }
