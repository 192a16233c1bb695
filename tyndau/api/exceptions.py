"""How the REST API answers a refused operation.

A ``DomainError`` from a service becomes 400 with its (translated) message; a
``TransitionError`` (not allowed from the current state) and a ``ConflictError`` (someone
changed the record since it was read) become 409. Django's ``ValidationError`` from a
validator becomes 400. The body always carries ``detail`` and a machine-readable ``code``.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from tyndau.core.errors import ConflictError, DomainError, TransitionError


def exception_handler(exc, context):
    if isinstance(exc, DomainError):
        code = (
            status.HTTP_409_CONFLICT
            if isinstance(exc, ConflictError | TransitionError)
            else status.HTTP_400_BAD_REQUEST
        )
        return Response({"detail": str(exc), "code": exc.code}, status=code)
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "error_dict"):
            body = {field: [str(m) for m in msgs] for field, msgs in exc.message_dict.items()}
        else:
            body = {"detail": " ".join(str(m) for m in exc.messages), "code": "invalid"}
        return Response(body, status=status.HTTP_400_BAD_REQUEST)
    return drf_exception_handler(exc, context)


class DomainErrorsMixin:
    """Views of this app answer domain errors as above (no global setting needed)."""

    def get_exception_handler(self):
        return exception_handler
