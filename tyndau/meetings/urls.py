from django.urls import path

from . import views

app_name = "meetings"
urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("calendar/", views.meeting_calendar, name="calendar"),
    path("plan/", views.meeting_plan_current, name="plan-current"),
    path("plan/<int:year>/", views.meeting_plan_year, name="plan"),
    path("new/", views.meeting_create, name="create"),
    path("<int:pk>/", views.meeting_detail, name="detail"),
    path("<int:pk>/edit/", views.meeting_edit, name="edit"),
    path("<int:pk>/hold/", views.meeting_hold, name="hold"),
    path("<int:pk>/cancel/", views.meeting_cancel, name="cancel"),
    path("<int:pk>/files/", views.meeting_files, name="files"),
    path("<int:pk>/questions/", views.question_add, name="question-add"),
    path("questions/<int:pk>/assign/", views.question_assign, name="question-assign"),
    path("questions/<int:pk>/appeal/", views.question_appeal, name="question-appeal"),
    path("assignments/", views.assignment_list, name="assignments"),
    path("assignments/<int:pk>/", views.assignment_detail, name="assignment"),
    path("assignments/<int:pk>/control/", views.assignment_control, name="assignment-control"),
    path("reception/", views.reception, name="reception"),
    path("reception/schedule/<int:office_pk>/", views.reception_schedule, name="schedule"),
    path("reception/book/", views.reception_book, name="reception-book"),
    path("reception/record/", views.reception_record, name="reception-record"),
    path("reception/bookings/<int:pk>/cancel/", views.reception_cancel, name="reception-cancel"),
]
