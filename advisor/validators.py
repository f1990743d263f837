"""Validators for curator input: numbers that are finite and in range, web addresses that say what they show.

Model validators run in the admin's forms and in ``loadcontent`` (``clean_fields``); the check constraints beside
them in the models hold the same ranges for anything that writes rows another way.
"""

from __future__ import annotations

import math
import unicodedata
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.deconstruct import deconstructible

#: Unicode's directional formatting characters: embeddings and overrides (U+202A-U+202E), isolates
#: (U+2066-U+2069) and marks (U+200E, U+200F, U+061C). In an address they make a host read as another.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")


def validate_finite(value) -> None:
    """Not NaN and not infinite (NaN passes every range check, since it compares false to everything)."""
    if isinstance(value, float) and not math.isfinite(value):
        raise ValidationError("Enter a finite number.", code="not_finite")


def number_range(low: float, high: float) -> list:
    """Validators for a number field: finite, and from ``low`` to ``high``."""
    return [validate_finite, MinValueValidator(low), MaxValueValidator(high)]


@deconstructible
class WebAddressValidator:
    """An http(s) address with no control, format or bidirectional characters anywhere in it."""

    message = "Enter an http:// or https:// address without control or right-to-left formatting characters."

    def __call__(self, value: str) -> None:
        if not value:
            return
        for char in value:
            if char in BIDI_CONTROLS or unicodedata.category(char) in {"Cc", "Cf", "Zl", "Zp"}:
                raise ValidationError(
                    f"The address holds the invisible character U+{ord(char):04X}; remove it.", code="control_char"
                )
        if urlsplit(value).scheme.lower() not in {"http", "https"}:
            raise ValidationError(self.message, code="scheme")

    def __eq__(self, other) -> bool:
        return isinstance(other, WebAddressValidator)


validate_web_address = WebAddressValidator()
