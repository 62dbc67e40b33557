#!/usr/bin/env python3
"""Generate the gazetteer data: ``actors_states.yaml`` (pycountry plus a hand table) and
``actors_phoenix.tsv`` (the Phoenix actor and agent dictionaries of PETRARCH2).

Why a generator: ISO 3166 codes and official names come from pycountry (a
well-kept package) rather than being typed by hand; what pycountry lacks
(capitals, demonyms, Wikidata QIDs, metonyms, common short names) is in the
hand table below, which is the part to review and extend. The output is
committed, so running accord never needs pycountry's data at run time beyond
what is installed anyway.

Run:  .venv/bin/python scripts/make_gazetteer.py  (rewrites both files)

Phoenix: ``/work/shared/vendor/petrarch2-dictionaries/Phoenix.{Countries,International,
MilNonState}.actors.txt`` and ``Phoenix.agents.txt`` (MIT, Open Event Data Alliance; the
notice is copied into the output) are read as DATA only (names, codes, date ranges; none
of their comments). See :mod:`phoenix_dictionaries` for the format and the merging rules;
entries that do not parse are reported as ``FILE:LINE: ...`` and skipped. Override the
directory with ``--phoenix DIR``.

QIDs: the states of the example corpus and the seeds (POL KOR PRK BLR RUS ISR
AZE IRN TUR ARM USA) were checked by hand; the others are given where the
author knew them reliably, ``null`` otherwise.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pycountry
import yaml

PHOENIX_DIR = Path(__file__).resolve().parents[2] / "shared" / "vendor" / "petrarch2-dictionaries"
OUT = Path(__file__).resolve().parent.parent / "src" / "accord" / "data" / "actors_states.yaml"

# ISO 3166-1 entries that are not UN member or observer states (territories,
# dependencies, Antarctica). Everything else in pycountry is one of the 193
# members or the two observers (Holy See, Palestine).
NOT_UN = set("""
ABW AIA ALA ASM ATA ATF BES BLM BMU BVT CCK COK CUW CXR CYM ESH FLK FRO GGY GIB GLP GRL
GUF GUM HKG HMD IMN IOT JEY MAC MAF MNP MSR MTQ MYT NCL NFK NIU PCN PRI PYF REU SGS SHN
SJM SPM SXM TCA TKL TWN UMI VGB VIR WLF
""".split())
OBSERVERS = {"VAT", "PSE"}

# iso3: (capital(s) "|"-separated, adjectives "|"-separated, QID or None)
TABLE: dict[str, tuple[str, str, str | None]] = {
    "AFG": ("Kabul", "Afghan", "Q889"),
    "ALB": ("Tirana", "Albanian", "Q222"),
    "DZA": ("Algiers", "Algerian", "Q262"),
    "AND": ("Andorra la Vella", "Andorran", "Q228"),
    "AGO": ("Luanda", "Angolan", "Q916"),
    "ATG": ("St. John's", "Antiguan", "Q781"),
    "ARG": ("Buenos Aires", "Argentine|Argentinian|Argentinean", "Q414"),
    "ARM": ("Yerevan", "Armenian", "Q399"),
    "AUS": ("Canberra", "Australian", "Q408"),
    "AUT": ("Vienna", "Austrian", "Q40"),
    "AZE": ("Baku", "Azerbaijani|Azeri|Azerbaijanian", "Q227"),
    "BHS": ("Nassau", "Bahamian", "Q778"),
    "BHR": ("Manama", "Bahraini", "Q398"),
    "BGD": ("Dhaka", "Bangladeshi", "Q902"),
    "BRB": ("Bridgetown", "Barbadian", "Q244"),
    "BLR": ("Minsk", "Belarusian|Belarussian|Byelorussian", "Q184"),
    "BEL": ("Brussels", "Belgian", "Q31"),
    "BLZ": ("Belmopan", "Belizean", "Q242"),
    "BEN": ("Porto-Novo", "Beninese", "Q962"),
    "BTN": ("Thimphu", "Bhutanese", "Q917"),
    "BOL": ("Sucre|La Paz", "Bolivian", "Q750"),
    "BIH": ("Sarajevo", "Bosnian", "Q225"),
    "BWA": ("Gaborone", "Botswanan", "Q963"),
    "BRA": ("Brasilia|Brasília", "Brazilian", "Q155"),
    "BRN": ("Bandar Seri Begawan", "Bruneian", "Q921"),
    "BGR": ("Sofia", "Bulgarian", "Q219"),
    "BFA": ("Ouagadougou", "Burkinabe", "Q965"),
    "BDI": ("Gitega", "Burundian", "Q967"),
    "CPV": ("Praia", "Cape Verdean", "Q1011"),
    "KHM": ("Phnom Penh", "Cambodian", "Q424"),
    "CMR": ("Yaoundé|Yaounde", "Cameroonian", "Q1009"),
    "CAN": ("Ottawa", "Canadian", "Q16"),
    "CAF": ("Bangui", "Central African", "Q929"),
    "TCD": ("N'Djamena", "Chadian", "Q657"),
    "CHL": ("Santiago", "Chilean", "Q298"),
    "CHN": ("Beijing|Peking", "Chinese", "Q148"),
    "COL": ("Bogotá|Bogota", "Colombian", "Q739"),
    "COM": ("Moroni", "Comorian", "Q970"),
    "COG": ("Brazzaville", "", "Q971"),
    "COD": ("Kinshasa", "Congolese", "Q974"),
    "CRI": ("San José", "Costa Rican", "Q800"),
    "CIV": ("Yamoussoukro", "Ivorian", "Q1008"),
    "HRV": ("Zagreb", "Croatian", "Q224"),
    "CUB": ("Havana", "Cuban", "Q241"),
    "CYP": ("Nicosia", "Cypriot", "Q229"),
    "CZE": ("Prague", "Czech", "Q213"),
    "DNK": ("Copenhagen", "Danish", "Q35"),
    "DJI": ("Djibouti", "Djiboutian", "Q977"),
    "DMA": ("Roseau", "Dominican", "Q784"),
    "DOM": ("Santo Domingo", "", "Q786"),
    "ECU": ("Quito", "Ecuadorian|Ecuadorean", "Q736"),
    "EGY": ("Cairo", "Egyptian", "Q79"),
    "SLV": ("San Salvador", "Salvadoran", "Q792"),
    "GNQ": ("Malabo", "Equatoguinean", "Q983"),
    "ERI": ("Asmara", "Eritrean", "Q986"),
    "EST": ("Tallinn", "Estonian", "Q191"),
    "SWZ": ("Mbabane", "Swazi", "Q1050"),
    "ETH": ("Addis Ababa", "Ethiopian", "Q115"),
    "FJI": ("Suva", "Fijian", "Q712"),
    "FIN": ("Helsinki", "Finnish", "Q33"),
    "FRA": ("Paris", "French", "Q142"),
    "GAB": ("Libreville", "Gabonese", "Q1000"),
    "GMB": ("Banjul", "Gambian", "Q1005"),
    "GEO": ("Tbilisi", "Georgian", "Q230"),
    "DEU": ("Berlin", "German", "Q183"),
    "GHA": ("Accra", "Ghanaian", "Q117"),
    "GRC": ("Athens", "Greek", "Q41"),
    "GRD": ("St. George's", "Grenadian", "Q769"),
    "GTM": ("Guatemala City", "Guatemalan", "Q774"),
    "GIN": ("Conakry", "Guinean", "Q1006"),
    "GNB": ("Bissau", "Bissau-Guinean", "Q1007"),
    "GUY": ("Georgetown", "Guyanese", "Q734"),
    "HTI": ("Port-au-Prince", "Haitian", "Q790"),
    "VAT": ("Vatican City", "Vatican", "Q237"),
    "HND": ("Tegucigalpa", "Honduran", "Q783"),
    "HUN": ("Budapest", "Hungarian", "Q28"),
    "ISL": ("Reykjavik|Reykjavík", "Icelandic", "Q189"),
    "IND": ("New Delhi", "Indian", "Q668"),
    "IDN": ("Jakarta", "Indonesian", "Q252"),
    "IRN": ("Tehran|Teheran", "Iranian|Persian", "Q794"),
    "IRQ": ("Baghdad", "Iraqi", "Q796"),
    "IRL": ("Dublin", "Irish", "Q27"),
    "ISR": ("Jerusalem", "Israeli", "Q801"),
    "ITA": ("Rome", "Italian", "Q38"),
    "JAM": ("Kingston", "Jamaican", "Q766"),
    "JPN": ("Tokyo", "Japanese", "Q17"),
    "JOR": ("Amman", "Jordanian", "Q810"),
    "KAZ": ("Astana", "Kazakh|Kazakhstani", "Q232"),
    "KEN": ("Nairobi", "Kenyan", "Q114"),
    "KIR": ("Tarawa", "I-Kiribati", "Q710"),
    "PRK": ("Pyongyang", "North Korean", "Q423"),
    "KOR": ("Seoul", "South Korean|Korean", "Q884"),
    "KWT": ("Kuwait City", "Kuwaiti", "Q817"),
    "KGZ": ("Bishkek", "Kyrgyz|Kyrgyzstani", "Q813"),
    "LAO": ("Vientiane", "Lao|Laotian", "Q819"),
    "LVA": ("Riga", "Latvian", "Q211"),
    "LBN": ("Beirut", "Lebanese", "Q822"),
    "LSO": ("Maseru", "Basotho", "Q1013"),
    "LBR": ("Monrovia", "Liberian", "Q1014"),
    "LBY": ("Tripoli", "Libyan", "Q1016"),
    "LIE": ("Vaduz", "Liechtensteiner", "Q347"),
    "LTU": ("Vilnius", "Lithuanian", "Q37"),
    "LUX": ("Luxembourg City", "Luxembourgish", "Q32"),
    "MDG": ("Antananarivo", "Malagasy", "Q1019"),
    "MWI": ("Lilongwe", "Malawian", "Q1020"),
    "MYS": ("Kuala Lumpur", "Malaysian", "Q833"),
    "MDV": ("Malé|Male", "Maldivian", "Q826"),
    "MLI": ("Bamako", "Malian", "Q912"),
    "MLT": ("Valletta", "Maltese", "Q233"),
    "MHL": ("Majuro", "Marshallese", "Q709"),
    "MRT": ("Nouakchott", "Mauritanian", "Q1025"),
    "MUS": ("Port Louis", "Mauritian", "Q1027"),
    "MEX": ("Mexico City", "Mexican", "Q96"),
    "FSM": ("Palikir", "Micronesian", "Q702"),
    "MDA": ("Chisinau|Chișinău", "Moldovan", "Q217"),
    "MCO": ("Monaco", "Monegasque", "Q235"),
    "MNG": ("Ulaanbaatar|Ulan Bator", "Mongolian", "Q711"),
    "MNE": ("Podgorica", "Montenegrin", "Q236"),
    "MAR": ("Rabat", "Moroccan", "Q1028"),
    "MOZ": ("Maputo", "Mozambican", "Q1029"),
    "MMR": ("Naypyidaw|Naypyitaw", "Burmese|Myanmar", "Q836"),
    "NAM": ("Windhoek", "Namibian", "Q1030"),
    "NRU": ("Yaren", "Nauruan", "Q697"),
    "NPL": ("Kathmandu", "Nepali|Nepalese", "Q837"),
    "NLD": ("Amsterdam|The Hague", "Dutch", "Q55"),
    "NZL": ("Wellington", "New Zealand", "Q664"),
    "NIC": ("Managua", "Nicaraguan", "Q811"),
    "NER": ("Niamey", "Nigerien", "Q1032"),
    "NGA": ("Abuja", "Nigerian", "Q1033"),
    "MKD": ("Skopje", "Macedonian", "Q221"),
    "NOR": ("Oslo", "Norwegian", "Q20"),
    "OMN": ("Muscat", "Omani", "Q842"),
    "PAK": ("Islamabad", "Pakistani", "Q843"),
    "PLW": ("Ngerulmud", "Palauan", "Q695"),
    "PSE": ("Ramallah", "Palestinian", "Q219060"),
    "PAN": ("Panama City", "Panamanian", "Q804"),
    "PNG": ("Port Moresby", "Papua New Guinean", "Q691"),
    "PRY": ("Asunción|Asuncion", "Paraguayan", "Q733"),
    "PER": ("Lima", "Peruvian", "Q419"),
    "PHL": ("Manila", "Filipino|Philippine", "Q928"),
    "POL": ("Warsaw", "Polish", "Q36"),
    "PRT": ("Lisbon", "Portuguese", "Q45"),
    "QAT": ("Doha", "Qatari", "Q846"),
    "ROU": ("Bucharest", "Romanian", "Q218"),
    "RUS": ("Moscow", "Russian", "Q159"),
    "RWA": ("Kigali", "Rwandan", "Q1037"),
    "KNA": ("Basseterre", "Kittitian", "Q763"),
    "LCA": ("Castries", "Saint Lucian", "Q760"),
    "VCT": ("Kingstown", "Vincentian", "Q757"),
    "WSM": ("Apia", "Samoan", "Q683"),
    "SMR": ("San Marino", "Sammarinese", "Q238"),
    "STP": ("São Tomé|Sao Tome", "Santomean", "Q1039"),
    "SAU": ("Riyadh", "Saudi", "Q851"),
    "SEN": ("Dakar", "Senegalese", "Q1041"),
    "SRB": ("Belgrade", "Serbian", "Q403"),
    "SYC": ("Victoria", "Seychellois", "Q1042"),
    "SLE": ("Freetown", "Sierra Leonean", "Q1044"),
    "SGP": ("Singapore", "Singaporean", "Q334"),
    "SVK": ("Bratislava", "Slovak|Slovakian", "Q214"),
    "SVN": ("Ljubljana", "Slovenian|Slovene", "Q215"),
    "SLB": ("Honiara", "Solomon Islander", "Q685"),
    "SOM": ("Mogadishu", "Somali", "Q1045"),
    "ZAF": ("Pretoria", "South African", "Q258"),
    "SSD": ("Juba", "South Sudanese", "Q958"),
    "ESP": ("Madrid", "Spanish", "Q29"),
    "LKA": ("Colombo", "Sri Lankan", "Q854"),
    "SDN": ("Khartoum", "Sudanese", "Q1049"),
    "SUR": ("Paramaribo", "Surinamese", "Q730"),
    "SWE": ("Stockholm", "Swedish", "Q34"),
    "CHE": ("Bern", "Swiss", "Q39"),
    "SYR": ("Damascus", "Syrian", "Q858"),
    "TJK": ("Dushanbe", "Tajik|Tajikistani", "Q863"),
    "TZA": ("Dodoma", "Tanzanian", "Q924"),
    "THA": ("Bangkok", "Thai", "Q869"),
    "TLS": ("Dili", "Timorese", "Q574"),
    "TGO": ("Lomé|Lome", "Togolese", "Q945"),
    "TON": ("Nuku'alofa", "Tongan", "Q678"),
    "TTO": ("Port of Spain", "Trinidadian", "Q754"),
    "TUN": ("Tunis", "Tunisian", "Q948"),
    "TUR": ("Ankara", "Turkish", "Q43"),
    "TKM": ("Ashgabat", "Turkmen", "Q874"),
    "TUV": ("Funafuti", "Tuvaluan", "Q672"),
    "UGA": ("Kampala", "Ugandan", "Q1036"),
    "UKR": ("Kyiv|Kiev", "Ukrainian", "Q212"),
    "ARE": ("Abu Dhabi", "Emirati", "Q878"),
    "GBR": ("London", "British", "Q145"),
    "USA": ("Washington", "American|U.S.", "Q30"),
    "URY": ("Montevideo", "Uruguayan", "Q77"),
    "UZB": ("Tashkent", "Uzbek", "Q265"),
    "VUT": ("Port Vila", "Ni-Vanuatu", "Q686"),
    "VEN": ("Caracas", "Venezuelan", "Q717"),
    "VNM": ("Hanoi", "Vietnamese", "Q881"),
    "YEM": ("Sanaa|Sana'a", "Yemeni", "Q805"),
    "ZMB": ("Lusaka", "Zambian", "Q953"),
    "ZWE": ("Harare", "Zimbabwean", "Q954"),
    "CIV_": ("", "", None),  # placeholder removed below
}
TABLE.pop("CIV_")

# Short names people write, beyond pycountry's name/common_name/official_name.
EXTRA_NAMES: dict[str, list[str]] = {
    "USA": ["United States", "United States of America", "U.S.", "U.S.A.", "America"],
    "GBR": ["Britain", "Great Britain", "U.K.", "United Kingdom"],
    "RUS": ["Russia"],
    "KOR": ["South Korea", "Republic of Korea", "Korea"],
    "PRK": ["North Korea", "DPRK", "D.P.R.K."],
    "IRN": ["Iran", "Persia"],
    "SYR": ["Syria"],
    "TUR": ["Turkey", "Türkiye", "Turkiye", "Republic of Turkey"],
    "CZE": ["Czech Republic"],
    # "Congo" and "Congolese" alone mean the DR Congo in today's news ("eastern Congo")
    "COD": ["DR Congo", "Congo", "DRC", "Democratic Republic of the Congo",
            "Democratic Republic of Congo", "Congo-Kinshasa"],
    "COG": ["Republic of the Congo", "Congo-Brazzaville", "Republic of Congo",
            "Congo Republic"],
    "CIV": ["Ivory Coast", "Côte d'Ivoire", "Cote d'Ivoire"],
    "MMR": ["Burma"],
    "SWZ": ["Swaziland"],
    "MKD": ["Macedonia"],
    "PSE": ["Palestine", "State of Palestine"],
    "VAT": ["Holy See", "Vatican"],
    "FSM": ["Micronesia"],
    "BOL": ["Bolivia"],
    "VEN": ["Venezuela"],
    "TZA": ["Tanzania"],
    "MDA": ["Moldova"],
    "LAO": ["Laos"],
    "VNM": ["Vietnam"],
    "CPV": ["Cape Verde"],
    "TLS": ["East Timor"],
    "BLR": ["Republic of Belarus"],
    "AZE": ["Republic of Azerbaijan"],
    "ISR": ["State of Israel"],
    "POL": ["Republic of Poland"],
    "ARE": ["UAE", "Emirates"],
    "NLD": ["Holland"],
    "BIH": ["Bosnia"],
}
# pycountry names that news uses for another state ("Congo" is the DR Congo).
DROP_NAMES: dict[str, tuple[str, ...]] = {"COG": ("Congo",)}
# Names that are only matched with exact case (ambiguous as common words).
EXACT: dict[str, list[str]] = {
    "USA": ["US", "USA"],
    "GBR": ["UK"],
    "KOR": ["ROK"],
}
# Plural nationals that are not adjective+s.
NATIONALS: dict[str, list[str]] = {
    "POL": ["Poles"], "TUR": ["Turks"], "GBR": ["Britons", "Brits"], "DNK": ["Danes"],
    "SWE": ["Swedes"], "FIN": ["Finns"], "ESP": ["Spaniards"], "FRA": ["Frenchmen"],
    "IRL": ["Irishmen"], "NLD": ["Dutchmen"], "CZE": ["Czechs"], "SVK": ["Slovaks"],
    "KAZ": ["Kazakhs"], "UZB": ["Uzbeks"], "TJK": ["Tajiks"], "KGZ": ["Kyrgyz"],
    "SAU": ["Saudis"], "THA": ["Thais"], "GRC": ["Greeks"], "SRB": ["Serbs"], "HRV": ["Croats"],
    "CHE": ["Swiss"], "CHN": ["Chinese"], "JPN": ["Japanese"], "VNM": ["Vietnamese"],
    "LBN": ["Lebanese"], "PRT": ["Portuguese"], "TKM": ["Turkmens"],
}
# Metonyms: phrases that stand for the state's government when they act.
METONYMS: dict[str, list[str]] = {
    "IRN": ["Islamic Republic", "Mullah regime", "ayatollahs' regime"],
    "ISR": ["Jewish state", "Zionist regime", "Zionist entity"],
    "RUS": ["Kremlin"],
    "USA": ["White House"],
    "PRK": ["Hermit Kingdom", "Kim regime"],
    "GBR": ["Downing Street", "Whitehall"],
    "FRA": ["Elysee", "Élysée"],
    "CHN": ["Zhongnanhai"],
    "KOR": ["Blue House"],
    "POL": ["Belweder"],
    "BLR": ["Lukashenko regime"],
    "TUR": ["Ankara government"],
    "VAT": ["Pope", "Holy Father"],
}
# Cities and regions news reports from, in the spelling news uses today (the Phoenix
# dictionaries add older spellings and many more): a place ("shelling in Kharkiv") that
# stands for its state only when it acts, like a capital. Disputed places are left out.
CITIES: dict[str, list[str]] = {
    "UKR": ["Kharkiv", "Odesa", "Odessa", "Lviv", "Dnipro", "Zaporizhzhia", "Zaporizhia",
            "Kherson", "Mariupol", "Bakhmut", "Donetsk", "Luhansk", "Mykolaiv", "Sumy",
            "Chernihiv", "Avdiivka", "Donbas"],
    "RUS": ["St. Petersburg", "Saint Petersburg", "Belgorod", "Kursk", "Rostov-on-Don",
            "Chechnya", "Grozny", "Dagestan", "Kaliningrad", "Vladivostok", "Krasnodar",
            "Novorossiysk", "Bryansk"],
    "ISR": ["Tel Aviv", "Haifa", "Eilat", "Ashkelon", "Ashdod", "Sderot", "Beersheba",
            "Negev", "Galilee"],
    "PSE": ["Khan Younis", "Khan Yunis", "Rafah", "Jenin", "Nablus", "Hebron", "Bethlehem",
            "Gaza City", "Deir al-Balah", "Jabalia", "Tulkarm"],
    "SYR": ["Aleppo", "Idlib", "Homs", "Hama", "Raqqa", "Deir ez-Zor", "Daraa", "Latakia",
            "Qamishli", "Kobani", "Tartus"],
    "IRQ": ["Mosul", "Basra", "Erbil", "Kirkuk", "Fallujah", "Ramadi", "Najaf", "Karbala",
            "Tikrit", "Sulaymaniyah"],
    "YEM": ["Aden", "Hodeidah", "Marib", "Taiz", "Saada"],
    "AFG": ["Kandahar", "Herat", "Mazar-i-Sharif", "Jalalabad", "Kunduz", "Helmand"],
    "PAK": ["Karachi", "Lahore", "Peshawar", "Quetta", "Rawalpindi", "Balochistan",
            "Khyber Pakhtunkhwa", "Waziristan"],
    "IND": ["Mumbai", "Kolkata", "Chennai", "Bengaluru", "Bangalore", "Hyderabad", "Srinagar",
            "Manipur", "Ladakh", "Arunachal Pradesh", "Assam"],
    "CHN": ["Shanghai", "Xinjiang", "Tibet", "Guangzhou", "Shenzhen", "Wuhan", "Chengdu"],
    "NGA": ["Lagos", "Kano", "Maiduguri", "Borno", "Benue", "Kaduna", "Zamfara",
            "Port Harcourt", "Niger Delta"],
    "SDN": ["Omdurman", "El Fasher", "Darfur", "Port Sudan", "Kordofan", "Nyala", "Geneina"],
    "ETH": ["Tigray", "Mekelle", "Amhara", "Oromia", "Gondar", "Bahir Dar"],
    "SOM": ["Kismayo", "Baidoa", "Beledweyne", "Puntland"],
    "COD": ["Goma", "Bukavu", "North Kivu", "South Kivu", "Ituri", "Lubumbashi"],
    "MLI": ["Timbuktu", "Kidal", "Mopti"],
    "NER": ["Agadez", "Tillaberi"],
    "LBY": ["Benghazi", "Misrata", "Sirte", "Derna", "Tobruk"],
    "EGY": ["Alexandria", "Sinai", "Port Said", "Suez"],
    "LBN": ["Tyre", "Sidon", "Baalbek"],
    "IRN": ["Isfahan", "Natanz", "Fordow", "Mashhad", "Tabriz", "Bushehr", "Shiraz", "Qom"],
    "TUR": ["Istanbul", "Izmir", "Diyarbakir", "Gaziantep", "Hatay"],
    "MEX": ["Guadalajara", "Monterrey", "Tijuana", "Ciudad Juarez", "Culiacan", "Sinaloa",
            "Michoacan", "Tamaulipas"],
    "ITA": ["Milan", "Naples", "Turin", "Genoa", "Palermo", "Lampedusa"],
    "MMR": ["Yangon", "Rangoon", "Mandalay", "Rakhine", "Sagaing", "Kachin"],
    "PHL": ["Mindanao", "Marawi", "Davao", "Cebu"],
    "IDN": ["Aceh", "Surabaya", "Bali"],
    "COL": ["Medellin", "Medellín", "Cali", "Cauca"],
    "VEN": ["Maracaibo"],
    "BRA": ["Rio de Janeiro", "Sao Paulo", "São Paulo"],
    "HTI": ["Cap-Haitien"],
    "MOZ": ["Cabo Delgado", "Pemba"],
    "CMR": ["Douala"],
    "KEN": ["Mombasa", "Kisumu"],
    "SAU": ["Jeddah", "Mecca", "Medina"],
    "ARE": ["Dubai"],
    "GEO": ["Batumi"],
    "ARM": ["Gyumri"],
    "AZE": ["Ganja", "Sumgait"],
    "BLR": ["Grodno", "Hrodna", "Gomel"],
    "POL": ["Krakow", "Kraków", "Gdansk", "Gdańsk", "Wroclaw", "Rzeszow", "Rzeszów"],
}
# Historical or non-UN states that news still names.
EXTRA_STATES = [
    {"iso3": "TWN", "name": "Taiwan", "formal": "Republic of China", "capital": ["Taipei"],
     "adjectives": ["Taiwanese"], "wikidata": "Q865", "un": False},
    {"iso3": "XKX", "name": "Kosovo", "formal": "Republic of Kosovo", "capital": ["Pristina"],
     "adjectives": ["Kosovar", "Kosovan"], "wikidata": "Q1246", "un": False},
    {"iso3": "SUN", "name": "Soviet Union", "formal": "Union of Soviet Socialist Republics",
     "aliases": ["USSR", "U.S.S.R."], "capital": [], "adjectives": ["Soviet"],
     "wikidata": "Q15180", "un": False},
    # CAMEO codes Hong Kong as its own actor (HKG): "Hong Kong authorities" act for it
    {"iso3": "HKG", "name": "Hong Kong", "formal": "Hong Kong Special Administrative Region",
     "aliases": ["Hong Kong SAR", "HKSAR"], "capital": [], "adjectives": [],
     "wikidata": "Q8646", "un": False},
]

CHECKED = {"POL", "KOR", "PRK", "BLR", "RUS", "ISR", "AZE", "IRN", "TUR", "ARM", "USA"}


def plurals(adjs: list[str], iso3: str) -> list[str]:
    out = []
    for a in adjs:
        if a.endswith(("an", "i", "ian")) and " " not in a.strip() or a.endswith(" Korean"):
            out.append(a + "s")
    out += NATIONALS.get(iso3, [])
    return list(dict.fromkeys(out))


def split(s: str) -> list[str]:
    return [x for x in s.split("|") if x]


def build() -> list[dict]:
    states = []
    for c in pycountry.countries:
        if c.alpha_3 in NOT_UN:
            continue
        if c.alpha_3 not in TABLE:
            sys.exit(f"no hand-table row for {c.alpha_3} {c.name}")
        capital, adjs, qid = TABLE[c.alpha_3]
        common = getattr(c, "common_name", None)
        name = common or c.name
        formal = getattr(c, "official_name", None)
        aliases = [n for n in [c.name, common, *EXTRA_NAMES.get(c.alpha_3, [])]
                   if n and "," not in n and n != name and n not in DROP_NAMES.get(c.alpha_3, ())]
        adjectives = split(adjs)
        entry = {
            "iso3": c.alpha_3,
            "name": EXTRA_NAMES.get(c.alpha_3, [name])[0] if c.alpha_3 in (
                "USA", "GBR", "RUS", "KOR", "PRK", "IRN", "SYR", "TUR", "BOL", "VEN", "TZA",
                "MDA", "LAO", "VNM", "PSE", "COD", "COG") else name,
            "formal": formal.removeprefix("the ") if formal and "," not in formal else None,
            "aliases": list(dict.fromkeys(a for a in aliases)),
            "exact": EXACT.get(c.alpha_3, []),
            "capital": split(capital),
            "cities": CITIES.get(c.alpha_3, []),
            "adjectives": adjectives,
            "nationals": plurals(adjectives, c.alpha_3),
            "metonyms": METONYMS.get(c.alpha_3, []),
            "wikidata": qid,
            "un": "observer" if c.alpha_3 in OBSERVERS else "member",
        }
        entry["aliases"] = [a for a in entry["aliases"] if a != entry["name"]]
        states.append({k: v for k, v in entry.items() if v not in ([], None)})
    for extra in EXTRA_STATES:
        states.append({k: v for k, v in extra.items() if v not in ([], None)})
    return states


HEADER = """\
# accord gazetteer: states (GENERATED by scripts/make_gazetteer.py; edit the script, not this file)
#
# One entry per UN member (193) and observer (Holy See, Palestine) state, from pycountry
# (ISO 3166-1), plus a few non-UN / historical states news still names (Taiwan, Kosovo,
# Soviet Union). Fields:
#   iso3        ISO 3166-1 alpha-3 code; the actor key is "state:<iso3>"
#   name        short name used for display
#   formal      formal name (matched as well)
#   aliases     other names that denote the state (matched case-insensitively, so
#               ALL-CAPS text works; a match must still be capitalised in the text)
#   exact       names matched only with exactly this case ("US" but not "us")
#   capital     capitals: the state when they act ("Tehran warned"), a LOCATION otherwise
#   cities      cities and regions news reports from: treated like capitals
#   adjectives  demonym adjectives ("Israeli officials"); "Korean" alone means South Korea
#   nationals   plural nouns for nationals ("South Koreans", "Poles")
#   metonyms    phrases standing for the government ("the Islamic Republic", "the Kremlin")
#   wikidata    Wikidata QID (hand-checked for the states of the example corpus and seeds:
#               POL KOR PRK BLR RUS ISR AZE IRN TUR ARM USA; others from the author's
#               knowledge, null when not known reliably)
#   un          member | observer (absent for non-UN states)
"""


def main() -> None:
    phoenix = Path(sys.argv[sys.argv.index("--phoenix") + 1]) if "--phoenix" in sys.argv \
        else PHOENIX_DIR
    states = build()
    n_un = sum(1 for s in states if s.get("un"))
    body = yaml.safe_dump({"states": states}, allow_unicode=True, sort_keys=False, width=100)
    OUT.write_text(HEADER + f"# {n_un} UN member/observer states.\n" + body, encoding="utf-8")
    print(f"wrote {OUT} ({len(states)} states, {n_un} UN)")
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from phoenix_dictionaries import write_phoenix

    write_phoenix(phoenix, OUT.parent / "actors_phoenix.tsv")


if __name__ == "__main__":
    main()
