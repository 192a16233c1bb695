from django.urls import path

from . import public_views as views

app_name = "meetings_public"
urlpatterns = [
    path("", views.index, name="index"),
    path("calendar/", views.calendar, name="calendar"),
    path("plan/<int:year>/", views.plan, name="plan"),
    path("<int:pk>/", views.detail, name="detail"),
    path("reception/", views.reception, name="reception"),
    path("reception/<int:office_pk>/", views.reception_office, name="reception-office"),
    path("reception/booked/<str:code>/", views.booked, name="booked"),
]
