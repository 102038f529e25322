"""CRM exports of the corpus (see tests/crm_exports.py): Salesforce, HubSpot, Dynamics 365,
Zoho, Pipedrive, Bitrix24 and vtiger, each with its documented field names and formats."""

from __future__ import annotations

from tests.crm_exports import (
    Export,
    by_stage,
    guid,
    make_deals,
    money_us,
    sf_id,
    stamp,
    us_date,
    zoho_date,
)

COUNTRY_NAMES = {"SE": "Sweden", "DE": "Germany", "GB": "United Kingdom", "US": "United States",
                 "NO": "Norway", "DK": "Denmark", "FI": "Finland"}  # fmt: skip
SALESFORCE_STAGES = {
    "Qualify": ["Prospecting", "Qualification"],
    "Develop": ["Needs Analysis", "Value Proposition", "Id. Decision Makers"],
    "Propose": ["Proposal/Price Quote"],
    "Negotiate": ["Negotiation/Review"],
    "Closed Won": ["Closed Won"],
    "Closed Lost": ["Closed Lost"],
}
HUBSPOT_STAGES = {
    "Qualify": [("appointmentscheduled", "Appointment Scheduled", 0.2)],
    "Develop": [("qualifiedtobuy", "Qualified to Buy", 0.4)],
    "Propose": [("presentationscheduled", "Presentation Scheduled", 0.6)],
    "Negotiate": [("decisionmakerboughtin", "Decision Maker Bought-In", 0.8),
                  ("contractsent", "Contract Sent", 0.9)],
    "Closed Won": [("closedwon", "Closed Won", 1.0)],
    "Closed Lost": [("closedlost", "Closed Lost", 0.0)],
}  # fmt: skip
LOSS_WORDS = {"Price": "Too expensive", "Competitor": "Went with competitor",
              "No Decision": "No decision made", "Timing": "Bad timing",
              "Product Fit": "Missing features", "Other": "Other"}  # fmt: skip
HUBSPOT_FORECAST = {"Pipeline": "PIPELINE", "Best Case": "BEST_CASE", "Commit": "COMMIT",
                    "Closed": "CLOSED", "Omitted": "OMIT"}  # fmt: skip
DYNAMICS_PHASE = {"Qualify": "1-Qualify", "Develop": "2-Develop", "Propose": "3-Propose",
                  "Negotiate": "4-Close", "Closed Won": "4-Close", "Closed Lost": "3-Propose"}  # fmt: skip
DYNAMICS_FORECAST = {"Pipeline": ("Pipeline", 100000001), "Best Case": ("Best case", 100000002),
                     "Commit": ("Committed", 100000003), "Omitted": ("Lost", 100000006),
                     "Closed": ("Won", 100000005)}  # fmt: skip


def _hubspot(d, part: int):
    return d.pick(HUBSPOT_STAGES[d.stage])[part]


def _lost(d) -> str:
    return LOSS_WORDS[d.loss] if d.loss else ""


def salesforce_api(rows: int) -> Export:
    """A Data Loader export of Opportunity: API field names, ISO dates, 18-character IDs."""
    return Export("salesforce_api", "US01", [
        ("Id", "opportunity_id", lambda d: sf_id("006", d.i)),
        ("AccountId", "customer_id", lambda d: sf_id("001", d.account_no)),
        ("Name", "opportunity_name", lambda d: d.title),
        ("StageName", "stage", by_stage(SALESFORCE_STAGES)),
        ("Amount", "amount", lambda d: f"{d.amount:.1f}"),
        ("Probability", "probability", lambda d: d.probability),
        ("CloseDate", "close_date", lambda d: d.close.isoformat()),
        ("Type", None, lambda d: d.pick(["New Business", "Existing Business"])),
        ("LeadSource", None, lambda d: d.pick(["Web", "Partner Referral", "Trade Show", ""])),
        ("IsClosed", None, lambda d: str(d.stage.startswith("Closed")).lower()),
        ("IsWon", None, lambda d: str(d.stage == "Closed Won").lower()),
        ("ForecastCategoryName", "forecast_category", lambda d: d.forecast),
        ("CurrencyIsoCode", "currency", lambda d: "USD"),
        ("ExpectedRevenue", None, lambda d: f"{d.amount * d.probability / 100:.1f}"),
        ("OwnerId", "owner", lambda d: sf_id("005", d.i % 4)),
        ("CreatedDate", "created_date", lambda d: stamp(d.created, d).strftime("%Y-%m-%dT%H:%M:%S.000Z")),
        ("LastModifiedDate", None, lambda d: stamp(d.activity, d).strftime("%Y-%m-%dT%H:%M:%S.000Z")),
        ("LastActivityDate", "last_activity_date", lambda d: d.activity.isoformat()),
        ("NextStep", "next_step", lambda d: d.next_step),
        ("FiscalYear", None, lambda d: d.close.year),
        ("Loss_Reason__c", "loss_reason", lambda d: d.loss or ""),
    ], make_deals(rows, "en", "US", 1), kind="csv")  # fmt: skip


def salesforce_report(rows: int) -> Export:
    """A report exported with its title rows: labels, US dates, `$22,700.00`, `20%`."""
    return Export("salesforce_report", "US01", [
        ("Opportunity Owner", "owner", lambda d: d.owner),
        ("Account Name", "customer_name", lambda d: d.account),
        ("Opportunity Name", "opportunity_name", lambda d: d.title),
        ("Stage", "stage", by_stage(SALESFORCE_STAGES)),
        ("Fiscal Period", None, lambda d: f"Q{(d.close.month - 1) // 3 + 1}-{d.close.year}"),
        ("Amount", "amount", lambda d: money_us(d.amount)),
        ("Expected Revenue", None, lambda d: money_us(d.amount * d.probability / 100)),
        ("Probability (%)", "probability", lambda d: f"{d.probability}%"),
        ("Age", None, lambda d: (d.activity - d.created).days),
        ("Close Date", "close_date", lambda d: us_date(d.close)),
        ("Created Date", "created_date", lambda d: us_date(d.created)),
        ("Next Step", "next_step", lambda d: d.next_step),
        ("Lead Source", None, lambda d: d.pick(["Web", "Phone Inquiry", "Partner Referral"])),
        ("Type", None, lambda d: d.pick(["New Business", "Existing Business"])),
        ("Forecast Category", "forecast_category", lambda d: d.forecast),
        ("Billing Country", "country", lambda d: COUNTRY_NAMES[d.country]),
        ("Opportunity ID", "opportunity_id", lambda d: sf_id("006", d.i)[:15]),
    ], make_deals(rows, "en", "US", 2), kind="csv",
        above=[["Opportunity Pipeline"], ["Filtered By: Close Date equals THIS FISCAL YEAR"], []])  # fmt: skip


def salesforce_de(rows: int) -> Export:
    """A report from Salesforce in German, as an Excel file with its title rows."""
    stages = {
        "Qualify": ["Akquise", "Qualifizierung"],
        "Develop": ["Bedarfsanalyse", "Wertversprechen"],
        "Propose": ["Angebot/Preisangebot"],
        "Negotiate": ["Verhandlung/Überprüfung"],
        "Closed Won": ["Geschlossen und gewonnen"],
        "Closed Lost": ["Geschlossen und verloren"],
    }
    forecast = {
        "Pipeline": "Pipeline",
        "Best Case": "Bester Fall",
        "Commit": "Commit",
        "Closed": "Geschlossen",
        "Omitted": "Ausgelassen",
    }
    return Export("salesforce_de", "DE01", [
        ("Verkaufschancen-Inhaber", "owner", lambda d: d.owner),
        ("Accountname", "customer_name", lambda d: d.account),
        ("Verkaufschancenname", "opportunity_name", lambda d: d.title),
        ("Phase", "stage", by_stage(stages)),
        ("Betrag", "amount", lambda d: d.amount),
        ("Verkaufschancen-Währung", "currency", lambda d: "EUR"),
        ("Wahrscheinlichkeit (%)", "probability", lambda d: d.probability),
        ("Schlusstermin", "close_date", lambda d: d.close),
        ("Erstelldatum", "created_date", lambda d: d.created),
        ("Prognosekategorie", "forecast_category", lambda d: forecast[d.forecast]),
        ("Nächster Schritt", "next_step", lambda d: d.next_step),
        ("Typ", None, lambda d: d.pick(["Neukunde", "Bestandskunde"])),
        ("Lead-Quelle", None, lambda d: d.pick(["Web", "Messe", "Empfehlung"])),
        ("Alter", None, lambda d: (d.activity - d.created).days),
    ], make_deals(rows, "de", "DE", 3),
        above=[["Verkaufschancen-Pipeline"], ["Stand: 18.12.2026"], []])  # fmt: skip


def hubspot(rows: int) -> Export:
    """HubSpot's deal export to Excel: property labels, probabilities 0-1."""
    return Export("hubspot", "GB01", [
        ("Record ID", "opportunity_id", lambda d: 9_100_000_000 + d.i * 317),
        ("Deal Name", "opportunity_name", lambda d: d.title),
        ("Deal Stage", "stage", lambda d: _hubspot(d, 1)),
        ("Close Date", "close_date", lambda d: stamp(d.close, d)),
        ("Deal owner", "owner", lambda d: d.owner),
        ("Amount", "amount", lambda d: d.amount),
        ("Create Date", "created_date", lambda d: stamp(d.created, d)),
        ("Pipeline", None, lambda d: "Sales Pipeline"),
        ("Deal Type", None, lambda d: d.pick(["New Business", "Existing Business"])),
        ("Associated Company (Primary)", "customer_name", lambda d: d.account),
        ("Last Activity Date", "last_activity_date", lambda d: stamp(d.activity, d)),
        ("Currency", "currency", lambda d: d.pick(["GBP", "GBP", "EUR"])),
        ("Forecast category", "forecast_category",
         lambda d: {"Best Case": "Best case", "Omitted": "Not forecasted", "Closed": "Closed won"}.get(d.forecast, d.forecast)),
        ("Closed Lost Reason", "loss_reason", _lost),
        ("Deal probability", "probability", lambda d: _hubspot(d, 2)),
        ("Last Modified Date", None, lambda d: stamp(d.activity, d)),
    ], make_deals(rows, "en", "GB", 4))  # fmt: skip


def hubspot_api(rows: int) -> Export:
    """Deals read through HubSpot's API into a CSV: internal property names and values."""
    iso = "%Y-%m-%dT%H:%M:%S.000Z"
    return Export("hubspot_api", "SE01", [
        ("hs_object_id", "opportunity_id", lambda d: str(14_200_000_000 + d.i * 91)),
        ("dealname", "opportunity_name", lambda d: d.title),
        ("dealstage", "stage", lambda d: _hubspot(d, 0)),
        ("closedate", "close_date", lambda d: stamp(d.close, d).strftime(iso)),
        ("createdate", "created_date", lambda d: stamp(d.created, d).strftime(iso)),
        ("hubspot_owner_id", "owner", lambda d: str(52_846_700 + d.i % 5)),
        ("amount", "amount", lambda d: str(d.amount)),
        ("deal_currency_code", "currency", lambda d: "SEK"),
        ("pipeline", None, lambda d: "default"),
        ("hs_deal_stage_probability", "probability", lambda d: str(_hubspot(d, 2))),
        ("closed_lost_reason", "loss_reason", _lost),
        ("hs_lastmodifieddate", None, lambda d: stamp(d.activity, d).strftime(iso)),
        ("notes_last_updated", "last_activity_date", lambda d: stamp(d.activity, d).strftime(iso)),
        ("hs_manual_forecast_category", "forecast_category", lambda d: HUBSPOT_FORECAST[d.forecast]),
        ("hs_next_step", "next_step", lambda d: d.next_step),
        ("num_associated_contacts", None, lambda d: str(d.i % 3 + 1)),
        ("hs_is_closed_won", None, lambda d: str(d.stage == "Closed Won").lower()),
    ], make_deals(rows, "sv", "SE", 5), kind="csv")  # fmt: skip


def dynamics(rows: int) -> Export:
    """Dynamics 365 Sales' "Export to Excel": hidden key columns, display names."""
    return Export("dynamics", "FI01", [
        ("(Do Not Modify) Opportunity", "opportunity_id", lambda d: guid(d.i)),
        ("(Do Not Modify) Row Checksum", None, lambda d: f"k{d.i * 7919:x}Qz+Yw=="),
        ("(Do Not Modify) Modified On", None, lambda d: stamp(d.activity, d)),
        ("Topic", "opportunity_name", lambda d: d.title),
        ("Potential Customer", "customer_name", lambda d: d.account),
        ("Est. Close Date", "close_date", lambda d: d.close),
        ("Est. Revenue", "amount", lambda d: d.amount),
        ("Probability", "probability", lambda d: d.probability),
        ("Pipeline Phase", "stage", lambda d: DYNAMICS_PHASE[d.stage]),
        ("Owner", "owner", lambda d: d.owner),
        ("Currency", "currency", lambda d: "Euro"),
        ("Status Reason", None, lambda d: {"Closed Won": "Won", "Closed Lost": "Out-Sold"}.get(d.stage, "In Progress")),
        ("Created On", "created_date", lambda d: stamp(d.created, d)),
        ("Forecast Category", "forecast_category", lambda d: DYNAMICS_FORECAST[d.forecast][0]),
        ("Actual Close Date", None, lambda d: d.close if d.stage.startswith("Closed") else None),
        ("Rating", None, lambda d: d.pick(["Hot", "Warm", "Cold"])),
    ], make_deals(rows, "fi", "FI", 6))  # fmt: skip


def dynamics_api(rows: int) -> Export:
    """Opportunities from the Dataverse Web API: logical names, lookups as GUIDs."""
    return Export("dynamics_api", "SE01", [
        ("opportunityid", "opportunity_id", lambda d: guid(d.i)),
        ("name", "opportunity_name", lambda d: d.title),
        ("_parentaccountid_value", "customer_id", lambda d: guid(d.account_no)),
        ("estimatedvalue", "amount", lambda d: f"{d.amount:.4f}"),
        ("estimatedclosedate", "close_date", lambda d: d.close.isoformat()),
        ("closeprobability", "probability", lambda d: str(d.probability)),
        ("stepname", "stage", lambda d: DYNAMICS_PHASE[d.stage]),
        ("_ownerid_value", "owner", lambda d: guid(900 + d.i % 4)),
        ("_transactioncurrencyid_value", "currency", lambda d: guid(77)),
        ("createdon", "created_date", lambda d: stamp(d.created, d).strftime("%Y-%m-%dT%H:%M:%SZ")),
        ("actualclosedate", None, lambda d: d.close.isoformat() if d.stage.startswith("Closed") else ""),
        ("msdyn_forecastcategory", "forecast_category", lambda d: str(DYNAMICS_FORECAST[d.forecast][1])),
        ("statecode", None, lambda d: {"Closed Won": "1", "Closed Lost": "2"}.get(d.stage, "0")),
        ("salesstagecode", None, lambda d: str(min(3, ["Qualify", "Develop", "Propose"].index(d.stage) if d.stage in ("Qualify", "Develop", "Propose") else 3))),
        ("modifiedon", None, lambda d: stamp(d.activity, d).strftime("%Y-%m-%dT%H:%M:%SZ")),
    ], make_deals(rows, "sv", "SE", 7), kind="csv")  # fmt: skip


ZOHO_STAGES = {**SALESFORCE_STAGES, "Closed Lost": ["Closed Lost", "Closed-Lost to Competition"]}


def zoho_deals(rows: int) -> Export:
    """Zoho CRM's Deals module exported to CSV, dates like `15 Apr, 2021 00:02:00`."""
    return Export("zoho_deals", "CH01", [
        ("Record Id", "opportunity_id", lambda d: f"zcrm_48768760000{d.i * 7331:08d}"),
        ("Deal Owner", "owner", lambda d: d.owner),
        ("Deal Name", "opportunity_name", lambda d: d.title),
        ("Account Name", "customer_name", lambda d: d.account),
        ("Contact Name", None, lambda d: d.contact),
        ("Amount", "amount", lambda d: f"{d.amount:.2f}"),
        ("Currency", "currency", lambda d: d.pick(["CHF", "CHF", "EUR"])),
        ("Closing Date", "close_date", lambda d: zoho_date(d.close)),
        ("Stage", "stage", by_stage(ZOHO_STAGES)),
        ("Probability (%)", "probability", lambda d: str(d.probability)),
        ("Expected Revenue", None, lambda d: f"{d.amount * d.probability / 100:.2f}"),
        ("Type", None, lambda d: d.pick(["New Business", "Existing Business"])),
        ("Lead Source", None, lambda d: d.pick(["Advertisement", "Cold Call", "Web Download"])),
        ("Next Step", "next_step", lambda d: d.next_step),
        ("Reason For Loss", "loss_reason", _lost),
        ("Created Time", "created_date", lambda d: zoho_date(stamp(d.created, d))),
        ("Modified Time", None, lambda d: zoho_date(stamp(d.activity, d))),
        ("Last Activity Time", "last_activity_date", lambda d: zoho_date(stamp(d.activity, d))),
    ], make_deals(rows, "de", "DE", 8), kind="csv")  # fmt: skip


def zoho_potentials(rows: int) -> Export:
    """The older Zoho "Potentials" module, a Latin-1 CSV with `\\N` for empty fields."""
    return Export("zoho_potentials", "DE01", [
        ("POTENTIALID", "opportunity_id", lambda d: str(487_687_600_000_012_000 + d.i)),
        ("Potential Owner", "owner", lambda d: d.owner),
        ("Potential Name", "opportunity_name", lambda d: d.title),
        ("Account Name", "customer_name", lambda d: d.account),
        ("Amount", "amount", lambda d: f"{d.amount:.2f}"),
        ("Closing Date", "close_date", lambda d: d.close.isoformat()),
        ("Stage", "stage", by_stage(ZOHO_STAGES)),
        ("Probability (%)", "probability", lambda d: str(d.probability)),
        ("Created Time", "created_date", lambda d: stamp(d.created, d).strftime("%Y-%m-%d %H:%M:%S")),
        ("Modified Time", None, lambda d: stamp(d.activity, d).strftime("%Y-%m-%d %H:%M:%S")),
        ("Lead Source", None, lambda d: d.pick(["\\N", "Web Research", "Partner"])),
        ("Next Step", "next_step", lambda d: d.next_step or "\\N"),
        ("Expected Revenue", None, lambda d: f"{d.amount * d.probability / 100:.2f}"),
        ("Description", None, lambda d: d.pick(["\\N", "Rahmenvertrag prüfen", "Über Partner"])),
    ], make_deals(rows, "de", "DE", 9), kind="csv", encoding="latin-1", delimiter=";")  # fmt: skip


def pipedrive(rows: int) -> Export:
    """Pipedrive's deal export: every field named `Deal - ...`, won and lost in Status."""
    stages = {
        "Qualify": ["Qualified", "Contact Made"],
        "Develop": ["Demo Scheduled"],
        "Propose": ["Proposal Made"],
        "Negotiate": ["Negotiations Started"],
        "Closed Won": ["Negotiations Started"],
        "Closed Lost": ["Proposal Made", "Demo Scheduled"],
    }
    status = {"Closed Won": "Won", "Closed Lost": "Lost"}
    return Export("pipedrive", "NO01", [
        ("Deal - ID", "opportunity_id", lambda d: str(d.i + 1200)),
        ("Deal - Title", "opportunity_name", lambda d: d.title),
        ("Deal - Value", "amount", lambda d: f"{d.amount:.2f}"),
        ("Deal - Currency", "currency", lambda d: "NOK"),
        ("Deal - Organization", "customer_name", lambda d: d.account),
        ("Deal - Contact person", None, lambda d: d.contact),
        ("Deal - Owner", "owner", lambda d: d.owner),
        ("Deal - Stage", "stage", by_stage(stages)),
        ("Deal - Status", None, lambda d: status.get(d.stage, "Open")),
        ("Deal - Pipeline", None, lambda d: "Salg"),
        ("Deal - Expected close date", "close_date", lambda d: d.close.isoformat()),
        ("Deal - Deal created", "created_date", lambda d: stamp(d.created, d).strftime("%Y-%m-%d %H:%M:%S")),
        ("Deal - Won time", None, lambda d: stamp(d.close, d).strftime("%Y-%m-%d %H:%M:%S") if d.stage == "Closed Won" else ""),
        ("Deal - Lost reason", "loss_reason", _lost),
        ("Deal - Probability", "probability", lambda d: "" if d.stage.startswith("Closed") else str(d.probability)),
        ("Deal - Last activity date", "last_activity_date", lambda d: d.activity.isoformat()),
        ("Deal - Next activity date", None, lambda d: "" if d.stage.startswith("Closed") else (d.activity.replace(year=2027)).isoformat()),
    ], make_deals(rows, "nb", "NO", 10), kind="csv")  # fmt: skip


def bitrix24(rows: int) -> Export:
    """Bitrix24 deals through its REST API (crm.deal.list): upper-case field codes."""
    stages = {
        "Qualify": ["NEW"],
        "Develop": ["PREPARATION"],
        "Propose": ["PREPAYMENT_INVOICE"],
        "Negotiate": ["EXECUTING", "FINAL_INVOICE"],
        "Closed Won": ["WON"],
        "Closed Lost": ["LOSE"],
    }
    return Export("bitrix24", "PL01", [
        ("ID", "opportunity_id", lambda d: str(d.i + 40)),
        ("TITLE", "opportunity_name", lambda d: d.title),
        ("TYPE_ID", None, lambda d: d.pick(["SALE", "COMPLEX", "SERVICE"])),
        ("STAGE_ID", "stage", by_stage(stages)),
        ("PROBABILITY", "probability", lambda d: str(d.probability)),
        ("CURRENCY_ID", "currency", lambda d: "PLN"),
        ("OPPORTUNITY", "amount", lambda d: f"{d.amount:.2f}"),
        ("COMPANY_ID", "customer_id", lambda d: str(d.account_no - 100_000)),
        ("ASSIGNED_BY_ID", "owner", lambda d: str(d.i % 4 + 1)),
        ("BEGINDATE", None, lambda d: d.created.isoformat() + "T03:00:00+03:00"),
        ("CLOSEDATE", "close_date", lambda d: d.close.isoformat() + "T03:00:00+03:00"),
        ("CLOSED", None, lambda d: "Y" if d.stage.startswith("Closed") else "N"),
        ("DATE_CREATE", "created_date", lambda d: stamp(d.created, d).strftime("%Y-%m-%dT%H:%M:%S+03:00")),
        ("DATE_MODIFY", None, lambda d: stamp(d.activity, d).strftime("%Y-%m-%dT%H:%M:%S+03:00")),
        ("SOURCE_ID", None, lambda d: d.pick(["WEB", "CALL", "EMAIL"])),
        ("COMMENTS", None, lambda d: d.pick(["", "Oferta wysłana", "Spotkanie w styczniu"])),
    ], make_deals(rows, "de", "PL", 11), kind="csv")  # fmt: skip


def vtiger(rows: int) -> Export:
    """vtiger CRM's Opportunities (Potentials) exported to CSV."""
    return Export("vtiger", "DK01", [
        ("Opportunity Name", "opportunity_name", lambda d: d.title),
        ("Opportunity No", "opportunity_id", lambda d: f"POT{d.i + 100}"),
        ("Organization Name", "customer_name", lambda d: d.account),
        ("Contact Name", None, lambda d: d.contact),
        ("Amount", "amount", lambda d: f"{d.amount:.8f}"),
        ("Expected Close Date", "close_date", lambda d: d.close.isoformat()),
        ("Sales Stage", "stage", by_stage(SALESFORCE_STAGES)),
        ("Probability", "probability", lambda d: f"{d.probability:.3f}"),
        ("Assigned To", "owner", lambda d: d.owner),
        ("Lead Source", None, lambda d: d.pick(["Cold Call", "Existing Customer", "Web Site"])),
        ("Next Step", "next_step", lambda d: d.next_step),
        ("Type", None, lambda d: d.pick(["New Business", "Existing Business"])),
        ("Created Time", "created_date", lambda d: stamp(d.created, d).strftime("%Y-%m-%d %H:%M:%S")),
        ("Modified Time", None, lambda d: stamp(d.activity, d).strftime("%Y-%m-%d %H:%M:%S")),
        ("Forecast Amount", None, lambda d: f"{d.amount * d.probability / 100:.8f}"),
        ("Description", None, lambda d: d.pick(["", "Rammeaftale", "Via partner"])),
    ], make_deals(rows, "da", "DK", 12), kind="csv")  # fmt: skip


CRM_EXPORTS = [salesforce_api, salesforce_report, salesforce_de, hubspot, hubspot_api, dynamics,
               dynamics_api, zoho_deals, zoho_potentials, pipedrive, bitrix24, vtiger]  # fmt: skip
