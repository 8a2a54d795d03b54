package intake

// DemoRoster is the fictional roster of demo and test databases: four DPS
// clinicians and four municipal clinicians, as in the pilot where both
// organisations staffed the reception, and one supervisor to print the
// statistics. The people are made up. It is sorted by username, as
// DrawClinician requires, and a new slice is returned on every call so a
// caller may change it.
func DemoRoster() []Clinician {
	return []Clinician{
		{Username: "dps.astrid", Name: "Astrid Haugland", Org: OrgDPS, Role: RoleClinician},
		{Username: "dps.henrik", Name: "Henrik Sæther", Org: OrgDPS, Role: RoleClinician},
		{Username: "dps.ingrid", Name: "Ingrid Vollan", Org: OrgDPS, Role: RoleClinician},
		{Username: "dps.olav", Name: "Olav Brekke", Org: OrgDPS, Role: RoleClinician},
		{Username: "kom.eirik", Name: "Eirik Tangen", Org: OrgMunicipal, Role: RoleClinician},
		{Username: "kom.hanne", Name: "Hanne Rød", Org: OrgMunicipal, Role: RoleClinician},
		{Username: "kom.marte", Name: "Marte Fossum", Org: OrgMunicipal, Role: RoleClinician},
		{Username: "kom.sindre", Name: "Sindre Aasen", Org: OrgMunicipal, Role: RoleClinician},
		// The reception is run jointly, so its leader belongs to neither
		// organisation in the roster (OrgNone is allowed for supervisors).
		{Username: "leder.kari", Name: "Kari Myhre", Org: OrgNone, Role: RoleSupervisor},
	}
}
