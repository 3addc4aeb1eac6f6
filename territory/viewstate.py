"""A view's state and its URL form, kept apart from Streamlit so links can be tested anywhere."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from .i18n import _
from .validation import parse_date

PERSPECTIVES = ("all", "russia", "ukraine", "independent")
FIRST_DATE = dt.date(2014, 1, 1)


@dataclass(frozen=True)
class ViewState:
    """Everything a view depends on; the URL's query string mirrors it."""

    date: dt.date
    side: str = "all"

    @property
    def sides(self) -> tuple[str, ...] | None:
        """Return the sides to pass to the library (None for every side)."""
        return None if self.side == "all" else (self.side,)

    def to_query(self) -> dict[str, str]:
        """Return the query parameters that reproduce this view."""
        return {"date": self.date.isoformat(), "side": self.side}


def read_view_state(
    params: Mapping[str, str], default_date: dt.date, last_date: dt.date
) -> tuple[ViewState, list[str]]:
    """Return the view a link asks for, and a message for each parameter that was ignored."""
    notes: list[str] = []
    date = default_date
    text = params.get("date")
    if text:
        parsed = parse_date(text)
        if parsed is None or not FIRST_DATE <= parsed <= last_date:
            notes.append(
                _(
                    "The link's date '{text}' is not a date between {first} and {last}; "
                    "showing {default}."
                ).format(text=text, first=FIRST_DATE, last=last_date, default=default_date)
            )
        else:
            date = parsed
    side = params.get("side") or "all"
    if side not in PERSPECTIVES:
        notes.append(
            _("The link's perspective '{text}' is not one of {allowed}; showing all sides.").format(
                text=side, allowed=", ".join(PERSPECTIVES)
            )
        )
        side = "all"
    return ViewState(date, side), notes
