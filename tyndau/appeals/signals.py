"""Signals other apps may listen to without the appeals app knowing them."""

from django.dispatch import Signal

# Sent by the clerk's registration view after a successful registration, with
# ``appeal``, ``data`` (the submitted form data) and ``user``: the triage app keeps the
# clerk's choice of topic as a label and links the appeals they marked as the same problem.
registration_form_saved = Signal()
