package report

// nbText is the reports' bokmål, keyed by the English text (lang.go).
// TestBokmalCatalogueIsComplete finds every text the package translates
// and checks it is here. Read-only after init.
var nbText = map[string]string{
	// Titles and periods.
	"Routing statistics: referrals received": "Losingsstatistikk: henvisninger mottatt",
	"Funnel: referrals received":             "Trakten: henvisninger mottatt",
	"Referrals received":                     "Henvisninger mottatt",
	"all dates":                              "alle datoer",
	"up to":                                  "til og med",
	"from":                                   "fra og med",
	"to":                                     "til",
	"by month":                               "per måned",
	"by ISO week":                            "per ISO-uke",
	"whole period":                           "hele perioden",
	"No referrals were received in this period, so there is nothing to count.": "Ingen henvisninger ble mottatt i denne perioden, så det er ingenting å telle.",

	// Small numbers.
	"Small counts are hidden: <%d is a count from 1 to %d, and : a count hidden so that a small one cannot be worked out from the totals. Percentages of hidden counts are not shown.": "Små tall er skjult: <%d er et tall fra 1 til %d, og : et tall som er skjult for at et lite tall ikke skal kunne regnes ut fra summene. Prosent av skjulte tall vises ikke.",
	"WARNING: some rows or columns are so small that their hidden counts can still be worked out; leave them out or choose a longer period before this report leaves the reception.":   "ADVARSEL: noen rader eller kolonner er så små at de skjulte tallene deres likevel kan regnes ut; ta dem ut eller velg en lengre periode før rapporten forlater mottaket.",

	// 1. Routing.
	"1. Where patients were routed after the first conversation": "1. Hvor pasientene ble loset videre etter førstesamtalen",
	"Patients by where the GP addressed the referral (columns) and the outcome (rows). Each percentage is of the patients in its column, rounded half up. A patient routed to two services counts once in each row, so a column can add up to more than its patients.": "Pasienter etter hvor fastlegen sendte henvisningen (kolonner) og utfallet (rader). Hver prosent er av pasientene i kolonnen, avrundet til nærmeste hele (halve opp). En pasient som er loset til to tjenester, telles én gang i hver rad, så en kolonne kan summere til flere enn pasientene sine.",
	"outcome":                   "utfall",
	"open (not yet decided)":    "åpen (ikke avgjort ennå)",
	"withdrawn":                 "trukket tilbake",
	"open":                      "åpen",
	"total":                     "totalt",
	"addressed to DPS":          "henvist til DPS",
	"addressed to municipality": "henvist til kommunen",
	"addressed to specialist":   "henvist til avtalespesialist",
	"self-booked":               "selvbooket",

	// 2. Wrong queue.
	"2. Wrong queue: where patients ended, by where they were addressed": "2. Feil kø: hvor pasientene endte, etter hvor de var henvist",
	"Patients by the kind of service they were routed to. A referral addressed to one service that ended in another stood in the wrong queue, and the reception caught it. Percentages are of the row's patients; a patient routed to two kinds of service counts in both.": "Pasienter etter hva slags tjeneste de ble loset til. En henvisning til én tjeneste som endte i en annen, sto i feil kø, og mottaket fanget den opp. Prosentene er av pasientene i raden; en pasient som er loset til to slags tjenester, telles i begge.",
	"ended in":           "endte i",
	"patients":           "pasienter",
	"DPS":                "DPS",
	"municipal service":  "kommunal tjeneste",
	"specialised clinic": "spesialisert poliklinikk",
	"reception":          "mottaket",
	"closed":             "avsluttet",

	// 3. By organisation.
	"3. Outcomes by the clinician's organisation":                                            "3. Utfall etter behandlerens organisasjon",
	"No patient seen and routed by a clinician with a recorded organisation in this period.": "Ingen pasient ble sett og loset av en behandler med registrert organisasjon i denne perioden.",
	"Patients who attended and were routed, by the home organisation of their clinician. Each patient is in one row: those routed to more than one service are counted together.":                                                                        "Pasienter som møtte og ble loset videre, etter behandlerens egen organisasjon. Hver pasient står i én rad: de som ble loset til mer enn én tjeneste, telles sammen.",
	"patients seen and routed by a clinician without a recorded organisation are left out.":                                                                                                                                                              "pasienter som ble sett og loset av en behandler uten registrert organisasjon, er utelatt.",
	"Clinicians are assigned at random, whatever their organisation, so the two columns are alike but for chance: a difference beyond chance lies in how the clinicians judge, not in which patients they saw. That is what makes this comparison fair.": "Behandlerne trekkes tilfeldig uansett organisasjon, så de to kolonnene er like bortsett fra tilfeldigheter: en forskjell utover det tilfeldige ligger i hvordan behandlerne vurderer, ikke i hvilke pasienter de så. Det er det som gjør sammenligningen rettferdig.",
	"more than one service":            "mer enn én tjeneste",
	"seen by DPS clinicians":           "sett av behandlere fra DPS",
	"seen by municipal clinicians":     "sett av behandlere fra kommunen",
	"Chi-square test of independence:": "Kjikvadrattest for uavhengighet:",
	"Chi-square test of independence: chi-square = %.2f, %d degrees of freedom, %s.": "Kjikvadrattest for uavhengighet: kjikvadrat = %.2f, %d frihetsgrader, %s.",
	"Warning:":                             "Advarsel:",
	"%d of %d expected counts are below 5": "%d av %d forventede tall er under 5",
	" (%d below 1)":                        " (%d under 1)",
	": the chi-square approximation may not hold, so read the p-value with care":    ": kjikvadrattilnærmingen holder kanskje ikke, så les p-verdien med forsiktighet",
	"not computed: it needs patients in at least two rows and two columns":          "ikke beregnet: den krever pasienter i minst to rader og to kolonner",
	"withheld: the table has hidden counts, and the statistic could give them away": "holdt tilbake: tabellen har skjulte tall, og testverdien kunne røpe dem",

	// 4. Timeliness.
	"4. Timeliness": "4. Tid",
	"Calendar days from received to the first conversation the patient attended, and to the routing decision (closures for not attending left out): median and 90th percentile, each a wait that happened (nearest rank).": "Kalenderdager fra mottatt til førstesamtalen pasienten møtte til, og til losingsbeslutningen (avslutninger fordi pasienten ikke møtte er utelatt): median og 90-persentil, hver en ventetid som faktisk forekom (nærmeste rang).",
	"The numbers of patients are left out here: they would restate the routing table's. A median is shown over at least %d patients.":                                                                                      "Antall pasienter er utelatt her: de ville gjenta losingstabellens tall. En median vises bare over minst %d pasienter.",
	"attended":                           "møtt",
	"median days":                        "median dager",
	"90th percentile":                    "90-persentil",
	"decided":                            "avgjort",
	"to first conversation: median days": "til førstesamtale: median dager",
	"to decision: median days":           "til beslutning: median dager",
	"Rights assessment within 10 working days":                  "Rettighetsvurdering innen 10 virkedager",
	"No GP referrals to DPS or to a specialist in this period.": "Ingen henvisninger fra fastlege til DPS eller avtalespesialist i denne perioden.",
	"GP referrals to DPS and to specialists must be assessed within 10 working days of receipt. Met, held late and not held are percentages of the referrals due.":                                                                                                                                                                                             "Henvisninger fra fastlege til DPS og avtalespesialist skal vurderes innen 10 virkedager etter mottak. Overholdt, holdt for sent og ikke holdt er prosent av henvisningene med frist passert.",
	"Met means the rights decision was made on or before the deadline: its recorded date, or for referrals without one (imported, or from before the assessment template) the day of an attended first conversation, where the assessment is made. Not held means no decision by the deadline (did not attend, withdrawn after it, or still waiting past it).": "Overholdt betyr at rettighetsvurderingen ble gjort innen fristen: på den registrerte datoen, eller for henvisninger uten en slik (importerte, eller fra før vurderingsmalen) dagen for en førstesamtale pasienten møtte til, der vurderingen gjøres. Ikke holdt betyr ingen vurdering innen fristen (ikke møtt, trukket etter fristen eller venter fortsatt etter den).",
	"GP referrals":                  "Henvisninger fra fastlege",
	"due":                           "frist passert",
	"met":                           "overholdt",
	"held late":                     "holdt for sent",
	"not held":                      "ikke holdt",
	"not yet due":                   "frist ikke passert",
	"withdrawn before the deadline": "trukket før fristen",

	// 5. Consultations.
	"5. The senior psychiatrist and the GP": "5. Overlegen og fastlegen",
	"No consultation with the senior psychiatrist and no phone consultation with the GP's office was recorded on these referrals.":                                                                                                                                                                                   "Ingen drøfting med overlegen og ingen telefon med fastlegekontoret er registrert på disse henvisningene.",
	"How often the reception consulted the senior DPS psychiatrist (a discussion, perhaps a medication review) and phoned the GP's office, as recorded on the referrals: the patients with at least one consultation of each kind, with their percentage of the column's patients, and the number of consultations.": "Hvor ofte mottaket drøftet med overlegen ved DPS (en drøfting, kanskje en legemiddelgjennomgang) og ringte fastlegekontoret, slik det er registrert på henvisningene: pasientene med minst én kontakt av hvert slag, med prosent av kolonnens pasienter, og antall kontakter.",
	"consultations": "kontakter",
	"patients discussed with the senior psychiatrist": "pasienter drøftet med overlegen",
	"consultations with the senior psychiatrist":      "drøftinger med overlegen",
	"patients whose GP's office was phoned":           "pasienter der fastlegekontoret ble ringt",
	"phone consultations with the GP's office":        "telefoner med fastlegekontoret",

	// The funnel.
	"Patients who reached each stage, by the period they were received in. The first five stages count everyone who got that far; the arrows are where decided patients went (a patient routed to two places counts in both); did not attend, withdrawn and still open are where the others stopped. Median days are calendar days from received to the stage's date.": "Pasienter som nådde hvert steg, etter perioden de ble mottatt i. De fem første stegene teller alle som kom så langt; pilene viser hvor de avgjorte pasientene gikk (en pasient som er loset to steder, telles begge steder); ikke møtt, trukket tilbake og fortsatt åpen er der de andre stoppet. Median dager er kalenderdager fra mottatt til stegets dato.",
	"stage":                     "steg",
	"% of received":             "% av mottatte",
	"received":                  "mottatt",
	"assigned a clinician":      "fått behandler",
	"first conversation booked": "førstesamtale satt opp",
	"routing decided":           "losing avgjort",
	"→ DPS":                     "→ DPS",
	"→ municipal service":       "→ kommunal tjeneste",
	"→ specialised clinic":      "→ spesialisert poliklinikk",
	"→ treated in reception":    "→ behandlet i mottaket",
	"→ no need":                 "→ ikke behov",
	"did not attend":            "ikke møtt",
	"still open":                "fortsatt åpen",
	"step reached":              "steg nådd",
	"went to":                   "gikk til",
	"stopped":                   "stoppet",

	// The funnel chart.
	"no referrals": "ingen henvisninger",
	"%d d":         "%d d",
	"Source: envei, the reception's referrals. Bars are patients; beside each, patients, percent of received and median days from received.": "Kilde: envei, mottakets henvisninger. Stolpene er pasienter; ved hver står pasienter, prosent av mottatte og median dager fra mottatt.",
	"Counts below %d are hidden (<%d, :).": "Tall under %d er skjult (<%d, :).",

	// The workbook's sheets (at most 31 characters).
	"1 Routing":         "1 Losing",
	"2 Wrong queue":     "2 Feil kø",
	"3 By organisation": "3 Etter organisasjon",
	"4 Timeliness":      "4 Tid",
	"5 Consultations":   "5 Overlege og fastlege",
	"6 Hidden counts":   "6 Skjulte tall",

	// The PDF.
	"Made %s by a user with the role %s.": "Laget %s for en bruker med rollen %s.",
	"Made %s.":                            "Laget %s.",
	"Page %d of %s":                       "Side %d av %s",
	"supervisor":                          "leder",
	"admin":                               "administrator",
	"clinician":                           "behandler",

	// The flow picture (stats --format svg).
	"addressed to": "henvist til",
	"Source: envei, the reception's referrals. Left: where the GP addressed the referral (or self-booked); right: where the patients were routed after the first conversation. Band widths are patients, labelled with patients and percent of the group; a patient routed to two services is in two bands.": "Kilde: envei, mottakets henvisninger. Til venstre: hvor fastlegen sendte henvisningen (eller egenhenvendelse); til høyre: hvor pasientene ble loset etter førstesamtalen. Båndenes bredde er pasienter, merket med pasienter og prosent av gruppen; en pasient som er loset til to tjenester, er i to bånd.",
	"Counts below %d are hidden (<%d, :) and drawn as thin grey bands of one fixed width, which does not show their size.": "Tall under %d er skjult (<%d, :) og tegnet som tynne grå bånd med én fast bredde, som ikke viser hvor store de er.",

	// A region report (region.go).
	"Region report: the referrals of %d receptions together (%s), counted as one.":                                                                                                                     "Regionrapport: henvisningene i %d mottak samlet (%s), talt som ett.",
	"Their service catalogues differ: services are matched by code, named and sorted into kinds as the first reception that has them does; a service one reception lacks counts the others' patients.": "Tjenestekatalogene deres er ulike: tjenestene er slått sammen etter kode, og de har navn og type fra det første mottaket som har dem; en tjeneste som ett mottak mangler, teller de andre mottakenes pasienter.",
	"Source: envei, the reception's referrals.":                    "Kilde: envei, mottakets henvisninger.",
	"Source: envei, the referrals of %d receptions together (%s).": "Kilde: envei, henvisningene i %d mottak samlet (%s).",

	// The printed report's title block and chart.
	"Reception":                          "Mottak",
	"Received":                           "Mottatt",
	"Made":                               "Laget",
	"By":                                 "Av",
	"a user with the role %s":            "en bruker med rollen %s",
	"not recorded (envei reception set)": "ikke registrert (envei reception set)",
	"percent of the group's patients":    "prosent av gruppens pasienter",
	"In words: the outcomes of the two organisations' clinicians differ more than chance readily gives (p below 0.05): they seem to route patients differently.":    "Med ord: utfallene hos behandlerne fra de to organisasjonene skiller seg mer fra hverandre enn tilfeldighetene lett gir (p under 0,05): de ser ut til å lose pasientene ulikt.",
	"In words: the outcomes of the two organisations' clinicians differ no more than chance gives (p at least 0.05): no sign that they route patients differently.": "Med ord: utfallene hos behandlerne fra de to organisasjonene skiller seg ikke mer fra hverandre enn tilfeldighetene gir (p minst 0,05): ingen tegn til at de loser pasientene ulikt.",

	// What --min-cell hid (hidden.go).
	"What --min-cell %d hid":             "Hva --min-cell %d skjulte",
	"left out: no recorded organisation": "utelatt: ingen registrert organisasjon",
	"fewer than %d":                      "færre enn %d",
	"would reveal a hidden count":        "ville røpe et skjult tall",
	"fewer than %d (<%d)":                "færre enn %d (<%d)",
	"would reveal one (:)":               "ville røpe et skjult tall (:)",
	"table":                              "tabell",
	"row":                                "rad",
	"column":                             "kolonne",
	"shown as":                           "vist som",
	"why":                                "hvorfor",
	"With --min-cell %d no count is hidden: none is from 1 to %d.": "Med --min-cell %d er ingen tall skjult: ingen er fra 1 til %d.",
	"With --min-cell %d, %d counts are hidden: %d because they are fewer than %d (shown as <%d), and %d because they would reveal a hidden count (shown as :), by subtraction from the totals or from the other reports of the same period.": "Med --min-cell %d er %d tall skjult: %d fordi de er færre enn %d (vist som <%d), og %d fordi de ville røpe et skjult tall (vist som :) ved subtraksjon fra summene eller fra de andre rapportene for samme periode.",
	"No sum of hidden counts is given anywhere: with the totals shown, it would give them back.": "Ingen sum av skjulte tall oppgis noe sted: når summene vises, ville den gi dem tilbake.",

	// What "met" means, in the JSON (DeadlineBasis).
	DeadlineBasis: "rettighetsvurderingen ble gjort innen vurderingsfristen: på den registrerte datoen, eller for henvisninger uten en slik (importerte, eller fra før vurderingsmalen) dagen for en førstesamtale pasienten møtte til, der vurderingen gjøres",
	"In words: of the %s GP referrals whose deadline has passed, %s had their rights assessed within 10 working days.": "Med ord: av de %s henvisningene fra fastlege der fristen er passert, fikk %s rettighetsvurdering innen 10 virkedager.",
}

// nbCSVHeader names the CSV columns in bokmål (csvHeader); the values
// under them are the same codes and numbers in both languages. Plain
// ASCII, so that a script's column lookup is easy to write. Read-only.
var nbCSVHeader = map[string]string{
	"group":                     "gruppe",
	"patients":                  "pasienter",
	"outcome":                   "utfall",
	"count":                     "antall",
	"percent":                   "prosent",
	"group_label":               "gruppe_tekst",
	"outcome_label":             "utfall_tekst",
	"period":                    "periode",
	"stage":                     "steg",
	"percent_of_received":       "prosent_av_mottatte",
	"median_days_from_received": "median_dager_fra_mottatt",
	"stage_label":               "steg_tekst",
}
