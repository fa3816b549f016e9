"""The built-in glossary, a council's own glossary merged over it, and finding terms in text."""

from __future__ import annotations

from pathlib import Path

import pytest

from visitapp.writing.glossary import (
    GlossaryError,
    Term,
    builtin_glossary_path,
    default_glossary,
    load_glossary,
    local_glossary_path,
)


def test_builtin_glossary_has_enough_terms_each_with_a_plain_alternative() -> None:
    glossary = default_glossary()
    assert len(glossary) >= 80
    assert builtin_glossary_path().is_file()
    for term in glossary.terms.values():
        assert term.plain.strip(), term.term
        assert term.plain.lower() != term.term.lower(), term.term
    acronyms = [term for term in glossary.terms.values() if term.is_acronym]
    assert len(acronyms) >= 40
    assert all(term.full for term in acronyms)


def test_terms_are_found_with_offsets_longest_first() -> None:
    text = "We met at the contact centre. The IRO and the IROs read the care plan."
    found = [(text[m.start : m.end], m.term.term) for m in default_glossary().find(text)]
    assert found == [
        ("contact centre", "contact centre"),
        ("IRO", "IRO"),
        ("IROs", "IRO"),
        ("care plan", "care plan"),
    ]


def test_initials_match_only_in_capitals() -> None:
    glossary = default_glossary()
    assert [m.term.term for m in glossary.find("My PA came.")] == ["PA"]
    assert list(glossary.find("My pa came. La la la.")) == []


def test_not_after_skips_the_verb() -> None:
    glossary = default_glossary()
    assert list(glossary.find("I will contact your school.")) == []
    assert [m.term.term for m in glossary.find("Your contact with Dad went well.")] == ["contact"]


def _write(path: Path, body: str) -> Path:
    path.write_text(body, encoding="utf-8")
    return path


def test_local_glossary_adds_replaces_and_removes(tmp_path: Path) -> None:
    local = _write(
        tmp_path / "glossary.local.toml",
        """
[[term]]
term = "MOSAIC"
full = "our case system"
plain = "my notes"

[[term]]
term = "respite"
plain = "a weekend with Aunty"

[[term]]
term = "concerns"
remove = true
""",
    )
    glossary = load_glossary([local])
    assert glossary.lookup("MOSAIC") == Term("MOSAIC", "my notes", "our case system")
    respite = glossary.lookup("respite")
    assert respite is not None and respite.plain == "a weekend with Aunty"
    assert glossary.lookup("concerns") is None
    assert len(glossary) == len(default_glossary())  # one added, one removed


def test_local_glossary_path_is_in_the_data_folder(tmp_path: Path) -> None:
    assert local_glossary_path(tmp_path) == tmp_path / "glossary.local.toml"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("[[term]]\nterm = 'X'\n", "no plain alternative"),
        ("[[term]]\nplain = 'x'\n", "has no term"),
        ("term = [", "not valid TOML"),
        ("term = 'oops'", "should hold a list"),
    ],
)
def test_bad_glossary_files_give_clear_errors(tmp_path: Path, body: str, message: str) -> None:
    with pytest.raises(GlossaryError, match=message):
        load_glossary([_write(tmp_path / "bad.toml", body)])


def test_missing_or_non_utf8_glossary(tmp_path: Path) -> None:
    with pytest.raises(GlossaryError, match="Cannot read"):
        load_glossary([tmp_path / "absent.toml"])
    latin = tmp_path / "latin.toml"
    latin.write_bytes(b"[[term]]\nterm = '\xe9'\nplain = 'x'\n")
    with pytest.raises(GlossaryError, match="not valid TOML"):
        load_glossary([latin])
