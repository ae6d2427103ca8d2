"""Russian event triggers, by lemma, with ACLED's (English) types and sub-types.

Words are matched by pymorphy3's lemma and UD part of speech; phrases by the
lemmas of consecutive tokens ("открыть огонь", "комендантский час"). Cue words
for negation ("не было"), plans and conditions ("планируют провести") and for
the kind of a place ("в городе") live here too.
"""

from __future__ import annotations

from geomap.events.lexicon import BATTLES, EXPLOSIONS, PROTESTS, RIOTS, SD, VAC

_N = frozenset({"NOUN", "PROPN"})
_V = frozenset({"VERB"})
_NV = frozenset({"NOUN", "VERB"})
_ANY: frozenset[str] = frozenset()

#: lemma -> (type, sub-type, confidence, parts of speech)
WORDS: dict[str, tuple[str, str, float, frozenset[str]]] = {
    # Protests
    "протест": (PROTESTS, "Peaceful protest", 0.8, _N),
    "протестовать": (PROTESTS, "Peaceful protest", 0.75, _V),
    "митинг": (PROTESTS, "Peaceful protest", 0.8, _N),
    "митинговать": (PROTESTS, "Peaceful protest", 0.75, _V),
    "демонстрация": (PROTESTS, "Peaceful protest", 0.75, _N),
    "пикет": (PROTESTS, "Peaceful protest", 0.7, _N),
    "пикетировать": (PROTESTS, "Peaceful protest", 0.7, _V),
    "шествие": (PROTESTS, "Peaceful protest", 0.7, _N),
    "забастовка": (PROTESTS, "Peaceful protest", 0.75, _N),
    "бастовать": (PROTESTS, "Peaceful protest", 0.7, _V),
    "голодовка": (PROTESTS, "Peaceful protest", 0.65, _N),
    "манифестация": (PROTESTS, "Peaceful protest", 0.75, _N),
    "разогнать": (PROTESTS, "Protest with intervention", 0.7, _V),
    "разгонять": (PROTESTS, "Protest with intervention", 0.65, _V),
    "разгон": (PROTESTS, "Protest with intervention", 0.7, _N),
    # Riots
    "беспорядок": (RIOTS, "Violent demonstration", 0.8, _N),
    "погром": (RIOTS, "Violent demonstration", 0.75, _N),
    "поджечь": (RIOTS, "Violent demonstration", 0.65, _V),
    "ворваться": (RIOTS, "Violent demonstration", 0.65, _V),
    "громить": (RIOTS, "Violent demonstration", 0.65, _V),
    "поджигать": (RIOTS, "Violent demonstration", 0.65, _V),
    "врываться": (RIOTS, "Violent demonstration", 0.6, _V),
    "штурмовать": (RIOTS, "Violent demonstration", 0.6, _V),
    "проникнуть": (RIOTS, "Violent demonstration", 0.5, _V),
    "разгромить": (RIOTS, "Violent demonstration", 0.65, _V),
    "самосуд": (RIOTS, "Mob violence", 0.75, _N),
    # Battles
    "бой": (BATTLES, "Armed clash", 0.75, _N),
    "перестрелка": (BATTLES, "Armed clash", 0.8, _N),
    "стрельба": (BATTLES, "Armed clash", 0.65, _N),
    "столкновение": (BATTLES, "Armed clash", 0.7, _N),
    "атаковать": (BATTLES, "Armed clash", 0.6, _V),
    "отбить": (BATTLES, "Government regains territory", 0.65, _V),
    "освободить": (BATTLES, "Government regains territory", 0.6, _V),
    # Explosions/Remote violence
    "взрыв": (EXPLOSIONS, "Remote explosive/landmine/IED", 0.7, _N),
    "взорвать": (EXPLOSIONS, "Remote explosive/landmine/IED", 0.7, _V),
    "взорваться": (EXPLOSIONS, "Remote explosive/landmine/IED", 0.7, _V),
    "обстрел": (EXPLOSIONS, "Shelling/artillery/missile attack", 0.8, _N),
    "обстрелять": (EXPLOSIONS, "Shelling/artillery/missile attack", 0.8, _V),
    "обстреливать": (EXPLOSIONS, "Shelling/artillery/missile attack", 0.8, _V),
    "авиаудар": (EXPLOSIONS, "Air/drone strike", 0.85, _N),
    "авианалёт": (EXPLOSIONS, "Air/drone strike", 0.85, _N),
    "бомбардировка": (EXPLOSIONS, "Air/drone strike", 0.8, _N),
    "смертник": (EXPLOSIONS, "Suicide bomb", 0.8, _N),
    "артобстрел": (EXPLOSIONS, "Shelling/artillery/missile attack", 0.8, _N),
    "подрыв": (EXPLOSIONS, "Remote explosive/landmine/IED", 0.7, _N),
    "подорвать": (EXPLOSIONS, "Remote explosive/landmine/IED", 0.7, _V),
    "граната": (EXPLOSIONS, "Grenade", 0.65, _N),
    # Violence against civilians
    "похитить": (VAC, "Abduction/forced disappearance", 0.75, _V),
    "похищение": (VAC, "Abduction/forced disappearance", 0.75, _N),
    "расстрелять": (VAC, "Attack", 0.7, _V),
    "обезглавить": (VAC, "Attack", 0.7, _V),
    "напасть": (VAC, "Attack", 0.6, _V),
    "нападение": (VAC, "Attack", 0.6, _N),
    "избить": (VAC, "Attack", 0.6, _V),
    "убийство": (VAC, "Attack", 0.6, _N),
    "расстрел": (VAC, "Attack", 0.65, _N),
    "теракт": (VAC, "Attack", 0.55, _N),
    "нападать": (VAC, "Attack", 0.6, _V),
    "похищать": (VAC, "Abduction/forced disappearance", 0.7, _V),
    # Strategic developments
    "блокпост": (SD, "Other", 0.6, _N),
    "задержать": (SD, "Arrests", 0.65, _V),
    "арестовать": (SD, "Arrests", 0.65, _V),
    "задерживать": (SD, "Arrests", 0.6, _V),
    "задержание": (SD, "Arrests", 0.6, _N),
    "мародёрство": (SD, "Looting/property destruction", 0.7, _N),
    "мародерство": (SD, "Looting/property destruction", 0.7, _N),
    "разграбить": (SD, "Looting/property destruction", 0.7, _V),
    "мародёрствовать": (SD, "Looting/property destruction", 0.7, _V),
    "мародерствовать": (SD, "Looting/property destruction", 0.7, _V),
    "перебросить": (SD, "Other", 0.55, _V),
    "перебрасывать": (SD, "Other", 0.55, _V),
    "перебрасываться": (SD, "Other", 0.55, _V),
    "перемирие": (SD, "Agreement", 0.65, _N),
    "сбить": (SD, "Disrupted weapons use", 0.55, _V),
    "перехватить": (SD, "Disrupted weapons use", 0.55, _V),
}

#: phrases of lemmas -> (type, sub-type, confidence); the first lemma is the trigger
PHRASES: dict[tuple[str, ...], tuple[str, str, float]] = {
    ("акция", "протест"): (PROTESTS, "Peaceful protest", 0.8),
    ("открыть", "огонь"): (BATTLES, "Armed clash", 0.75),
    ("вооружённый", "столкновение"): (BATTLES, "Armed clash", 0.8),
    ("комендантский", "час"): (SD, "Other", 0.6),
    ("чрезвычайный", "положение"): (SD, "Other", 0.6),
    ("ракетный", "удар"): (EXPLOSIONS, "Shelling/artillery/missile attack", 0.8),
    ("удар", "беспилотник"): (EXPLOSIONS, "Air/drone strike", 0.8),
    ("захват", "заложник"): (VAC, "Abduction/forced disappearance", 0.75),
    ("взрывной", "устройство"): (EXPLOSIONS, "Remote explosive/landmine/IED", 0.75),
    ("слезоточивый", "газ"): (PROTESTS, "Protest with intervention", 0.6),
    ("атака", "беспилотник"): (EXPLOSIONS, "Air/drone strike", 0.8),
    ("взять", "под", "контроль"): (SD, "Non-violent transfer of territory", 0.6),
    ("взять", "под", "полный", "контроль"): (SD, "Non-violent transfer of territory", 0.6),
    ("обратиться", "за", "помощь"): (SD, "Other", 0.55),
    ("обратиться", "в", "одкб"): (SD, "Other", 0.55),
    ("выйти", "на", "улица"): (PROTESTS, "Peaceful protest", 0.7),
    ("выйти", "на", "площадь"): (PROTESTS, "Peaceful protest", 0.7),
}

#: words of a clause that negate its happening ("не было", "нет", "опровергли")
NEGATION = frozenset({"не", "нет", "ни", "никакой", "опровергнуть", "отменить", "отмениться"})
#: lemmas that make a happening planned, requested, feared or conditional
PLANNED = frozenset(
    {
        "планировать",
        "запланировать",
        "намереваться",
        "собираться",
        "намечать",
        "намечаться",
        "призвать",
        "призывать",
        "угрожать",
        "грозить",
        "пригрозить",
        "пообещать",
        "обещать",
        "мочь",
        "возможный",
        "возможно",
        "если",
        "готовить",
        "готовиться",
        "предупредить",
        "опасаться",
        "анонсировать",
        "спланировать",
        "планироваться",
        "разрешить",
        "согласовать",
        "подать",
    }
)
#: people who make an attack a riot ("протестующие подожгли") or a protest
PROTESTERS = frozenset(
    {"протестующий", "митингующий", "демонстрант", "толпа", "участник", "погромщик"}
)
#: people whose attack makes violence against civilians
CIVILIANS = frozenset(
    {"врач", "житель", "журналист", "мирный", "гражданский", "медик", "прохожий", "ребёнок"}
)

#: nouns that refer back to the last place of their kind ("в городе", "в республике")
ANAPHORA = {
    "город": "city",
    "республика": "country",
    "страна": "country",
    "область": "region",
    "регион": "region",
    "штат": "region",
}
#: prepositions that place a happening ("в Алматы", "под Киевом", "у здания")
LOCATIVE = frozenset({"в", "во", "на", "под", "около", "возле", "близ", "у", "вблизи"})
#: prepositions of origin and direction: the place is not where it happened
ORIGIN = frozenset({"из", "от", "со", "с"})
#: nouns a place may hang from and still be where it happened
PLACE_NOUNS = frozenset(
    {
        "город",
        "пригород",
        "центр",
        "окраина",
        "территория",
        "район",
        "область",
        "село",
        "улица",
        "площадь",
        "здание",
        "аэропорт",
        "окрестность",
        "столица",
        "часть",
        "юг",
        "север",
        "запад",
        "восток",
        "округ",
        "посёлок",
        "поселок",
        "граница",
    }
)


#: heads under which a trigger is referred to, not reported ("подозреваемых в организации
#: беспорядков", "уголовное дело о беспорядках")
REFERRING = frozenset(
    {
        "организация",
        "организовать",
        "подготовка",
        "участие",
        "подозревать",
        "подозреваемый",
        "обвинить",
        "обвинять",
        "обвинение",
        "обвиняемый",
        "призыв",
        "угроза",
        "расследование",
        "дело",
    }
)
#: nouns and prepositions that make a trigger the background of another report
#: ("погибших в ходе протестов", "во время беспорядков", "после митинга")
BACKGROUND_HEADS = frozenset({"ход", "время"})
BACKGROUND_PREPS = frozenset({"после", "из-за", "перед", "в ходе", "во время"})

#: who or what strikes from afar: an attack by them is remote violence
REMOTE = {
    "беспилотник": "Air/drone strike",
    "дрон": "Air/drone strike",
    "авиация": "Air/drone strike",
    "самолёт": "Air/drone strike",
    "самолет": "Air/drone strike",
    "ракета": "Shelling/artillery/missile attack",
    "артиллерия": "Shelling/artillery/missile attack",
}
#: verbs whose subject is the place a happening hit ("Киев подвергся ракетному удару")
UNDERGO = frozenset({"подвергнуться", "подвергаться", "пострадать", "оказаться"})


def may_trigger(lemmas: list[str]) -> bool:
    """Whether a sentence's lemmas hold a trigger word or the start of a phrase."""
    firsts = {p[0] for p in PHRASES}
    return any(lemma in WORDS or lemma in firsts for lemma in lemmas)
