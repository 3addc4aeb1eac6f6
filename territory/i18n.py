"""Interface strings go through gettext from the first page, so translations can follow."""

from __future__ import annotations

import gettext
import os
from pathlib import Path

DOMAIN = "claimed_ground"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locales"
LANGUAGE_VARIABLE = "CLAIMED_GROUND_LANGUAGE"

_translation = gettext.translation(
    DOMAIN,
    LOCALE_DIR,
    languages=[os.environ[LANGUAGE_VARIABLE]] if os.environ.get(LANGUAGE_VARIABLE) else None,
    fallback=True,
)


def _(message: str) -> str:
    """Return the translation of an interface string (the string itself until one exists)."""
    return _translation.gettext(message)
