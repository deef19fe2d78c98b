"""The fields of a melding: plain text, bounded, and the project data rules (atlas.model.validate)."""

from __future__ import annotations

import pytest

from atlas.meldingen import domain

GOOD = {"kind": "missing", "programme": "stek", "name": "STEK Genk-Noord", "municipality_nis": "71016",
        "source_url": "https://www.saamo.be/limburg/"}


def errors(**changes) -> dict[str, str]:
    raw = dict(GOOD)
    raw.update(changes)
    return {e.field: e.code for e in domain.check(domain.clean(raw), known_nis={"71016", "71004"},
                                                   institutes={"saamo-limburg"}, project_ids={"STEK-N01"})}


def test_a_complete_missing_project_has_no_errors():
    assert errors() == {}


@pytest.mark.parametrize("changes, field, code", [
    ({"name": ""}, "name", "required"),
    ({"programme": ""}, "programme", "required"),
    ({"programme": "bogus"}, "programme", "choice"),
    ({"kind": "delete"}, "kind", "choice"),
    ({"municipality_nis": "7101"}, "municipality_nis", "nis"),
    ({"municipality_nis": "99999"}, "municipality_nis", "nis"),  # not in the reference list
    ({"start_date": "1/2/2022"}, "start_date", "date"),
    ({"start_date": "2022-02-30"}, "start_date", "date"),
    ({"end_date": "1999-12-31"}, "end_date", "date_range"),
    ({"start_date": "2023-01-01", "end_date": "2022-01-01"}, "end_date", "end_before_start"),
    ({"budget_eur": "veel", "budget_basis": "granted"}, "budget_eur", "amount"),
    ({"budget_eur": "1e400", "budget_basis": "granted"}, "budget_eur", "amount"),
    ({"budget_eur": "-5", "budget_basis": "granted"}, "budget_eur", "amount"),
    ({"budget_eur": "2000000000", "budget_basis": "granted"}, "budget_eur", "amount"),
    ({"budget_eur": "15000"}, "budget_basis", "basis"),
    ({"source_url": "javascript:alert(1)"}, "source_url", "url"),
    ({"source_url": ""}, "source_url", "source_or_penhouder"),
    ({"source_url": "", "is_penhouder": True}, "penhouder_org", "required"),
    ({"email": "geen-adres"}, "email", "email"),
    ({"email_purpose": "bel me"}, "email", "required_for_purpose"),
    ({"institute_id": "saamo-mars"}, "institute_id", "choice"),
    ({"kind": "correction"}, "project_id", "required"),
    ({"kind": "correction", "project_id": "STEK-X99"}, "project_id", "unknown"),
    ({"text": "x" * 10_000}, "text", "too_long"),
    ({"name": "x" * 201}, "name", "too_long"),
])
def test_each_rule_names_its_field(changes, field, code):
    assert errors(**changes).get(field) == code


def test_penhouder_with_organisation_needs_no_url_and_amount_with_comma_is_read():
    assert errors(source_url="", is_penhouder=True, penhouder_org="SAAMO Limburg",
                  budget_eur="1.500,50".replace(".", ""), budget_basis="granted") == {}
    assert domain.amount(domain.clean({"budget_eur": "1500,50"})) == "1500.50"


def test_a_correction_needs_a_known_project_and_what_changed():
    assert errors(kind="correction", project_id="STEK-N01", name="") == {"text": "what_changed"}
    assert errors(kind="correction", project_id="STEK-N01", end_date="2023-06-30") == {}


HOSTILE = "\x1b[2J\x1b]8;;http://e.vil\x07klik\x1b]8;;\x07 \u202egnp.exe\u200b \x00 **b** <img src=x> =1+1"


def test_control_and_format_characters_never_survive_cleaning():
    m = domain.clean({name: HOSTILE for name in domain.TEXT_FIELDS})
    for name in domain.TEXT_FIELDS:
        value = getattr(m, name)
        assert not any(ord(c) < 32 and c != "\n" or 0x7F <= ord(c) < 0xA0 or c in "\u202e\u200b" for c in value), name
    assert m.name == "[2J]8;;http://e.vilklik]8;; gnp.exe **b** <img src=x> =1+1"  # the rest stays as typed text


def test_line_breaks_stay_only_in_the_free_text():
    m = domain.clean({"name": "a\nb", "text": "een\r\ntwee\rdrie"})
    assert m.name == "a b" and m.text == "een\ntwee\ndrie"
