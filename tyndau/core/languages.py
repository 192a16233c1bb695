"""The text of a model's field kept in three languages, read in the current one."""

from tyndau.core.i18n import in_language


class InLanguage:
    """``title = InLanguage()`` on a model with ``title_ru``, ``title_kk`` and ``title_en``
    fields: the title in the current language, else the Russian one (``in_language``).
    Written once for every such model instead of a property each."""

    def __set_name__(self, owner, name):
        self.field = name

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        return in_language(obj, self.field)
