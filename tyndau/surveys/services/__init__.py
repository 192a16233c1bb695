"""State changes of surveys: setting one up (the staff editor), one-time codes, responses
(online or from paper). Nothing else writes a Survey, its questions, traits or a Response.

One answer per resident: the respondent is keyed by a keyed hash of the phone (per survey);
the database refuses a second response with the same key, whatever the channel.

One module per area (``codes``, ``responses``, ``editor``); ``from tyndau.surveys import
services`` still gives every service.
"""

from .codes import (
    CODE_TTL,
    CODES_PER_HOUR,
    MAX_ATTEMPTS,
    normalise_phone,
    respondent_key,
    survey_code_send,
    survey_code_verify,
)
from .editor import (
    SURVEY_TEXTS,
    question_delete,
    question_save,
    survey_close,
    survey_create,
    survey_publish,
    survey_update,
    trait_delete,
    trait_save,
)
from .responses import MAX_TEXT, response_enter_paper, response_submit

__all__ = [
    "CODES_PER_HOUR",
    "CODE_TTL",
    "MAX_ATTEMPTS",
    "MAX_TEXT",
    "SURVEY_TEXTS",
    "normalise_phone",
    "question_delete",
    "question_save",
    "respondent_key",
    "response_enter_paper",
    "response_submit",
    "survey_close",
    "survey_code_send",
    "survey_code_verify",
    "survey_create",
    "survey_publish",
    "survey_update",
    "trait_delete",
    "trait_save",
]
