"""The anonymiser's classes of 2026-12-04 (issue 17): names typed in lower case, an
initial read as «село», «Слава» alone, rarer address forms, private terms in another case
form, and the ordinary words that must stay."""

import pytest
from django.test import Client

from tyndau.appeals.selectors import anonymise
from tyndau.privacy import services
from tyndau.privacy.anonymiser import hide_house_numbers


@pytest.mark.parametrize(
    "text,secret",
    [
        # a lower-case name after a kin or job word, after «я»/«мен», beside another name,
        # a lower-case surname alone, and before «деген жігіт»
        ("соседка гульнара постоянно заливает нашу ванную", "гульнара"),
        ("участковый бекмуратов не принял заявление", "бекмуратов"),
        ("я омарова дана прошу место в садике", "дана"),
        ("мен тұрсынов ерлан ауылда тұрамын", "тұрсынов ерлан"),
        ("помогите кайратову нурлану он после операции", "кайратову нурлану"),
        ("разберитесь с жумабаевым он занял мой участок", "жумабаевым"),
        ("Ибраимова гаухар не получила пособие", "гаухар"),
        ("болат деген кісі түнде айқайлайды", "болат"),
        # «С.» and «Г.» before a surname are initials, not «село» and «город»
        ("Жауапқа С. Нұрмағамбетова қол қойған.", "Нұрмағамбетова"),
        ("Ответ подписал Г. Бекенов, но проблема осталась.", "Бекенов"),
        # «Слава» alone: mid-sentence, or before «из» at the start
        ("Вчера Слава из соседнего дома сжёг мусор.", "Слава"),
        ("Слава из пятого подъезда опять шумит.", "Слава"),
        # rarer address forms
        ("Ескі көшесі № 7 үйдің шатыры ұшып кетті.", "7"),
        ("Целинная 8б-14 затопило подвал.", "8б-14"),
        ("Мой участок: Дачная уч. 31, забор снесли.", "31"),
        ("Шағын аудан Самал-1, 22-40, жарық жоқ.", "22-40"),
    ],
)
def test_the_public_text_does_not_show_these_names_and_numbers(text, secret):
    shown = anonymise(text)
    assert secret not in shown, shown


@pytest.mark.parametrize(
    "text,kept",
    [
        # ordinary words a lower-case or a listed name could be read as
        ("Машина скорой помощи не смогла проехать.", "Машина"),
        ("Машины ездят по тротуару, нужен бордюр.", "Машины"),
        ("Бұл кісі ғана бізге көмектесті, сары үйде тұрады.", "кісі ғана"),
        ("Бұл кісі ғана бізге көмектесті, сары үйде тұрады.", "сары"),
        ("Прошу направить слесаря к общедомовым трубам.", "общедомовым"),
        ("Ғалымның анасы ауырып жатыр.", "анасы"),
        ("Мирас пен Ерлан бен Асқар алаң сұрайды.", "бен"),
        # a village after «с.», glory after «Слава», the number of a micro-district
        ("Мы живём в с. Приречное, мост разрушен.", "Приречное"),
        ("Слава Богу, воду наконец дали.", "Слава"),
        ("мкр. Аэропорт-2, дом 15, подъезд 3.", "Аэропорт-2"),
    ],
)
def test_these_ordinary_words_survive(text, kept):
    shown = anonymise(text)
    assert kept in shown, shown


@pytest.mark.parametrize(
    "text,term,secret",
    [
        (
            "Брат лежит в наркологическом диспансере.",
            "наркологический диспансер",
            "наркологическом",
        ),
        ("Работаю в гимназии №3, боюсь увольнения.", "гимназия №3", "3"),
        ("Сын болеет эпилепсией, нужны лекарства.", "эпилепсия", "эпилепсией"),
    ],
)
def test_what_the_applicant_marked_private_is_hidden_in_another_case(text, term, secret):
    shown = anonymise(text, private=[term])
    assert secret not in shown, shown
    assert secret in anonymise(text)  # it is the private term that hides it


def test_a_numbered_house_in_a_street_typed_in_a_form_loses_its_number():
    assert hide_house_numbers("Ескі көшесі № 7 үйдің") == "Ескі көшесі № […] үйдің"


@pytest.mark.django_db
def test_the_public_page_shows_no_lower_case_name_and_keeps_the_ordinary_words(register, clerk):
    appeal = register(
        text="сосед ержан ставит машину на газон, а директор жаксылыкова не отвечает. "
        "Машина скорой помощи не проезжает."
    )
    publication = services.publication_create(appeal=appeal)
    services.publication_publish(
        publication=publication,
        text=services.publication_text_for(appeal, publication=publication),
        by=clerk,
    )
    body = Client().get(f"/ru/appeals/{appeal.pk}/").content.decode()
    assert "сосед […] ставит" in body and "ержан ставит" not in body
    assert "жаксылыкова" not in body
    assert "Машина скорой помощи" in body and "на газон" in body


@pytest.mark.parametrize(
    "text,secret,kept",
    [
        # cadastral numbers with dashes, plates with «KZ», Kazakh «2 корпус», plots, dachas,
        # a street's «№ 19», a phone after «звоните на»
        ("Участок, кадастр 03-045-117-044, огорожен.", "117", "огорожен"),
        ("Номер машины 03 KZ 817BHT, есть видео.", "817BHT", "видео"),
        ("Бейбітшілік көшесі, 40 үй, 2 корпус, 16 пәтер.", "2 корпус", "көшесі"),
        ("Махамбет көшесі, 5, жер телімі № 112.", "112", "телімі"),
        ("Дача № 56, СНТ «Строитель».", "56", "Строитель"),
        ("Жастық көшесі, № 19.", "19", "Жастық"),
        ("Звоните на 330518, это соседка.", "330518", "соседка"),
        # lower-case names before a form of address, or opening a sentence
        ("нұржан аға бізге көмектеспеді.", "нұржан", "бізге"),
        ("ербол тағы да шу шығарды.", "ербол", "шу"),
        # ... and what stays: a school's number, a plot's metres
        ("Абай көшесіндегі № 5 мектеп-гимназияның шатыры ағады.", "[…]", "№ 5"),
        ("Қоршауы жер телімімнің 2 метрін алып жатыр.", "[…]", "2 метрін"),
        ("сары үй жанында су жоқ.", "[…]", "сары"),
    ],
)
def test_plates_plots_numbered_streets_and_opening_lower_case_names(text, secret, kept):
    shown = anonymise(text)
    assert secret not in shown and kept in shown, shown


# The classes still missed on set 19 (issue 17, point 2, 2026-12-04 evening); the sentences
# were written for these tests, not taken from any set.
@pytest.mark.parametrize(
    "text,secret,kept",
    [
        # (a) a surname that is a common word, before a given name, in agreement with it
        ("Коваль Дмитрий третий день не выходит на связь.", "Коваль", "связь"),
        ("Мастер Ворон Игорь обещал прийти в среду.", "Ворон", "Мастер"),
        ("Мороз Анна Сергеевна не получила перерасчёт.", "Мороз", "перерасчёт"),
        ("Жалобу передали Ковалю Дмитрию ещё в мае.", "Ковалю", "Жалобу"),
        # ... and the same words with no name beside them, or a job word before a name
        ("Кузнец сделал ворота, а мороз их погнул.", "[…]", "Кузнец"),
        ("Сосед Дмитрий опять включил музыку ночью.", "Дмитрий", "Сосед"),
        ("Звонок Анне Петровне так и не дошёл.", "Анне", "Звонок"),
        ("Уважаемая Анна Петровна, прошу ответить.", "Анна", "Уважаемая"),
    ],
)
def test_a_surname_that_is_a_word_before_a_given_name(text, secret, kept):
    shown = anonymise(text)
    assert (secret not in shown or secret == "[…]") and kept in shown, shown


@pytest.mark.parametrize(
    "text,secret,kept",
    [
        # (b) a given name that is also a word, named by what surrounds it
        ("Дана, моя дочь, третий год ждёт место в кружке.", "Дана", "кружке"),
        ("Роман, перезвоните мне после обеда.", "Роман", "обеда"),
        ("Роза, наша соседка, видела, кто сломал забор.", "Роза", "забор"),
        ("Утром Роман из управления сказал ждать.", "Роман", "управления"),
        ("Соседку зовут Любовь, она может подтвердить.", "Любовь", "подтвердить"),
        ("Вера Ивановна из собеса не берёт трубку.", "Вера", "собеса"),
        ("Роман из водоканала обещал перезвонить.", "Роман", "водоканала"),
        ("Слава, брат соседа, жжёт мусор во дворе.", "Слава", "мусор"),
        # ... and the words themselves
        ("Роман, который мне дали в библиотеке, порван.", "[…]", "Роман"),
        ("Надежда, что дорогу починят, угасла.", "[…]", "Надежда"),
        ("Вера в честный ответ у жителей пропала.", "[…]", "Вера"),
    ],
)
def test_a_given_name_that_is_a_word_alone(text, secret, kept):
    shown = anonymise(text)
    assert (secret not in shown or secret == "[…]") and kept in shown, shown


@pytest.mark.parametrize(
    "text,secret,kept",
    [
        # (c) a lower-case name after a verb of addressing someone
        ("передайте асылбеку что завтра отключат газ", "асылбеку", "передайте"),
        ("позвоните петровой она староста дома", "петровой", "староста"),
        ("скажите гульнар что справка готова", "гульнар", "справка"),
        ("ертең жиналыс болады, нұрланға айтыңыз", "нұрланға", "жиналыс"),
        # ... and an unknown lower-case surname after a job word
        ("сантехник кудряшов третий раз не пришёл", "кудряшов", "сантехник"),
        # ... and the ordinary words after the same verbs stay
        ("передайте соседу что воды не будет", "[…]", "соседу"),
        ("позвоните диспетчеру пожалуйста", "[…]", "диспетчеру"),
        ("скажите честно сколько ещё ждать", "[…]", "честно"),
        ("мұғалім бүгін сабаққа келмеді", "[…]", "бүгін"),
    ],
)
def test_a_lower_case_name_after_a_verb_of_addressing(text, secret, kept):
    shown = anonymise(text)
    assert (secret not in shown or secret == "[…]") and kept in shown, shown


@pytest.mark.parametrize(
    "text,term,secret",
    [
        # (d) Kazakh private terms in verb and case forms, found by the stem
        ("Жүктімін, сондықтан кезекте тұра алмаймын.", "жүктілік", "Жүктімін"),
        ("Жүктілігіме байланысты демалыс сұраймын.", "жүктілік", "Жүктілігіме"),
        ("Інімнің мүгедектігіне қарамай жәрдемақы тоқтатылды.", "мүгедектік", "мүгедектігіне"),
        ("Әкем жұмыссыз болғандықтан төлей алмаймыз.", "жұмыссыздық", "жұмыссыз"),
        ("Ағамның сотталғандығын ешкім білмеуі керек.", "сотталған", "сотталғандығын"),
    ],
)
def test_a_kazakh_private_term_in_another_form(text, term, secret):
    shown = anonymise(text, private=[term])
    assert secret not in shown, shown
    assert secret in anonymise(text)  # it is the private term that hides it


@pytest.mark.parametrize(
    "text,secret,kept",
    [
        # (e) a surname shaped as an adjective, before a given name and agreeing with it
        ("Заречный Павел снова перекрыл проезд.", "Заречный", "проезд"),
        ("Прошу вручить ответ Заречной Анне лично.", "Заречной", "лично"),
        ("Подгорная Ольга Викторовна ждёт ответа.", "Подгорная", "ответа"),
        # ... and adjectives of address or age, and an adjective with no name
        ("Маленький Дмитрий ходит в садик один.", "Дмитрий", "Маленький"),
        ("Заречный район давно без автобуса.", "[…]", "Заречный"),
    ],
)
def test_an_adjective_shaped_surname(text, secret, kept):
    shown = anonymise(text)
    assert (secret not in shown or secret == "[…]") and kept in shown, shown


@pytest.mark.parametrize(
    "text,secret,kept",
    [
        # a name before an amount of money is no street before a house number
        ("Вчера отдала Сарсеновой 3000 тенге за свет.", "Сарсеновой", "3000 тенге"),
        ("Ерболға 20 мың теңге қарыз бердім.", "Ерболға", "20 мың"),
    ],
)
def test_a_name_before_an_amount_of_money(text, secret, kept):
    shown = anonymise(text)
    assert secret not in shown and kept in shown, shown


# Classes read from set 20's misses after its one measurement (2026-12-04, 18:45 UTC); the
# sentences were written for these tests, not taken from the set.
@pytest.mark.parametrize(
    "text,secret,kept",
    [
        # a lower-case name alone that can be nothing else, in any case
        ("вчера звонил андрей из управы, обещал трубы", "андрей", "управы"),
        ("отдайте ключи игорю он староста", "игорю", "ключи"),
        ("жалоба на сергееву она не убирает подъезд", "сергееву", "подъезд"),
        ("ждём асланбека третий день", "асланбека", "третий"),
        # ... not an ordinary word that is also a surname
        ("на улице мороз, а батареи холодные", "[…]", "мороз"),
        ("бұл кісі ғана бізге көмектесті", "[…]", "ғана"),
        # a word before two initials, a feminine noun before a given name
        ("Лебедь К. Р. не пускает слесаря в подвал.", "Лебедь", "подвал"),
        ("Сорока Ирина просит убрать мусор.", "Сорока", "мусор"),
        # a Kazakh genitive before «магазин…» is the owner's, not the shop's name
        ("Жанардың магазинінде алкоголь сатады.", "Жанардың", "алкоголь"),
        # a man's given name that is a word, before a verb in the present
        ("Роман утверждает, что забор стоит законно.", "Роман", "забор"),
    ],
)
def test_the_classes_read_from_set_20(text, secret, kept):
    shown = anonymise(text)
    assert (secret not in shown or secret == "[…]") and kept in shown, shown


@pytest.mark.parametrize(
    "text,secret",
    [
        ("Дом 7, к. 3, кв. 41, лифт стоит.", "к. 3"),
        ("Общежитие на Сейфуллина 12, ком. 8, нет воды.", "ком. 8"),
        ("Течёт крыша в 14-м доме по Жамбыла.", "14-м"),
        ("Учаске №17 бойынша жарық жоқ.", "№17"),
    ],
)
def test_rarer_house_forms_lose_their_number(text, secret):
    shown = anonymise(text)
    assert secret not in shown, shown


def test_a_kazakh_private_phrase_in_another_form():
    text = "Менің наркологта есепте тұрғанымды ешкімге айтпаңыз."
    shown = anonymise(text, private=["наркологта есепте тұру"])
    assert "тұрғанымды" not in shown and "наркологта" not in shown, shown
    assert "ешкімге" in shown
