"""The records written only through their app's services are shown in the admin and may
be deleted there, never added or changed (``core.admin.NoAddOrChange``); the fully
read-only ones may not be deleted either (``core.admin.ReadOnly``)."""

import pytest
from django.contrib import admin
from django.test import RequestFactory

from tyndau.budget.models import BudgetVersion
from tyndau.library.models import Entry, Impression
from tyndau.plans.models import PlanVersion
from tyndau.services.models import Application, QueueEntry


@pytest.fixture
def request_of_superuser(django_user_model):
    request = RequestFactory().get("/")
    request.user = django_user_model(username="root", is_superuser=True, is_staff=True)
    return request


@pytest.mark.parametrize("model", [Application, QueueEntry, Entry, Impression, PlanVersion])
def test_shown_and_deletable_never_added_or_changed(model, request_of_superuser):
    model_admin = admin.site._registry[model]
    assert model_admin.has_view_permission(request_of_superuser)
    assert not model_admin.has_add_permission(request_of_superuser)
    assert not model_admin.has_change_permission(request_of_superuser)
    assert model_admin.has_delete_permission(request_of_superuser)


def test_a_read_only_record_is_not_deleted_either(request_of_superuser):
    model_admin = admin.site._registry[BudgetVersion]
    assert model_admin.has_view_permission(request_of_superuser)
    assert not model_admin.has_add_permission(request_of_superuser)
    assert not model_admin.has_change_permission(request_of_superuser)
    assert not model_admin.has_delete_permission(request_of_superuser)
