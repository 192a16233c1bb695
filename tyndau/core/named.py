"""Models whose name is kept in three languages (``name_ru``, ``name_kk``, ``name_en``)."""

from django.db import models

from tyndau.core.languages import InLanguage


class NamedInLanguages(models.Model):
    """The base of such a model: ``name`` and ``str()`` are the name in the current language,
    else the Russian one (``InLanguage``). It adds no field (each model declares its own
    ``name_*``)."""

    name = InLanguage()

    class Meta:
        abstract = True

    def __str__(self):
        return self.name
