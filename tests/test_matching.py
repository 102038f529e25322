"""The matcher: CRM exports and sales people's own lists matched onto the template.

Accuracy is measured on the corpus of tests/crm_exports*.py against the matching a person
would choose: at least 85 % of the template columns that have a counterpart are found, and
at least 95 % of the pairs proposed are right.
"""

from __future__ import annotations

from collections import Counter

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.core.matching.mapping import ColumnMatch, Matching, MatchingError
from desktop_app.core.matching.propose import propose, propose_for_rows
from desktop_app.core.matching.table import find_table, split_table
from desktop_app.core.matching.values import propose_values, word_mappers
from desktop_app.core.schema.loading import SchemaError, parse_schema
from tests.crm_exports import exports, write_export
from tests.crm_exports_unseen import unseen_exports
from tests.helpers import PERIOD
from tests.sample_data import valid_rows


def _score(corpus, schema) -> tuple[int, int, int, int, list[str]]:
    """(found, with a counterpart, right, proposed, what went wrong) over a corpus."""
    found = wanted = right = proposed = 0
    wrong = []
    for export in corpus:
        matching = propose_for_rows(export.rows, schema, subsidiary=export.subsidiary)
        assert matching.header_row == export.header_row, export.name
        expected = export.expected
        for column, match in matching.columns.items():
            got = match.source if match and match.by != "constant" else None
            want = expected.get(column)
            wanted += want is not None
            proposed += got is not None
            right += got is not None and got == want
            found += want is not None and got == want
            if got != want:
                wrong.append(f"{export.name}.{column}: {got!r} instead of {want!r}")
    return found, wanted, right, proposed, wrong


@pytest.fixture(scope="module")
def corpus():
    return exports(60) + unseen_exports(60)


def test_the_corpus_is_matched_as_a_person_would(schema, corpus):
    found, wanted, right, proposed, wrong = _score(corpus, schema)
    recall, precision = found / wanted, right / proposed
    print(
        f"\nmatched {found}/{wanted} = {recall:.1%}; proposed right {right}/{proposed} = {precision:.1%}"
    )
    assert len(corpus) >= 14
    assert recall >= 0.85, wrong
    assert precision >= 0.95, wrong


def test_exports_held_out_of_the_synonym_lists(schema):
    """Headers nobody wrote into the schema: fewer are found, but what is proposed holds."""
    found, wanted, right, proposed, wrong = _score(unseen_exports(60), schema)
    print(f"\nunseen: matched {found}/{wanted}; proposed right {right}/{proposed}")
    assert right / proposed >= 0.95, wrong
    assert found / wanted >= 0.75, wrong


def test_the_header_row_is_found_below_titles_and_a_subtotal_row(schema, corpus):
    swedish = next(e for e in corpus if e.name == "se_pipeline")
    rows = swedish.rows
    assert isinstance(rows[3][7], float)  # the SUBTOTAL row above the header
    shape = find_table(rows, schema)
    assert (shape.header, shape.first) == (4, 5)
    headers, columns = split_table(rows, shape)
    assert headers[0] == "Affärsnamn" and len(columns[0]) == len(swedish.deals)


def test_a_table_without_a_header_row_is_named_by_its_letters(schema, corpus):
    dump = next(e for e in corpus if e.name == "gb_dump")
    assert find_table(dump.rows, schema).header is None
    matching = propose_for_rows(dump.rows, schema, subsidiary="GB01")
    assert matching.header_row is None
    assert matching.source_of("opportunity_id") == "A"
    assert matching.source_of("customer_id") == "C"
    assert matching.columns["close_date"].by == "values"
    assert "R" in matching.unmapped


def test_each_source_column_feeds_one_template_column_at_most(schema, corpus):
    for export in corpus:
        matching = propose_for_rows(export.rows, schema, subsidiary=export.subsidiary)
        sources = [m.index for m in matching.columns.values() if m and m.index is not None]
        assert len(sources) == len(set(sources)), export.name
        assert all(0.0 <= m.confidence <= 1.0 for m in matching.columns.values() if m)


def test_reasons_and_confidence(schema, corpus):
    api = next(e for e in corpus if e.name == "salesforce_api")
    matching = propose_for_rows(api.rows, schema, subsidiary="US01")
    stage = matching.columns["stage"]
    assert (stage.source, stage.by) == ("StageName", "name")
    assert stage.confidence >= schema.model.matching.thresholds.sure_min
    assert matching.columns["amount_eur"] is None  # ExpectedRevenue is no amount in EUR
    assert "ExpectedRevenue" in matching.unmapped and "LastModifiedDate" in matching.unmapped
    assert matching.columns["subsidiary_code"] == ColumnMatch(None, 1.0, "constant", value="US01")


def test_the_currency_follows_from_the_amounts_or_the_subsidiary(schema):
    rows = [["Deal", "Value", "Close"]] + [
        [f"Deal {i}", f"${1000 + i * 250:,.2f}", f"2026-0{1 + i % 9}-15"] for i in range(20)
    ]
    assert propose_for_rows(rows, schema, subsidiary="SE01").columns["currency"].value == "USD"
    plain = [r[:1] + [str(1000 + i)] + r[2:] for i, r in enumerate(rows)]
    plain[0] = rows[0]
    fi = propose_for_rows(plain, schema, subsidiary="FI01").columns["currency"]
    assert (fi.value, fi.by, fi.confidence) == ("EUR", "constant", 0.9)
    se = propose_for_rows(plain, schema, subsidiary="SE01").columns["currency"]
    assert se.value == "SEK" and se.confidence < schema.model.matching.thresholds.sure_min
    assert propose_for_rows(plain, schema).columns["currency"] is None


# ---------------------------------------------------------------- value words


def test_stage_words_onto_the_template_stages(schema, corpus):
    by_name = {e.name: e for e in corpus}

    def stage_words(name):
        export = by_name[name]
        matching = propose_for_rows(export.rows, schema, subsidiary=export.subsidiary)
        return matching.values.get("stage", {}), matching.unsure_values.get("stage", [])

    hubspot, _ = stage_words("hubspot_api")
    assert hubspot["closedwon"] == "Closed Won" and hubspot["closedlost"] == "Closed Lost"
    assert hubspot["appointmentscheduled"] == "Qualify"
    salesforce, _ = stage_words("salesforce_api")
    assert salesforce["Prospecting"] == "Qualify"
    assert salesforce["Negotiation/Review"] == "Negotiate"
    assert "Closed Won" not in salesforce  # already the template's word
    swedish, _ = stage_words("se_pipeline")
    assert swedish["Förhandling"] == "Negotiate" and swedish["Vunnen"] == "Closed Won"
    dynamics, unsure = stage_words("dynamics")
    assert dynamics["1-Qualify"] == "Qualify" and "4-Close" in unsure  # Negotiate or won?
    bitrix, unsure = stage_words("bitrix24")
    assert bitrix["WON"] == "Closed Won" and bitrix["LOSE"] == "Closed Lost"


def test_unsure_words_are_left_for_the_person(schema):
    words = Counter({"Closed Won": 5, "Negotation": 2, "Stalled": 3, "Close": 1})
    proposal = propose_values(schema, "stages", words)
    assert proposal.mapped == {"Negotation": "Negotiate"}  # a typo of a known word
    assert proposal.unsure == ["Stalled", "Close"]
    forecast = propose_values(
        schema, "forecast_categories", Counter({"MostLikely": 4, "BestCase": 1})
    )
    assert forecast.mapped == {"BestCase": "Best Case"} and forecast.unsure == ["MostLikely"]


def test_the_source_probabilities_place_a_stage_word(schema):
    words = Counter({"Verbal yes": 3, "Early": 3})
    hints = {"Verbal yes": [75.0, 80.0, 70.0], "Early": [20.0, 20.0, 15.0]}
    proposal = propose_values(schema, "stages", words, probabilities=hints)
    assert proposal.mapped == {"Verbal yes": "Negotiate"}  # only Negotiate's band has 75
    assert proposal.unsure == ["Early"]  # 20 % is Qualify's and Develop's


def test_countries_currencies_and_loss_reasons(schema):
    mappers = word_mappers(schema)
    countries = mappers["countries"]
    assert [countries.map(w) for w in ("Sverige", "Deutschland", "Yhdysvallat", "SWE", "Norge")] == [
        "SE", "DE", "US", "SE", "NO"]  # fmt: skip
    currencies = mappers["currencies"]
    assert currencies.map("€") == "EUR" and currencies.map("Swedish Krona") == "SEK"
    assert currencies.map("kr", ("SEK", "EUR")) == "SEK"
    assert currencies.map("kr", ("NOK", "EUR")) == "NOK"
    assert currencies.map("kr") is None  # Swedish, Norwegian or Danish: not guessed
    losses = mappers["loss_reasons"]
    assert [losses.map(w) for w in ("Lost to competitor", "Zu teuer", "Fel tidpunkt")] == [
        "Competitor", "Price", "Timing"]  # fmt: skip


# ---------------------------------------------------------------- the matching as data


def test_a_matching_round_trips_through_its_yaml(schema, corpus, tmp_path):
    export = next(e for e in corpus if e.name == "se_pipeline")
    matching = propose_for_rows(export.rows, schema, subsidiary="SE01", sheet="Pipeline Syd")
    path = tmp_path / "SE01.matching.yaml"
    matching.save(path)
    back = Matching.load(path)
    assert back.to_yaml() == matching.to_yaml()
    assert (back.sheet, back.header_row) == ("Pipeline Syd", 5)
    assert {k: back.source_of(k) for k in back.columns} == {
        k: matching.source_of(k) for k in matching.columns
    }
    assert back.values == matching.values
    assert back.columns["subsidiary_code"] == ColumnMatch(None, 1.0, "constant", value="SE01")
    assert yaml.safe_load(path.read_text("utf-8"))["columns"]["stage"] == "Fas"


def test_a_saved_matching_is_used_without_questions(schema, corpus):
    export = next(e for e in corpus if e.name == "lime_se")
    first = propose_for_rows(export.rows, schema, subsidiary="SE01")
    assert first.columns["stage"] is None  # "Status" is not a name the schema knows
    first.columns["stage"] = ColumnMatch("Status", 1.0, "saved")
    first.values["stage"] = {"Kundkontakt": "Qualify", "Avtal": "Negotiate"}
    saved = Matching.from_yaml(first.to_yaml(), "SE01.yaml")
    again = propose_for_rows(export.rows, schema, saved, subsidiary="SE01")
    assert all(m is None or m.by in ("saved", "constant") for m in again.columns.values())
    assert again.source_of("stage") == "Status" and again.columns["stage"].index == 3
    assert again.values["stage"]["Avtal"] == "Negotiate"
    assert "Avtal" not in again.unsure_values.get("stage", [])


def test_a_saved_source_that_is_gone_is_matched_anew(schema, corpus):
    export = next(e for e in corpus if e.name == "salesforce_api")
    saved = Matching({"stage": ColumnMatch("Phase (old)", 1.0, "saved")})
    matching = propose_for_rows(export.rows, schema, saved, subsidiary="US01")
    assert (matching.source_of("stage"), matching.columns["stage"].by) == ("StageName", "name")


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("matching: 1\ncolumns: [a, b]\n", "columns"),
        ("matching: 1\ncolumns: {stage: {source: x}}\n", "columns.stage"),
        ("matching: 1\nvalues: {stage: [Won]}\n", "values.stage"),
        ("matching: 1\nheader_row: 0\n", "header_row"),
        ("sheet: Pipeline\n", "matching"),
    ],
)
def test_a_matching_file_that_cannot_be_used_is_refused_in_one_sentence(text, place):
    with pytest.raises(MatchingError) as exc:
        Matching.from_yaml(text, "SE01.yaml")
    assert str(exc.value) == (
        f"SE01.yaml is not a matching of columns: the entry at {place} cannot be read."
    )


def test_a_matching_file_that_is_missing_or_no_yaml(tmp_path):
    with pytest.raises(MatchingError, match="was not found"):
        Matching.load(tmp_path / "none.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("matching: [1\n", encoding="utf-8")
    with pytest.raises(MatchingError, match=r"line \d+: it is not valid YAML"):
        Matching.load(bad)
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("matching: 1\nsheet: Försäljning\n".encode("latin-1"))
    with pytest.raises(MatchingError) as exc:
        Matching.load(latin)
    assert str(exc.value) == f"Matching file {latin} cannot be read: it is not UTF-8 text."


def test_the_exports_can_be_written_as_the_crm_gives_them(corpus, tmp_path):
    for name in ("zoho_potentials", "se_pipeline"):
        export = next(e for e in corpus if e.name == name)
        path = write_export(export, tmp_path)
        assert path.stat().st_size > 1000
    assert "\\N" in (tmp_path / "zoho_potentials.csv").read_text("latin-1")


# ---------------------------------------------------------------- the schema's data


def _bundled() -> str:
    from desktop_app.bundled import data_folder

    return data_folder("schemas").joinpath("global-pipeline.yaml").read_text("utf-8")


@pytest.mark.parametrize(
    ("edit", "problem"),
    [
        (("Kundland, Maa,", "Kundland, Maa, Deal Name,"), "synonym 'Deal Name' already names"),
        (
            ("      Pipeline: [Pipe]", "      Pipeline: [Pipe]\n      Maybe: [Perhaps]"),
            "'Maybe' is not a value",
        ),
        (('    "£": [GBP]', '    "£": [GBP, XYZ]'), "must name currencies with a rate (not XYZ)"),
        (("      values: percent", "      values: colour"), "matching.columns.probability.values"),
    ],
)
def test_the_matching_section_is_validated_with_the_schema(edit, problem):
    text = _bundled()
    assert edit[0] in text
    with pytest.raises(SchemaError) as exc:
        parse_schema(text.replace(edit[0], edit[1], 1), "edited.yaml")
    assert problem in str(exc.value)


# ---------------------------------------------------------------- property


@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_renamed_reordered_recased_template_columns_match_themselves(schema, data):
    """Any name the schema knows for a column, in any order and case: the identity."""
    rows = valid_rows(schema, "SE01", PERIOD, 30, seed=data.draw(st.integers(0, 99)))
    columns = list(schema.columns)
    order = data.draw(st.permutations(range(len(columns))))
    headers, values = [], []
    for index in order:
        col = columns[index]
        hints = schema.model.matching.columns.get(col.name)
        names = [col.label, *col.alias_list(), *(hints.synonyms if hints else [])]
        name = data.draw(st.sampled_from(names))
        case = data.draw(st.sampled_from([str.upper, str.lower, str.title, str]))
        headers.append(case(name))
        values.append([row[col.name] for row in rows])  # typed cells, as a reader gives them
    matching = propose(headers, values, schema)
    got = {name: match.source for name, match in matching.columns.items() if match}
    assert got == {
        columns[index].name: header for index, header in zip(order, headers, strict=True)
    }


def test_columns_are_read_where_they_are_even_from_ragged_rows(schema):
    rows = [["Deal Name", "Amount", "Close Date"], ["A", 10.0], ["B", 20.0, "2026-01-31"], []]
    shape = find_table(rows, schema)
    headers, columns = split_table(rows, shape)
    assert headers == ["Deal Name", "Amount", "Close Date"]
    assert [list(c) for c in columns] == [
        ["A", "B", None],
        [10.0, 20.0, None],
        [None, "2026-01-31", None],
    ]
    assert columns[2][1] == "2026-01-31" and len(columns[0]) == 3
