"""Appeals for tests, registered through intake as any entry point registers them."""

from tyndau.appeals.intake import AppealDraft, appeal_register


def register_appeal(*, registered_by=None, **fields):
    """An appeal registered from flat fields named as the Appeal's (``office``,
    ``applicant_name``, ``street`` …); ``registered_by`` is recorded as the registrar
    (test data: their permission is not checked)."""
    draft = AppealDraft.from_fields(**fields)
    return appeal_register(draft=draft, by=registered_by, permission=None).appeal
