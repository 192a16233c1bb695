from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from tyndau.territory.models import Membership

from .models import SignInCode, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["office"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (_("Contacts"), {"fields": ("middle_name", "phone", "preferred_language")}),
    )
    inlines = [MembershipInline]


@admin.register(SignInCode)
class SignInCodeAdmin(admin.ModelAdmin):
    """Read-only: codes are made and spent by the sign-in service (only their hash is kept)."""

    list_display = ("contact", "created_at", "expires_at", "attempts", "used_at")
    search_fields = ("contact",)
    readonly_fields = ("contact", "created_at", "expires_at", "attempts", "used_at")
    exclude = ("code_hash",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
