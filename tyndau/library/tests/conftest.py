import pytest

from tyndau.library import services
from tyndau.portal.tests.conftest import answer, file_appeal, map_without_tiles, topics  # noqa: F401
from tyndau.portal.tests.test_browser import browser, phone_page  # noqa: F401


@pytest.fixture
def publish(office, topics, clerk):  # noqa: F811
    def make(**fields):
        values = {
            "office": office,
            "topic": topics["land"],
            "by": clerk,
        }
        values.update(fields)
        return services.entry_publish(**values)

    return make


@pytest.fixture
def library(publish, topics):  # noqa: F811
    """Three entries on different questions."""
    return {
        "water": publish(
            topic=topics["water_supply"],
            question_ru="Когда восстановят подачу воды после аварии на водопроводе?",
            answer_ru="Аварийная бригада восстанавливает подачу в течение суток; график "
            "отключений публикуется на странице акимата.",
            legal_basis="Правила предоставления коммунальных услуг",
        ),
        "plot": publish(
            question_ru="Как встать в очередь на земельный участок под жилищное строительство?",
            answer_ru="Подайте заявление на услугу «Постановка на очередь» на портале или в "
            "акимате; номер в очереди придёт после рассмотрения.",
            question_kk="Жеке тұрғын үй салуға жер учаскесін алу үшін кезекке қалай тұрамын?",
            answer_kk="«Кезекке қою» қызметіне порталда немесе әкімдікте өтінім беріңіз.",
            legal_basis="Земельный кодекс РК, ст. 43",
        ),
        "lights": publish(
            topic=topics["roads"],
            question_ru="Почему не горят фонари уличного освещения?",
            answer_ru="Замена ламп выполняется подрядчиком по заявке акимата в течение недели.",
        ),
    }
