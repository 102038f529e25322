"""Opportunity exports of the kinds subsidiaries send, with the matching a person would
choose: the test corpus of the matcher (not shipped with the program).

Each export is built from the CRM's documented field names (API names or the labels of
its export), in its value formats (ISO or US or day-first dates, `15 Apr, 2021 00:02:00`,
`$22,700.00`, probabilities 0-1 or 0-100, IDs like `0065g00000XyZabAAE`), with the shapes
seen in practice (title rows, a SUBTOTAL row above the header, no header row, columns the
template does not have). `expected` names, for every template column, the source header
(its column letter when there is no header row) or None.

The CRMs' exports are in tests/crm_exports_crms.py, the sales people's own workbooks
in tests/crm_exports_local.py.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from desktop_app.core.model.a1 import col_letter

PROCESS = ["Qualify", "Develop", "Propose", "Negotiate", "Closed Won", "Closed Lost"]
BANDS = {"Qualify": (5, 20), "Develop": (10, 40), "Propose": (30, 60), "Negotiate": (50, 90),
         "Closed Won": (100, 100), "Closed Lost": (0, 0)}  # fmt: skip
FORECAST = {"Qualify": "Pipeline", "Develop": "Pipeline", "Propose": "Best Case",
            "Negotiate": "Commit", "Closed Won": "Closed", "Closed Lost": "Omitted"}  # fmt: skip
PEOPLE = {
    "en": (["James", "Emma", "Oliver", "Sophie", "Daniel", "Grace"], ["Carter", "Hughes", "Bennett", "Walsh", "Fowler"]),
    "sv": (["Anna", "Erik", "Maria", "Lars", "Karin", "Johan"], ["Berg", "Lindqvist", "Holm", "Ek", "Nordström"]),
    "nb": (["Kari", "Ola", "Ingrid", "Lars", "Silje", "Anders"], ["Hansen", "Johansen", "Berg", "Dahl", "Haugen"]),
    "da": (["Mette", "Søren", "Camilla", "Jens", "Line", "Mikkel"], ["Jensen", "Nielsen", "Møller", "Krogh", "Lund"]),
    "fi": (["Aino", "Mikko", "Laura", "Juha", "Sanna", "Timo"], ["Virtanen", "Korhonen", "Mäkinen", "Nieminen", "Laine"]),
    "de": (["Anna", "Lukas", "Julia", "Jonas", "Lena", "Felix"], ["Müller", "Schmidt", "Weber", "Fischer", "Wagner"]),
}  # fmt: skip
COMPANIES = {
    "en": ["Atlantic Foods Ltd", "Lakeside Retail Inc", "Brightwater Group", "Crescent Logistics LLC", "Harbor Steel Corp", "Northgate Systems Ltd"],
    "sv": ["Nordic Steel AB", "Polar Teknik AB", "Granit Industri AB", "Kustlinjen Handel AB", "Fjällvind Service AB", "Solberg Group"],
    "nb": ["Fjordkraft AS", "Nordlys Data AS", "Havbruk Teknologi AS", "Bergen Maskin ASA", "Vestland Bygg AS"],
    "da": ["Søholm A/S", "Nordhavn Logistik ApS", "Krogh Maskiner A/S", "Vestkyst Data ApS", "Lund & Co A/S"],
    "fi": ["Koivu Teknologia Oy", "Järvi Logistiikka Oy", "Pohjola Kone Oyj", "Saimaa Data Oy", "Revontuli Palvelut Oy"],
    "de": ["Hansa Logistik GmbH", "Rhein Maschinenbau AG", "Alpen Software GmbH", "Nordwerk Industrie KG", "Bayern Datentechnik GmbH"],
}  # fmt: skip
DEAL_WORDS = [
    "Upgrade",
    "Renewal",
    "Expansion",
    "Rollout",
    "Pilot",
    "Migration",
    "Framework",
    "Service contract",
]
NEXT_STEPS = [
    "Send revised quote",
    "Demo for IT",
    "Call procurement",
    "Workshop on site",
    "",
    "Wait for budget",
]
LOSS = ["Price", "Competitor", "No Decision", "Timing", "Product Fit", "Other"]
REPORT_DATE = date(2026, 12, 31)


@dataclass
class Deal:
    """One opportunity, canonical; each export writes it the way its CRM does."""

    i: int
    stage: str
    probability: int
    forecast: str
    amount: float
    created: date
    close: date
    activity: date
    owner: str
    contact: str
    account: str
    account_no: int
    country: str
    product: str
    loss: str | None
    next_step: str
    title: str
    rng: random.Random = field(repr=False)

    def pick(self, options: list[Any]) -> Any:
        """One of options, the same for this deal every time it is asked."""
        return options[(self.i * 7 + len(options) * 3) % len(options)]


def make_deals(n: int, language: str, country: str, seed: int) -> list[Deal]:
    rng = random.Random(seed)
    firsts, lasts = PEOPLE[language]
    companies = COMPANIES[language]
    team = [f"{firsts[k]} {lasts[(k * 2 + seed) % len(lasts)]}" for k in range(4)]  # the sales reps
    deals = []
    for i in range(1, n + 1):
        stage = PROCESS[rng.randrange(len(PROCESS))]
        low, high = BANDS[stage]
        closed = stage.startswith("Closed")
        close = (
            REPORT_DATE - timedelta(days=rng.randint(5, 300))
            if closed
            else REPORT_DATE + timedelta(days=rng.randint(-60, 400))
        )
        created = close - timedelta(days=rng.randint(30, 420))
        activity = min(REPORT_DATE - timedelta(days=rng.randint(0, 80)), close + timedelta(days=3))
        account = rng.randrange(len(companies))
        deals.append(
            Deal(
                i=i, stage=stage, probability=rng.randint(low, high) // 5 * 5 if high > low else low,
                forecast=FORECAST[stage], amount=round(rng.uniform(4_000, 650_000), 2),
                created=created, close=close, activity=max(activity, created),
                owner=team[rng.randrange(len(team))],
                contact=f"{firsts[(i + 2) % len(firsts)]} {lasts[(i + 1) % len(lasts)]}",
                account=companies[account], account_no=100200 + account * 37,
                country=country if rng.random() < 0.8 else rng.choice(["SE", "DE", "GB", "US", "NO", "DK", "FI"]),
                product=rng.choice(["Hardware", "Software", "Services", "Support"]),
                loss=rng.choice(LOSS) if stage == "Closed Lost" else None,
                next_step="" if closed else rng.choice(NEXT_STEPS),
                title=f"{companies[account].split()[0]} {DEAL_WORDS[i % len(DEAL_WORDS)]} {2026 + i % 2}",
                rng=random.Random(seed * 1000 + i),
            )
        )  # fmt: skip
    return deals


Column = tuple[str, str | None, Callable[[Deal], Any]]  # header, template column, value


@dataclass
class Export:
    name: str
    subsidiary: str
    columns: list[Column]
    deals: list[Deal]
    kind: str = "xlsx"  # or "csv" (every cell text, as the CRM wrote it)
    above: list[list[Any]] = field(default_factory=list)  # title rows etc. above the header
    header: bool = True
    encoding: str = "utf-8"
    delimiter: str = ","

    @property
    def rows(self) -> list[list[Any]]:
        """The sheet as a reader gives it: rows above, the header, one row per deal."""
        body = [[value(d) for _, _, value in self.columns] for d in self.deals]
        if self.kind == "csv":
            body = [[_as_text(v) for v in row] for row in body]
        head = [[h for h, _, _ in self.columns]] if self.header else []
        return [list(r) for r in self.above] + head + body

    @property
    def header_row(self) -> int | None:
        return len(self.above) + 1 if self.header else None

    @property
    def expected(self) -> dict[str, str]:
        """Template column -> the source header (or letter) a person would choose."""
        out = {}
        for i, (header, target, _) in enumerate(self.columns):
            if target:
                out[target] = header if self.header else col_letter(i)
        return out


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def write_export(export: Export, folder: Path) -> Path:
    """The export as the file the CRM would give (csv in its encoding, or xlsx)."""
    rows = export.rows
    if export.kind == "csv":
        path = folder / f"{export.name}.csv"
        with path.open("w", encoding=export.encoding, newline="", errors="replace") as f:
            csv.writer(f, delimiter=export.delimiter).writerows(rows)
        return path
    import xlsxwriter

    path = folder / f"{export.name}.xlsx"
    book = xlsxwriter.Workbook(
        str(path), {"strings_to_formulas": False, "strings_to_numbers": False}
    )
    sheet = book.add_worksheet("Export")
    day = book.add_format({"num_format": "yyyy-mm-dd"})
    stamp = book.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, datetime):
                sheet.write_datetime(r, c, value, stamp)
            elif isinstance(value, date):
                sheet.write_datetime(r, c, datetime.combine(value, time()), day)
            elif value is not None:
                sheet.write(r, c, value)
    book.close()
    return path


# ---------------------------------------------------------------- value formats


def sf_id(prefix: str, n: int) -> str:
    """A Salesforce 18-character record ID (`0065g00000XyZabAAE`)."""
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    rng = random.Random(f"{prefix}-{n}")
    return prefix + "5g00000" + "".join(rng.choice(letters) for _ in range(5)) + "AAE"


def guid(seed: int) -> str:
    rng = random.Random(seed)
    h = "".join(rng.choice("0123456789abcdef") for _ in range(32))
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def stamp(day: date, d: Deal) -> datetime:
    return datetime.combine(day, time(d.i % 10 + 8, d.i * 7 % 60, d.i * 13 % 60))


def us_date(day: date) -> str:
    return f"{day.month}/{day.day}/{day.year}"


def dmy(day: date, sep: str = ".") -> str:
    return f"{day.day:02d}{sep}{day.month:02d}{sep}{day.year}"


def zoho_date(day: date | datetime) -> str:
    text = day.strftime("%d %b, %Y")
    return text + day.strftime(" %H:%M:%S") if isinstance(day, datetime) else text


def money_us(x: float, sign: str = "$") -> str:
    return f"{sign}{x:,.2f}"


def money_eu(x: float, sign: str = "€", group: str = ".", decimal: str = ",") -> str:
    text = f"{x:,.2f}".replace(",", "\0").replace(".", decimal).replace("\0", group)
    return f"{text} {sign}".strip()


def one_word(words: dict[str, str]) -> dict[str, list[str]]:
    """A stage's single word, as by_stage takes it."""
    return {key: [word] for key, word in words.items()}


def by_stage(words: dict[str, list[str]]) -> Callable[[Deal], str]:
    """The CRM's word for the deal's stage (one of its words for that stage)."""
    return lambda d: d.pick(words[d.stage])


def exports(rows: int = 60) -> list[Export]:
    """The corpus's exports (the CRMs' and the sales people's own; not the held-out ones)."""
    return [make(rows) for make in _makers(held_out=False)]


def export_named(name: str, rows: int) -> Export:
    """One export of the corpus (the held-out ones too), with that many rows."""
    for make in _makers(held_out=True):
        if make(2).name == name:
            return make(rows)
    raise KeyError(name)


def _makers(held_out: bool) -> list[Callable[[int], Export]]:
    from tests.crm_exports_crms import CRM_EXPORTS
    from tests.crm_exports_local import LOCAL_EXPORTS
    from tests.crm_exports_unseen import UNSEEN_EXPORTS

    return [*CRM_EXPORTS, *LOCAL_EXPORTS, *(UNSEEN_EXPORTS if held_out else [])]
