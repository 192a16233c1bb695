"""Names typed all in lower case («сосед ержан», «мен сапарова айнур», «с мухтаровым»).

A lower-case word is hidden only when two things hold at once, so that ordinary words
(«ғана», «кісі», «сары», «общедомовым») stay:

- it reads as a name: a listed given name or surname that is no ordinary Russian word, a
  word pymorphy3 reads as a name, surname or patronymic with a probability of 0.5 or more,
  or an unknown word with a Russian surname's ending (-ов, -ева, -овой, -овым…);
- it stands where a name stands: after a kin or job word («сосед», «участковый», «көршім»),
  after «я» / «мен» ("I") opening the sentence, beside another name (capitalised or such a
  lower-case one), or before «деген <жігіт/кісі…>» ("called").
"""

from __future__ import annotations

import re
from functools import lru_cache

from .letters import _KAZAKH_LETTER, _fold
from .models import _is_common_word, _is_known, _load, _name_probability
from .names import _kazakh_word, _matches_stems, _name_stems
from .vocabulary import _ADDRESS_AFTER, _NEVER_NAMES, _PATRONYMIC

_LOWER_WORD = re.compile(r"[а-яёәіңғүұқөһ]+(?:-[а-яёәіңғүұқөһ]+)*")
# Russian job and kin words (lemmas) after which a lower-case name stands
_ROLE_LEMMAS = frozenset(
    [
        "сосед",
        "соседка",
        "участковый",
        "директор",
        "директриса",
        "мастер",
        "учитель",
        "учительница",
        "врач",
        "завуч",
        "инспектор",
        "бригадир",
        "водитель",
        "продавец",
        "продавщица",
        "председатель",
        "заведующий",
        "заведующая",
        "воспитатель",
        "воспитательница",
        "начальник",
        "бухгалтер",
        "медсестра",
        "фельдшер",
        "сантехник",
        "электрик",
        "слесарь",
        "дворник",
        "охранник",
        "тренер",
        "депутат",
        "гражданин",
        "гражданка",
        "житель",
        "жительница",
        "сын",
        "дочь",
        "муж",
        "жена",
        "брат",
        "сестра",
        "мама",
        "папа",
        "мать",
        "отец",
        "бабушка",
        "дедушка",
        "тётя",
        "тетя",
        "дядя",
        "внук",
        "внучка",
        "племянник",
        "племянница",
        "сотрудник",
        "сотрудница",
        "специалист",
        "кассир",
        "оператор",
        "менеджер",
        "хозяин",
        "хозяйка",
        "арендатор",
        "жилец",
        "пенсионер",
        "пенсионерка",
        "ветеран",
        "парень",
        "мужчина",
        "женщина",
        "секретарь",
        "юрист",
        "нотариус",
        "судья",
        "прокурор",
        "полицейский",
        "работник",
        "работница",
        "старший",
        "старшая",
        "господин",
        "госпожа",
        "товарищ",
    ]
)
# Kazakh kin and job words (folded stems; a possessive ending may follow: «көршім»)
_KK_ROLES = (
    "корши",
    "мугалим",
    "дариге",
    "апай",
    "агай",
    "апа",
    "ага",
    "аже",
    "ата",
    "атай",
    "ана",
    "апке",
    "келин",
    "жиен",
    "немере",
    "карындас",
    "ини",
    "синли",
    "бауыр",
    "жезде",
    "женге",
    "куйеу",
    "айел",
    "медбике",
    "учаскелик",
    "басшы",
    "кызметкер",
    "маман",
    "жургизуши",
    "сатушы",
    "бастык",
    "тургын",
)
_KK_POSSESSIVE = ("", "м", "ым", "им", "мыз", "миз", "ымыз", "имиз", "сы", "си", "ы", "и")
# «ержан деген жігіт»: what comes after «деген» says the word before it is a person
_CALLED_PERSON = re.compile(
    r"\s+(?:деген|дейтін|атты|есімді)\s+(?:жигит|кижи|киси|адам|бала|кыз|айел|корши|апа|агай"
    r"|апай|ага|мугалим|азамат|жургизуши|бастык|ер|ул|кемпир|шал|сатушы)\w*",
    re.IGNORECASE,
)
_I = {"я", "мен"}
# verbs of addressing someone (lemmas): the lower-case name after one is the person
# addressed («передайте бауыржану», «позвоните ивановой», «скажите айгерим»)
_ADDRESSING_LEMMAS = frozenset(
    [
        "передать",
        "передавать",
        "позвонить",
        "звонить",
        "перезвонить",
        "сказать",
        "говорить",
        "написать",
        "писать",
        "сообщить",
        "сообщать",
        "ответить",
        "объяснить",
        "напомнить",
        "помочь",
        "помогать",
        "отдать",
        "отправить",
        "спросить",
        "попросить",
        "пригласить",
        "вызвать",
    ]
)
# ... and Kazakh ones (folded stems), before or after the name in the dative («ержанға
# айтыңыз», «хабарлаңыз әйгерімге»)
_KK_ADDRESSING = re.compile(r"(?:айт|хабарла|жеткиз|кон[ыи]рау|тапс[ыи]р|бер[ии]н)\w*$")
_KK_DATIVE = re.compile(r"(?:га|ге|ка|ке|на|не|а|е)$")


@lru_cache(maxsize=50_000)
def _reads_as_name(word: str) -> bool:
    """A lower-case word that is a name by the lists or pymorphy3, and no ordinary word."""
    if len(word) < 3 or word in _NEVER_NAMES or _kazakh_word(word) or _role_word(word):
        return False
    if _PATRONYMIC.match(word):
        return True
    known = _is_known(word)
    if known and (_is_common_word(word) or _name_probability(word) < 0.5):
        return False
    if _matches_stems(word, _name_stems()):
        return True
    if known:
        return True
    # an unknown word with a Russian surname's ending that pymorphy also guesses a surname
    return (
        re.search(r"(?:ов|ев)(?:а|у|ым|ой|е|ых|ы)?$", word) is not None
        and _name_probability(word) >= 0.3
    )


def _surname_like(word: str) -> bool:
    """A lower-case surname or patronymic by its ending («сапарова», «серикбаеву», «ұлы»)."""
    return (
        re.search(
            r"(?:ов|ев|ин)(?:а|у|ым|ой|е|ых|ы)?$|(?:ович|овна|евич|евна|улы|кызы)\w*$"
            r"|(?:енко|чук|юк)$",
            _fold(word),
        )
        is not None
    )


def _surely_surname(word: str) -> bool:
    """An unknown word with a Russian surname's ending that pymorphy reads as a surname with
    a probability of 0.5 or more: a surname even alone («разобраться с мухтаровым»)."""
    return (
        not _is_known(word)
        and re.search(r"(?:ов|ев)(?:а|у|ым|ой|е|ых|ы)?$", word) is not None
        and _name_probability(word) >= 0.5
        and _reads_as_name(word)
    )


_RU_NAME_ENDING = ("", "а", "у", "ом", "ым", "е", "ой", "ы", "ю", "я", "ей", "ем")


@lru_cache(maxsize=50_000)
def _surely_name(word: str) -> bool:
    """A lower-case word that is a name even alone: every reading pymorphy gives it is a
    given name, a surname or a patronymic («иван», «тимура», «семёнову»; not «мороз» or
    «морозов»), or, unknown to pymorphy and with no Kazakh letter, a listed name of four
    letters or more with a Russian case ending («нурлану», «бекзата»); never an ordinary
    word (see :func:`_reads_as_name`, which it needs too)."""
    if len(word) < 4 or not _reads_as_name(word):
        return False
    if _is_known(word):
        parses = [p for p in _load()["morph"].parse(word) if p.score >= 0.05]
        return (
            bool(parses)
            and "sing" in parses[0].tag
            and all(any(t in p.tag for t in ("Name", "Surn", "Patr")) for p in parses)
        )
    if len(word) < 5 or _KAZAKH_LETTER.search(word) or _kazakh_word(word):
        return False
    stems = _name_stems()
    low = _fold(word)
    return any(
        low.endswith(e) and len(low) - len(e) >= 4 and low[: len(low) - len(e)] in stems
        for e in _RU_NAME_ENDING
    )


def _beside_a_name(word: str) -> bool:
    """Enough, beside a capitalised name, to be part of it: a Russian dictionary name
    («Ахметова сауле») or a surname's shape; no Kazakh word after a name in the genitive
    («Ғалымның анасы», «Бақыт атай»), no short joining word («бен», «нан»)."""
    return len(word) >= 4 and (
        _surname_like(word) or _is_known(word) and _name_probability(word) >= 0.5
    )


@lru_cache(maxsize=20_000)
def _addressing_verb(word: str) -> bool:
    """A verb of addressing someone: «передайте», «позвоните», «скажите», «айтыңыз»."""
    low = word.lower()
    if _KK_ADDRESSING.match(_fold(low)):
        return True
    return any(
        "VERB" in p.tag and p.normal_form in _ADDRESSING_LEMMAS
        for p in _load()["morph"].parse(low)[:3]
    )


@lru_cache(maxsize=20_000)
def _role_word(word: str) -> bool:
    low = word.lower()
    morph = _load()["morph"]
    if any(p.normal_form in _ROLE_LEMMAS for p in morph.parse(low)[:3]):
        return True
    folded = _fold(low)
    return any(folded == r + e for r in _KK_ROLES for e in _KK_POSSESSIVE)


def lowercase_name_spans(text: str, name_spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans of lower-case names in ``text`` (see the module's docstring);
    ``name_spans``: the names already found (a lower-case word beside one is a name)."""
    words = [
        (m.start(), m.end(), m.group()) for m in re.finditer(r"[^\W\d_]+(?:-[^\W\d_]+)*", text)
    ]
    if not any(_LOWER_WORD.fullmatch(w) for _s, _e, w in words):
        return []
    found = set(name_spans)
    kazakh_text = _KAZAKH_LETTER.search(text) is not None
    named = [
        i for i, (_s, _e, w) in enumerate(words) if _LOWER_WORD.fullmatch(w) and _reads_as_name(w)
    ]

    def gap(i, j):  # only spaces between word i and word j (i < j)
        return not text[words[i][1] : words[j][0]].strip()

    candidates = set(named)

    def placed(i: int) -> bool:
        start, end, word = words[i]
        prev = words[i - 1] if i > 0 and gap(i - 1, i) else None
        nxt = words[i + 1] if i + 1 < len(words) and gap(i, i + 1) else None
        after_name = prev is not None and (prev[0], prev[1]) in found
        # «электрик масленников»: an unknown word with a surname's ending after a job word
        if (
            prev is not None
            and len(word) >= 6
            and _role_word(prev[2])
            and not _is_known(word)
            and re.search(r"(?:ов|ев)(?:а|у|ым|ой|е|ых|ы)?$", word) is not None
            and not _kazakh_word(word)
        ):
            return True
        if i in candidates:
            if prev is not None and (
                _role_word(prev[2])
                or prev[2].lower() in _I
                and (i == 1 or re.search(r"[.!?…:;,\n]\s*$", text[: prev[0]]))
            ):
                return True
            # «передайте бауыржану», «скажите айгерим»; Kazakh: «ержанға айтыңыз»
            if prev is not None and _addressing_verb(prev[2]):
                return True
            if (
                nxt is not None
                and _KK_DATIVE.search(_fold(word))
                and _KK_ADDRESSING.match(_fold(nxt[2]))
            ):
                return True
            # «Ахметова сауле»; not «Ұлымның арманы» (after a genitive comes what is the
            # person's)
            if (
                after_name
                and _beside_a_name(word)
                and re.search(r"(?:нын|нин|дын|дин|тын|тин)$", _fold(prev[2])) is None
            ):
                return True
            if nxt is not None and (nxt[0], nxt[1]) in found and _beside_a_name(word):
                return True
            # two lower-case names side by side, one of them a surname's or a patronymic's
            # shape («сапарова айнур», «айдару серикбаеву»)
            for j, other in ((i + 1, nxt), (i - 1, prev)):
                if (
                    other is not None
                    and j in candidates
                    and (_surname_like(word) or _surname_like(other[2]))
                ):
                    return True
            # ... or a name alone in a Russian text (in a Kazakh one «сары», «аман»,
            # «арманы» are words that pymorphy reads as rare forms of names)
            if _surely_surname(word) or not kazakh_text and _surely_name(word):
                return True
            # «нұржан аға», «ғалым ағаға»: before a form of address
            if _ADDRESS_AFTER.match(text, end):
                return True
            # «ербол тағы шу шығарды», «жакыпов говорит»: opening a sentence, a listed name
            # of five letters or more or a surname's shape («сары», «кісі» stay)
            if (
                (i == 0 or re.search(r"[.!?…\n]\s*$", text[:start]))
                and len(word) >= 5
                and (_matches_stems(word, _name_stems()) or _surname_like(word))
            ):
                return True
        # «омарова дана»: a word pymorphy knows as a given name after a lower-case surname
        return (
            after_name
            and _LOWER_WORD.fullmatch(prev[2]) is not None
            and _surname_like(prev[2])
            and len(word) >= 3
            and (_matches_stems(word, _name_stems()) or _name_probability(word) > 0)
            and not _is_common_word(word)
        )

    spans: list[tuple[int, int]] = []
    changed = True
    while changed:
        changed = False
        for i, (start, end, word) in enumerate(words):
            if (start, end) in found or not _LOWER_WORD.fullmatch(word):
                continue
            if placed(i):
                spans.append((start, end))
                found.add((start, end))
                changed = True
    # «куаныш деген жігіт»: any lower-case word that is no ordinary Russian word
    folded = _fold(text)
    for start, end, word in words:
        if (start, end) in found or not _LOWER_WORD.fullmatch(word) or len(word) < 3:
            continue
        if _CALLED_PERSON.match(folded, end) and not (_is_known(word) and _is_common_word(word)):
            spans.append((start, end))
            found.add((start, end))
    return spans
