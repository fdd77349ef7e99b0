"""One error hierarchy. Messages name the input, what was wrong and what to do."""


class AttritionError(Exception):
    """Base of every error attrition raises on purpose."""


class InputError(AttritionError):
    """An input could not be read or understood (names the input and the problem)."""


class UsageError(AttritionError):
    """The caller asked for something that cannot be done as asked."""
