"""The anonymiser's one function and its helpers: which spans of a text are personal,
and the text with them hidden."""

from __future__ import annotations

import re
from collections.abc import Iterable

from .addresses import HIDDEN, _merge
from .beside import (
    _adjacent,
    _counts,
    _given_name_alone,
    _joined,
    _place_context,
    _quoted,
    _surnames_before_initials,
    _surnames_beside_given_names,
    _word_surnames_before_given,
)
from .letters import _KAZAKH_LETTER, _LOW, _SENT_END, _UP, _WORD, _fold
from .lowercase import lowercase_name_spans
from .models import (
    _is_common_word,
    _is_counted_noun,
    _is_known,
    _load,
    _name_probability,
    _ner_person_spans,
)
from .names import (
    _is_place_like,
    _kazakh_name_alone,
    _kazakh_name_shape,
    _kazakh_word,
    _known_places,
    _listed_name,
    _matches_stems,
    _name_stems,
    _place_index,
    _place_spans,
    _stems_of,
    _unlisted_kazakh_name,
    _word_name_bases,
    _word_name_stems,
)
from .numbers import (
    _ADDRESS_LABEL,
    _AFTER_STREET,
    _BY_SHAPE,
    _FLAT_AFTER,
    _HOUSE_WORD,
    _KK_COUNT_AFTER,
    _KK_COUNT_BEFORE,
    _KK_STREET,
    _MORE_NUMBERS,
    _NAME_NUM,
    _NOT_STREET,
    _NUM_HOUSE_WORD,
    _NUMBERED_HOUSE,
    _PHONE_AFTER_NUMBER,
    _PHONE_AFTER_WORD,
)
from .private import (
    kazakh_bases_of,
    kazakh_form_of,
    private_lemmas_of,
    private_phrase_spans,
    same_lemma,
)
from .vocabulary import (
    _ADDRESS_AFTER,
    _CALLED_AFTER,
    _CALLED_BEFORE,
    _CONTEXT_MARK,
    _DAY_OR_MONTH,
    _INITIALS,
    _NEVER_BUT_GIVEN,
    _NEVER_NAMES,
    _ORG_AFTER,
    _PATRONYMIC,
    _STREET_BEFORE,
    _STREET_NAMESAKES,
    CITIES,
    _kin_or_role,
    _looks_like_surname,
)
from .wordnames import _acts, _named_by_comma


def warm_up() -> None:
    """Load the models now (a management command calls this once before reading)."""
    _load()
    _name_stems()


def personal_spans(
    text: str,
    *,
    names: Iterable[str] = (),
    private: Iterable[str] = (),
    keep_names: Iterable[str] = (),
    keep_addresses: bool = False,
    places: Iterable[str] | None = None,
) -> list[tuple[int, int]]:
    """Character spans of ``text`` holding personal data, sorted and merged.

    ``places``: names of villages, districts and streets to keep in any case form
    («в Кенесе»), unless next to a person's name; ``None``: every territory's name
    (:func:`tyndau.privacy.places.territory_names`)."""
    text = text or ""
    single_places, multi_places = _place_index(
        frozenset(_known_places() if places is None else places) | CITIES
    )
    spans: list[tuple[int, int]] = []

    def add(m, group=0):
        if m.group(group):
            spans.append((m.start(group), m.end(group)))

    for rx in _BY_SHAPE:
        for m in rx.finditer(text):
            add(m)
    for m in _PHONE_AFTER_WORD.finditer(text):
        add(m, 1)
    for m in _PHONE_AFTER_NUMBER.finditer(text):
        if sum(c.isdigit() for c in m.group(1)) >= 5:
            add(m, 1)
    phones = len(spans)

    # streets: their names stay, their numbers go
    street_words: list[tuple[int, int]] = []
    for m in _AFTER_STREET.finditer(text):
        street_words.append((m.start(1), m.end(1)))
        if not keep_addresses:
            add(m, 2)
    for m in _KK_STREET.finditer(text):
        street_words.append((m.start(1), m.end(1)))
        if not keep_addresses and m.group(2):
            add(m, 2)
    numbers = list(spans)
    for m in _NAME_NUM.finditer(text):
        word, number = m.group(1), m.group(3)
        first = word.split()[0]
        if word.lower() in _NOT_STREET or first.lower() in _NOT_STREET:
            continue
        if any(s <= m.start(3) < e for s, e in numbers):  # «Ерлан, 8 702 …» is a phone
            continue
        following = re.match(r"\s+([" + _LOW + r"]+)", text[m.end(3) :])
        housey = bool(re.search(r"[/\-]|\d\s?[а-яa-z]$", number)) or bool(
            re.match(r"\s*,?\s*(?:кв|д\.|дом|пәтер|үй)", text[m.end(3) : m.end(3) + 6], re.I)
        )
        # «Яр, 120 домов», «7 лет»; «Сарыарқа 5а-12 подвал» is no count
        if (
            following
            and _is_counted_noun(following.group(1))
            and not re.search(r"[/\-]|\D$", number)
        ):
            continue
        if following and re.match(r"(?:үй|пәтер)\w+", following.group(1)):
            continue  # «40 үйге су»: forty houses
        if (
            following
            and following.group(1) in ("үй", "пәтер")
            and (
                _KK_COUNT_AFTER.match(text, following.end(1) + m.end(3))
                or _KK_COUNT_BEFORE.search(text, 0, m.start(3))
            )
        ):
            continue  # «Ауылда 300 үй бар»
        if (
            not housey
            and _SENT_END.search(text[: m.start(1)])
            and not _is_place_like(first)
            and not _ADDRESS_LABEL.search(text[max(0, m.start(1) - 30) : m.start(1)])
        ):
            continue  # «Прошло 25 дней», «Жол 5 шақырымға»; not «Адрес: Мира, 7»
        street_words.append((m.start(1), m.end(1)))
        if not keep_addresses:
            add(m, 3)
    if not keep_addresses:
        for m in _HOUSE_WORD.finditer(text):
            if not _counts(text, m.end(1)):  # «В доме 40 квартир»: how many, not which
                add(m, 1)
        for m in _NUM_HOUSE_WORD.finditer(text):
            if not _KK_COUNT_AFTER.match(text, m.end()) and not _KK_COUNT_BEFORE.search(
                text, 0, m.start()
            ):  # «Ауылда 300 үй бар»: three hundred houses
                add(m, 1)
        for m in _NUMBERED_HOUSE.finditer(text):
            add(m, 1)
        # «Кенесары, 15, 3.»: a bare number after a house number, then a stop, is the flat
        for _s, e in spans[phones:]:
            flat = _FLAT_AFTER.match(text, e)
            if flat:
                spans.append((flat.start(1), flat.end(1)))
        # «квартиры 21 и 17», «дома 5, 7 и 9»: the other numbers of the list
        for m in _HOUSE_WORD.finditer(text):
            end = m.end(1)
            while more := _MORE_NUMBERS.match(text, end):
                spans.append((more.start(1), more.end(1)))
                end = more.end(1)

    # names
    own = _own_stems(names)
    kept = _own_stems(keep_names)
    own -= kept
    private_stems = set()
    for term in private:
        term = (term or "").strip()
        if not term:
            continue
        for m in re.finditer(re.escape(term), text, flags=re.IGNORECASE):
            spans.append((m.start(), m.end()))
        for part in _WORD.findall(term):
            if len(part) >= 3:
                private_stems.update(_stems_of(part))
        spans.extend(private_phrase_spans(text, term))
    private_lemmas = private_lemmas_of(private)
    private_bases = kazakh_bases_of(private)

    def in_street(start, end):
        return any(s <= start and end <= e for s, e in street_words)

    ner = _ner_person_spans(text) if text.strip() else []
    stems = _name_stems()
    word_names = _word_name_stems()
    word_bases = _word_name_bases()
    name_spans = []
    word_spans = []  # a given name that is also a word, at the start of a sentence
    place_spans = _place_spans(text, single_places, multi_places)
    for m in _WORD.finditer(text):
        token, start, end = m.group(), m.start(), m.end()
        if (
            own
            and _matches_stems(token, own)
            or private_stems
            and _matches_stems(token, private_stems)
            or private_lemmas
            and same_lemma(token, private_lemmas)
            or private_bases
            and kazakh_form_of(token, private_bases)
        ):
            name_spans.append((start, end))
            continue
        if len(token) < 2 or not token[0].isupper() or in_street(start, end):
            continue
        if (start, end) in place_spans:
            continue
        called = _CALLED_AFTER.match(text[end : end + 10])
        if not called and (_place_context(text, start, token) or _quoted(text, start, end)):
            continue
        if token.lower() in _STREET_NAMESAKES and (
            _STREET_BEFORE.search(text[max(0, start - 12) : start])
            or re.match(r"\s+(?:хана|батыра|батыр|би|сері)\b", text[end : end + 8])
        ):
            continue
        if kept and _matches_stems(token, kept):
            continue
        low = token.lower()
        head = token.split("-")[0]
        at_start = bool(_SENT_END.search(text[:start]))
        if low == "слава" and (
            _given_name_alone(text, start, end, at_start) or at_start and _named_by_comma(text, end)
        ):
            name_spans.append((start, end))
            continue
        if low in _NEVER_NAMES or (len(head) > 1 and head.isupper()):
            continue
        # «Айна дүкені» is a shop; «Зауреның магазинінде» is Zaure's shop
        if _ORG_AFTER.match(text[end : end + 16]) and not re.search(
            r"(?:ның|нің|дың|дің|тың|тің)$", low
        ):
            continue
        if (
            _CALLED_AFTER.match(text[end : end + 10])
            or _ADDRESS_AFTER.match(text[end : end + 12])
            or _CALLED_BEFORE.search(text[max(0, start - 16) : start])
        ) and not _is_common_word(token):  # «Позвоните Бауыржану» is no «Бақыт ата»
            name_spans.append((start, end))
            continue
        if word_names and _matches_stems(token, word_names) and not _matches_stems(token, stems):
            # a given name that is also a word («Арман», «Жұма»): never before «күні»,
            # «айы», «мерекесі»; at the start of a sentence only next to another name
            if _DAY_OR_MONTH.match(text[end : end + 16]):
                continue
            # at the start: a person when in a case form («Мирасқа», «Ғалымның») or before
            # a form of address («Құралай апай», «Бақыт атай»)
            addressed = _ADDRESS_AFTER.match(text[end : end + 12])
            # «Свет» is the stem of «Света», no case form of it
            case_form = _fold(token) not in word_bases and _fold(token) not in word_names
            if at_start and not (
                addressed or case_form or _named_by_comma(text, end) or _acts(text, end, token)
            ):
                word_spans.append((start, end))
            else:
                name_spans.append((start, end))
            continue
        # at the start of a sentence the recogniser takes any capitalised word for a person
        # («Балабақшада орын жоқ»): there it needs the dictionary's word that it is a name
        # (pymorphy's guess for a word it does not know is no evidence) or a surname ending
        by_ner = any(s <= start and end <= e for s, e in ner) and (
            not at_start
            or _is_known(token)
            and _name_probability(token) > 0
            or not _is_known(token)
            and (_looks_like_surname(token) or _kazakh_name_shape(token))
        )
        is_name = (
            by_ner
            or _PATRONYMIC.match(token) is not None
            or _listed_name(token)
            or _name_probability(token) >= (0.5 if at_start else 0.3)
            and (_is_known(token) or not at_start)
            or (not _is_known(token) and _looks_like_surname(token))
        )
        if (
            is_name
            or at_start
            and _kazakh_name_alone(token)
            or (
                at_start
                and _unlisted_kazakh_name(token)
                and not re.match(r"\s+[" + _UP + "]", text[end : end + 2])  # «Медбике Гүлназ»
            )
        ):
            name_spans.append((start, end))
    # a given name nobody listed, next to a surely-named person the recogniser found:
    # before a surname or a patronymic («Әйгерім Жұмаділова»), or joined by «and»
    # («Ақбота мен Ербол»); dictionary words and street names stay («Көршім Мейрам»)
    surely = [
        (a, b)
        for a, b in name_spans
        if _looks_like_surname(text[a:b]) or _PATRONYMIC.match(text[a:b]) is not None
    ]
    for s, e in ner:
        for m in _WORD.finditer(text, s, e):
            token, start, end = m.group(), m.start(), m.end()
            if not token[0].isupper() or len(token) < 2 or (start, end) in name_spans:
                continue
            if (start, end) in place_spans:
                continue
            after = text[end:e]
            before_surname = any(a == end + len(after) - len(after.lstrip()) for a, _ in surely)
            joined = re.match(r"\s+(?:мен|бен|пен|және|и)\s+", after)
            before_name = joined and any(a == end + joined.end() for a, _ in name_spans)
            if not (before_surname or before_name):
                continue
            if token.lower() in _NEVER_NAMES or in_street(start, end) or _is_common_word(token):
                continue
            # «Учаскелік Ермеков», «Көршім Әлиева»: a kin or job word, an ordinary Kazakh word
            if _SENT_END.search(text[:start]) and (_kin_or_role(token) or _kazakh_word(token)):
                continue
            name_spans.append((start, end))
    # ... and, mid-sentence, a capitalised word right beside a name that is no Russian or
    # Kazakh word, place or street: the rest of that name («Мен Сейітқали Нұржан»)
    for m in _WORD.finditer(text):
        token, start, end = m.group(), m.start(), m.end()
        if not token[0].isupper() or len(token) < 3 or (start, end) in name_spans:
            continue
        if not any(_adjacent(text, (start, end), span) for span in name_spans):
            continue
        # at the start of a sentence, only an unknown word the recogniser puts in the person
        # that is no kin or job word («Ботагөз Тілеуберді мен …», not «Апам Сәуле»)
        if _SENT_END.search(text[:start]) and (
            _is_known(token)
            or _kin_or_role(token)
            or not any(s <= start and end <= e for s, e in ner)
        ):
            continue
        if (start, end) in place_spans or in_street(start, end) or _quoted(text, start, end):
            continue
        if token.lower() in _NEVER_NAMES or _is_common_word(token) or _kazakh_word(token):
            continue
        if _CONTEXT_MARK.search(text[max(0, start - 30) : start]) and not (
            _looks_like_surname(token) and not _is_known(token)
        ):
            continue
        name_spans.append((start, end))
    # ... and before a patronymic the recogniser missed («Мен Өмірзақ Бексұлтанұлы»): the
    # word right before it, unless it is a Russian or an ordinary Kazakh word; before a
    # surname, at the start of a sentence, an unknown word that is no kin or job word
    # («Әлімжан Тасқынбаев пен …», not «Көршім Әлиева»)
    for a, _b in surely:
        m = re.search(r"([" + _UP + r"][" + _LOW + r"]+)\s+$", text[max(0, a - 40) : a])
        if m is None:
            continue
        start = a - len(m.group(0))
        end = start + len(m.group(1))
        token = m.group(1)
        if _PATRONYMIC.match(text[a:_b]) is None and not (
            _SENT_END.search(text[:start])
            and not _is_known(token)
            and not _kin_or_role(token)
            # pymorphy parses no word with Kazakh letters: its zero says nothing there
            and (_name_probability(token) > 0 or _KAZAKH_LETTER.search(token) is not None)
        ):
            continue
        if (start, end) in name_spans or (start, end) in place_spans or in_street(start, end):
            continue
        if token.lower() in _NEVER_NAMES or _is_common_word(token) or _kazakh_word(token):
            continue
        name_spans.append((start, end))
    # «Алла», «Слава», «Мира» beside a surname or a patronymic are given names
    surely = [
        (a, b)
        for a, b in name_spans
        if _looks_like_surname(text[a:b]) or _PATRONYMIC.match(text[a:b]) is not None
    ]
    for m in _WORD.finditer(text):
        word = (m.start(), m.end())
        if (
            m.group().lower() in _NEVER_BUT_GIVEN
            and m.group()[0].isupper()
            and any(_adjacent(text, word, span) for span in surely)
        ):
            name_spans.append(word)
    name_spans.extend(_surnames_beside_given_names(text, name_spans, ner, place_spans, in_street))
    name_spans.extend(_word_surnames_before_given(text, name_spans, place_spans, in_street))
    name_spans.extend(_surnames_before_initials(text, place_spans, in_street))
    # a place's name, or a word that is also a given name, next to a person's name is that
    # person's («Кенес Ахметов», «Арман Сейтқали»)
    for _round in range(2):
        for start, end in place_spans + word_spans:
            if (start, end) in name_spans:
                continue
            if (
                any(_adjacent(text, (start, end), span) for span in name_spans)
                or (start, end) in word_spans
                and any(_joined(text, (start, end), span) for span in name_spans)
            ):
                name_spans.append((start, end))
    name_spans.extend(lowercase_name_spans(text, name_spans))
    # initials next to a name: «Петров И.И.», «А. Омарова»
    if name_spans:
        for m in _INITIALS.finditer(text):
            near = any(abs(m.start() - e) <= 2 or abs(s - m.end()) <= 2 for s, e in name_spans)
            if near:
                name_spans.append((m.start(), m.end()))
    spans.extend(name_spans)
    return _merge(spans, text)


def _own_stems(names: Iterable[str]) -> set[str]:
    stems: set[str] = set()
    for name in names:
        for part in _WORD.findall(name or ""):
            if len(part) >= 3:
                stems.update(_stems_of(part))
    return stems


def names_in(text: str, *, names: Iterable[str]) -> list[str]:
    """The words of ``text`` that are one of ``names`` in any grammatical case («Айгерим»,
    «Сериковой» for "Серикова Айгерим"), whether or not :func:`anonymise` would hide them
    anyway as a name it knows. For checks such as "the answer names the applicant": comparing
    ``anonymise(text, names=…)`` with ``anonymise(text)`` cannot see a name that both hide."""
    own = _own_stems(names)
    if not own:
        return []
    return [m.group() for m in _WORD.finditer(text or "") if _matches_stems(m.group(), own)]


def anonymise(
    text: str,
    *,
    names: Iterable[str] = (),
    private: Iterable[str] = (),
    keep_names: Iterable[str] = (),
    keep_addresses: bool = False,
    places: Iterable[str] | None = None,
) -> str:
    """``text`` with every piece of personal data replaced by «[…]».

    ``names``: the applicant's name as typed (hidden in every case, even lower-case);
    ``private``: words or phrases the applicant marked private; ``keep_names`` and
    ``keep_addresses``: what an applicant who agreed to publish with their name keeps.
    IINs, phones and e-mails always go. ``places``: see :func:`personal_spans`.
    """
    text = text or ""
    out, last = [], 0
    for start, end in personal_spans(
        text,
        names=names,
        private=private,
        keep_names=keep_names,
        keep_addresses=keep_addresses,
        places=places,
    ):
        out.append(text[last:start])
        out.append(HIDDEN)
        last = end
    out.append(text[last:])
    return "".join(out)
