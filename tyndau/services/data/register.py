"""The five land services of a rural district office (the seed) and their refusal grounds.

Terms are the defaults of the state standards as an office first configures them; each
is editable per service in the admin. Loaded by migration 0002 (idempotent by code).
"""

DOCS_RU = "Заявление\nДокумент, удостоверяющий личность (для идентификации)"
DOCS_KK = "Өтініш\nЖеке басын куәландыратын құжат (сәйкестендіру үшін)"
DOCS_EN = "Application form\nIdentity document (for identification)"

COMMON_REASONS = [
    (
        "unreliable_documents",
        "Установлена недостоверность документов или содержащихся в них данных",
        "Құжаттардың немесе олардағы деректердің анық еместігі анықталды",
        "The documents or the data in them were found to be unreliable",
    ),
    (
        "requirements_not_met",
        "Услугополучатель или документы не соответствуют требованиям",
        "Көрсетілетін қызметті алушы немесе құжаттар талаптарға сәйкес келмейді",
        "The applicant or the documents do not meet the requirements",
    ),
    (
        "court_decision",
        "Вступившее в законную силу решение суда, запрещающее оказание услуги",
        "Қызмет көрсетуге тыйым салатын заңды күшіне енген сот шешімі бар",
        "A court decision in force forbids rendering the service",
    ),
]

SERVICES = [
    {
        "code": "land-purpose-change",
        "order": 1,
        "term_days": 15,
        "name_ru": "Выдача решения на изменение целевого назначения земельного участка",
        "name_kk": "Жер учаскесінің нысаналы мақсатын өзгертуге шешім беру",
        "name_en": "Decision to change the designated purpose of a land plot",
        "documents": (
            "\nПравоустанавливающий и идентификационный документы на земельный участок",
            "\nЖер учаскесіне құқық белгілейтін және сәйкестендіру құжаттары",
            "\nTitle and identification documents of the plot",
        ),
        "reasons": [
            (
                "zoning_conflict",
                "Изменение назначения противоречит градостроительной документации",
                "Нысаналы мақсатты өзгерту қала құрылысы құжаттамасына қайшы",
                "The change contradicts the urban-planning documents",
            ),
        ],
    },
    {
        "code": "land-plot-construction",
        "order": 2,
        "term_days": 17,
        "name_ru": "Предоставление земельного участка для строительства объекта в черте населенного пункта",  # noqa: E501
        "name_kk": "Елді мекен шегінде объект салу үшін жер учаскесін беру",
        "name_en": "A land plot for building within a settlement",
        "documents": (
            "\nЭскиз (эскизный проект) объекта\nСхема размещения земельного участка",
            "\nОбъектінің эскизі (эскиздік жобасы)\nЖер учаскесінің орналасу схемасы",
            "\nSketch design of the building\nLayout of the plot",
        ),
        "reasons": [
            (
                "plot_not_free",
                "Испрашиваемый земельный участок не свободен",
                "Сұралған жер учаскесі бос емес",
                "The requested plot is not free",
            ),
            (
                "zoning_conflict",
                "Размещение объекта противоречит генеральному плану",
                "Объектіні орналастыру бас жоспарға қайшы",
                "The building contradicts the master plan",
            ),
        ],
    },
    {
        "code": "land-rights-no-tender",
        "order": 3,
        "term_days": 20,
        "name_ru": "Приобретение прав на земельные участки, находящиеся в государственной собственности, не требующее проведения торгов (конкурсов, аукционов)",  # noqa: E501
        "name_kk": "Мемлекеттік меншіктегі жер учаскелеріне сауда-саттық (конкурс, аукцион) өткізуді талап етпейтін құқықтарды сатып алу",  # noqa: E501
        "name_en": "Rights to state-owned land without a tender (competition or auction)",
        "documents": (
            "\nСхема испрашиваемого земельного участка",
            "\nСұралатын жер учаскесінің схемасы",
            "\nPlan of the requested plot",
        ),
        "reasons": [
            (
                "tender_required",
                "Предоставление права возможно только на торгах",
                "Құқық тек сауда-саттықта берілуі мүмкін",
                "The right can be granted only by a tender",
            ),
            (
                "plot_not_free",
                "Испрашиваемый земельный участок не свободен",
                "Сұралған жер учаскесі бос емес",
                "The requested plot is not free",
            ),
        ],
    },
    {
        "code": "land-plot-sale",
        "order": 4,
        "term_days": 15,
        "name_ru": "Продажа земельного участка в частную собственность единовременно либо в рассрочку",  # noqa: E501
        "name_kk": "Жер учаскесін жеке меншікке бір жолғы төлеммен немесе бөліп төлеуге сату",
        "name_en": "Sale of a land plot into private ownership, at once or in instalments",
        "documents": (
            "\nДокумент на право временного землепользования",
            "\nУақытша жер пайдалану құқығы туралы құжат",
            "\nDocument of the right of temporary land use",
        ),
        "reasons": [
            (
                "not_for_sale",
                "Земельный участок не подлежит продаже в частную собственность",
                "Жер учаскесі жеке меншікке сатылмайды",
                "The plot may not be sold into private ownership",
            ),
        ],
    },
    {
        "code": "land-queue",
        "kind": "queue",
        "order": 5,
        "term_days": 5,
        "name_ru": "Постановка на очередь на получение земельного участка",
        "name_kk": "Жер учаскесін алуға кезекке қою",
        "name_en": "Joining (or leaving) the queue for a land plot",
        "documents": ("", "", ""),
        "reasons": [
            (
                "already_in_queue",
                "Заявитель уже состоит в очереди на участок этого назначения",
                "Өтініш беруші осы мақсаттағы учаскеге кезекте тұр",
                "The applicant is already in the queue for this purpose",
            ),
            (
                "right_used",
                "Право на бесплатное получение участка уже реализовано",
                "Учаскені тегін алу құқығы бұрын пайдаланылған",
                "The right to a free plot has already been used",
            ),
        ],
    },
]


def load(apps, schema_editor=None):
    PublicService = apps.get_model("services", "PublicService")
    RefusalReason = apps.get_model("services", "RefusalReason")
    for item in SERVICES:
        extra_ru, extra_kk, extra_en = item["documents"]
        service, _ = PublicService.objects.update_or_create(
            code=item["code"],
            defaults={
                "kind": item.get("kind", "regular"),
                "order": item["order"],
                "term_days": item["term_days"],
                "name_ru": item["name_ru"],
                "name_kk": item["name_kk"],
                "name_en": item["name_en"],
                "documents_ru": DOCS_RU + extra_ru,
                "documents_kk": DOCS_KK + extra_kk,
                "documents_en": DOCS_EN + extra_en,
            },
        )
        for order, (code, ru, kk, en) in enumerate(item["reasons"] + COMMON_REASONS, start=1):
            RefusalReason.objects.update_or_create(
                service=service,
                code=code,
                defaults={"name_ru": ru, "name_kk": kk, "name_en": en, "order": order},
            )
