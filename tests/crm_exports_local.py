"""Pipelines kept by sales people in their own workbooks, in their own language, and a
database dump without a header row (see tests/crm_exports.py)."""

from __future__ import annotations

from tests.crm_exports import Export, by_stage, dmy, make_deals, money_eu, one_word


def swedish(rows: int) -> Export:
    """SE01's Excel list: title rows, a SUBTOTAL row above the header, Swedish words."""
    deals = make_deals(rows, "sv", "SE", 21)
    stages = one_word(
        {
            "Qualify": "Kvalificering",
            "Develop": "Behovsanalys",
            "Propose": "Offert",
            "Negotiate": "Förhandling",
            "Closed Won": "Vunnen",
            "Closed Lost": "Förlorad",
        }
    )
    countries = {
        "SE": "Sverige",
        "NO": "Norge",
        "DE": "Tyskland",
        "GB": "Storbritannien",
        "US": "USA",
        "DK": "Danmark",
        "FI": "Finland",
    }
    products = {
        "Hardware": "Hårdvara",
        "Software": "Mjukvara",
        "Services": "Tjänster",
        "Support": "Support",
    }
    losses = {
        "Price": "Pris",
        "Competitor": "Konkurrent",
        "No Decision": "Inget beslut",
        "Timing": "Fel tidpunkt",
        "Product Fit": "Funktioner saknas",
        "Other": "Övrigt",
    }
    subtotal = [None] * 7 + [round(sum(d.amount for d in deals), 2)]
    return Export("se_pipeline", "SE01", [
        ("Affärsnamn", "opportunity_name", lambda d: d.title),
        ("Kund", "customer_name", lambda d: d.account),
        ("Org.nr", None, lambda d: f"556{d.account_no % 1000:03d}-{d.account_no % 9973:04d}"),
        ("Land", "country", lambda d: countries[d.country]),
        ("Produkt", "product_line", lambda d: products[d.product]),
        ("Fas", "stage", by_stage(stages)),
        ("Sannolikhet", "probability", lambda d: d.probability / 100),
        ("Belopp (SEK)", "amount", lambda d: d.amount),
        ("Valuta", "currency", lambda d: d.pick(["SEK", "SEK", "SEK", "EUR"])),
        ("Beräknat avslut", "close_date", lambda d: d.close),
        ("Skapad", "created_date", lambda d: d.created),
        ("Säljare", "owner", lambda d: d.owner),
        ("Senaste kontakt", "last_activity_date", lambda d: d.activity.isoformat() if d.i % 4 == 0 else d.activity),
        ("Nästa steg", "next_step", lambda d: d.next_step),
        ("Förlustorsak", "loss_reason", lambda d: losses.get(d.loss, "")),
        ("Kommentar", None, lambda d: d.pick(["", "Ring efter jul", "Ramavtal löper ut"])),
        ("Vägt värde", None, lambda d: round(d.amount * d.probability / 100, 2)),
    ], deals, above=[["Pipeline Q4 2026 – Region Syd"], ["Uppdaterad 2026-12-18 av Karin"], [], subtotal])  # fmt: skip


def norwegian(rows: int) -> Export:
    """NO01's list saved as semicolon CSV in Windows-1252: day-first dates, `1 234,50`."""
    stages = one_word(
        {
            "Qualify": "Kvalifisering",
            "Develop": "Behovsavklaring",
            "Propose": "Tilbud",
            "Negotiate": "Forhandling",
            "Closed Won": "Vunnet",
            "Closed Lost": "Tapt",
        }
    )
    products = {
        "Hardware": "Maskinvare",
        "Software": "Programvare",
        "Services": "Tjenester",
        "Support": "Support",
    }
    return Export("no_pipeline", "NO01", [
        ("ID", "opportunity_id", lambda d: f"NO01-{d.i:06d}"),
        ("Salgsmulighet", "opportunity_name", lambda d: d.title),
        ("Kunde", "customer_name", lambda d: d.account),
        ("Kundenr", "customer_id", lambda d: str(d.account_no)),
        ("Fase", "stage", by_stage(stages)),
        ("Sannsynlighet (%)", "probability", lambda d: str(d.probability)),
        ("Beløp", "amount", lambda d: money_eu(d.amount, "", " ", ",")),
        ("Valuta", "currency", lambda d: "NOK"),
        ("Forventet lukket", "close_date", lambda d: dmy(d.close)),
        ("Opprettet", "created_date", lambda d: dmy(d.created)),
        ("Selger", "owner", lambda d: d.owner),
        ("Neste steg", "next_step", lambda d: d.next_step),
        ("Produktområde", "product_line", lambda d: products[d.product]),
        ("Land", "country", lambda d: d.country),
        ("Avdeling", None, lambda d: d.pick(["Oslo", "Bergen", "Trondheim"])),
    ], make_deals(rows, "nb", "NO", 22), kind="csv", encoding="cp1252", delimiter=";")  # fmt: skip


def danish(rows: int) -> Export:
    """DK01's workbook: a title, extra columns, a yes-column of 1 and blanks."""
    stages = one_word(
        {
            "Qualify": "Kvalificeret",
            "Develop": "Behovsafklaring",
            "Propose": "Tilbud",
            "Negotiate": "Forhandling",
            "Closed Won": "Vundet",
            "Closed Lost": "Tabt",
        }
    )
    losses = {
        "Price": "Pris",
        "Competitor": "Konkurrence",
        "No Decision": "Ingen beslutning",
        "Timing": "Forkert tidspunkt",
        "Product Fit": "Manglende funktionalitet",
        "Other": "Andet",
    }
    status = {"Closed Won": "Vundet", "Closed Lost": "Tabt"}
    return Export("dk_pipeline", "DK01", [
        ("Salgsmulighed", "opportunity_name", lambda d: d.title),
        ("Kunde", "customer_name", lambda d: d.account),
        ("CVR-nr.", None, lambda d: str(30_000_000 + d.account_no * 11)),
        ("Fase", "stage", by_stage(stages)),
        ("Sandsynlighed", "probability", lambda d: d.probability),
        ("Beløb (DKK)", "amount", lambda d: d.amount),
        ("Forventet lukkedato", "close_date", lambda d: d.close),
        ("Oprettet", "created_date", lambda d: d.created),
        ("Sælger", "owner", lambda d: d.owner),
        ("Næste skridt", "next_step", lambda d: d.next_step),
        ("Status", None, lambda d: status.get(d.stage, "Åben")),
        ("Tabsårsag", "loss_reason", lambda d: losses.get(d.loss, "")),
        ("Region", None, lambda d: d.pick(["Sjælland", "Jylland", "Fyn"])),
        ("Strategisk kunde", None, lambda d: 1 if d.account_no % 2 else None),
    ], make_deals(rows, "da", "DK", 23), above=[["Salgspipeline 2026"], []])  # fmt: skip


def finnish(rows: int) -> Export:
    """FI01's workbook: Finnish headers and words, dates typed as `3.11.2026`."""
    stages = one_word(
        {
            "Qualify": "Liidi",
            "Develop": "Kartoitus",
            "Propose": "Tarjous",
            "Negotiate": "Neuvottelu",
            "Closed Won": "Voitettu",
            "Closed Lost": "Hävitty",
        }
    )
    countries = {
        "FI": "Suomi",
        "SE": "Ruotsi",
        "DE": "Saksa",
        "NO": "Norja",
        "DK": "Tanska",
        "GB": "Iso-Britannia",
        "US": "Yhdysvallat",
    }
    products = {
        "Hardware": "Laitteisto",
        "Software": "Ohjelmisto",
        "Services": "Palvelut",
        "Support": "Tuki",
    }
    losses = {
        "Price": "Hinta",
        "Competitor": "Kilpailija",
        "No Decision": "Ei päätöstä",
        "Timing": "Ajoitus",
        "Product Fit": "Puuttuvat ominaisuudet",
        "Other": "Muu",
    }

    def day(value):
        return f"{value.day}.{value.month}.{value.year}"

    return Export("fi_pipeline", "FI01", [
        ("Myyntimahdollisuus", "opportunity_name", lambda d: d.title),
        ("Asiakas", "customer_name", lambda d: d.account),
        ("Y-tunnus", None, lambda d: f"{2_300_000 + d.account_no}-{d.account_no % 10}"),
        ("Myyntivaihe", "stage", by_stage(stages)),
        ("Todennäköisyys %", "probability", lambda d: d.probability),
        ("Arvo (€)", "amount", lambda d: d.amount),
        ("Arvioitu päätöspäivä", "close_date", lambda d: day(d.close)),
        ("Luotu", "created_date", lambda d: day(d.created)),
        ("Myyjä", "owner", lambda d: d.owner),
        ("Seuraava askel", "next_step", lambda d: d.next_step),
        ("Maa", "country", lambda d: countries[d.country]),
        ("Tuotelinja", "product_line", lambda d: products[d.product]),
        ("Häviön syy", "loss_reason", lambda d: losses.get(d.loss, "")),
        ("Viimeisin yhteydenotto", "last_activity_date", lambda d: day(d.activity)),
        ("Painotettu arvo", None, lambda d: round(d.amount * d.probability / 100, 2)),
    ], make_deals(rows, "fi", "FI", 24))  # fmt: skip


def german(rows: int) -> Export:
    """DE01's workbook: title rows, values typed as text (`12.345,50 €`, `31.03.2026`)."""
    stages = one_word(
        {
            "Qualify": "Qualifizierung",
            "Develop": "Bedarfsanalyse",
            "Propose": "Angebot",
            "Negotiate": "Verhandlung",
            "Closed Won": "Gewonnen",
            "Closed Lost": "Verloren",
        }
    )
    countries = {
        "DE": "Deutschland",
        "SE": "Schweden",
        "GB": "Vereinigtes Königreich",
        "US": "Vereinigte Staaten",
        "NO": "Norwegen",
        "DK": "Dänemark",
        "FI": "Finnland",
    }
    products = {
        "Hardware": "Hardware",
        "Software": "Software",
        "Services": "Dienstleistungen",
        "Support": "Wartung",
    }
    losses = {
        "Price": "Preis",
        "Competitor": "Wettbewerber",
        "No Decision": "Keine Entscheidung",
        "Timing": "Zeitpunkt",
        "Product Fit": "Fehlende Funktionen",
        "Other": "Sonstiges",
    }
    return Export("de_pipeline", "DE01", [
        ("Verkaufschance", "opportunity_name", lambda d: d.title),
        ("Kunde", "customer_name", lambda d: d.account),
        ("Kundennummer", "customer_id", lambda d: f"CU-{d.account_no}"),
        ("Phase", "stage", by_stage(stages)),
        ("Wahrscheinlichkeit", "probability", lambda d: f"{d.probability} %"),
        ("Volumen (€)", "amount", lambda d: money_eu(d.amount)),
        ("Voraussichtlicher Abschluss", "close_date", lambda d: dmy(d.close)),
        ("Angelegt am", "created_date", lambda d: dmy(d.created)),
        ("Vertriebsmitarbeiter", "owner", lambda d: d.owner),
        ("Letzter Kontakt", "last_activity_date", lambda d: dmy(d.activity)),
        ("Nächste Schritte", "next_step", lambda d: d.next_step),
        ("Land", "country", lambda d: countries[d.country]),
        ("Produktbereich", "product_line", lambda d: products[d.product]),
        ("Verlustgrund", "loss_reason", lambda d: losses.get(d.loss, "")),
        ("Bemerkung", None, lambda d: d.pick(["", "Rahmenvertrag", "Rückruf im Januar"])),
        ("Gewichtet (€)", None, lambda d: money_eu(d.amount * d.probability / 100)),
    ], make_deals(rows, "de", "DE", 25),
        above=[["Vertriebspipeline 4. Quartal 2026"], ["Erstellt von: Vertrieb Nord"], []])  # fmt: skip


def french(rows: int) -> Export:
    """FR01's workbook in French."""
    stages = one_word(
        {
            "Qualify": "Qualification",
            "Develop": "Découverte",
            "Propose": "Proposition",
            "Negotiate": "Négociation",
            "Closed Won": "Gagnée",
            "Closed Lost": "Perdue",
        }
    )
    return Export("fr_pipeline", "FR01", [
        ("Opportunité", "opportunity_name", lambda d: d.title),
        ("Client", "customer_name", lambda d: d.account),
        ("Code client", "customer_id", lambda d: f"CU-{d.account_no}"),
        ("Étape", "stage", by_stage(stages)),
        ("Probabilité (%)", "probability", lambda d: d.probability),
        ("Montant (€)", "amount", lambda d: money_eu(d.amount, "€", "\u202f", ",")),
        ("Devise", "currency", lambda d: "EUR"),
        ("Date de clôture prévue", "close_date", lambda d: dmy(d.close, "/")),
        ("Date de création", "created_date", lambda d: dmy(d.created, "/")),
        ("Commercial", "owner", lambda d: d.owner),
        ("Prochaine étape", "next_step", lambda d: d.next_step),
        ("Pays", "country", lambda d: d.country),
    ], make_deals(rows, "de", "FR", 34))  # fmt: skip


def polish(rows: int) -> Export:
    """PL01's workbook in Polish: customers as `Sp. z o.o.`, amounts in `zł`."""
    stages = one_word(
        {
            "Qualify": "Kwalifikacja",
            "Develop": "Analiza potrzeb",
            "Propose": "Oferta",
            "Negotiate": "Negocjacje",
            "Closed Won": "Wygrana",
            "Closed Lost": "Przegrana",
        }
    )
    return Export("pl_pipeline", "PL01", [
        ("Szansa sprzedaży", "opportunity_name", lambda d: d.title),
        ("Klient", "customer_name", lambda d: d.account.split()[0] + " Sp. z o.o."),
        ("Etap", "stage", by_stage(stages)),
        ("Prawdopodobieństwo", "probability", lambda d: f"{d.probability}%"),
        ("Wartość", "amount", lambda d: money_eu(d.amount, "zł", " ", ",")),
        ("Waluta", "currency", lambda d: "PLN"),
        ("Data zamknięcia", "close_date", lambda d: dmy(d.close)),
        ("Data utworzenia", "created_date", lambda d: dmy(d.created)),
        ("Handlowiec", "owner", lambda d: d.owner),
        ("Kraj", "country", lambda d: d.country),
    ], make_deals(rows, "de", "PL", 35))  # fmt: skip


def headerless(rows: int) -> Export:
    """GB01's dump from its order system: the template's fields, no header row, `\\N`."""
    return Export("gb_dump", "GB01", [
        ("A", "opportunity_id", lambda d: f"GB01-{d.i:06d}"),
        ("B", "opportunity_name", lambda d: d.title),
        ("C", "customer_id", lambda d: f"CU-{d.account_no}"),
        ("D", "customer_name", lambda d: d.account),
        ("E", "country", lambda d: d.country),
        ("F", "product_line", lambda d: d.product),
        ("G", "stage", lambda d: d.stage),
        ("H", "probability", lambda d: str(d.probability)),
        ("I", "forecast_category", lambda d: d.forecast),
        ("J", "amount", lambda d: f"{d.amount:.2f}"),
        ("K", "currency", lambda d: "GBP"),
        ("L", "close_date", lambda d: d.close.isoformat()),
        ("M", "created_date", lambda d: d.created.isoformat()),
        ("N", "last_activity_date", lambda d: d.activity.isoformat()),
        ("O", "owner", lambda d: d.owner),
        ("P", "loss_reason", lambda d: d.loss or "\\N"),
        ("Q", "next_step", lambda d: d.next_step or "\\N"),
        ("R", None, lambda d: f"ERP-{778_000 + d.i * 13}"),
    ], make_deals(rows, "en", "GB", 26), kind="csv", header=False, encoding="latin-1")  # fmt: skip


LOCAL_EXPORTS = [swedish, norwegian, danish, finnish, german, french, polish, headerless]
