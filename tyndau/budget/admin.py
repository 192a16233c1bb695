from django.contrib import admin

from tyndau.core.admin import ReadOnlyAdmin

from .models import Budget, BudgetLine, BudgetVersion, Programme


@admin.register(Budget)
class BudgetAdmin(ReadOnlyAdmin):
    list_display = ("territory", "year")


@admin.register(Programme)
class ProgrammeAdmin(ReadOnlyAdmin):
    list_display = ("budget", "code", "name_ru")


@admin.register(BudgetLine)
class BudgetLineAdmin(ReadOnlyAdmin):
    list_display = ("budget", "section", "kind", "programme", "month", "planned", "executed")
    list_filter = ("section",)


admin.site.register(BudgetVersion, ReadOnlyAdmin)
