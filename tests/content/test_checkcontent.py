"""``manage.py checkcontent``: the shipped content passes; a broken copy fails with file, entry and field."""

import shutil

import pytest
from django.core.management import CommandError, call_command

from advisor.content.checks import check, defined_levels
from tests.conftest import SHIPPED_CONTENT


@pytest.fixture
def content(tmp_path):
    copy = tmp_path / "content"
    shutil.copytree(SHIPPED_CONTENT, copy)
    return copy


def edit(path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))


def test_the_shipped_content_passes(capsys):
    call_command("checkcontent", str(SHIPPED_CONTENT))
    assert "passes every check" in capsys.readouterr().out


def test_a_score_the_scale_does_not_define_fails_naming_file_entry_and_field(content, capsys):
    # Flask's first async rating is a 2; 1 is not a level of the async scale.
    edit(content / "ratings" / "flask.yaml", "score: 2", "score: 1")
    with pytest.raises(CommandError, match="problem"):
        call_command("checkcontent", str(content))
    err = capsys.readouterr().err
    assert "ratings/flask.yaml, entry 'flask/" in err and "field 'score'" in err


def test_a_score_moved_to_another_level_without_new_words_fails(content):
    text = (content / "ratings" / "django.yaml").read_text()
    assert "criterion: admin\n  score: 5" in text
    (content / "ratings" / "django.yaml").write_text(
        text.replace("criterion: admin\n  score: 5", "criterion: admin\n  score: 2")
    )
    problems = [str(p) for p in check(content)]
    assert any("entry 'django/admin', field 'explanation'" in p for p in problems), problems


def tiny(tmp_path, rating: str):
    """A content folder with one criterion (release-policy, two levels) and one framework's rating of it."""
    (tmp_path / "ratings").mkdir(exist_ok=True)
    (tmp_path / "criteria.yaml").write_text(
        "criteria:\n- slug: release-policy\n  scale: '2: 0.x releases. 5: long-term support.'\n"
    )
    (tmp_path / "ratings" / "newfw.yaml").write_text("- criterion: release-policy\n" + rating)
    return [str(p) for p in check(tmp_path) if "newfw" in str(p)]


def test_an_explanation_in_another_levels_terms_fails(tmp_path):
    problems = tiny(tmp_path, "  score: 5\n  label: Policy\n  explanation: Every release so far is 0.x.\n")
    assert problems == [
        "ratings/newfw.yaml, entry 'newfw/release-policy', field 'explanation': "
        "it describes another level of the scale (['0\\\\.x'])"
    ]


def test_a_term_used_only_to_deny_it_passes(tmp_path):
    assert tiny(tmp_path, "  score: 5\n  label: Policy\n  explanation: Past 1.0; no 0.x releases since.\n") == []


def test_an_unknown_score_must_say_so(tmp_path):
    problems = tiny(tmp_path, "  score: null\n  label: Fast\n  explanation: Its own figures only.\n")
    assert problems and "field 'explanation'" in problems[0]
    assert tiny(tmp_path, "  score: null\n  label: Unknown\n  explanation: Its own figures only.\n") == []


def test_level_parser():
    assert defined_levels("0: a. 2: b. 3-4: c. 5: d") == {0, 2, 3, 4, 5}
    assert defined_levels("Relative among the three: 5 is the fastest, 2-3 a typical one") == set()
