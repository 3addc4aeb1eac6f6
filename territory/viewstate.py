"""Every view's state in one object, and its URL form; kept apart from Streamlit so links test anywhere."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from urllib.parse import quote

from . import schema
from .i18n import _
from .validation import parse_date

PERSPECTIVES = ("all", "russia", "ukraine", "independent")
FIRST_DATE = dt.date(2014, 1, 1)
LIST_SEPARATOR = ","


@dataclass(frozen=True)
class ViewState:
    """Everything the views depend on; the URL's query string mirrors it.

    ``date`` and ``side`` are shared by every page; ``region`` is the profile's region;
    ``regions``, ``start`` and ``end`` select a timeline; the rest filter the claims explorer.
    """

    date: dt.date
    side: str = "all"
    region: str = ""
    regions: tuple[str, ...] = ()
    start: dt.date | None = None
    end: dt.date | None = None
    claimant: str = ""
    metrics: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    settlement: str = ""
    text: str = ""
    claim: str = ""

    @property
    def sides(self) -> tuple[str, ...] | None:
        """Return the sides to pass to the library (None for every side)."""
        return None if self.side == "all" else (self.side,)

    def without_filters(self) -> ViewState:
        """Return this view with the explorer's filters and the chosen claim cleared."""
        keep = {"date": self.date, "side": self.side, "region": self.region}
        return ViewState(**keep)

    def link(self, base: str, page: str = "") -> str:
        """Return the address that reproduces this view on ``page`` under ``base``."""
        query = "&".join(f"{k}={quote(v, safe=',')}" for k, v in self.to_query().items())
        return f"{base}{page}?{query}"

    def to_query(self) -> dict[str, str]:
        """Return the query parameters that reproduce this view (date and side always)."""
        query = {"date": self.date.isoformat(), "side": self.side}
        for field in fields(self)[2:]:
            value = getattr(self, field.name)
            if value:
                query[QUERY_NAMES[field.name]] = _format(value)
        return query


# Short, stable parameter names: they end up in links people share.
QUERY_NAMES = {
    "region": "region",
    "regions": "regions",
    "start": "from",
    "end": "to",
    "claimant": "claimant",
    "metrics": "metric",
    "statuses": "status",
    "settlement": "settlement",
    "text": "q",
    "claim": "claim",
}


def _format(value) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return LIST_SEPARATOR.join(value)
    return str(value)


def _split(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(p.strip() for p in text.split(LIST_SEPARATOR) if p.strip()))


def read_view_state(
    params: Mapping[str, str],
    default_date: dt.date,
    last_date: dt.date,
    known_regions: Iterable[str] | None = None,
) -> tuple[ViewState, list[str]]:
    """Return the view a link asks for, and a message for each parameter that was ignored."""
    notes: list[str] = []
    known = set(known_regions) if known_regions is not None else None

    def day(name: str, fallback):
        text = params.get(name)
        if not text:
            return fallback
        parsed = parse_date(text)
        if parsed is None or not FIRST_DATE <= parsed <= last_date:
            notes.append(
                _(
                    "The link's {name} '{text}' is not a date between {first} and {last}; "
                    "it was ignored."
                ).format(name=name, text=text, first=FIRST_DATE, last=last_date)
            )
            return fallback
        return parsed

    def choice(name: str, allowed: Iterable[str] | None) -> tuple[str, ...]:
        values = _split(params.get(name) or "")
        if allowed is None:
            return values
        allowed = set(allowed)
        wrong = [v for v in values if v not in allowed]
        if wrong:
            notes.append(
                _("The link's {name} {wrong} are not known; they were ignored.").format(
                    name=name, wrong=", ".join(f"'{w}'" for w in wrong)
                )
            )
        return tuple(v for v in values if v in allowed)

    date = day("date", default_date)
    side = params.get("side") or "all"
    if side not in PERSPECTIVES:
        notes.append(
            _("The link's perspective '{text}' is not one of {allowed}; showing all sides.").format(
                text=side, allowed=", ".join(PERSPECTIVES)
            )
        )
        side = "all"
    region = choice("region", known)
    state = ViewState(
        date=date,
        side=side,
        region=region[0] if region else "",
        regions=choice("regions", known),
        start=day("from", None),
        end=day("to", None),
        claimant=(params.get("claimant") or "").strip(),
        metrics=choice("metric", schema.METRICS),
        statuses=choice("status", schema.STATUSES),
        settlement=(params.get("settlement") or "").strip(),
        text=(params.get("q") or "").strip(),
        claim=(params.get("claim") or "").strip(),
    )
    if state.start and state.end and state.start > state.end:
        notes.append(_("The link's date range ends before it starts; the ends were swapped."))
        state = ViewState(**{**state.__dict__, "start": state.end, "end": state.start})
    return state, notes
