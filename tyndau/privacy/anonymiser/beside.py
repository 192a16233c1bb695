"""What the words beside a word say of it: a name in quotes is a shop's, two words side by
side or joined by «and», a surname's ending right beside a given name, a number that
counts the noun after it."""

from __future__ import annotations

import re

from .letters import _LOW, _SENT_END, _UP, _WORD
from .models import _is_counted_plural, _is_known, _load, _name_probability
from .names import _matches_stems, _name_stems
from .vocabulary import (
    _CONTEXT_MARK,
    _NEVER_NAMES,
    _PATRONYMIC,
    _kin_or_role,
    _looks_like_surname,
)

# a capital «С.» or «Г.» right before the word: «село» / «город», or an initial
_INITIAL_BEFORE = re.compile(r"(?<![\w.])[СГ]\.\s*$")


def _place_context(text: str, start: int, token: str) -> bool:
    """Whether the words before ``token`` make it a street, a place or a shop (see
    _CONTEXT_MARK); a capital «С.» or «Г.» before a surname is an initial («хатқа
    С. Әбілқасымова қол қойды»), not «село» or «город»."""
    before = text[max(0, start - 30) : start]
    if not _CONTEXT_MARK.search(before):
        return False
    if _INITIAL_BEFORE.search(before) and _looks_like_surname(token):
        return _is_known(token) and _name_probability(token) == 0  # «Г. Рудный» stays
    return True


# after «Слава» these make it glory: «Слава Богу», «Слава героям», «Слава Казахстану»
_GLORY_TO = re.compile(r"\s+([^\W\d_]+)")


def _given_name_alone(text: str, start: int, end: int, at_start: bool) -> bool:
    """«Слава» alone is a man's name mid-sentence («Это Слава из третьего подъезда») or at
    the start before «из»/«с» or a verb in the past («Слава сказал»); not «Слава Богу»."""
    following = _GLORY_TO.match(text, end)
    if following:
        word = following.group(1)
        parse = _load()["morph"].parse(word.lower())[0]
        if "datv" in parse.tag and "NOUN" in parse.tag or word.lower() in ("богу", "аллаху"):
            return False
    if not at_start:
        return True
    if not following:
        return False
    word = following.group(1).lower()
    parse = _load()["morph"].parse(word)[0]
    return word in ("из", "с", "со", "опять", "снова") or (
        "VERB" in parse.tag and "past" in parse.tag and "masc" in parse.tag
    )


def _quoted(text: str, start: int, end: int) -> bool:
    """«Арай», "Нур": a name in quotes is a shop, a programme or a company."""
    before = text[:start].rstrip()[-1:] if text[:start].strip() else ""
    return before in ("«", '"', "“") or text[start - 1 : start] in ("«", '"')


def _surnames_beside_given_names(text, name_spans, ner, place_spans, in_street):
    """A capitalised word with a surname's ending right beside a listed given name is the
    surname, even when it is a dictionary word too («Штыковым Геннадием», «Штыков Геннадий»
    from «штык»); at the start of a sentence only inside the recogniser's person."""
    stems = _name_stems()
    given = [(a, b) for a, b in name_spans if _matches_stems(text[a:b], stems)]
    # a given name and a patronymic after it: the word before is the surname («Штыков
    # Геннадий Валерьевич»)
    full = [
        (a, b)
        for a, b in given
        if (after := re.match(r"\s+([^\W\d_]+)", text[b:])) and _PATRONYMIC.match(after.group(1))
    ]
    found = []
    for m in _WORD.finditer(text):
        token, span = m.group(), (m.start(), m.end())
        if not token[0].isupper() or span in name_spans or not _looks_like_surname(token):
            continue
        if not any(_adjacent(text, span, g) for g in given):
            continue
        if span in place_spans or in_street(*span) or _quoted(text, *span):
            continue
        if token.lower() in _NEVER_NAMES or _CONTEXT_MARK.search(
            text[max(0, span[0] - 30) : span[0]]
        ):
            continue
        if _SENT_END.search(text[: span[0]]) and (
            not any(s <= span[0] and span[1] <= e for s, e in ner)
            and not any(_adjacent(text, span, g) for g in full)
            or _kin_or_role(token)
            and not _is_known(token)
        ):
            continue
        found.append(span)
    return found


def _counts(text: str, end: int) -> bool:
    """Whether the number ending at ``end`` counts the noun after it, a genitive plural
    («40 квартир», «5 подъездов»), rather than numbering a house."""
    following = re.match(r"\s+([" + _LOW + r"]{3,})", text[end:])
    return bool(following) and _is_counted_plural(following.group(1))


def _adjacent(text: str, a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether two word spans stand side by side, with only spaces between them."""
    first, second = (a, b) if a[0] < b[0] else (b, a)
    return first[1] <= second[0] and not text[first[1] : second[0]].strip()


def _joined(text: str, a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether two word spans are joined by «and» («Мирас пен Бексұлтан», «Вера и Анна»)."""
    first, second = (a, b) if a[0] < b[0] else (b, a)
    between = text[first[1] : second[0]]
    return re.fullmatch(r"\s*(?:,|\s(?:мен|бен|пен|және|и))\s*", between) is not None


# adjectives of address and of age or size before a given name stay: «Уважаемая Анна»,
# «Маленький Дмитрий»
_ADDRESS_ADJECTIVES = frozenset(
    [
        "уважаемый",
        "многоуважаемый",
        "глубокоуважаемый",
        "дорогой",
        "милый",
        "любимый",
        "родной",
        "новый",
        "старый",
        "старший",
        "младший",
        "маленький",
        "молодой",
        "бедный",
        "покойный",
        "сам",
        "весь",
        "один",
        "другой",
        "каждый",
        "целый",
        "живой",
        "честный",
        "бывший",
        "нынешний",
    ]
)
# person nouns that are no surname before a given name: «Девушка Анна», «Студент Дмитрий»
_PERSON_NOUNS = frozenset(
    [
        "девушка",
        "девочка",
        "мальчик",
        "ребёнок",
        "ребенок",
        "студент",
        "студентка",
        "ученик",
        "ученица",
        "друг",
        "подруга",
        "коллега",
        "знакомый",
        "знакомая",
        "малыш",
        "инженер",
        "механик",
        "техник",
        "диспетчер",
        "сторож",
        "повар",
        "няня",
        "логопед",
        "педагог",
        "психолог",
        "завхоз",
        "комендант",
        "управляющий",
        "староста",
        "монтёр",
        "монтер",
        "сварщик",
        "плотник",
        "почтальон",
        "сотрудник",
        "специалист",
        "господин",
        "гражданин",
        "гражданка",
        "аким",
        "депутат",
        "человек",
    ]
)
# the endings of Russian nouns of a job or a doer: «Кочегар Бекмурат», «Заявитель Ибраева»,
# «Почтальон Анна» name the job, not a surname
_JOB_ENDING = re.compile(r"(?:тель|ник|чик|щик|ист|лог|ант|ент|ер|ёр|ор|ир|ар|арь|ач)$")
# the accusative of a man's surname is its genitive («Коваля Дмитрия»): no accusative here,
# or «Номер Ерлана» would agree
_CASES = ("nomn", "gent", "datv", "ablt", "loct")


def _forms(word: str, pos: str) -> set[tuple[str, str]]:
    """(gender, case) pairs of the singular parses of ``word`` with part of speech ``pos``."""
    out = set()
    for p in _load()["morph"].parse(word.lower()):
        if p.score < 0.05 or pos not in p.tag or "plur" in p.tag or "Apro" in p.tag:
            continue
        if pos == "NOUN" and any(t in p.tag for t in ("Name", "Surn", "Patr", "Geox")):
            continue
        for case in _CASES:
            if case in p.tag:
                for gender in ("masc", "femn", "neut"):
                    if gender in p.tag:
                        out.add((gender, case))
    return out


def _animate(word: str) -> bool:
    """Whether ``word`` reads as an animate feminine noun («сорока», not «почта»)."""
    return any(
        p.score >= 0.05 and {"NOUN", "anim", "femn"} <= set(p.tag.grammemes)
        for p in _load()["morph"].parse(word)
    )


def _name_forms(word: str) -> set[tuple[str, str]]:
    out = set()
    parses = [
        p
        for p in _load()["morph"].parse(word)
        if "Name" in p.tag and "plur" not in p.tag and p.score >= 0.05
    ]
    # «Анне» is also an indeclinable name in every case: the declined reading wins
    if any("Fixd" not in p.tag for p in parses):
        parses = [p for p in parses if "Fixd" not in p.tag]
    for p in parses:
        for case in _CASES:
            if case in p.tag:
                out.update((g, case) for g in ("masc", "femn") if g in p.tag)
    return out


def _word_surnames_before_given(text, name_spans, place_spans, in_street):
    """A capitalised dictionary noun or adjective right before a given name, in agreement
    with it, is its surname: «Коваль Дмитрий», «Ковалю Дмитрию», «Мороз Анна», «Заречный
    Павел», «Заречной Анне»; a woman's noun surname does not decline, so a masculine noun
    before a feminine name counts only in the nominative («Мороз Анна», not «Звонок
    Анне»). Kin, job and person words stay («Сосед Дмитрий», «Девушка Анна»), and so do
    adjectives of address or age («Уважаемая Анна», «Маленький Дмитрий»)."""
    from .lowercase import _role_word

    stems = _name_stems()
    found = []
    for a, b in name_spans:
        given = text[a:b]
        if not given[:1].isupper() or not _matches_stems(given, stems):
            continue
        name = _name_forms(given)
        if not name:
            continue
        m = re.search(r"([" + _UP + r"][" + _LOW + r"]{2,})\s+$", text[max(0, a - 40) : a])
        if m is None:
            continue
        end = a - (len(m.group(0)) - len(m.group(1)))
        start = end - len(m.group(1))
        token = m.group(1)
        low = token.lower()
        if (start, end) in name_spans or (start, end) in place_spans or in_street(start, end):
            continue
        if low in _NEVER_NAMES or low in _ADDRESS_ADJECTIVES or low in _PERSON_NOUNS:
            continue
        if _role_word(low) or _kin_or_role(token) or _quoted(text, start, end):
            continue
        if _CONTEXT_MARK.search(text[max(0, start - 30) : start]):
            continue
        if _looks_like_surname(given):  # «Заявитель Ибраева Салтанат»: a surname follows
            continue
        if _forms(low, "ADJF") & name:
            found.append((start, end))
            continue
        if _JOB_ENDING.search(low):
            continue
        noun = _forms(low, "NOUN")
        # an animate feminine noun before a woman's name, both in the nominative («Сорока
        # Ирина»; not «Почта Айгерим: …»)
        if (
            any(g == "masc" for g, _c in noun & name)
            or ("masc", "nomn") in noun
            and ("femn", "nomn") in name
            or ("femn", "nomn") in noun
            and ("femn", "nomn") in name
            and _animate(low)
        ):
            found.append((start, end))
    return found


# a capitalised word before two initials: «Ковтун М. С.», «Лебедь А. С.», «Исин Р. Т.»
_BEFORE_TWO_INITIALS = re.compile(
    r"(?<![\w.])([" + _UP + r"][" + _LOW + r"]{2,}(?:-[" + _UP + r"][" + _LOW + r"]+)?)"
    r"\s+[" + _UP + r"]\.\s?[" + _UP + r"]\.(?!\w)"
    # «Хатқа Ж.Б. Сұлтанова қол қойды»: a surname after the initials is the name's
    r"(?!\s*[" + _UP + r"][" + _LOW + r"])"
)


def _surnames_before_initials(text, place_spans, in_street):
    """A capitalised word right before two initials is a surname, even when it is a word
    too («Лебедь А. С.»), unless it is a street or a place («ул. Абая»)."""
    found = []
    for m in _BEFORE_TWO_INITIALS.finditer(text):
        span = (m.start(1), m.end(1))
        if span in place_spans or in_street(*span) or _quoted(text, *span):
            continue
        if m.group(1).lower() in _NEVER_NAMES or _CONTEXT_MARK.search(
            text[max(0, span[0] - 30) : span[0]]
        ):
            continue
        found.append(span)
    return found
