"""The anonymiser: what may leave the office of a resident's text.

One function, :func:`anonymise`, used by every public page, the public API, Open311, open
data and ``manage.py anonymise``. It hides, in Russian and Kazakh text:

- IINs and BINs (12 digits, with or without spaces), phone numbers (+7…, 8…, 7xx…, local
  5–6 digit numbers such as 25-14-33, anything after «тел.»), e-mail addresses;
- house and flat numbers in the forms residents type them («д. 5 кв. 3», «Абая 25-7»,
  «ул. Мира, 12», «25-үй, 7-пәтер», «Мира 3 Кв 9»); the street name stays;
- personal names in any grammatical case: the named-entity recogniser of ``natasha``,
  ``pymorphy3``'s name/surname/patronymic tags, a shipped list of Kazakh given names and
  surnames with their Russian and Kazakh endings, patronymics (-ович, -овна, -ұлы, -қызы)
  and initials next to a name;
- the applicant's own name and whatever the applicant marked private, in any case.

The models load once per process (about two seconds), lazily, on the first call.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

HIDDEN = "[…]"

_UP = "А-ЯЁӘІҢҒҮҰҚӨҺA-Z"
_LOW = "а-яёәіңғүұқөһa-z"

# --- numbers ------------------------------------------------------------------------------

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# 12 digits, spaces or dashes allowed between them: IIN / BIN
_IIN = re.compile(r"(?<![\d+])\d(?:[ \u00a0-]?\d){11}(?!\d)")
_PHONE_INTL = re.compile(r"(?<![\w+])(?:\+\s?7|8)(?:[\s\-().\u00a0]{0,3}\d){10}(?!\d)")
_PHONE_MOBILE = re.compile(r"(?<![\d\w])7\d\d(?:[\s\-().\u00a0]{0,2}\d){7}(?!\d)")
_PHONE_LOCAL = re.compile(
    r"(?<![\d.,/\-])\d{1,3}-\d{2}-\d{2}(?![\d\-/])|(?<!\d)\d\d \d\d \d\d(?![\d])"
)
_PHONE_AFTER_WORD = re.compile(
    r"(?i)(?<!\w)(?:тел(?:ефон\w*)?\.?|т\.|моб(?:ильн\w*)?\.?|сот(?:ов\w*)?\.?|whatsapp|"
    r"ватсап\w*|номер\w*\s+телефон\w*|байланыс\w*)\s*[:№-]?\s*(\+?\d[\d\s\-()\u00a0]{3,}\d)"
)

# a house or flat number: 25, 25а, 25 А, 25/2, 25-7, 12Б/3
_NUM = r"\d+(?:[а-яёәіңғүұқөһa-zА-ЯЁA-Z](?![\w]))?(?:\s?[/\-]\s?\d+[а-яa-z]?(?![\w]))*"
_HOUSE_WORD = re.compile(
    r"(?i)(?<!\w)(?:д\.|дом(?:а|е|у|ом)?|кв\.?|квартир\w*|корп(?:ус\w*)?\.?|уч\.|участ(?:ок|ка|ке)"
    r"|үй(?:і|де|ге|дің|ім)?|пәтер(?:і|де|ге|дің|ім)?|house|apt\.?|flat)"
    r"\s*(?:№|номер|n)?\s*(" + _NUM + r")"
)
# Kazakh order: «25-үй», «7 пәтер»
_NUM_HOUSE_WORD = re.compile(
    r"(?i)(?<![\w/-])(" + _NUM + r")(?:\s?-\s?(?:үй|пәтер)\w*|\s(?:үй|пәтер)(?!\w)"
    r"|\s(?:квартир[аеуы]|кв\.))"
)
_STREET_MARK = (
    r"(?:ул\.?|улиц\w+|пр\.|пр-т\.?|просп\.?|проспект\w*|мкр\.?|микрорайон\w*|пер\.|переул\w+"
    r"|бульв\w*|б-р|шоссе|тупик\w*|көш\.?|ш/а|ықшамаудан\w*|street|st\.|ave\.?)"
)
_AFTER_STREET = re.compile(
    r"(?<!\w)(?i:" + _STREET_MARK + r")\s*((?:[«\"]?[" + _UP + r"][\w.-]*[»\"]?\s*)"
    r"(?:(?:["
    + _UP
    + r"][\w.-]*|хана|батыра|би|ата|ана|сері)[»\"]?\s*){0,2}?)[,\s]*("
    + _NUM
    + r")"
)
_KK_STREET = re.compile(
    r"(?<!\w)((?:["
    + _UP
    + r"][\w-]*\s+)(?:[^\W\d_][\w-]*\s+){0,2}?)(?i:көшесі\w*|даңғылы\w*|ықшамауданы\w*|street|st\.)"
    r"[,\s]*(" + _NUM + r")?"
)
# «Абая 25-7», «на Мира 3», «Абылай хана, 15/2»
_NAME_NUM = re.compile(
    r"(?<![\w.])([" + _UP + r"][" + _LOW + r"]+(?:\s+(?:хана|батыра|би|ана|ата))?)"
    r"(,?\s+)(" + _NUM + r")(?![\w.,]\d)"
)
_NOT_STREET = {
    "статья",
    "статьи",
    "статье",
    "пункт",
    "пункта",
    "приложение",
    "приложения",
    "школа",
    "школы",
    "школе",
    "гимназия",
    "гимназии",
    "лицей",
    "лицея",
    "детсад",
    "сад",
    "закон",
    "закона",
    "глава",
    "главы",
    "часть",
    "части",
    "январь",
    "января",
    "февраль",
    "февраля",
    "март",
    "марта",
    "апрель",
    "апреля",
    "май",
    "мая",
    "июнь",
    "июня",
    "июль",
    "июля",
    "август",
    "августа",
    "сентябрь",
    "сентября",
    "октябрь",
    "октября",
    "ноябрь",
    "ноября",
    "декабрь",
    "декабря",
    "после",
    "около",
    "более",
    "менее",
    "уже",
    "всего",
    "почти",
    "только",
    "ещё",
    "еще",
    "через",
    "за",
    "на",
    "в",
    "с",
    "до",
    "по",
    "от",
    "маршрут",
    "маршрута",
    "автобус",
    "автобуса",
    "номер",
    "палата",
    "кабинет",
    "кабинета",
    "группа",
    "группы",
    "класс",
    "класса",
    "комната",
    "участок",
    "бюджет",
    "сумма",
    "сумму",
    "итого",
    "қаңтар",
    "ақпан",
    "наурыз",
    "сәуір",
    "мамыр",
    "маусым",
    "шілде",
    "тамыз",
    "қыркүйек",
    "қазан",
    "қараша",
    "желтоқсан",
    "мектеп",
    "мектебі",
    "сынып",
    "бап",
    "бабы",
    "тармақ",
    "жыл",
    "жылы",
    "тг",
    "тенге",
    "теңге",
    "сағат",
    "кезең",
    "корпус",
    "подъезд",
    "подъезда",
    "этаж",
    "этаже",
    "трасса",
    "трассе",
}

# --- names -------------------------------------------------------------------------------

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_PATRONYMIC = re.compile(
    r"(?i)^[^\W\d_]{2,}(?:ович|евич|ьич|овна|евна|ична|инична)(?:а|у|ем|е|ы|ой|ою|и)?$"
    r"|^[^\W\d_]{2,}(?:ұлы|улы|қызы|кызы)(?:на|ның|нан|мен|ға|на)?$"
)
_SURNAME_ENDING = re.compile(
    r"^[" + _UP + r"][" + _LOW + r"]{2,}(?:ов|ев|ёв|ин|ын|ова|ева|ёва|ина|ына|ову|еву|ину|ыну|овым"
    r"|евым|иным|ыным|овой|евой|иной|ыной|ове|еве|ине|ыне|овых|евых|иных|ские|ский|ская|ского"
    r"|скому|ским|ской|ко|енко|бек|беков|бекова|баев|баева|баеву|баевым|баевой)$"
)
_RU_ENDINGS = (
    "",
    "а",
    "я",
    "у",
    "ю",
    "ом",
    "ем",
    "ём",
    "е",
    "и",
    "ы",
    "ой",
    "ей",
    "ою",
    "ею",
    "ым",
    "им",
    "ых",
    "их",
    "ыми",
    "ими",
    "ам",
    "ям",
    "ами",
    "ями",
    "ах",
    "ях",
    "ь",
    "ью",
)
_SURNAME_SUFFIX = ("а", "у", "ым", "е", "ой", "ы", "ых", "ыми", "ою")
_KK_ENDINGS = (
    "ға",
    "ге",
    "қа",
    "ке",
    "на",
    "не",
    "ның",
    "нің",
    "дың",
    "дің",
    "тың",
    "тің",
    "ды",
    "ді",
    "ты",
    "ті",
    "ны",
    "ні",
    "н",
    "нан",
    "нен",
    "дан",
    "ден",
    "тан",
    "тен",
    "мен",
    "бен",
    "пен",
    "да",
    "де",
    "та",
    "те",
    "ұлы",
    "улы",
    "қызы",
    "кызы",
    "ович",
    "овна",
    "евич",
    "евна",
    "овича",
    "овны",
    "овичу",
    "овне",
    "овичем",
    "овной",
)
_ENDINGS = frozenset(_RU_ENDINGS + _KK_ENDINGS)
_VOWELS = "аяеёоуыиьйэюәіөүұ"
_NEVER_NAMES = {
    "аким",
    "акима",
    "акиму",
    "акимом",
    "акиме",
    "акимат",
    "акимата",
    "акимату",
    "акиматом",
    "акимате",
    "әкім",
    "әкімі",
    "әкімдік",
    "әкімдігі",
    "маслихат",
    "мәслихат",
    "депутат",
    "президент",
    "министр",
    "бог",
    "господь",
    "алла",
    "аллах",
    "уважаемый",
    "уважаемая",
    "прошу",
    "просим",
    "спасибо",
    "рахмет",
    "құрметті",
    "сәлеметсіз",
    "здравствуйте",
    "казахстан",
    "қазақстан",
    "республика",
    "кокшетау",
    "көкшетау",
    "астана",
    "алматы",
    "красноярка",
    "красноярский",
    "ооо",
    "тоо",
    "кгу",
    "гкп",
    "жкх",
    "оsi",
    "оси",
    "кск",
    "мир",
    "мира",
    "слава",
    "жан",
    # common Kazakh words that open sentences and look like given names
    "жеке",
    "жер",
    "қала",
    "ауыл",
    "мектеп",
    "бала",
    "балалар",
    "көше",
    "су",
    "жол",
}
# a capitalised word right after these is a street, a place or an organisation, not a person
_CONTEXT_MARK = re.compile(
    r"(?i)(?<!\w)(?:" + _STREET_MARK + r"|улиц\w*|проспект\w*|перекр[её]ст\w*|посёл\w*"
    r"|пос[её]л\w*|пос\.|сел[оаеу]|с\.|г\.|город\w*|аул\w*|ауыл\w*|район\w*|ауданы\w*|област\w*"
    r"|озер\w*|рек[аиеу]|станци\w*|ст\.|кафе|магазин\w*|тоо|ооо|ип"
    r"|(?:парк\w*|улиц\w*|школ\w*|проспект\w*|площад\w*|гимнази\w*|сквер\w*)\s+(?:имени|им\.))"
    r"\s*(?:[" + _UP + r"]\.\s*)?$"
)
# people whose names streets bear: after «на», «по», «и» or before «хана/батыра» they are streets
_STREET_NAMESAKES = {
    "абая",
    "абай",
    "ауэзова",
    "ауэзов",
    "әуезов",
    "ленина",
    "пушкина",
    "горького",
    "гоголя",
    "чехова",
    "валиханова",
    "уәлиханов",
    "момышулы",
    "байтурсынова",
    "байтұрсынұлы",
    "назарбаева",
    "кенесары",
    "сейфуллина",
    "сейфуллин",
    "сатпаева",
    "кунаева",
    "жамбыла",
    "жамбыл",
    "торайгырова",
    "мусрепова",
    "мүсірепов",
    "достоевского",
    "абылай",
    "кабанбай",
    "богенбай",
    "толе",
    "кошкарбаева",
    "ауельбекова",
    "махтумкули",
    "есенберлина",
}
_STREET_BEFORE = re.compile(r"(?i)(?<!\w)(?:на|по|с|и|угол|углу|от|до|между)\s+$")
_NAME_TAGS = ("Name", "Surn", "Patr")
_SENT_END = re.compile(r"(?:^|[.!?…:;\n]|[.!?…]\s*[«\"(])\s*$")
_INITIALS = re.compile(r"(?<![\w])[" + _UP + r"]\.(?:\s?[" + _UP + r"]\.)?")

_DATA = Path(__file__).resolve().parent / "data"


@lru_cache(maxsize=1)
def _name_stems() -> frozenset[str]:
    """Stems of the shipped Kazakh names: given names drop a final vowel; surnames keep
    -ов/-ев/-ин (the endings come from _ENDINGS and _SURNAME_SUFFIX)."""
    stems: set[str] = set()
    section = None
    for line in (_DATA / "kazakh_names.txt").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            section = line.strip("[]")
            continue
        stems.update(_stems_of(line.lower(), surname=section == "surname"))
    return frozenset(stems)


def _stems_of(word: str, *, surname: bool = False) -> set[str]:
    word = word.lower()
    stems = {word}
    if surname or re.search(r"(ов|ев|ёв|ин|ын)$", word):
        return stems
    if re.search(r"(ова|ева|ёва|ина|ына)$", word):  # a feminine surname typed in the name field
        return {word[:-1]}
    stripped = word.rstrip(_VOWELS)
    if len(stripped) >= 3:
        stems.add(stripped)
    return stems


def _matches_stems(token: str, stems: Iterable[str]) -> bool:
    low = token.lower().replace("ё", "е")
    stems = stems if isinstance(stems, (set, frozenset)) else set(stems)
    for cut in range(len(low), max(2, len(low) - 7), -1):
        stem, rest = low[:cut], low[cut:]
        if stem in stems and (rest in _ENDINGS or _surname_rest(rest)):
            return True
    return False


def _surname_rest(rest: str) -> bool:
    for head in ("а", "ов", "ев", "ин", "ова", "ева", "ина"):
        if rest.startswith(head):
            tail = rest[len(head) :]
            if tail in _ENDINGS or tail in _SURNAME_SUFFIX:
                return True
    return rest in _SURNAME_SUFFIX


# --- models (loaded once) -----------------------------------------------------------------

_lock = threading.Lock()
_models: dict = {}


def _load():
    if not _models:
        with _lock:
            if not _models:
                import pymorphy3
                from natasha import Doc, NewsEmbedding, NewsNERTagger, Segmenter

                embedding = NewsEmbedding()
                _models.update(
                    morph=pymorphy3.MorphAnalyzer(),
                    segmenter=Segmenter(),
                    ner=NewsNERTagger(embedding),
                    doc=Doc,
                )
    return _models


def warm_up() -> None:
    """Load the models now (a management command calls this once before reading)."""
    _load()
    _name_stems()


@lru_cache(maxsize=50_000)
def _name_probability(word: str) -> float:
    """pymorphy3's probability that ``word`` is a given name, surname or patronymic."""
    morph = _load()["morph"]
    parses = morph.parse(word)
    return sum(p.score for p in parses if any(t in p.tag for t in _NAME_TAGS))


@lru_cache(maxsize=50_000)
def _is_known(word: str) -> bool:
    return _load()["morph"].word_is_known(word)


def _is_counted_noun(word: str) -> bool:
    """A lower-case noun after a number makes it a quantity: «120 домов», «7 лет»."""
    if word in ("кв", "д", "дом", "пәтер", "үй", "корп", "корпус", "и"):
        return False
    tag = _load()["morph"].parse(word)[0].tag
    return "NOUN" in tag and _is_known(word)


def _is_common_word(word: str) -> bool:
    """A dictionary word that is not a name, surname or place (a verb, an adverb, a noun)."""
    if not _is_known(word) or _name_probability(word) > 0:
        return False
    tag = _load()["morph"].parse(word)[0].tag
    return "Geox" not in tag and not ("ADJF" in tag and "femn" in tag)


def _is_place_like(word: str) -> bool:
    """A word that may name a street at the start of a sentence («Кенесары 40»)."""
    if not _is_known(word):
        return _matches_stems(word, _name_stems()) or word.lower() in _STREET_NAMESAKES
    return not _is_common_word(word)


def _quoted(text: str, start: int, end: int) -> bool:
    """«Арай», "Нур": a name in quotes is a shop, a programme or a company."""
    before = text[:start].rstrip()[-1:] if text[:start].strip() else ""
    return before in ("«", '"', "“") or text[start - 1 : start] in ("«", '"')


def _ner_person_spans(text: str) -> list[tuple[int, int]]:
    models = _load()
    doc = models["doc"](text)
    doc.segment(models["segmenter"])
    doc.tag_ner(models["ner"])
    return [(s.start, s.stop) for s in doc.spans if s.type == "PER"]


# --- the function -------------------------------------------------------------------------


def personal_spans(
    text: str,
    *,
    names: Iterable[str] = (),
    private: Iterable[str] = (),
    keep_names: Iterable[str] = (),
    keep_addresses: bool = False,
) -> list[tuple[int, int]]:
    """Character spans of ``text`` holding personal data, sorted and merged."""
    text = text or ""
    spans: list[tuple[int, int]] = []

    def add(m, group=0):
        if m.group(group):
            spans.append((m.start(group), m.end(group)))

    for rx in (_EMAIL, _IIN, _PHONE_INTL, _PHONE_MOBILE, _PHONE_LOCAL):
        for m in rx.finditer(text):
            add(m)
    for m in _PHONE_AFTER_WORD.finditer(text):
        add(m, 1)

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
        if following and _is_counted_noun(following.group(1)):  # «Яр, 120 домов», «7 лет»
            continue
        housey = bool(re.search(r"[/\-]|\d\s?[а-яa-z]$", number)) or bool(
            re.match(r"\s*,?\s*(?:кв|д\.|дом|пәтер|үй)", text[m.end(3) : m.end(3) + 6], re.I)
        )
        if following and re.match(r"(?:үй|пәтер)\w+", following.group(1)):
            continue  # «40 үйге су»: forty houses
        if not housey and _SENT_END.search(text[: m.start(1)]) and not _is_place_like(first):
            continue  # «Прошло 25 дней», «Жол 5 шақырымға»
        street_words.append((m.start(1), m.end(1)))
        if not keep_addresses:
            add(m, 3)
    if not keep_addresses:
        for m in _HOUSE_WORD.finditer(text):
            add(m, 1)
        for m in _NUM_HOUSE_WORD.finditer(text):
            add(m, 1)

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

    def in_street(start, end):
        return any(s <= start and end <= e for s, e in street_words)

    ner = _ner_person_spans(text) if text.strip() else []
    stems = _name_stems()
    name_spans = []
    for m in _WORD.finditer(text):
        token, start, end = m.group(), m.start(), m.end()
        if (
            own
            and _matches_stems(token, own)
            or private_stems
            and _matches_stems(token, private_stems)
        ):
            name_spans.append((start, end))
            continue
        if len(token) < 2 or not token[0].isupper() or in_street(start, end):
            continue
        if _CONTEXT_MARK.search(text[max(0, start - 30) : start]) or _quoted(text, start, end):
            continue
        if token.lower() in _STREET_NAMESAKES and (
            _STREET_BEFORE.search(text[max(0, start - 12) : start])
            or re.match(r"\s+(?:хана|батыра|би)\b", text[end : end + 8])
        ):
            continue
        if kept and _matches_stems(token, kept):
            continue
        low = token.lower()
        head = token.split("-")[0]
        if low in _NEVER_NAMES or (len(head) > 1 and head.isupper()):
            continue
        at_start = bool(_SENT_END.search(text[:start]))
        by_ner = any(s <= start and end <= e for s, e in ner) and (
            not at_start
            or _name_probability(token) > 0
            or not _is_known(token)
            and _SURNAME_ENDING.match(token) is not None
        )
        is_name = (
            by_ner
            or _PATRONYMIC.match(token) is not None
            or _matches_stems(token, stems)
            or _name_probability(token) >= (0.5 if at_start else 0.3)
            and (_is_known(token) or not at_start)
            or (not _is_known(token) and _SURNAME_ENDING.match(token) is not None)
        )
        if is_name:
            name_spans.append((start, end))
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


def _merge(spans: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and (start <= merged[-1][1] or not text[merged[-1][1] : start].strip()):
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


def anonymise(
    text: str,
    *,
    names: Iterable[str] = (),
    private: Iterable[str] = (),
    keep_names: Iterable[str] = (),
    keep_addresses: bool = False,
) -> str:
    """``text`` with every piece of personal data replaced by «[…]».

    ``names``: the applicant's name as typed (hidden in every case, even lower-case);
    ``private``: words or phrases the applicant marked private; ``keep_names`` and
    ``keep_addresses``: what an applicant who agreed to publish with their name keeps.
    IINs, phones and e-mails always go.
    """
    text = text or ""
    out, last = [], 0
    for start, end in personal_spans(
        text, names=names, private=private, keep_names=keep_names, keep_addresses=keep_addresses
    ):
        out.append(text[last:start])
        out.append(HIDDEN)
        last = end
    out.append(text[last:])
    return "".join(out)


def hide_house_numbers(text: str) -> str:
    """Only the house and flat numbers of ``text`` hidden (for a street typed in a form)."""
    text = text or ""
    spans = []
    for rx, group in ((_AFTER_STREET, 2), (_KK_STREET, 2), (_HOUSE_WORD, 1), (_NUM_HOUSE_WORD, 1)):
        for m in rx.finditer(text):
            if m.group(group):
                spans.append((m.start(group), m.end(group)))
    for m in _NAME_NUM.finditer(text):
        if m.group(1).lower() not in _NOT_STREET:
            spans.append((m.start(3), m.end(3)))
    out, last = [], 0
    for start, end in _merge(spans, text):
        out.append(text[last:start])
        out.append(HIDDEN)
        last = end
    out.append(text[last:])
    return "".join(out)


def street_only(address: str) -> str:
    """A street as the public may see it: the name, no house or flat number."""
    cleaned = re.sub(
        r"(?i)[\s,]*(?:д\.|дом\w*|үй\w*|кв\.?|квартир\w*|пәтер\w*|house|apt\.?|flat|№)?\s*"
        r"\d+[\w/-]*(?:\s*-?\s*(?:үй|пәтер)\w*)?",
        "",
        address or "",
    )
    return re.sub(r"\s{2,}", " ", cleaned).strip(" ,.-")
