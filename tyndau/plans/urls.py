from django.urls import path

from . import views

app_name = "plans"
urlpatterns = [
    path("", views.plan_list, name="list"),
    path("<int:pk>/", views.plan_detail, name="detail"),
    path("<int:pk>/edit/", views.plan_edit, name="edit"),
    path("<int:pk>/items/new/", views.item_new, name="item-new"),
    path("<int:pk>/import/", views.plan_import, name="import"),
    path("<int:pk>/export/<str:kind>.<str:fmt>", views.plan_export, name="export"),
    path("items/<int:pk>/", views.item_detail, name="item"),
    path("items/<int:pk>/edit/", views.item_edit, name="item-edit"),
    path("items/<int:pk>/financing/", views.financing_add, name="financing-add"),
    path("items/<int:pk>/progress/", views.progress_add, name="progress-add"),
    path("items/<int:pk>/links/", views.link_add, name="link-add"),
    path("financing/<int:pk>/delete/", views.financing_delete, name="financing-delete"),
    path("links/<int:pk>/delete/", views.link_remove, name="link-remove"),
    path("link/<str:kind>/<int:pk>/", views.link_from, name="link-from"),
]
