from django.contrib import admin

from .models import Budget, BudgetLine, BudgetVersion, Programme


class ReadOnlyAdmin(admin.ModelAdmin):
    """Written by the services (staff pages, imports): the admin only shows them."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


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
