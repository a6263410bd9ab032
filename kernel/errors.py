"""The one error every layer may raise about a value a person typed."""


class FieldError(ValueError):
    """A value refused, with the field it belongs to so a form can point at it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message
