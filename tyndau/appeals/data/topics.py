"""The default topic taxonomy (editable in the admin after the first migration)."""

# code, ru, kk, en
TOPICS = [
    ("political", "Политические вопросы", "Саяси мәселелер", "Political matters"),
    ("economy_budget", "Экономика и бюджет", "Экономика және бюджет", "Economy and budget"),
    ("public_services", "Государственные услуги", "Мемлекеттік қызметтер", "Public services"),
    (
        "housing_provision",
        "Предоставление жилья",
        "Тұрғын үймен қамтамасыз ету",
        "Provision of housing",
    ),
    (
        "housing_utilities",
        "Жилищно-коммунальное хозяйство",
        "Тұрғын үй-коммуналдық шаруашылық",
        "Housing and communal services",
    ),
    ("water_supply", "Водоснабжение", "Сумен жабдықтау", "Water supply"),
    ("sewerage", "Канализация", "Кәріз", "Sewerage"),
    ("heating", "Теплоснабжение", "Жылумен жабдықтау", "Heating"),
    (
        "electricity_gas_telecom",
        "Электричество, газ, телефон и интернет",
        "Электр, газ, телефон және интернет",
        "Electricity, gas, telephone and internet",
    ),
    ("roads", "Дороги и улицы", "Жолдар мен көшелер", "Roads and streets"),
    (
        "transport_communications",
        "Транспорт и связь",
        "Көлік және байланыс",
        "Transport and communications",
    ),
    (
        "improvement_sanitation_ecology",
        "Благоустройство, санитария и экология",
        "Абаттандыру, санитария және экология",
        "Improvement, sanitation and ecology",
    ),
    ("land", "Земельные отношения", "Жер қатынастары", "Land"),
    ("subsoil", "Недропользование", "Жер қойнауын пайдалану", "Subsoil use"),
    (
        "agriculture_veterinary",
        "Сельское хозяйство и ветеринария",
        "Ауыл шаруашылығы және ветеринария",
        "Agriculture and veterinary",
    ),
    ("business", "Предпринимательство", "Кәсіпкерлік", "Business"),
    ("credit", "Кредитование", "Несиелендіру", "Credit"),
    (
        "employment",
        "Трудоустройство и занятость",
        "Жұмысқа орналасу және жұмыспен қамту",
        "Employment",
    ),
    ("social_assistance", "Социальная помощь", "Әлеуметтік көмек", "Social assistance"),
    ("education", "Образование", "Білім беру", "Education"),
    ("health", "Здравоохранение", "Денсаулық сақтау", "Health"),
    ("culture", "Культура", "Мәдениет", "Culture"),
    ("sport", "Спорт", "Спорт", "Sport"),
    ("legal", "Правовые вопросы", "Құқықтық мәселелер", "Legal matters"),
    (
        "complaints_officials",
        "Жалобы на должностных лиц",
        "Лауазымды тұлғаларға шағымдар",
        "Complaints about officials",
    ),
    ("everyday_life", "Бытовые вопросы", "Тұрмыстық мәселелер", "Everyday life"),
    ("other", "Другое", "Басқа", "Other"),
]

# Plain words for the portal's topic picker: ru, kk, en
PLAIN = {
    "housing_utilities": (
        "Дом, подъезд, коммунальные услуги",
        "Үй, кіреберіс, коммуналдық қызметтер",
        "My building, communal services",
    ),
    "water_supply": ("Нет воды, прорыв трубы", "Су жоқ, құбыр жарылды", "No water, a burst pipe"),
    "sewerage": ("Канализация, септик", "Кәріз, септик", "Sewage"),
    "heating": ("Холодно в доме, отопление", "Үйде суық, жылыту", "Cold at home, heating"),
    "electricity_gas_telecom": (
        "Свет, газ, связь, интернет",
        "Жарық, газ, байланыс, интернет",
        "Power, gas, phone, internet",
    ),
    "roads": (
        "Ямы, дороги, тротуары",
        "Шұңқырлар, жолдар, жаяу жүргінші жолдары",
        "Potholes, roads, pavements",
    ),
    "improvement_sanitation_ecology": (
        "Мусор, освещение, дворы, деревья",
        "Қоқыс, жарықтандыру, аулалар, ағаштар",
        "Rubbish, street lights, yards, trees",
    ),
    "land": ("Земельный участок", "Жер телімі", "A plot of land"),
    "social_assistance": (
        "Пособия и социальная помощь",
        "Жәрдемақы және әлеуметтік көмек",
        "Benefits and social help",
    ),
    "employment": ("Работа", "Жұмыс", "Work and jobs"),
    "education": ("Школа, детский сад", "Мектеп, балабақша", "School, kindergarten"),
    "health": ("Больница, поликлиника", "Аурухана, емхана", "Hospital, clinic"),
    "complaints_officials": (
        "Жалоба на чиновника",
        "Шенеунікке шағым",
        "A complaint about an official",
    ),
    "other": ("Другой вопрос", "Басқа мәселе", "Something else"),
}

# code, points, threshold, ru, kk, en
RISK_RULES = [
    (
        "threat_to_life",
        6,
        0,
        "Угроза жизни или здоровью",
        "Өмірге немесе денсаулыққа қауіп",
        "Threat to life or health",
    ),
    ("overdue", 4, 0, "Срок рассмотрения нарушен", "Қарау мерзімі бұзылған", "Deadline missed"),
    ("repeated", 3, 0, "Повторное обращение", "Қайталама өтініш", "Repeated appeal"),
    ("collective", 2, 0, "Коллективное обращение", "Ұжымдық өтініш", "Collective appeal"),
    (
        "complaint_official",
        2,
        0,
        "Жалоба на действия должностного лица",
        "Лауазымды тұлғаның әрекетіне шағым",
        "Complaint against an official",
    ),
    (
        "similar_open",
        2,
        3,
        "Много похожих открытых обращений на той же улице и теме",
        "Сол көше мен тақырып бойынша ұқсас ашық өтініштер көп",
        "Many similar open appeals on the same street and topic",
    ),
    (
        "near_deadline",
        1,
        3,
        "Срок истекает в ближайшие дни",
        "Мерзімі жақын күндері аяқталады",
        "Deadline within a few working days",
    ),
    (
        "social_assistance",
        1,
        0,
        "Заявитель получает социальную помощь",
        "Өтініш беруші әлеуметтік көмек алады",
        "Applicant receives social assistance",
    ),
    (
        "supporters",
        2,
        3,
        "Другие жители поддержали обращение («меня это тоже касается»)",
        "Басқа тұрғындар өтінішті қолдады («бұл маған да қатысты»)",
        "Other residents support the appeal (“this affects me too”)",
    ),
]
