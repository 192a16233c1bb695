"""The anonymiser on the cases the issue found on public pages, and the command."""

import io

import pytest
from django.core.management import call_command

from tyndau.appeals.selectors import anonymise, anonymise_address
from tyndau.privacy import labelled
from tyndau.privacy.anonymiser import HIDDEN, personal_spans


@pytest.mark.parametrize(
    "text,secret",
    [
        ("Прошу помочь Кузнецовой Марии с крышей", "Кузнецовой Марии"),
        ("Омарову Бауржану не ответили", "Омарову Бауржану"),
        ("Жаксыбекова Ерлана уволили", "Жаксыбекова Ерлана"),
        ("Петрова Анна просит пандус", "Петрова Анна"),
        ("я Петров Иван, прошу помочь", "Петров Иван"),
        ("Асқаров Ерлан Серікұлы өтінеді", "Асқаров Ерлан Серікұлы"),
        ("Ерланға жауап келмеді", "Ерланға"),
        ("Тел. 25-14-33, спросить мастера", "25-14-33"),
        ("Звоните +7 (701) 123-45-67", "123-45-67"),
        ("Мой номер 87011234567", "87011234567"),
        ("ИИН 880101300123", "880101300123"),
        ("ИИН 880101 300 123 указан", "300 123"),
        ("Почта a.omarova@mail.kz", "a.omarova@mail.kz"),
        ("Живу на Абая 25-7", "25-7"),
        ("д. 5 кв. 3, нет воды", "5 кв. 3"),
        ("Абай көшесі, 12-үй, 44-пәтер", "44"),
    ],
)
def test_personal_data_is_hidden(text, secret):
    shown = anonymise(text)
    for part in secret.replace(",", " ").split():
        if part not in ("кв.",):
            assert part not in shown, (part, shown)
    assert HIDDEN in shown


@pytest.mark.parametrize(
    "text",
    [
        "Во дворе дома по улице Абая нет освещения уже два месяца.",
        "В школе № 5 не работает столовая, дети ходят голодные.",
        "Аким района обещал построить площадку до 1 сентября.",
        "Плата за вывоз мусора выросла с 350 до 700 тенге в месяц.",
        "Мектептің спорт залы жөндеуді қажет етеді.",
        "Прошло 25 дней, ответа нет.",
    ],
)
def test_text_without_personal_data_is_unchanged(text):
    assert anonymise(text) == text


def test_street_keeps_its_name_and_loses_the_number():
    assert anonymise("Живу на Абая 25-7, во дворе темно") == "Живу на Абая […], во дворе темно"
    assert anonymise_address("Мира 3 Кв 9") == "Мира"
    assert anonymise_address("ул. Абая, д. 25, кв. 7") == "ул. Абая"


def test_the_applicants_name_is_hidden_in_every_case_even_lower_case():
    shown = anonymise("Меня, ерлана, не слушают; Жаксыбекову отказали", names=["Жаксыбеков Ерлан"])
    assert "ерлана" not in shown and "Жаксыбекову" not in shown


def test_what_the_applicant_marked_private_is_hidden():
    shown = anonymise("Мой диагноз сахарный диабет, трудно стоять", private=["сахарный диабет"])
    assert "диабет" not in shown and "трудно стоять" in shown


def test_spans_of_the_labelled_parser_round_trip():
    s = labelled.parse("Я [[Петров Иван]], тел. [[25-14-33]] ## applicant: Иван Петров")
    assert [s.text[a:b] for a, b in s.personal] == ["Петров Иван", "25-14-33"]
    assert s.names == ["Иван Петров"]
    caught, total, kept, words, missed, lost = labelled.score(s, personal_spans(s.text))
    assert (caught, total, missed) == (2, 2, [])


def test_the_command_reads_lines_and_prints_them_anonymised_in_order():
    out = io.StringIO()
    stdin = io.StringIO("Омарову Бауржану не ответили\n\nАбая 25-7, тел. 25-14-33\n")
    call_command("anonymise", stdin=stdin, stdout=out)
    assert out.getvalue().splitlines() == [
        "[…] не ответили",
        "",
        "Абая […], тел. […]",
    ]


def test_names_in_finds_the_applicant_even_where_anonymise_would_hide_the_name_anyway():
    from tyndau.privacy.anonymiser import names_in

    text = "Айгерим, ремонт в плане на май. Сериковой ответили."
    # a Kazakh given name the anonymiser knows: hidden with or without being told ...
    assert anonymise(text, names=["Серикова Айгерим"]).startswith(HIDDEN)
    assert anonymise(text).startswith(HIDDEN)
    # ... so only names_in can say that the text names this applicant, in any case
    assert names_in(text, names=["Серикова Айгерим"]) == ["Айгерим", "Сериковой"]
    assert names_in(text, names=["Омаров Ерлан"]) == []
    assert names_in(text, names=[]) == []


@pytest.mark.parametrize(
    "text,secret",
    [
        # the list has «Айгерим»: the Kazakh spelling and a surname in Kazakh letters
        ("Маманы Әйгерім Жұмаділова телефон көтермейді.", "Әйгерім Жұмаділова"),
        # a given name nobody listed, before a surname or joined to a listed name by «and»
        ("Айнұр Серікова атынан жазамын.", "Айнұр Серікова"),
        ("Ақбота мен Ербол ауылға көшіп келді.", "Ақбота Ербол"),
        # one part of a double surname is enough
        ("Петров-Водкин — фамилия моего соседа.", "Петров-Водкин"),
    ],
)
def test_kazakh_spellings_and_unlisted_neighbours_of_a_name_are_hidden(text, secret):
    shown = anonymise(text)
    for part in secret.split():
        assert part not in shown, (part, shown)


@pytest.mark.parametrize(
    "text",
    [
        # Kazakh words at the start of a sentence that the recogniser takes for a person
        "Балабақшада орын жоқ.",
        "Ауруханада дәрі-дәрмек жетіспейді.",
        "Аялдамада орындық жоқ.",
        # ... and common words before a name stay while the name goes
        "Көршім Мейрам ит ұстайды.",
        "Біз Ерасылмен бірге қол жинадық.",
    ],
)
def test_kazakh_words_that_open_a_sentence_are_kept(text):
    first = text.split()[0]
    assert anonymise(text).startswith(first), anonymise(text)


@pytest.mark.parametrize(
    "text,secret",
    [
        ("Жансая Оразбекова өтініш берді.", "Жансая"),
        ("Біз Ұлжанмен көршіміз.", "Ұлжанмен"),
        ("Мирасқа стипендия берілмеді.", "Мирасқа"),
        ("Бақыт атай соғыс ардагерінің ұлы.", "Бақыт"),
        ("Ответ передайте Айгуль Ермековне.", "Айгуль"),
    ],
)
def test_names_of_the_large_list_are_hidden(text, secret):
    assert secret not in anonymise(text), anonymise(text)


@pytest.mark.parametrize(
    "text",
    [
        "Жұма күні қоқыс шығарылмады.",
        "Арман көп, бірақ жол жөнделмеді.",
        "Жаңа мектеп 2027 жылы салынады.",
        "Наурыз мерекесіне дейін жарық орнатыңыздар.",
    ],
)
def test_given_names_that_are_words_stay_words(text):
    assert anonymise(text) == text


@pytest.mark.parametrize(
    "text,secret",
    [
        # given names in no list, opening a sentence in a Kazakh person's case
        ("Талшынның үйіне жарық тартылмаған.", "Талшын"),
        ("Қанағатқа жұмыс табылмады.", "Қанағат"),
        ("Ақтолқынды ешкім тыңдамады.", "Ақтолқын"),
    ],
)
def test_an_unlisted_kazakh_name_in_a_case_form_at_the_start_is_hidden(text, secret):
    assert secret not in anonymise(text), anonymise(text)


@pytest.mark.parametrize(
    "text",
    [
        # ordinary Kazakh words in the same cases stay (data/kazakh_words.txt) ...
        "Мектепке автобус бармайды.",
        "Ауылдың жолы бұзылған.",
        "Ауруханаға дәрігер келмеді.",
        # ... and a title before a name is not taken for one
        "Медбике Гүлназ үйге келмеді.",
    ],
)
def test_ordinary_kazakh_words_in_those_cases_are_kept(text):
    first = text.split()[0]
    assert anonymise(text).startswith(first), anonymise(text)


@pytest.mark.parametrize(
    "text,secret,kept",
    [
        # a given name before a patronymic the recogniser missed
        ("Мен Өмірзақ Бексұлтанұлы, зейнеткермін.", "Өмірзақ", "зейнеткермін"),
        # a year after a name is no house number, and the patronymic is still hidden
        ("Әкем Қалибек Омарұлы, 1948 жылы туған.", "Омарұлы", "1948"),
        # a person after «ауылдан/ауылдағы» is no village
        ("Көрші ауылдан Бақытжан деген кісі келді.", "Бақытжан", "ауылдан"),
        ("Көрші ауылдағы Нұрсәуле апай малды қайтармады.", "Нұрсәуле", "ауылдағы"),
        # «Бауыржану» is a name, not «бауырым» (a form of address): the verb before it stays
        ("Позвоните Бауыржану вечером.", "Бауыржану", "Позвоните"),
        # a kin word before a name is no name
        ("Немере інім Ержігіт жол апатына түсті.", "Ержігіт", "Немере"),
        # the country's cities are places in any case form
        ("Моей тёте Зауре не дали направление в Астану.", "Зауре", "Астану"),
        ("Жазда Көкшетауға баратын жол жабылады.", "NOTHING", "Көкшетауға"),
        # the country code without the plus, spaced
        ("Номер 7 701 999 88 77, спросите маму.", "7 701", "маму"),
        # an age after a name is no house number
        ("Әжем Рәйхан Әбдірахманқызы 90 жаста.", "Әбдірахманқызы", "90 жаста"),
        # an unlisted surname beside a listed given name, mid-sentence
        ("Мен Сейітқали Нұржан, ауыл тұрғынымын.", "Сейітқали", "тұрғынымын"),
    ],
)
def test_names_go_and_the_words_around_them_stay(text, secret, kept):
    result = anonymise(text)
    assert secret not in result and kept in result, result


@pytest.mark.parametrize(
    "text,secret,kept",
    [
        # an unlisted name after «my name is» that nothing else finds
        ("Менің атым Шырынгүл, мен мұғаліммін.", "Шырынгүл", "мұғаліммін"),
        # a number right after «номер/нөмір», five digits or more, with no separators
        ("Мой номер 526713, звонить утром.", "526713", "утром"),
        ("Менің нөмірім 318840, кешке хабарласыңыз.", "318840", "кешке"),
        # a local number of one to three digits, then two and two, with spaces
        ("Номер в ауле 4 22 19, спросить Петра.", "4 22 19", "ауле"),
        ("Звоните на 272 45 67 после обеда.", "272 45 67", "обеда"),
        # «Street, house, flat»: the bare number closing the address is the flat
        ("Адрес: Сатпаева, 21, 7.", "7.", "Сатпаева"),
        ("Живу: Мира, 40, 15.", "15", "Мира"),
        # a room in a hostel, in Russian and Kazakh order
        ("Общежитие по ул. Гагарина 4, комната 318, нет отопления.", "318", "отопления"),
        ("Жатақхана, 207 бөлме, жылу жоқ.", "207", "бөлме"),
        # Korean surnames of Kazakhstan, too short for the recogniser and the endings
        ("Хегай Денис просит убрать снег.", "Хегай", "снег"),
        ("Огай Ирина и её муж обратились в акимат.", "Огай", "акимат"),
        ("Тигай Роман пожаловался на соседей.", "Тигай", "соседей"),
        # a surname after «села», beside a given name
        ("Житель села Жумабаев Аскар перекрыл дорогу.", "Жумабаев", "дорогу"),
    ],
)
def test_names_numbers_and_rooms_found_on_the_twelfth_set_are_hidden(text, secret, kept):
    result = anonymise(text)
    assert secret not in result and kept in result, result


@pytest.mark.parametrize(
    "text",
    [
        "Памятник Пушкину в сквере покрашен плохо.",
        "Снег на улице Мухтара Ауэзова не убирают.",
        "Участок 0,25 га выделили под кладбище.",
    ],
)
def test_monuments_two_word_streets_and_areas_stay(text):
    assert anonymise(text) == text


@pytest.mark.parametrize(
    "text,secret,kept",
    [
        # an unlisted given name built like a Kazakh one, opening a sentence in a Russian case
        ("Нуржамалу не пустили на приём.", "Нуржамал", "приём"),
        ("Сырымбеку отказали в пособии.", "Сырымбек", "пособии"),
        # initials before a surname: the «С.» is no «с.» (village)
        ("Кассир Б.С. Жакиянова не выдала чек.", "Жакиянова", "Кассир"),
        # a street named «… сері», «… батыр» keeps its name and loses the number
        ("Живём на Біржан сері 14 без воды.", "14", "Біржан сері"),
        # the number of a house or a flat after «номер дома», «үйдің нөмірі»
        ("Үйдің нөмірі 56, Школьная көшесі.", "56", "Школьная"),
        ("Пәтердің нөмірі 23, Абай көшесінде.", "23", "Абай"),
    ],
)
def test_kazakh_name_shapes_initials_and_house_numbers_of_the_thirteenth_set(text, secret, kept):
    result = anonymise(text)
    assert secret not in result and kept in result, result


@pytest.mark.parametrize(
    "text,secret,kept",
    [
        # «Алла» (also "God") and «Слава» beside a surname or a patronymic are given names
        ("Пишет вам Левчук Алла Степановна из третьего дома.", "Алла", "третьего"),
        ("Мусаева Слава Ивановна просит помочь.", "Слава", "помочь"),
        # the other numbers of a list after «квартиры», «дома»
        ("Затопило квартиры 14 и 9.", "9", "Затопило"),
        # an unlisted word opening a sentence before a listed given name, inside the person
        # the recogniser found, is that person's surname
        ("Тоқтарбай Ерлан жер алды.", "Тоқтарбай", "жер"),
        ("Жылқыбай Нұрлан малын жайды.", "Жылқыбай", "малын"),
    ],
)
def test_given_names_that_are_words_lists_of_flats_and_surnames_opening_a_sentence(
    text, secret, kept
):
    result = anonymise(text)
    assert secret not in result and kept in result, result


def test_a_private_term_is_hidden_with_its_voiced_kazakh_ending():
    shown = anonymise("Менің мүгедектігім туралы жазбаңыз.", private=["мүгедектік"])
    assert "мүгедектігім" not in shown and "жазбаңыз" in shown, shown


@pytest.mark.parametrize(
    "text,kept",
    [
        # kin and job words before a name at the start of a sentence stay
        ("Жиенім Бекарыс колледжге түсе алмады.", "Жиенім"),
        ("Келінім Назерке декреттік демалыста.", "Келінім"),
        ("Малшы Ерлан малды егінге жібереді.", "Малшы"),
        # a village's, a district's own name stays
        ("Көктерек ауылында интернет жоқ.", "Көктерек"),
        ("Мен Бурабай ауданынан жазып отырмын.", "Бурабай"),
    ],
)
def test_kin_words_and_villages_before_a_name_stay(text, kept):
    assert kept in anonymise(text), anonymise(text)


@pytest.mark.parametrize(
    "text,secret,kept",
    [
        # «С. К.» are initials, not «с.» (village) and an initial
        ("Письмо подписал С. Б. Жунусов, но без печати.", "Жунусов", "печати"),
        ("Ответ дал Г. Т. Омарова.", "Омарова", "Ответ"),
        # an unlisted given name opening a sentence before a surname the recogniser missed
        ("Әлібай Тұрсынбаев пен інісі үйсіз қалды.", "Әлібай", "інісі"),
    ],
)
def test_initials_and_a_given_name_before_a_surname_of_the_fifteenth_set(text, secret, kept):
    result = anonymise(text)
    assert secret not in result and kept in result, result


def test_kazakh_words_with_my_and_a_case_ending_before_a_name_stay():
    assert anonymise("Өтінішімді Ерлан Сапаров қабылдады.").startswith("Өтінішімді")


@pytest.mark.parametrize(
    "text,secret,kept",
    [
        # a surname that is also a dictionary word («штанговый», «столовый», «ковш»), right
        # beside a listed given name, or before a given name and a patronymic at the start
        ("Разберитесь с соседом Штанговым Олегом Ивановичем.", "Штанговым", "соседом"),
        ("Прошу наказать Столовым Сергеем Павловичем.", "Столовым", "наказать"),
        ("Ковшов Игорь Петрович не вывозит мусор.", "Ковшов", "мусор"),
        # a family's surname in the plural, which pymorphy hardly knows (set 16)
        ("Соседи Сыздыковы перекрыли проезд.", "Сыздыковы", "Соседи"),
        # a given name in Kazakh letters (pymorphy parses none) before a surname (set 17)
        ("Өмірзақ Бексұлтанов малды жайып жібереді.", "Өмірзақ", "малды"),
        # an unlisted given name alone at the start, ending like Kazakh given names
        ("Сансызбай малды жайып жібереді.", "Сансызбай", "малды"),
    ],
)
def test_surnames_that_are_words_plural_surnames_and_kazakh_given_names_are_hidden(
    text, secret, kept
):
    result = anonymise(text)
    assert secret not in result and kept in result, result


@pytest.mark.parametrize(
    "text,kept",
    [
        # a job word before a surname the recogniser puts in the person
        ("Учаскелік Ермеков арызымды қабылдамады.", "Учаскелік"),
        ("Мұғалім Жақсыбеков сабаққа келмейді.", "Мұғалім"),
        # Kazakh words that end like a surname: a participle, a possessive, «шағын»
        ("Тұратын жерім: Абай көшесі, үй 7.", "Тұратын"),
        ("Жолын жөндеңіз.", "Жолын"),
        ("Шағын ауданда балалар алаңы жоқ.", "Шағын"),
        # a plural of an ordinary word in a case ending
        ("Көшелерге жарық жоқ.", "Көшелерге"),
        # the stem of a given name that is also a word («Света»), no case form of it
        ("Свет отключили на сутки.", "Свет"),
        # a number that counts the houses or the flats, no house number
        ("В доме 60 квартир, и все без газа.", "60"),
        ("Ауылда 200 үй бар, бірақ мектеп жоқ.", "200"),
    ],
)
def test_job_words_kazakh_word_shapes_and_counts_of_houses_stay(text, kept):
    assert kept in anonymise(text), anonymise(text)


def test_a_house_number_before_a_flat_word_is_still_hidden():
    shown = anonymise("Тұрамын: Бейбітшілік көшесі, 5 үй, 6 пәтер. д. 5 квартира 3.")
    assert "5" not in shown and "6" not in shown and "3" not in shown, shown


@pytest.mark.parametrize(
    "text,secret,kept",
    [
        # a car's plate, new and old forms, Latin or Cyrillic letters, and a cadastral number
        ("Машина 312 ABC 02 стоит во дворе с весны.", "312 ABC 02", "во дворе"),
        ("авто 455КТА01 сливает масло", "455КТА01", "масло"),
        ("Газель B 456 KLM стоит под окнами.", "456", "окнами"),
        ("Участок 03:044:123:1234 оформлен на соседа.", "03:044:123:1234", "соседа"),
        # times, school numbers and amounts stay
        ("ЦОН работает до 17:00, школа №12, 100 тг.", "[…]", "17:00"),
    ],
)
def test_car_plates_and_cadastral_numbers_are_hidden(text, secret, kept):
    result = anonymise(text)
    assert secret not in result and kept in result, result
