from django.urls import path

from . import views

app_name = "gathering"
urlpatterns = [
    path("", views.session_list, name="list"),
    path("sessions/<int:pk>/", views.session_detail, name="session"),
    path("sessions/<int:pk>/edit/", views.session_edit, name="session-edit"),
    path("sessions/<int:pk>/agenda/", views.agenda_add, name="agenda-add"),
    path("sessions/<int:pk>/attendance/", views.attendance, name="attendance"),
    path("sessions/<int:pk>/open/", views.session_open, name="open"),
    path("sessions/<int:pk>/items/<int:item>/votes/", views.votes, name="votes"),
    path("sessions/<int:pk>/items/<int:item>/decision/", views.decide, name="decide"),
    path("sessions/<int:pk>/close/", views.session_close, name="close"),
    path("sessions/<int:pk>/cancel/", views.session_cancel, name="cancel"),
    path("sessions/<int:pk>/minutes-<str:language>.pdf", views.session_minutes, name="minutes"),
    path("districts/<int:territory>/members/", views.member_list, name="members"),
    path("members/<int:pk>/", views.member_edit, name="member"),
]
