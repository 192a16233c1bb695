from django.urls import path

from tyndau.urls import urlpatterns as product_urlpatterns

from . import views

urlpatterns = [
    path("bench/bare/", views.bare_insert),
    path("bench/intake/", views.intake),
    *product_urlpatterns,
]
