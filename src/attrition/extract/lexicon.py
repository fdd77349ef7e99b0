"""Word tables of the English extractor, kept apart from the code that applies them.

Every table maps lower-case words (or word tuples) to what they mean. A new
phrasing is a change here, not in the rules.
"""

from __future__ import annotations

from datetime import date
from typing import Final

# --- numbers -----------------------------------------------------------------

UNITS: Final = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS: Final = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
SCALES: Final = {
    "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000, "dozen": 12,
}  # fmt: skip
# Scale words written after digits: "1.1 million", "20k", "2bn", "1.5m".
SCALE_SUFFIXES: Final = {
    "hundred": 100, "thousand": 1_000, "k": 1_000, "million": 1_000_000, "mln": 1_000_000,
    "mn": 1_000_000, "m": 1_000_000, "billion": 1_000_000_000, "bn": 1_000_000_000,
}  # fmt: skip

# --- bounds ------------------------------------------------------------------
# Read right to left from the number: the longest phrase that ends just before it wins.
LEFT_QUALIFIERS: dict[tuple[str, ...], str] = {
    ("about",): "approx", ("around",): "approx", ("approximately",): "approx",
    ("roughly",): "approx", ("some",): "approx", ("circa",): "approx", ("ca",): "approx",
    ("estimated",): "approx", ("an", "estimated"): "approx", ("approx",): "approx",
    ("an", "approximate"): "approx", ("nearly",): "at_most", ("almost",): "at_most",
    ("up", "to"): "at_most", ("as", "many", "as"): "at_most", ("less", "than"): "at_most",
    ("fewer", "than"): "at_most", ("under",): "at_most", ("below",): "at_most",
    ("no", "more", "than"): "at_most", ("not", "more", "than"): "at_most",
    ("at", "most"): "at_most", ("a", "maximum", "of"): "at_most", ("just", "under"): "at_most",
    ("close", "to"): "at_most", ("just", "shy", "of"): "at_most", ("shy", "of"): "at_most",
    ("over",): "at_least", ("more", "than"): "at_least", ("at", "least"): "at_least",
    ("exceeds",): "at_least", ("exceeded",): "at_least", ("exceeding",): "at_least",
    ("exceed",): "at_least", ("in", "excess", "of"): "at_least", ("upwards", "of"): "at_least",
    ("no", "fewer", "than"): "at_least", ("no", "less", "than"): "at_least",
    ("not", "less", "than"): "at_least", ("well", "over"): "at_least", ("just", "over"): "at_least",
    ("top",): "at_least", ("tops",): "at_least", ("topped",): "at_least", ("topping",): "at_least",
    ("surpassed",): "at_least", ("surpasses",): "at_least", ("surpass",): "at_least",
    ("passed",): "at_least", ("above",): "at_least", ("past",): "at_least", ("pass",): "at_least",
    ("crosses",): "at_least",
    ("upward", "of"): "at_least", ("north", "of"): "at_least", ("south", "of"): "at_most",
    ("in", "the", "region", "of"): "approx", ("in", "the", "order", "of"): "approx",
    ("on", "the", "order", "of"): "approx",
    ("a", "minimum", "of"): "at_least",
    ("beyond",): "at_least", ("as", "high", "as"): "at_most", ("≈",): "approx", ("~",): "approx",
    ("passes",): "at_least", ("passing",): "at_least", ("crossed",): "at_least",
    ("smashed", "through"): "at_least", ("broke", "through"): "at_least", ("near",): "approx",
    ("approaching",): "at_most", ("approaches",): "at_most", ("nears",): "at_most", ("nearing",): "at_most",
    ("neared",): "at_most",
}  # fmt: skip
RIGHT_QUALIFIERS: dict[tuple[str, ...], str] = {
    ("or", "more"): "at_least", ("plus",): "at_least", ("+",): "at_least", ("-", "plus"): "at_least",
    ("and", "counting"): "at_least", ("or", "so"): "approx", ("at", "most"): "at_most",
    ("or", "fewer"): "at_most", ("or", "less"): "at_most",
}  # fmt: skip
MAX_QUALIFIER_LEN: Final = 4

# --- metrics -----------------------------------------------------------------
# Nouns that name what a number counts when they follow it ("1,000 casualties") or
# precede it through a connector ("casualties of 1,000", "death toll rose to 300").
METRIC_NOUNS: Final = {
    "casualties": "casualties", "casualty": "casualties", "losses": "casualties",
    "loss": "casualties", "deaths": "killed", "death": "killed", "dead": "killed",
    "fatalities": "killed", "killed": "killed", "kia": "killed", "toll": "casualties",
    "martyrs": "killed", "cost": "casualties", "displacement": "displaced", "bodies": "killed",
    "hostages": "captured",
    "mobilisation": "recruited", "mobilization": "recruited", "conscription": "recruited",
    "mobilised": "recruited", "mobilized": "recruited",
    "wounded": "wounded", "injured": "wounded", "injuries": "wounded", "wia": "wounded",
    "missing": "missing", "mia": "missing", "captured": "captured", "prisoners": "captured",
    "pows": "captured", "pow": "captured", "recruits": "recruited", "conscripts": "recruited",
    "refugees": "displaced", "displaced": "displaced", "idps": "displaced",
    "evacuees": "displaced",
    # what was done, named as a noun before "of" ("the killing of 30 civilians", "the wounding of 1835
    # persons", "the martyrdom of 558 persons" in translated statements)
    "killing": "killed", "killings": "killed", "martyrdom": "killed", "execution": "killed",
    "executions": "killed", "murder": "killed", "murders": "killed", "wounding": "wounded",
    "injuring": "wounded", "injury": "wounded", "abduction": "captured", "abductions": "captured",
    "kidnapping": "captured", "kidnappings": "captured", "deployment": "deployed",
}  # fmt: skip
# Phrases after a number or its noun that fix the metric; longest first when applied.
PREDICATES: dict[tuple[str, ...], str] = {
    ("killed", "or", "missing"): "killed_or_missing", ("killed", "and", "missing"): "killed_or_missing",
    ("dead", "or", "missing"): "killed_or_missing", ("dead", "and", "missing"): "killed_or_missing",
    ("missing", "or", "killed"): "killed_or_missing", ("missing", "or", "dead"): "killed_or_missing",
    ("killed", "or", "wounded"): "casualties", ("killed", "and", "wounded"): "casualties",
    ("killed", "or", "injured"): "casualties", ("killed", "and", "injured"): "casualties",
    ("dead", "and", "wounded"): "casualties", ("dead", "or", "wounded"): "casualties",
    ("dead", "and", "injured"): "casualties", ("wounded", "and", "killed"): "casualties",
    ("wounded", "or", "killed"): "casualties", ("injured", "and", "killed"): "casualties",
    ("killed", "wounded"): "casualties", ("killed", "or", "maimed"): "casualties",
    ("dead", "or", "maimed"): "casualties", ("killed", "or", "gone"): "killed_or_missing",
    ("death", "toll"): "killed", ("becoming", "casualties"): "casualties",
    ("killed", "in", "action"): "killed", ("missing", "in", "action"): "missing",
    ("became", "casualties"): "casualties", ("casualties",): "casualties",
    ("prisoner",): "captured", ("captivity",): "captured", ("held", "captive"): "captured",
    ("joined",): "recruited", ("driven", "from"): "displaced", ("forced", "from"): "displaced",
    ("from", "their", "homes"): "displaced", ("forced", "out"): "displaced",
    ("killed",): "killed", ("dead",): "killed", ("died",): "killed", ("die",): "killed",
    ("perished",): "killed", ("slain",): "killed", ("lost", "their", "lives"): "killed",
    ("martyred",): "killed", ("embraced", "shahadat"): "killed", ("embraced", "martyrdom"): "killed",
    ("shot", "dead"): "killed", ("gunned", "down"): "killed", ("lost", "the", "life"): "killed",
    ("lost", "their", "life"): "killed", ("lost", "life"): "killed",
    ("admitted", "to", "hospital"): "wounded", ("hospitalised",): "wounded", ("hospitalized",): "wounded",
    ("treated", "for", "injuries"): "wounded", ("treated", "for", "wounds"): "wounded",
    ("sent", "to", "hell"): "killed",
    ("eliminated",): "casualties", ("liquidated",): "casualties", ("neutralised",): "casualties",
    ("neutralized",): "casualties", ("kia",): "killed", ("out", "of", "action"): "casualties",
    ("put", "out", "of"): "casualties", ("called", "up"): "recruited", ("drafted",): "recruited",
    ("evacuated",): "displaced", ("disappeared",): "missing", ("forcibly", "disappeared"): "missing",
    ("as", "refugees"): "displaced", ("refugees",): "displaced", ("crossed", "the", "border"): "displaced",
    ("taken", "hostage"): "captured", ("held", "hostage"): "captured", ("as", "hostages"): "captured",
    ("held", "by"): "captured", ("held", "in", "captivity"): "captured", ("in", "captivity"): "captured",
    ("lost",): "casualties",
    ("wounded",): "wounded", ("injured",): "wounded", ("hurt",): "wounded",
    ("missing",): "missing", ("went", "missing"): "missing", ("gone", "missing"): "missing",
    ("go", "missing"): "missing", ("killed", "or", "are", "missing"): "killed_or_missing",
    ("killed", "or", "went", "missing"): "killed_or_missing",
    ("died", "or", "went", "missing"): "killed_or_missing",
    ("killed", "or", "remain", "missing"): "killed_or_missing",
    ("dead", "or", "are", "missing"): "killed_or_missing",
    ("killed", "or", "were", "missing"): "killed_or_missing",
    ("captured",): "captured", ("taken", "prisoner"): "captured", ("surrendered",): "captured",
    ("taken", "captive"): "captured", ("laid", "down", "their", "arms"): "captured",
    ("lay", "down", "their", "arms"): "captured", ("laid", "down", "arms"): "captured",
    ("recruited",): "recruited", ("mobilised",): "recruited", ("mobilized",): "recruited",
    ("conscripted",): "recruited", ("enlisted",): "recruited", ("signed", "contracts"): "recruited",
    ("signed", "up"): "recruited", ("into", "the", "war"): "recruited", ("into", "the", "army"): "recruited",
    ("deployed",): "deployed", ("stationed",): "deployed", ("sent", "to"): "deployed",
    ("were", "sent"): "deployed", ("massed",): "deployed", ("amassed",): "deployed",
    ("in", "the"): "deployed?", ("on", "the", "border"): "deployed", ("fighting", "in"): "deployed",
    ("displaced",): "displaced", ("fled",): "displaced", ("forced", "to", "flee"): "displaced",
    ("uprooted",): "displaced", ("forcibly", "displaced"): "displaced", ("crossed", "into"): "displaced",
    ("sought", "refuge"): "displaced", ("seek", "refuge"): "displaced", ("sought", "shelter"): "displaced",
    ("sought", "asylum"): "displaced", ("fled", "abroad"): "displaced",
    ("left", "their", "homes"): "displaced", ("in", "displacement", "sites"): "displaced",
    ("in", "displacement", "camps"): "displaced", ("living", "in", "displacement"): "displaced",
    ("living", "in", "camps"): "displaced", ("fighting", "alongside"): "deployed",
    ("received", "wounds"): "wounded", ("sustained", "wounds"): "wounded",
    ("sustained", "injuries"): "wounded", ("suffered", "injuries"): "wounded",
    ("suffered", "wounds"): "wounded", ("received", "injuries"): "wounded",
    ("signing", "up"): "recruited", ("sign", "up"): "recruited", ("signs", "up"): "recruited",
    ("fighting",): "deployed",
    ("fighting", "inside"): "deployed", ("fighting", "for"): "deployed",
}  # fmt: skip
MAX_PREDICATE_LEN: Final = 4

# Words for the people a count is about; they need a predicate or a verb to say what happened.
# One of the people counted: "one soldier was killed", "one Uruguayan peacekeeper".
SINGULAR_PEOPLE: Final = frozenset(
    "soldier civilian child person man woman peacekeeper journalist officer policeman worker medic "
    "serviceman paramedic doctor nurse volunteer resident fighter militant hostage prisoner".split()
)
PEOPLE_NOUNS: Final = SINGULAR_PEOPLE | frozenset(
    "soldiers soldier troops troop servicemen serviceman personnel people men fighters "
    "service members militants mercenaries civilians children women persons individuals "
    "combatants marines paratroopers infantrymen conscripts recruits volunteers "
    "russians ukrainians palestinians israelis sudanese syrians gazans koreans yemenis iraqis "
    "afghans americans reservists persons lebanese staff staffers employees workers journalists medics "
    "doctors nurses paramedics policemen officers residents villagers migrants detainees leaders activists "
    "protesters demonstrators defenders inhabitants citizens locals terrorists jihadists insurgents rebels "
    "gunmen assailants attackers extremists passengers guards bystanders pilgrims worshippers worshipers "
    "shoppers commuters farmers miners labourers laborers drivers students pupils teachers reporters "
    "rescuers firefighters herders fishermen inmates mourners tourists sailors pilots contractors bandits "
    "tribesmen patients peacekeepers peacekeeper companions others".split()
)
# Verbs to the left of a number that say what happened to it ("killed 300", "lost 900,000 people").
LEFT_VERBS: Final = {
    "lost": "casualties", "lose": "casualties", "losing": "casualties", "loses": "casualties",
    "killed": "killed", "kill": "killed", "killing": "killed", "kills": "killed",
    "wounded": "wounded", "wounding": "wounded", "injuring": "wounded", "injured": "wounded",
    "captured": "captured", "capturing": "captured",
    "recruited": "recruited", "recruit": "recruited", "recruiting": "recruited",
    "recruits": "recruited", "mobilised": "recruited", "mobilized": "recruited",
    "mobilise": "recruited", "mobilize": "recruited", "mobilising": "recruited",
    "mobilizing": "recruited", "conscripted": "recruited", "pulling": "recruited?",
    "slaughtered": "killed", "massacred": "killed", "murdered": "killed", "executed": "killed",
    "detained": "captured", "detaining": "captured", "abducted": "captured", "abducting": "captured",
    "martyred": "killed", "executing": "killed", "executes": "killed", "slaughtering": "killed",
    "massacring": "killed",
    "mobilises": "recruited", "mobilizes": "recruited", "drafts": "recruited", "drafted": "recruited",
    "draft": "recruited", "drafting": "recruited", "conscript": "recruited", "conscripting": "recruited",
    "enlist": "recruited", "enlisting": "recruited", "enlisted": "recruited",
    "perished": "killed", "cost": "casualties", "eliminated": "casualties", "liquidated": "casualties",
    "eliminating": "casualties", "liquidating": "casualties", "neutralised": "casualties",
    "neutralized": "casualties", "fighting": "deployed", "hosts": "displaced",
    "hosting": "displaced", "hosted": "displaced",
    "deployed": "deployed", "deploying": "deployed", "deploy": "deployed", "sent": "deployed?",
    "stationed": "deployed", "massed": "deployed", "amassed": "deployed",
    "displaced": "displaced", "displacing": "displaced", "uprooted": "displaced",
}  # fmt: skip
# Words allowed between a metric noun and its number: "losses amounted to about", "toll rose to".
CONNECTORS: Final = frozenset(
    "of at to is are was were be been being has have had stand stands stood reach reached "
    "reaches reaching rose risen rise rises climbed climbs climb hit hits total totals totalled "
    "totaled totalling totaling amount amounts amounted number numbered numbers put puts made "
    "make makes range ranges ranged run runs ran passed passes pass passing through eased fell dropped grew "
    "increased growing grown by slightly record averaged together another "
    "estimated estimate now currently likely probably already roughly reportedly some "
    "an a the average averaged averaging daily monthly weekly annual yearly rate figure "
    "count tally total overall combined ( - – — : sum between from running continued continue continues "
    "continuing remained may might could".split()
)
# Adjectives and other words skipped between a number and its noun.
MODIFIERS: Final = frozenset(
    "new more additional other total combined confirmed estimated reported military "
    "combat battlefield irrecoverable irretrievable permanent civilian enemy foreign "
    "regular active serving armed of which whom the their its his her our young old "
    "further extra fresh recorded documented verified known registered officially violent of "
    "seriously severely badly critically lightly heavily personnel service army "
    "elite trained contract contracted internally forcibly forced newly conflict war battle frontline "
    "related direct indirect excess humanitarian aid relief medical health media ethnic such".split()
)
PERMANENT_WORDS: Final = frozenset(["permanent", "irrecoverable", "irretrievable", "irrevocable"])

# --- rates -------------------------------------------------------------------
RATE_PHRASES: dict[tuple[str, ...], str] = {
    ("a", "day"): "day", ("per", "day"): "day", ("each", "day"): "day", ("every", "day"): "day",
    ("daily",): "day", ("a", "month"): "month", ("per", "month"): "month",
    ("each", "month"): "month", ("every", "month"): "month", ("monthly",): "month",
    ("a", "week"): "week", ("per", "week"): "week", ("each", "week"): "week",
    ("every", "week"): "week", ("weekly",): "week", ("a", "year"): "year",
    ("every", "single", "day"): "day", ("each", "and", "every", "day"): "day",
    ("per", "year"): "year", ("each", "year"): "year", ("every", "year"): "year",
    ("annually",): "year", ("yearly",): "year", ("per", "annum"): "year",
    ("per", "square", "kilometer"): "km2", ("per", "square", "kilometre"): "km2",
    ("per", "square", "kilometers"): "km2", ("per", "square", "kilometres"): "km2",
    ("per", "km2"): "km2", ("per", "km²"): "km2", ("per", "sq", "km"): "km2",
    ("for", "every", "square", "kilometer"): "km2", ("for", "every", "square", "kilometre"): "km2",
    ("per", "kilometer"): "km2", ("per", "kilometre"): "km2", ("/", "day"): "day",
    ("per", "24", "hours"): "day", ("every", "24", "hours"): "day",
}  # fmt: skip
# Words after "a day" etc. that make it something else: "a day earlier", "a year ago".
RATE_BREAKERS: Final = frozenset("earlier later after before ago of or and-a-half".split())
LEFT_RATE_WORDS: Final = {
    "daily": "day",
    "monthly": "month",
    "weekly": "week",
    "annual": "year",
    "yearly": "year",
}

# --- what a number is not ----------------------------------------------------
CURRENCY_WORDS: Final = frozenset(
    "euros euro dollars dollar usd eur gbp pounds sterling hryvnias hryvnia uah rubles "
    "roubles ruble rouble yuan yen francs shekels rupees".split()
)
CURRENCY_SIGNS: Final = "$€£₴₽¥"
EQUIPMENT_NOUNS: Final = frozenset(
    "tanks tank drones drone uavs ships ship boats boat aircraft planes helicopters missiles "
    "missile shells rounds vehicles vehicle artillery systems launchers guns rifles bombs "
    "munitions warheads cars trucks kilometres kilometers km miles metres meters hectares "
    "villages towns settlements cities buildings homes houses targets strikes attacks "
    "sorties positions brigades brigade battalions battalion divisions division regiments "
    "units votes euros dollars calories tonnes tons barrels carriers apcs ifvs howitzers mlrs vessels jets "
    "warplanes helicopter planes aircrafts uav".split()
)
# Places and parties counted, not people: a number before one is no claim ("on the two sides",
# "in 14 provinces"); unlike the nouns above, they do not end an elliptical list ("994 were killed
# near the sites and 766 along the routes").
PLACE_COUNT_NOUNS: Final = frozenset(
    "sides countries nations provinces regions districts sites locations airports hospitals schools".split()
)
DURATION_UNITS: Final = frozenset(
    "day days week weeks month months year years hour hours minute minutes decade decades "
    "century centuries night nights".split()
)
MONTHS: Final = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}  # fmt: skip
WEEKDAYS: Final = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip

# --- territory ---------------------------------------------------------------
TERRITORY_WORDS: Final = frozenset(
    "territory territories land area region oblast province country ukraine salient strip enclave".split()
)
GAIN_VERBS: Final = frozenset(
    "captured capture captures capturing seized seize seizes seizing occupied occupies occupy "
    "occupying took taken take takes gained gain gains advanced retook retaken regained "
    "liberated controls control controlled controlling holds hold held holding conquered "
    "annexed grabbed overran".split()
)
LOSS_VERBS_TERRITORY: Final = frozenset(
    "lost lose loses losing ceded cede gave abandoned surrendered".split()
)

# --- who suffers -------------------------------------------------------------
# Loss verbs: the grammatical subject before them is whose losses the figure counts.
LOSS_VERBS: Final = frozenset(
    "lost lose loses losing suffered suffer suffers suffering sustained sustain sustains "
    "sustaining incurred incur incurs taken took endured paying paid pay pays".split()
)
# Inflicting verbs: the agent before them is NOT whose losses these are.
INFLICT_VERBS: Final = frozenset(
    "killed kill kills killing inflicted inflict inflicts inflicting eliminated eliminate "
    "destroyed neutralised neutralized wounded wounding injured injuring slaughtered massacred "
    "murdered executed".split()
)
# Words that may sit between a grammatical subject and its verb.
AUXILIARIES: Final = frozenset(
    "has have had is are was were be been being will would may might could continues continue "
    "continued to already reportedly also now still currently likely probably allegedly "
    "reported estimated believed thought said expected set so far thus just nearly almost "
    "alone together in total overall on average average averaging forces troops army military "
    "armed soldiers side units personnel".split()
)
# Country and group names, nationality words and metonyms -> subject.
# Cities and regions of countries at war. They name the side whose people are hit there ("killed in
# El Fasher", "strikes on Rafah"), and before an attack they name where it fell ("the Dnipro missile
# strike", "a Gaza airstrike"), not who struck, as a nationality does ("a Russian missile strike").
# Capitals that stand for their governments ("Kyiv's drones", "Moscow's offensive") are not among them.
TARGET_PLACE_SUBJECTS: Final[dict[tuple[str, ...], str]] = {
    ("fasher",): "sudan", ("fashir",): "sudan", ("omdurman",): "sudan", ("kordofan",): "sudan",
    ("geneina",): "sudan", ("zamzam",): "sudan", ("gezira",): "sudan", ("darfur",): "sudan",
    ("rafah",): "palestinians", ("jabalia",): "palestinians", ("gaza",): "palestinians",
    ("aleppo",): "syria", ("idlib",): "syria", ("homs",): "syria", ("latakia",): "syria",
    ("sweida",): "syria", ("suwayda",): "syria", ("rakhine",): "myanmar", ("sagaing",): "myanmar",
    ("goma",): "dr_congo", ("kivu",): "dr_congo", ("tigray",): "ethiopia", ("beirut",): "lebanon",
    ("kharkiv",): "ukraine", ("dnipro",): "ukraine", ("odesa",): "ukraine", ("odessa",): "ukraine",
    ("kherson",): "ukraine", ("zaporizhzhia",): "ukraine", ("mariupol",): "ukraine", ("sumy",): "ukraine",
    ("chernihiv",): "ukraine", ("lviv",): "ukraine", ("kramatorsk",): "ukraine", ("belgorod",): "russia",
    ("mogadishu",): "somalia", ("poltava",): "ukraine", ("vinnytsia",): "ukraine",
    ("zhytomyr",): "ukraine", ("mykolaiv",): "ukraine", ("uman",): "ukraine", ("pokrovsk",): "ukraine",
    ("sloviansk",): "ukraine", ("kostiantynivka",): "ukraine", ("kursk",): "russia",
    ("bryansk",): "russia", ("kryvyi", "rih"): "ukraine", ("borno",): "nigeria", ("maiduguri",): "nigeria",
    ("balochistan",): "pakistan", ("mandalay",): "myanmar", ("khan", "younis"): "palestinians",
    ("nuseirat",): "palestinians", ("bekaa",): "lebanon", ("baalbek",): "lebanon", ("nabatieh",): "lebanon",
    ("tyre",): "lebanon", ("sidon",): "lebanon", ("dahiyeh",): "lebanon", ("hodeidah",): "yemen",
    ("daraa",): "syria", ("deir", "ez-zor"): "syria", ("hama",): "syria", ("tartus",): "syria",
    ("kassala",): "sudan", ("gedaref",): "sudan", ("sennar",): "sudan", ("wad", "madani"): "sudan",
    ("bukavu",): "dr_congo", ("mekelle",): "ethiopia", ("gondar",): "ethiopia", ("bahir", "dar"): "ethiopia",
    ("kupiansk",): "ukraine", ("toretsk",): "ukraine", ("avdiivka",): "ukraine", ("bakhmut",): "ukraine",
    ("chasiv", "yar"): "ukraine", ("nikopol",): "ukraine", ("sudzha",): "russia",
}  # fmt: skip
TARGET_PLACES: Final = frozenset(k[0] for k in TARGET_PLACE_SUBJECTS)
SUBJECT_WORDS: dict[tuple[str, ...], str] = {
    ("russia",): "russia", ("russian",): "russia", ("russians",): "russia", ("moscow",): "russia",
    ("kremlin",): "russia", ("ukraine",): "ukraine", ("ukrainian",): "ukraine",
    ("ukrainians",): "ukraine", ("kyiv",): "ukraine", ("kiev",): "ukraine",
    ("north", "korea"): "north_korea", ("north", "korean"): "north_korea",
    ("north", "koreans"): "north_korea", ("dprk",): "north_korea", ("pyongyang",): "north_korea",
    ("soviet", "union"): "soviet_union", ("soviet",): "soviet_union", ("ussr",): "soviet_union",
    ("soviets",): "soviet_union", ("palestinians",): "palestinians", ("palestinian",): "palestinians",
    ("gazans",): "palestinians", ("hamas",): "hamas",
    ("israel",): "israel", ("israeli",): "israel", ("israelis",): "israel", ("idf",): "israel",
    ("sudan",): "sudan", ("sudanese",): "sudan", ("khartoum",): "sudan",
    ("syria",): "syria", ("syrian",): "syria", ("syrians",): "syria", ("yemen",): "yemen",
    ("yemeni",): "yemen", ("lebanon",): "lebanon", ("lebanese",): "lebanon",
    ("hezbollah",): "hezbollah", ("iran",): "iran", ("iranian",): "iran", ("iraq",): "iraq",
    ("iraqi",): "iraq", ("iraqis",): "iraq", ("afghanistan",): "afghanistan", ("afghan",): "afghanistan",
    ("afghans",): "afghanistan", ("ethiopia",): "ethiopia", ("ethiopian",): "ethiopia",
    ("tigrayan",): "ethiopia", ("myanmar",): "myanmar", ("burmese",): "myanmar",
    ("rohingya",): "myanmar", ("junta",): "myanmar", ("united", "states"): "united_states",
    ("somalia",): "somalia", ("congo",): "dr_congo", ("drc",): "dr_congo", ("congolese",): "dr_congo",
    ("haiti",): "haiti",
    ("belarus",): "belarus", ("belarusian",): "belarus", ("wagner",): "russia",
    ("world",): "world", ("worldwide",): "world", ("global",): "world", ("globally",): "world",
    ("putin's",): "russia", ("putin",): "russia", ("vlad's",): "russia", ("yemenis",): "yemen",
    ("american",): "united_states", ("americans",): "united_states", ("u.s",): "united_states",
    ("damascus",): "syria",
    ("houthi",): "houthis", ("houthis",): "houthis", ("sanaa",): "yemen",
    ("tatmadaw",): "myanmar",
    ("kinshasa",): "dr_congo",
    ("rwanda",): "rwanda", ("rwandan",): "rwanda", ("south", "africa"): "south_africa",
    ("south", "african"): "south_africa", ("uganda",): "uganda", ("ugandan",): "uganda", ("mali",): "mali",
    ("malian",): "mali", ("nigeria",): "nigeria", ("nigerian",): "nigeria", ("libya",): "libya",
    ("libyan",): "libya", ("azerbaijan",): "azerbaijan", ("azerbaijani",): "azerbaijan",
    ("armenia",): "armenia", ("armenian",): "armenia", ("eritrea",): "eritrea", ("eritrean",): "eritrea",
    ("armenians",): "armenia", ("azerbaijanis",): "azerbaijan", ("burkina", "faso"): "burkina_faso",
    ("burkinabe",): "burkina_faso", ("niger",): "niger", ("nigerien",): "niger", ("chad",): "chad",
    ("chadian",): "chad", ("cameroon",): "cameroon", ("mozambique",): "mozambique",
    ("colombia",): "colombia", ("mexico",): "mexico",
    ("haitians",): "haiti", ("haitian",): "haiti",
    ("india",): "india", ("indian",): "india", ("indians",): "india", ("new", "delhi"): "india",
    ("pakistan",): "pakistan", ("pakistani",): "pakistan", ("pakistanis",): "pakistan",
    ("islamabad",): "pakistan", ("thailand",): "thailand", ("thai",): "thailand", ("thais",): "thailand",
    ("bangkok",): "thailand", ("cambodia",): "cambodia", ("cambodian",): "cambodia",
    ("cambodians",): "cambodia", ("phnom", "penh"): "cambodia", ("somali",): "somalia",
    ("somalis",): "somalia",
    ("taliban",): "afghanistan", ("kabul",): "afghanistan", ("tehran",): "iran",
    ("boko", "haram"): "nigeria", ("iswap",): "nigeria", ("m23",): "dr_congo", ("rsf",): "sudan",
    ("shabaab",): "somalia",
    # more countries at war, and their people (not the neighbours that host refugees or strike from
    # outside, such as Turkey, Egypt or Poland: a name in the table is read as the side hit)
    ("malawi",): "malawi", ("malawian",): "malawi", ("uruguay",): "uruguay", ("uruguayan",): "uruguay",
    ("tanzania",): "tanzania", ("tanzanian",): "tanzania",
    ("benin",): "benin", ("beninese",): "benin", ("cotonou",): "benin", ("togo",): "togo",
    ("togolese",): "togo", ("burundi",): "burundi", ("burundian",): "burundi",
    ("south", "sudan"): "south_sudan", ("south", "sudanese"): "south_sudan", ("juba",): "south_sudan",
    ("central", "african", "republic"): "central_african_republic",
    ("colombian",): "colombia", ("colombians",): "colombia", ("mexican",): "mexico", ("mexicans",): "mexico",
    ("mozambican",): "mozambique", ("cameroonian",): "cameroon", ("nigerians",): "nigeria",
    ("malians",): "mali", ("chadians",): "chad", ("ethiopians",): "ethiopia", ("eritreans",): "eritrea",
    ("rwandans",): "rwanda", ("ugandans",): "uganda", ("libyans",): "libya",
    ("iranians",): "iran", ("burkinabè",): "burkina_faso", ("nigeriens",): "niger",
    **TARGET_PLACE_SUBJECTS,
}  # fmt: skip
SUBJECT_WORDS_FLAT: Final = frozenset(w for key in SUBJECT_WORDS for w in key)
# Ambiguous place words that are not a subject when they follow a number's head as a location.
ENEMY_WORDS: Final = frozenset(["enemy", "enemy's", "occupiers", "occupier", "invaders", "adversary"])

# Conflicts: when they began, who the parties are. "Since the war began" resolves through this.
CONFLICTS: tuple[dict[str, object], ...] = (
    {
        "name": "russia-ukraine",
        "start": "2022-02-24",
        # The war began with Crimea and the Donbas in 2014, before the full-scale invasion that
        # "since the start of the war" usually means: no figure of it can count from earlier.
        "earliest": "2014-02-20",
        "sides": (("russia", "north_korea", "belarus"), ("ukraine",)),
        # "since February 2022", "since 2022" and "in 2022" mean the full-scale war (elsewhere a month
        # or year named alone covers all of it: "since October 2023" starts on 1 October)
        "month_means_start": True,
    },
    {
        "name": "israel-gaza",
        "start": "2023-10-07",
        "sides": (("israel",), ("palestinians", "hamas", "hezbollah", "lebanon")),
    },
    # the strikes of May 2025 after the Pahalgam attack, and the border war of July 2025
    {"name": "india-pakistan", "start": "2025-05-07", "sides": (("india",), ("pakistan",))},
    {"name": "thailand-cambodia", "start": "2025-07-24", "sides": (("thailand",), ("cambodia",))},
    # the border clashes of October 2025 (Pakistan's first war above keeps India as its opponent)
    {"name": "afghanistan-pakistan", "start": "2025-10-11", "sides": (("afghanistan",), ("pakistan",))},
    {"name": "sudan", "start": "2023-04-15", "sides": (("sudan",),)},
    # the twelve-day war of June 2025: Israel stays with its first war above, Iran's opponent is Israel
    {"name": "israel-iran", "start": "2025-06-13", "sides": (("iran",), ("israel",))},
    {"name": "soviet-afghan", "start": "1979-12-24", "sides": (("soviet_union",), ("afghanistan",))},
)

# Armed groups and the country whose people an article about them counts when it names no side for
# a figure ("the Houthi-run health ministry put the dead at 38": Yemen's).
GROUP_COUNTRIES: Final = {"houthis": "yemen", "hamas": "palestinians", "hezbollah": "lebanon"}

# The war starts that a month or year named alone means (see "month_means_start" above).
WAR_STARTS_NAMED_BY_MONTH: Final = frozenset(
    date.fromisoformat(str(c["start"])) for c in CONFLICTS if c.get("month_means_start")
)

# --- attribution -------------------------------------------------------------
# Nouns that end the name of an organisation ("Syrian Observatory for Human Rights", "Black Bird Group").
ORG_WORDS: Final = (
    "Ministry Staff Institute Institution University Center Centre Group Council Agency Service Office "
    "Project Committee Headquarters House Foundation Observatory Mission Command Directorate "
    "Commission Bureau Department Union Initiative Network Tracker Monitor Programme Program Team Rada Count "
    "Administration School College Academy Laboratory Lab Endowment Fund Forum Society Association"
).split()
# Nouns that make "by X's ..." an attribution: "by Ukrainian General Staff figures", "by ISW's reckoning".
DATA_NOUNS: Final = frozenset(
    "data figures figure estimates estimate count counts reckoning calculations calculation tally "
    "arithmetic".split()
)
REPORTING_VERBS: Final = frozenset(
    "said says say saying stated states state reported reports report reporting noted notes "
    "told tells announced announces announce claimed claims claim added adds revealed reveals "
    "wrote writes assessed assesses assess believes believe indicated indicates indicate "
    "suggest suggests suggested show shows showed shown confirmed confirms acknowledged "
    "admitted admits declared declares explained explains insisted warned emphasised "
    "emphasized stressed concluded disclosed discloses calculated calculates counted counts "
    "recorded records documented tallied observed cited estimated estimates estimate puts put "
    "informed briefed summed told alleged alleges wrote posted published publishes "
    "put according reckons reckon reckoned documented verified identified informs informed affirms "
    "affirmed notes told tells announced counts found finds attributed attributes attribute".split()
)
# Reporting verbs that only count when followed by "that", ":", a date, or a comma,
# because they are also ordinary verbs ("show", "put", "counts") or nouns ("Khartoum state",
# "member states").
WEAK_REPORTING_VERBS: Final = frozenset(
    "show shows showed shown counted counts recorded records documented verified identified "
    "state states attributed attributes attribute".split()
)
# Heads of noun phrases that cannot be a source ("Russian forces reported ...").
NON_SOURCE_HEADS: Final = frozenset(
    "forces troops soldiers units army's fighters casualties losses figures figure number "
    "this that which these those there".split()
)
# Words that make a noun phrase a generic back-reference to an earlier source.
GENERIC_SOURCE_WORDS: Final = frozenset(
    "he she they official officials spokesman spokeswoman spokesperson ministry agency "
    "alliance update report statement intelligence minister commander chief source sources "
    "department office it we our monitor observatory mission monitors".split()
)
