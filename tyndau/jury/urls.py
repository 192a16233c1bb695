from django.urls import path

from . import views

app_name = "jury"
urlpatterns = [path("<int:pk>/", views.jury_public, name="public")]
