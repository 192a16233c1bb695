"""Domain errors raised by services. Their messages are shown to users as they are."""


class DomainError(Exception):
    """A rule of the domain refused an operation; ``str(error)`` is a translated message."""

    def __init__(self, message, *, code: str = "invalid"):
        super().__init__(message)
        self.message = message
        self.code = code

    def __str__(self) -> str:
        return str(self.message)


class TransitionError(DomainError):
    """A state change that is not allowed from the current state."""


class ConflictError(DomainError):
    """Someone else changed the record since it was read (optimistic locking)."""

    def __init__(self, message, *, code: str = "conflict"):
        super().__init__(message, code=code)
