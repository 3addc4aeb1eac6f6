"""The data package's tables and columns, defined once for the library, the app and datapackage.json."""

from __future__ import annotations

from dataclasses import dataclass

SIDES = ("russia", "ukraine", "independent", "third_party")
CONTROLLERS = ("russia", "ukraine")
LEVEL_METRICS = ("share_pct", "area_km2", "full_control")
OTHER_METRICS = ("settlement_control", "area_change_km2", "annexation", "statement")
METRICS = LEVEL_METRICS + OTHER_METRICS
STATUSES = ("reported", "disputed", "corroborated", "contradicted", "retracted")
DEFAULT_STATUS = "reported"
COUNTRIES = ("UA", "RU")
NATIONAL_REGION = "UA"

# Metrics whose value must be given, and those whose value must be blank.
VALUE_REQUIRED = ("share_pct", "area_km2", "area_change_km2")
VALUE_FORBIDDEN = ("full_control",)


@dataclass(frozen=True)
class Column:
    """One column of a table: its name, type, whether it is required and its allowed values."""

    name: str
    type: str = "string"  # string | date | number | integer
    required: bool = False
    enum: tuple[str, ...] = ()
    description: str = ""


@dataclass(frozen=True)
class Table:
    """One CSV file of the package."""

    name: str
    primary_key: str
    columns: tuple[Column, ...]
    foreign_keys: tuple[tuple[str, str, str], ...] = ()  # (column, table, column)
    description: str = ""

    @property
    def filename(self) -> str:
        return f"{self.name}.csv"

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.required)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


REGIONS = Table(
    "regions",
    "region_id",
    (
        Column("region_id", required=True, description="ISO 3166-2 code, or UA for Ukraine"),
        Column("name_en", required=True, description="English name"),
        Column("name_uk", required=True, description="Ukrainian name (Russian regions too)"),
        Column("country", required=True, enum=COUNTRIES, description="UA or RU"),
        Column("area_km2", "number", True, description="official area, km²"),
        Column("area_source", required=True, description="where the official area comes from"),
    ),
    description="Ukraine, its 27 first-level units and three Russian border regions.",
)

SOURCES = Table(
    "sources",
    "source_id",
    (
        Column("source_id", required=True, description="unique id"),
        Column("publisher", required=True, description="outlet or body that published it"),
        Column("published_on", "date", True, description="publication date, YYYY-MM-DD"),
        Column("url", description="address as seen; blank for a statement with no page"),
        Column("title", description="title as published"),
        Column("language", description="ISO 639-1 language of the publication"),
        Column("source_type", description="news, official, assessment, un_document, analysis"),
        Column("accessed_on", "date", description="when the curator read it, YYYY-MM-DD"),
    ),
    description="Every publication a claim or an event rests on.",
)

CLAIMS = Table(
    "claims",
    "claim_id",
    (
        Column("claim_id", required=True, description="unique id"),
        Column("stated_on", "date", True, description="date the claim was made"),
        Column("as_of", "date", description="date the claim refers to; blank means stated_on"),
        Column("claimant", required=True, description="person or body that made the claim"),
        Column("claimant_role", description="the claimant's office at the time"),
        Column("side", required=True, enum=SIDES, description="whose claim it is"),
        Column("region_id", required=True, description="a row of regions.csv"),
        Column("metric", required=True, enum=METRICS, description="what kind of claim"),
        Column("controller", required=True, enum=CONTROLLERS, description="whose control"),
        Column("value", "number", description="share (0–100) or km², by metric"),
        Column("settlement", description="settlement named by a settlement_control claim"),
        Column("status", enum=STATUSES, description="what happened next; blank means reported"),
        Column("responds_to", description="claim_id this claim answers"),
        Column("quote", description="the words as published (translated where needed)"),
        Column("quote_language", description="ISO 639-1 language the claimant spoke"),
        Column("quote_original", description="the quote in the original language"),
        Column("translated_by", description="who translated the quote into English"),
        Column("source_id", required=True, description="a row of sources.csv"),
        Column("notes", description="qualifiers, how the status was judged"),
    ),
    foreign_keys=(
        ("region_id", "regions", "region_id"),
        ("source_id", "sources", "source_id"),
        ("responds_to", "claims", "claim_id"),
    ),
    description="Dated claims of territorial control.",
)

EVENTS = Table(
    "events",
    "event_id",
    (
        Column("event_id", required=True, description="unique id"),
        Column("date", "date", True, description="date of the event"),
        Column("title", required=True, description="neutral one-line description"),
        Column("region_id", description="a row of regions.csv, if the event has one"),
        Column("source_id", required=True, description="a row of sources.csv"),
    ),
    foreign_keys=(
        ("region_id", "regions", "region_id"),
        ("source_id", "sources", "source_id"),
    ),
    description="Dated context for timelines.",
)

TABLES = (REGIONS, SOURCES, CLAIMS, EVENTS)
# Tables a user's own package must hold; regions always come from the project.
USER_TABLES = (SOURCES, CLAIMS)
OPTIONAL_TABLES = (EVENTS,)
