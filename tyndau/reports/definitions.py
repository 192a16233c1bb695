"""The report forms, their topic columns and the default mapping of internal topics.

Each form that counts by topic has its own columns; ``FormTopicMapping`` rows (editable in
the admin) say which internal topics (``appeals.Topic``) fall into which column. A topic
with no mapping row for a form is counted in that form's ``other`` column.

Personal-reception mapping (the 16 columns of the seed's "Сведения по личному приёму"):

==============================  =========================================================
column                          internal topics
==============================  =========================================================
industry_transport              transport_communications, roads
agriculture                     agriculture_veterinary
land                            land
subsoil                         subsoil
housing_provision               housing_provision
housing_utilities               housing_utilities, water_supply, sewerage, heating,
                                electricity_gas_telecom, improvement_sanitation_ecology
business                        business
complaints_officials            complaints_officials
employment_social               employment, social_assistance
credit                          credit
education                       education
health                          health
culture                         culture
sport                           sport
legal                           legal
other                           political, economy_budget, public_services, everyday_life,
                                other (and any topic not mapped)
==============================  =========================================================
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

APPEAL_OUTCOMES = "appeal-outcomes"
APPEAL_TOPICS = "appeal-topics"
PERSONAL_RECEPTION = "personal-reception"
DECREE_826 = "decree-826"
REPORTING_MEETINGS = "reporting-meetings"

# Whose records a sheet counts: the territory's own (registered to the territory itself)
# or its whole subtree (the territory and every territory below it).
OWN = "own"
SUBTREE = "subtree"
SCOPES = {
    OWN: _("own records of the territory"),
    SUBTREE: _("the territory with everything below it"),
}

# The default scope of each form follows official practice: an office's register of
# appeals (Tables 1 and 2, the personal-reception sheet) covers every settlement it
# serves, while each akim files the Decree 826 and reporting-meeting sheets for the
# meetings held on their own territory (the seed's rural-district and village sheets).
DEFAULT_SCOPE = {
    "appeal-outcomes": SUBTREE,
    "appeal-topics": SUBTREE,
    "personal-reception": SUBTREE,
    "decree-826": OWN,
    "reporting-meetings": OWN,
}

# Decree 826 row 6: appeals "through social networks, the blog platform, e-mail and
# others", i.e. every online channel (the blog platform of akims is on e-Otinish/eGov).
ONLINE_CHANNELS = ["social", "email", "portal", "eotinish"]

# The reporting-meeting sheet addresses critical remarks to three levels:
# rural district or settlement, district or city, oblast (akim levels of Decree 826).
CRITICAL_LEVELS = {
    "local": [6],
    "district": [2, 3, 4, 5],
    "oblast": [1],
}

FORMS = {
    APPEAL_OUTCOMES: _("Appeals received and considered (Table 1)"),
    APPEAL_TOPICS: _("Topics of appeals (Table 2)"),
    PERSONAL_RECEPTION: _("Personal reception of citizens"),
    DECREE_826: _("Meetings of akims under Decree No. 826 (quarterly)"),
    REPORTING_MEETINGS: _("Reporting meetings of the akim with residents"),
}

# Forms whose columns are mapped from topics (the choices of FormTopicMapping.form).
MAPPED_FORMS = [APPEAL_TOPICS, PERSONAL_RECEPTION, DECREE_826, REPORTING_MEETINGS]

# form -> [(column, label)], in the order of the official sheet.
COLUMNS: dict[str, list[tuple[str, object]]] = {
    APPEAL_TOPICS: [
        ("housing_utilities", _("Housing and communal services")),
        ("land", _("Land and land use")),
        ("labour_employment", _("Labour and employment")),
        ("housing_provision", _("Provision of housing")),
        ("education_science", _("Education and science")),
        ("agriculture", _("Agriculture")),
        ("everyday_life", _("Everyday life of residents")),
        ("social_assistance", _("Targeted social assistance")),
        ("complaints_officials", _("Complaints about officials")),
        ("other", pgettext_lazy("report sheet", "Other")),
    ],
    PERSONAL_RECEPTION: [
        ("industry_transport", _("Industry, transport and communications")),
        ("agriculture", _("Development of agriculture")),
        ("land", _("Allocation of land plots and land use")),
        ("subsoil", _("Subsoil use")),
        ("housing_provision", _("Provision of housing")),
        ("housing_utilities", _("Housing and communal services")),
        ("business", _("Development of small and medium business")),
        ("complaints_officials", _("Complaints about local executive bodies")),
        ("employment_social", _("Employment and social security")),
        ("credit", _("Credit")),
        ("education", _("Education")),
        ("health", _("Health")),
        ("culture", _("Culture")),
        ("sport", _("Sport")),
        ("legal", _("Legal relations")),
        ("other", pgettext_lazy("report sheet", "Other")),
    ],
    DECREE_826: [
        ("political", _("political matters")),
        ("economy_budget", _("economy and budget")),
        ("public_services", pgettext_lazy("decree 826 line", "public services")),
        ("housing", _("housing relations")),
        ("land", _("land relations")),
        ("roads", _("repair and construction of roads")),
        (
            "facilities",
            _("repair and construction of education, health, culture and sport facilities"),
        ),
        ("utilities", _("water, gas, electricity, telephone and internet")),
        ("business", _("entrepreneurship")),
        ("agriculture", _("agriculture and veterinary")),
        ("improvement", _("improvement, sanitation and ecology")),
        ("other", pgettext_lazy("report sheet", "other")),
    ],
    REPORTING_MEETINGS: [
        ("economic", _("economic matters")),
        ("political", _("political matters")),
        ("social", _("social matters")),
        ("public_services", pgettext_lazy("reporting meeting sheet", "public services")),
        ("drinking_water", _("a) the problem of drinking water")),
        ("housing", _("b) the housing problem (including shared construction)")),
        ("land", _("c) land matters")),
        ("roads", _("d) repair and construction of roads")),
        (
            "facilities",
            _("e) repair and construction of education, health and culture facilities"),
        ),
        ("electrification", _("f) electricity, gas and telephone in settlements")),
        ("improvement", _("g) improvement, sanitation and ecology")),
        ("other", pgettext_lazy("report sheet", "h) other")),
    ],
}

# form -> {column: [topic codes]}; topics not listed go to "other".
DEFAULT_MAPPING: dict[str, dict[str, list[str]]] = {
    APPEAL_TOPICS: {
        "housing_utilities": [
            "housing_utilities",
            "water_supply",
            "sewerage",
            "heating",
            "electricity_gas_telecom",
            "roads",
            "improvement_sanitation_ecology",
        ],
        "land": ["land", "subsoil"],
        "labour_employment": ["employment"],
        "housing_provision": ["housing_provision"],
        "education_science": ["education"],
        "agriculture": ["agriculture_veterinary"],
        "everyday_life": ["everyday_life"],
        "social_assistance": ["social_assistance"],
        "complaints_officials": ["complaints_officials"],
    },
    PERSONAL_RECEPTION: {
        "industry_transport": ["transport_communications", "roads"],
        "agriculture": ["agriculture_veterinary"],
        "land": ["land"],
        "subsoil": ["subsoil"],
        "housing_provision": ["housing_provision"],
        "housing_utilities": [
            "housing_utilities",
            "water_supply",
            "sewerage",
            "heating",
            "electricity_gas_telecom",
            "improvement_sanitation_ecology",
        ],
        "business": ["business"],
        "complaints_officials": ["complaints_officials"],
        "employment_social": ["employment", "social_assistance"],
        "credit": ["credit"],
        "education": ["education"],
        "health": ["health"],
        "culture": ["culture"],
        "sport": ["sport"],
        "legal": ["legal"],
    },
    DECREE_826: {
        "political": ["political"],
        "economy_budget": ["economy_budget"],
        "public_services": ["public_services"],
        "housing": ["housing_provision", "housing_utilities"],
        "land": ["land", "subsoil"],
        "roads": ["roads"],
        "facilities": ["education", "health", "culture", "sport"],
        "utilities": ["water_supply", "sewerage", "heating", "electricity_gas_telecom"],
        "business": ["business", "credit"],
        "agriculture": ["agriculture_veterinary"],
        "improvement": ["improvement_sanitation_ecology"],
    },
    REPORTING_MEETINGS: {
        "economic": ["economy_budget", "business", "credit", "agriculture_veterinary"],
        "political": ["political"],
        "social": ["social_assistance", "employment", "everyday_life", "legal"],
        "public_services": ["public_services"],
        "drinking_water": ["water_supply"],
        "housing": ["housing_provision", "housing_utilities", "heating"],
        "land": ["land", "subsoil"],
        "roads": ["roads", "transport_communications"],
        # Item д) names education, health and culture only: sport counts in з) other.
        "facilities": ["education", "health", "culture"],
        "electrification": ["electricity_gas_telecom"],
        "improvement": ["improvement_sanitation_ecology", "sewerage"],
    },
}

AKIM_LEVELS = ["1", "2", "3", "4", "5", "6"]
