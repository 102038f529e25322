"""Exports kept out of the schema's synonym lists on purpose (see tests/crm_exports.py):
their headers were written after the lists and never added to them, so the matcher meets
them as it meets a new subsidiary's file — by fuzzy names, units and values."""

from __future__ import annotations

from tests.crm_exports import Export, by_stage, dmy, make_deals, one_word, us_date


def superoffice(rows: int) -> Export:
    """A sales list from SuperOffice in Swedish: `Säljdatum` is the expected close date."""
    stages = one_word(
        {
            "Qualify": "Kvalificering",
            "Develop": "Behovsanalys",
            "Propose": "Offert",
            "Negotiate": "Förhandling",
            "Closed Won": "Såld",
            "Closed Lost": "Förlorad",
        }
    )
    return Export("superoffice_se", "SE01", [
        ("Försäljning", "opportunity_name", lambda d: d.title),
        ("Företag", "customer_name", lambda d: d.account),
        ("Kontakt", None, lambda d: d.contact),
        ("Belopp", "amount", lambda d: d.amount),
        ("Valuta", "currency", lambda d: "SEK"),
        ("Sannolikhet %", "probability", lambda d: d.probability),
        ("Försäljningsfas", "stage", by_stage(stages)),
        ("Säljdatum", "close_date", lambda d: d.close),
        ("Registrerad", "created_date", lambda d: d.created),
        ("Vår kontakt", "owner", lambda d: d.owner),
        ("Nästa aktivitet", None, lambda d: None if d.stage.startswith("Closed") else d.close),
    ], make_deals(rows, "sv", "SE", 31))  # fmt: skip


def lime(rows: int) -> Export:
    """Lime CRM's deal list: the stage is in a column called Status."""
    stages = one_word(
        {
            "Qualify": "Kundkontakt",
            "Develop": "Behovsanalys",
            "Propose": "Offert",
            "Negotiate": "Avtal",
            "Closed Won": "Vunnen",
            "Closed Lost": "Förlorad",
        }
    )
    return Export("lime_se", "SE01", [
        ("Affär", "opportunity_name", lambda d: d.title),
        ("Företag", "customer_name", lambda d: d.account),
        ("Affärsansvarig", "owner", lambda d: d.owner),
        ("Status", "stage", by_stage(stages)),
        ("Affärsvärde", "amount", lambda d: d.amount),
        ("Sannolikhet", "probability", lambda d: d.probability / 100),
        ("Vägt värde", None, lambda d: round(d.amount * d.probability / 100, 2)),
        ("Förväntat avslut", "close_date", lambda d: d.close),
        ("Skapad", "created_date", lambda d: d.created),
        ("Offert skickad", None, lambda d: d.created if d.stage != "Qualify" else None),
    ], make_deals(rows, "sv", "SE", 32))  # fmt: skip


def uk_sheet(rows: int) -> Export:
    """A GB01 sales manager's own sheet: short, home-made headers."""
    return Export("uk_sheet", "GB01", [
        ("Opp Ref", "opportunity_id", lambda d: f"GB01-{d.i:06d}"),
        ("Client", "customer_name", lambda d: d.account),
        ("Deal", "opportunity_name", lambda d: d.title),
        ("Stage", "stage", lambda d: d.stage),
        ("Win %", "probability", lambda d: f"{d.probability}%"),
        ("Deal Value (£)", "amount", lambda d: f"£{d.amount:,.2f}"),
        ("Est. Close", "close_date", lambda d: dmy(d.close, "/")),
        ("Sales Lead", "owner", lambda d: d.owner),
        ("Opened", "created_date", lambda d: dmy(d.created, "/")),
        ("Last Touch", "last_activity_date", lambda d: dmy(d.activity, "/")),
        ("Next Action", "next_step", lambda d: d.next_step),
        ("Lost Because", "loss_reason", lambda d: d.loss or ""),
        ("Sector", None, lambda d: d.pick(["Retail", "Manufacturing", "Logistics"])),
    ], make_deals(rows, "en", "GB", 33), kind="csv")  # fmt: skip


def us_tracker(rows: int) -> Export:
    """A US01 deal tracker with its title above and camelCase headers from an app."""
    return Export("us_tracker", "US01", [
        ("dealRef", "opportunity_id", lambda d: f"US01-{d.i:06d}"),
        ("customerRef", "customer_id", lambda d: f"CU-{d.account_no}"),
        ("customerLegalName", "customer_name", lambda d: d.account),
        ("dealTitle", "opportunity_name", lambda d: d.title),
        ("pipelineStage", "stage", lambda d: d.stage.lower().replace(" ", "_")),
        ("winProbabilityPct", "probability", lambda d: d.probability),
        ("dealAmountUsd", "amount", lambda d: d.amount),
        ("expectedCloseOn", "close_date", lambda d: us_date(d.close)),
        ("createdOn", "created_date", lambda d: us_date(d.created)),
        ("repName", "owner", lambda d: d.owner),
        ("lostReasonCode", "loss_reason", lambda d: (d.loss or "").upper().replace(" ", "_")),
    ], make_deals(rows, "en", "US", 36), kind="csv")  # fmt: skip


UNSEEN_EXPORTS = [superoffice, lime, uk_sheet, us_tracker]


def unseen_exports(rows: int) -> list[Export]:
    return [make(rows) for make in UNSEEN_EXPORTS]
