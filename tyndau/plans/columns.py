"""The columns of a plan's tables, as the export writes and the import reads them."""

COLUMNS = {
    "items": [
        "code",
        "parent_code",
        "title_ru",
        "title_kk",
        "title_en",
        "indicator",
        "unit",
        "baseline",
        "target",
        "starts_on",
        "due_on",
        "responsible_user",
        "responsible_body",
        "status",
        "weight",
        "place",
        "lat",
        "lon",
    ],
    "financing": ["item_code", "source", "year", "planned", "spent", "budget_programme"],
    "progress": ["item_code", "date", "percent", "text"],
}
READ_ONLY = {"items": ["progress", "planned_total", "spent_total"], "financing": [], "progress": []}
REQUIRED = {
    "items": ["code", "title_ru", "title_kk"],
    "financing": ["item_code", "source", "year", "planned"],
    "progress": ["item_code", "date", "percent", "text"],
}
KINDS = tuple(COLUMNS)
