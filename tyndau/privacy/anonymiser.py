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

# Kazakh letters folded onto their Russian look-alikes: one name has both spellings
# («Әйгерім» / «Айгерим», «Жұмаділова» / «Жумадилова»), and residents type either.
_FOLD = str.maketrans("әіңғүұқөһё", "аингуукохе")


def _fold(word: str) -> str:
    return word.lower().translate(_FOLD)


# --- numbers ------------------------------------------------------------------------------

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# 12 digits, spaces or dashes allowed between them: IIN / BIN
_IIN = re.compile(r"(?<![\d+])\d(?:[ \u00a0-]?\d){11}(?!\d)")
_PHONE_INTL = re.compile(r"(?<![\w+])(?:\+\s?7|8)(?:[\s\-().\u00a0]{0,3}\d){10}(?!\d)")
_PHONE_MOBILE = re.compile(r"(?<![\d\w])7\d\d(?:[\s\-().\u00a0]{0,2}\d){7}(?!\d)")
# «77014452390», «7 701 999 88 77»: the country code without the plus
_PHONE_CC = re.compile(r"(?<![\d\w+])7[\s\-\u00a0]?7\d\d(?:[\s\-().\u00a0]{0,2}\d){7}(?!\d)")
_PHONE_LOCAL = re.compile(
    r"(?<![\d.,/\-])\d{1,3}-\d{2}-\d{2}(?![\d\-/])|(?<![\d.,])\d{1,3} \d\d \d\d(?![\d])"
)
_PHONE_AFTER_WORD = re.compile(
    r"(?i)(?<!\w)(?:тел(?:ефон\w*)?\.?|т\.|моб(?:ильн\w*)?\.?|сот(?:ов\w*)?\.?|whatsapp|"
    r"ватсап\w*|номер\w*\s+телефон\w*|байланыс\w*)\s*[:№-]?\s*(\+?\d[\d\s\-()\u00a0]{3,}\d)"
)
# «Мой номер 413726», «Менің нөмірім 512233»: five digits or more right after the word
_PHONE_AFTER_NUMBER = re.compile(
    r"(?i)(?<!\w)(?:номер[ау]?|нөмір\w*)\s*[:-]?\s*(\+?\d[\d\s\-()\u00a0]{3,}\d)(?![\d\w])"
)

# a house or flat number: 25, 25а, 25 А, 25/2, 25-7, 12Б/3
_NUM = r"\d+(?:[а-яёәіңғүұқөһa-zА-ЯЁA-Z](?![\w]))?(?:\s?[/\-]\s?\d+[а-яa-z]?(?![\w]))*"
_HOUSE_WORD = re.compile(
    r"(?i)(?<!\w)(?:д\.|дом(?:а|е|у|ом)?|кв\.?|квартир\w*|корп(?:ус\w*)?\.?|уч\.|участ(?:ок|ка|ке)"
    r"|үй(?:і|де|ге|дің|ім)?|пәтер(?:і|де|ге|дің|ім)?|комнат[аеуы]|комн\.?|бөлме(?:сі)?"
    r"|номер\s+(?:дома|квартиры)|(?:үй|пәтер)(?:дің|імнің|іміздің)?\s+нөмірі"
    r"|house|apt\.?|flat)"
    r"\s*(?:№|номер|n)?\s*(" + _NUM + r")(?![.,]?\d)"
)
# Kazakh order: «25-үй», «7 пәтер»
_NUM_HOUSE_WORD = re.compile(
    r"(?i)(?<![\w/-])(" + _NUM + r")(?:\s?-\s?(?:үй|пәтер|бөлме)\w*|\s(?:үй|пәтер|бөлме)(?!\w)"
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
    r"(?<![\w.])([" + _UP + r"][" + _LOW + r"]+(?:\s+(?:хана|батыра|батыр|би|ана|ата|сері))?)"
    r"(,?\s+)(" + _NUM + r")(?!\d)(?![\w.,]\d)"
    r"(?!\s*(?:жыл\w*|год\w*|г\.|г\.р\.|гг\.|лет|жас\w*)(?!\w))"
)
# «Адрес: Мира, 7, 12», «Живу: Кенесары, 15»: what follows is an address
_ADDRESS_LABEL = re.compile(
    r"(?i)(?<!\w)(?:адрес\w*|мекенжай\w*|проживаю|живу|живём|живем|тұрамын|тұрамыз"
    r"|тұратын\s+жер\w*)(?:\s+по\s+адресу)?\s*[:—–-]?\s*$"
)
# the number after a house number and a comma, closing the address: the flat
_FLAT_AFTER = re.compile(r"\s*,\s*(" + _NUM + r")(?!\d)(?=\s*(?:[.;!?)»]|,\s|$|[—–]))")
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


def _looks_like_surname(token: str) -> bool:
    """A surname's ending, on one part of a double surname too («Петров-Водкин»)."""
    return any(_SURNAME_ENDING.match(part) is not None for part in token.split("-"))


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
    "лар",
    "лер",
    "дар",
    "дер",
    "тар",
    "тер",
    "ларға",
    "лерге",
    "дарға",
    "дерге",
    "тарға",
    "терге",
    "лардың",
    "лердің",
    "дардың",
    "дердің",
    "нікі",
    "ныкі",
    "дікі",
    "дыкі",
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
_ENDINGS = frozenset(_fold(e) for e in _RU_ENDINGS + _KK_ENDINGS)
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
    r"(?i)(?<![\w.])(?<!\.\s)(?:" + _STREET_MARK + r"|улиц\w*|проспект\w*|перекр[её]ст\w*|посёл\w*"
    r"|пос[её]л\w*|пос\.|сел[оаеу]|с\.|г\.|город\w*|аул[аеу]?|ауыл|район\w*|област\w*"
    r"|озер\w*|рек[аиеу]|станци\w*|ст\.|кафе|магазин\w*|тоо|ооо|ип|памятник\w*|ескерткіш\w*"
    r"|(?:парк\w*|улиц\w*|школ\w*|проспект\w*|площад\w*|гимнази\w*|сквер\w*)\s+(?:имени|им\.))"
    r"\s*(?:[" + _UP + r"]\.\s*)?$"
    # a street's name of two words: «по улице Шокана Уалиханова»
    r"|(?<!\w)(?:" + _STREET_MARK + r"|улиц\w*|проспект\w*)\s*"
    r"(?-i:[" + _UP + r"][" + _LOW + r"]+)\s+$"
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
# after a weekday or a month that is also a given name, the day is meant («Жұма күні»)
_DAY_OR_MONTH = re.compile(
    r"\s+(?:күн(?:і|ін|іне|інде|інен|імен|інің|дері\w*|гі)|ай(?:ы|ын|ына|ында|ынан|ымен|ының)"
    r"|мейрам\w*|мереке\w*|день|дня|месяц\w*|праздник\w*)(?!\w)",
    re.IGNORECASE,
)
# a form of address after a given name: «Құралай апай», «Бақыт ата», «Арман мырза»
_ADDRESS_AFTER = re.compile(
    r"\s+(?:апа\w*|апай\w*|ата\w*|атай\w*|аға\w*|ағай\w*|әже\w*|әпке\w*|мырза\w*"
    r"|ханым\w*|бауырым\w*)(?!\w)",
    re.IGNORECASE,
)
# a name before these is a shop's, a café's or a centre's: «Айна дүкені», «Шолпан кинотеатры»
_ORG_AFTER = re.compile(
    r"\s+(?:дүкен\w*|кафе\w*|мейрамхана\w*|кинотеатр\w*|орталы\w*|базар\w*|дәріхана\w*"
    r"|шаштараз\w*|асхана\w*|қонақүй\w*|жшс|тоо|магазин\w*|ресторан\w*|аптек\w*)(?!\w)",
    re.IGNORECASE,
)
# «Жібек деген көршім», «Жомарт атты кісі», «по имени Инжу»: what follows says it is a name
_CALLED_AFTER = re.compile(r"\s+(?:деген|дейтін|атты|есімді)(?!\w)", re.IGNORECASE)
# ... and what goes before: «Менің атым Сапаргүл», «меня зовут Айкерим», «по имени Инжу»
_CALLED_BEFORE = re.compile(
    r"(?i)(?<!\w)(?:зовут|по\s+имени|им[яи]|фамили[яи]|атым|аты|есімім|есімі|аты-жөнім"
    r"|аты-жөні|тегім|тегі)\s*[:,—–-]?\s*$"
)
_INITIALS = re.compile(r"(?<![\w])[" + _UP + r"]\.(?:\s?[" + _UP + r"]\.)?")

_DATA = Path(__file__).resolve().parent / "data"
# Cities and district centres of Kazakhstan, kept as places in any case form («в Астану»,
# «Көкшетауға») whatever office the appeal comes from; villages come from the territory
# tree (``places``).
CITIES = frozenset(
    [
        "Астана",
        "Алматы",
        "Шымкент",
        "Караганда",
        "Қарағанды",
        "Кокшетау",
        "Көкшетау",
        "Павлодар",
        "Петропавловск",
        "Петропавл",
        "Костанай",
        "Қостанай",
        "Атырау",
        "Актобе",
        "Ақтөбе",
        "Уральск",
        "Семей",
        "Тараз",
        "Туркестан",
        "Түркістан",
        "Усть-Каменогорск",
        "Өскемен",
        "Кызылорда",
        "Қызылорда",
        "Актау",
        "Ақтау",
        "Талдыкорган",
        "Талдықорған",
        "Жезказган",
        "Жезқазған",
        "Экибастуз",
        "Екібастұз",
        "Степногорск",
        "Щучинск",
        "Шучинск",
        "Макинск",
        "Атбасар",
        "Есиль",
        "Зеренда",
        "Зеренді",
        "Бурабай",
        "Балхаш",
        "Балқаш",
        "Темиртау",
        "Теміртау",
        "Рудный",
        "Кентау",
        "Туркестан",
        "Байконур",
        "Конаев",
        "Қонаев",
    ]
)


def _read_names(path: Path) -> dict[str, list[str]]:
    """The names of a list in ``data/`` by section (``[given]``, ``[surname]``…)."""
    sections: dict[str, list[str]] = {}
    section = ""
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            section = line.strip("[]")
            continue
        sections.setdefault(section, []).append(line)
    return sections


@lru_cache(maxsize=1)
def _name_lists() -> tuple[frozenset[str], frozenset[str]]:
    """Stems of the shipped names (kazakh_names.txt, written for Tyndau, and the large list
    names_large.txt built from mimesis and airlock-pii, see its header): the names that are
    only names, and the given names that are also ordinary words («Арман», «Жұма»). Given
    names drop a final vowel; surnames keep -ов/-ев/-ин (the endings come from _ENDINGS and
    _SURNAME_SUFFIX)."""
    lists = [_read_names(_DATA / "kazakh_names.txt"), _read_names(_DATA / "names_large.txt")]
    words = {_fold(n) for names in lists for n in names.get("given-word", [])}
    stems: set[str] = set()
    word_stems: set[str] = set()
    for names in lists:
        for section, entries in names.items():
            for name in entries:
                if section == "given-word" or _fold(name) in words:
                    word_stems.update(_stems_of(name.lower()))
                else:
                    stems.update(_stems_of(name.lower(), surname=section == "surname"))
    return frozenset(stems), frozenset(word_stems - stems)


def _name_stems() -> frozenset[str]:
    return _name_lists()[0]


def _word_name_stems() -> frozenset[str]:
    return _name_lists()[1]


@lru_cache(maxsize=1)
def _word_name_bases() -> frozenset[str]:
    """The given names that are also words, as written (folded): the word itself."""
    lists = [_read_names(_DATA / "kazakh_names.txt"), _read_names(_DATA / "names_large.txt")]
    return frozenset(_fold(n) for names in lists for n in names.get("given-word", []))


def _stems_of(word: str, *, surname: bool = False) -> set[str]:
    word = _fold(word)
    stems = {word}
    if surname or re.search(r"(ов|ев|ин|ын)$", word):
        return stems
    if re.search(r"(ова|ева|ина|ына)$", word):  # a feminine surname typed in the name field
        return {word[:-1]}
    # one final vowel goes («Мария» → «Мари-и», «Алма» → «Алма-ға» / «Алм-ы»), not more:
    # «Жания» must not give «Жан», which «Жаңа» ("new") would then match
    stripped = word[:-1] if word[-1:] in _VOWELS else word
    if len(stripped) >= 3 and stripped != word:
        stems.add(stripped)
    return stems


def _matches_stems(token: str, stems: Iterable[str]) -> bool:
    """Whether ``token`` is one of the names whose stems (folded, see :func:`_stems_of`)
    are ``stems``, with a Russian or Kazakh case ending."""
    low = _fold(token)
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


# Kazakh cases a person's name takes at the start of a sentence: genitive, dative,
# accusative, comitative, ablative («Талшынның үйі», «Қанағатқа жұмыс», «Ерланды»,
# «Ерланмен», «Бекарыстан басқа»)
_KK_PERSON_CASE = re.compile(
    r"^(?P<stem>[" + _UP + r"][" + _LOW + r"]{2,}?)"
    r"(?:ның|нің|дың|дің|тың|тің|ға|ге|қа|ке|ны|ні|ды|ді|ты|ті|мен|бен|пен"
    r"|нан|нен|дан|ден|тан|тен)$"
)


@lru_cache(maxsize=1)
def _kazakh_word_prefixes() -> frozenset[str]:
    """Every prefix (3 letters or more, folded) of the ordinary Kazakh words of
    ``data/kazakh_words.txt`` (see scripts/build_word_list.py)."""
    prefixes: set[str] = set()
    for line in (_DATA / "kazakh_words.txt").read_text(encoding="utf-8").splitlines():
        word = _fold(line.strip())
        if not word or line.startswith("#"):
            continue
        prefixes.update(word[:k] for k in range(3, len(word) + 1))
    return frozenset(prefixes)


def _kazakh_word(token: str) -> bool:
    """Whether ``token`` is an ordinary Kazakh word of ``data/kazakh_words.txt`` (or starts
    like one), in any form."""
    return _fold(token.lower()) in _kazakh_word_prefixes()


# how Kazakh given names are built: «Нұр-» first, or «-бек», «-гүл», «-жан», «-бол»,
# «-ғали», «-зат», «-сұлтан» last («Нұрғиса», «Ерсұлтан»); folded, before a case ending
_NAME_HEAD = ("нур",)
_NAME_TAIL = ("бек", "гул", "гуль", "жан", "бол", "гали", "зат", "султан")


@lru_cache(maxsize=50_000)
def _kazakh_name_shape(token: str) -> bool:
    """Whether ``token``, no dictionary word, is built like a Kazakh given name in some
    Russian or Kazakh case form (the recogniser's "person" at the start of a sentence
    needs this or a dictionary's word)."""
    if _is_known(token) or _kazakh_word(token):
        return False
    low = _fold(token)
    for cut in range(len(low), max(3, len(low) - 5), -1):
        stem, rest = low[:cut], low[cut:]
        if rest and rest not in _ENDINGS:
            continue
        if stem.startswith(_NAME_HEAD) and len(stem) >= 5 or stem.endswith(_NAME_TAIL):
            return True
    return False


@lru_cache(maxsize=50_000)
def _unlisted_kazakh_name(token: str) -> bool:
    """A capitalised word that opens a sentence in a Kazakh person's case and is neither a
    Russian word (pymorphy's dictionary) nor an ordinary Kazakh word: an unlisted given
    name («Талшынның үйіне жарық жоқ», «Қанағатқа жұмыс табылмады»). The stem may change
    its last consonant before the ending («Мектебіне»), so one letter less is enough."""
    m = _KK_PERSON_CASE.match(token)
    if m is None or _is_known(token):
        return False
    stem = _fold(m.group("stem").lower())
    words = _kazakh_word_prefixes()
    return stem not in words and (len(stem) < 5 or stem[:-1] not in words)


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

    for rx in (_EMAIL, _IIN, _PHONE_INTL, _PHONE_MOBILE, _PHONE_CC, _PHONE_LOCAL):
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
        if following and _is_counted_noun(following.group(1)):  # «Яр, 120 домов», «7 лет»
            continue
        housey = bool(re.search(r"[/\-]|\d\s?[а-яa-z]$", number)) or bool(
            re.match(r"\s*,?\s*(?:кв|д\.|дом|пәтер|үй)", text[m.end(3) : m.end(3) + 6], re.I)
        )
        if following and re.match(r"(?:үй|пәтер)\w+", following.group(1)):
            continue  # «40 үйге су»: forty houses
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
            add(m, 1)
        for m in _NUM_HOUSE_WORD.finditer(text):
            add(m, 1)
        # «Кенесары, 15, 3.»: a bare number after a house number, then a stop, is the flat
        for _s, e in spans[phones:]:
            flat = _FLAT_AFTER.match(text, e)
            if flat:
                spans.append((flat.start(1), flat.end(1)))

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
        ):
            name_spans.append((start, end))
            continue
        if len(token) < 2 or not token[0].isupper() or in_street(start, end):
            continue
        if (start, end) in place_spans:
            continue
        called = _CALLED_AFTER.match(text[end : end + 10])
        if not called and (
            _CONTEXT_MARK.search(text[max(0, start - 30) : start]) or _quoted(text, start, end)
        ):
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
        if low in _NEVER_NAMES or (len(head) > 1 and head.isupper()):
            continue
        at_start = bool(_SENT_END.search(text[:start]))
        if _ORG_AFTER.match(text[end : end + 16]):
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
            if at_start and not (addressed or _fold(token) not in word_bases):
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
            or _matches_stems(token, stems)
            or _name_probability(token) >= (0.5 if at_start else 0.3)
            and (_is_known(token) or not at_start)
            or (not _is_known(token) and _looks_like_surname(token))
        )
        if is_name or (
            at_start
            and _unlisted_kazakh_name(token)
            and not re.match(r"\s+[" + _UP + "]", text[end : end + 2])  # «Медбике Гүлназ»
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
            name_spans.append((start, end))
    # ... and, mid-sentence, a capitalised word right beside a name that is no Russian or
    # Kazakh word, place or street: the rest of that name («Мен Сейітқали Нұржан»)
    for m in _WORD.finditer(text):
        token, start, end = m.group(), m.start(), m.end()
        if not token[0].isupper() or len(token) < 3 or (start, end) in name_spans:
            continue
        if _SENT_END.search(text[:start]) or not any(
            _adjacent(text, (start, end), span) for span in name_spans
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
    # word right before it, unless it is a Russian or an ordinary Kazakh word
    for a, _b in surely:
        if _PATRONYMIC.match(text[a:_b]) is None:
            continue
        m = re.search(r"([" + _UP + r"][" + _LOW + r"]+)\s+$", text[max(0, a - 40) : a])
        if m is None:
            continue
        start = a - len(m.group(0))
        end = start + len(m.group(1))
        token = m.group(1)
        if (start, end) in name_spans or (start, end) in place_spans or in_street(start, end):
            continue
        if token.lower() in _NEVER_NAMES or _is_common_word(token) or _kazakh_word(token):
            continue
        name_spans.append((start, end))
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
    # initials next to a name: «Петров И.И.», «А. Омарова»
    if name_spans:
        for m in _INITIALS.finditer(text):
            near = any(abs(m.start() - e) <= 2 or abs(s - m.end()) <= 2 for s, e in name_spans)
            if near:
                name_spans.append((m.start(), m.end()))
    spans.extend(name_spans)
    return _merge(spans, text)


def _adjacent(text: str, a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether two word spans stand side by side, with only spaces between them."""
    first, second = (a, b) if a[0] < b[0] else (b, a)
    return first[1] <= second[0] and not text[first[1] : second[0]].strip()


def _joined(text: str, a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether two word spans are joined by «and» («Мирас пен Бексұлтан», «Вера и Анна»)."""
    first, second = (a, b) if a[0] < b[0] else (b, a)
    between = text[first[1] : second[0]]
    return re.fullmatch(r"\s*(?:,|\s(?:мен|бен|пен|және|и))\s*", between) is not None


@lru_cache(maxsize=16)
def _place_index(places: frozenset[str]):
    """The stems of one-word places, and the places of several words by the stems of
    their first word (each word as the set of its stems)."""
    single: set[str] = set()
    multi: dict[str, list[tuple[frozenset[str], ...]]] = {}
    for place in places:
        words = [w for w in _WORD.findall(place or "") if len(w) >= 2]
        if not words:
            continue
        if len(words) == 1:
            if len(words[0]) >= 3:
                single.update(_stems_of(words[0]))
            continue
        sequence = tuple(frozenset(_stems_of(w)) for w in words)
        for stem in sequence[0]:
            multi.setdefault(stem, []).append(sequence)
    return frozenset(single), multi


def _stem_hits(token: str, stems) -> list[str]:
    """The stems of ``stems`` that ``token`` is, with a case ending (see _matches_stems)."""
    low = _fold(token)
    hits = []
    for cut in range(len(low), max(2, len(low) - 7), -1):
        stem, rest = low[:cut], low[cut:]
        if stem in stems and (rest in _ENDINGS or _surname_rest(rest)):
            hits.append(stem)
    return hits


def _place_spans(text: str, single, multi) -> list[tuple[int, int]]:
    """The word spans of ``text`` that are a known place's name in some case form: a
    one-word place anywhere, a place of several words only whole («Малика Габдуллина»,
    not «Малика» alone)."""
    if not single and not multi:
        return []
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
    spans: list[tuple[int, int]] = []
    for i, (start, end, token) in enumerate(words):
        if not token[0].isupper():
            continue
        if single and _matches_stems(token, single):
            spans.append((start, end))
        for stem in _stem_hits(token, multi.keys()) if multi else ():
            for sequence in multi[stem]:
                following = words[i : i + len(sequence)]
                if len(following) < len(sequence):
                    continue
                whole = all(
                    w[2][0].isupper()
                    and _matches_stems(w[2], stems)
                    and (k == 0 or not text[following[k - 1][1] : w[0]].strip())
                    for k, (w, stems) in enumerate(zip(following, sequence, strict=True))
                )
                if whole:
                    spans.extend((a, b) for a, b, _ in following)
    return sorted(set(spans))


def _known_places() -> frozenset[str]:
    """Every territory's name, from the database when Django is set up (else none)."""
    try:
        from django.apps import apps

        if not apps.ready:
            return frozenset()
        from .places import territory_names

        return territory_names()
    except Exception:  # no settings (a plain script): no places
        return frozenset()


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
