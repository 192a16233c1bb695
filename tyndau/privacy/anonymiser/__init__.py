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

One module per part: ``engine`` (the function and the spans), ``numbers`` (e-mails, IINs,
phones, house numbers), ``vocabulary`` (endings, words that are never names, context),
``names`` (the shipped lists and matching a word against them), ``beside`` (what the
neighbouring words say of a word), ``lowercase`` (names typed in lower case), ``private``
(what the applicant marked private, in any form), ``addresses`` (a street without its
numbers), ``models`` (pymorphy3 and natasha), ``letters``.
``from tyndau.privacy import anonymiser`` gives the public names.
"""

from .addresses import HIDDEN, hide_house_numbers, street_only
from .engine import anonymise, names_in, personal_spans, warm_up
from .vocabulary import CITIES

__all__ = [
    "CITIES",
    "HIDDEN",
    "anonymise",
    "hide_house_numbers",
    "names_in",
    "personal_spans",
    "street_only",
    "warm_up",
]
