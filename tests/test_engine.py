"""The recommendation engine on synthetic content: pure Python, no database."""

import pytest

from advisor import engine, snapshot
from advisor.engine import Choice, Content, Criterion, Framework, Hybrid, HybridPart, Pitfall, Question, Rating, UseCase
from advisor.models import FIT_SCORES


def build(ratings=None, questions=None, criteria=None, frameworks=None, use_cases=None, hybrids=(), pitfalls=()):
    frameworks = frameworks or (
        Framework("alpha", "Alpha", 0, when_not_to_use="Not for big teams."),
        Framework("beta", "Beta", 1),
        Framework("gamma", "Gamma", 2),
    )
    criteria = criteria or (
        Criterion("speed", "Speed", 1.0, 0),
        Criterion("admin", "Admin interface", 1.0, 1),
        Criterion("docs", "API docs", 0.0, 2),
    )
    if ratings is None:
        ratings = {
            ("alpha", "speed"): Rating(5, "Fast"),
            ("alpha", "admin"): Rating(1, "None"),
            ("alpha", "docs"): Rating(5, "Automatic"),
            ("beta", "speed"): Rating(2, "Slow"),
            ("beta", "admin"): Rating(5, "Built-in"),
            ("beta", "docs"): Rating(2, "Add-on"),
            ("gamma", "speed"): Rating(3, "OK"),
            ("gamma", "admin"): Rating(3, "Add-on"),
            ("gamma", "docs"): Rating(None, "Unknown"),
        }
    questions = questions or (
        Question(
            "admin",
            "Do you need an admin?",
            (
                Choice("essential", "Essential", weights={"admin": 4.0}, must_haves={"admin": 4}),
                Choice("no", "No", weights={"admin": -1.0}),
            ),
        ),
        Question(
            "load",
            "How much traffic?",
            (Choice("high", "High", weights={"speed": 4.0}), Choice("low", "Low")),
        ),
        Question(
            "docs",
            "API docs?",
            (Choice("essential", "Essential", weights={"docs": 3.0}), Choice("no", "No")),
        ),
        Question(
            "project",
            "What?",
            (Choice("api", "API", use_case="api"), Choice("site", "Site", use_case="site"), Choice("other", "Other")),
        ),
    )
    use_cases = (
        use_cases
        if use_cases is not None
        else {
            "api": UseCase("api", "API backend", {"alpha": "best", "beta": "possible", "gamma": "good"}),
            "site": UseCase("site", "Website", {"alpha": "avoid", "beta": "best"}),
        }
    )
    return Content(
        version="v1",
        frameworks=tuple(frameworks),
        criteria=tuple(criteria),
        ratings=ratings,
        questions=tuple(questions),
        use_cases=use_cases,
        hybrids=tuple(hybrids),
        pitfalls=tuple(pitfalls),
    )


def standing(outcome, slug):
    return next(s for s in outcome.ranking if s.framework == slug)


def test_fit_scores_mirror_the_model():
    assert {str(k): v for k, v in FIT_SCORES.items()} == engine.FIT_SCORES


def test_no_answers_uses_base_weights_and_weighted_mean_of_known_ratings():
    out = engine.recommend(build(), {})
    # speed and admin count (weight 1 each), docs has base weight 0.
    assert standing(out, "alpha").score == pytest.approx(60.0)  # (5 + 1) / 10
    assert standing(out, "beta").score == pytest.approx(70.0)  # (2 + 5) / 10
    assert standing(out, "gamma").score == pytest.approx(60.0)
    assert [s.framework for s in out.ranking] == ["beta", "alpha", "gamma"]
    assert [s.rank for s in out.ranking] == [1, 2, 3]
    assert out.winner == "beta"


def test_answer_weights_add_to_base_and_floor_at_zero():
    out = engine.recommend(build(), {"load": "high"})
    weights = {w["criterion"]: w for w in out.weights}
    assert weights["speed"]["weight"] == 5.0 and weights["speed"]["because"] == ["load=high"]
    # alpha: (5*5 + 1*1) / (6*5) = 26/30
    assert standing(out, "alpha").score == pytest.approx(86.7)
    assert out.winner == "alpha"
    out = engine.recommend(build(), {"admin": "no"})
    weights = {w["criterion"]: w for w in out.weights}
    assert weights["admin"]["weight"] == 0.0  # 1 - 1, floored at zero: admin no longer counts
    assert standing(out, "alpha").score == pytest.approx(100.0)


def test_unknown_ratings_are_left_out_and_reported_not_zero():
    content = build()
    out = engine.recommend(content, {"docs": "essential"})
    gamma = standing(out, "gamma")
    assert gamma.unknown == [{"criterion": "docs", "name": "API docs"}]
    # gamma's docs is unknown: its score is the mean of speed and admin only, not dragged down by a zero.
    assert gamma.score == pytest.approx(60.0)
    reason = next(r for r in gamma.reasons if r.criterion == "docs")
    assert reason.known is False and reason.effect == 0 and "unknown" in reason.text
    # A missing rating row is unknown too.
    ratings = dict(content.ratings)
    del ratings[("gamma", "speed")]
    out = engine.recommend(build(ratings=ratings), {})
    assert {"criterion": "speed", "name": "Speed"} in standing(out, "gamma").unknown
    assert standing(out, "gamma").score == pytest.approx(60.0)  # admin alone: 3/5


def test_must_haves_flag_and_rank_below_but_never_drop():
    out = engine.recommend(build(), {"admin": "essential", "load": "high"})
    assert len(out.ranking) == 3
    alpha = standing(out, "alpha")
    beta = standing(out, "beta")
    assert [(m.criterion, m.status, m.minimum) for m in alpha.must_haves] == [("admin", "missed", 4)]
    assert alpha.must_haves[0].because == ["admin=essential"]
    assert alpha.must_haves_met is False and alpha.missed == 1
    assert beta.must_haves_met is True
    # Beta meets the must-have, so it ranks above everyone who misses it, whatever their scores.
    assert out.ranking[0].framework == "beta"


def test_unknown_must_have_is_not_met_but_not_a_miss():
    content = build()
    ratings = dict(content.ratings)
    ratings[("gamma", "admin")] = Rating(None)
    out = engine.recommend(build(ratings=ratings), {"admin": "essential"})
    gamma = standing(out, "gamma")
    assert gamma.must_haves[0].status == "unknown"
    assert gamma.must_haves_met is False and gamma.missed == 0
    assert out.ranking[-1].framework == "alpha"  # the only one that misses


def test_use_case_fit_is_blended_in():
    out = engine.recommend(build(), {"project": "site"})
    beta = standing(out, "beta")
    assert beta.fit_score == pytest.approx(100.0)
    assert beta.score == pytest.approx(0.7 * 70 + 0.3 * 100)
    # gamma has no fit for "site": unknown, so its score is its criteria score alone.
    assert standing(out, "gamma").fit_score is None
    assert standing(out, "gamma").score == pytest.approx(60.0)
    reason = next(r for r in beta.reasons if r.kind == "use_case")
    assert reason.because == ["project=site"] and reason.effect == pytest.approx(9.0)
    assert out.use_cases[0]["slug"] == "site"


def test_reasons_name_the_answers_that_caused_them():
    out = engine.recommend(build(), {"admin": "essential"})
    beta = standing(out, "beta")
    reason = next(r for r in beta.reasons if r.criterion == "admin")
    assert reason.because == ["admin=essential"]
    assert reason.effect > 0
    assert reason.text.startswith("Beta +")
    assert "Admin interface (Built-in) matters because you answered admin = essential" in reason.text
    alpha_reason = next(r for r in standing(out, "alpha").reasons if r.criterion == "admin")
    assert alpha_reason.effect < 0 and alpha_reason.text.startswith("Alpha −")
    # Effect = score now minus score with admin at its base weight.
    base = engine.recommend(build(), {})
    assert reason.effect == pytest.approx(beta.score - standing(base, "beta").score, abs=0.1)


def test_flips_list_every_single_change_that_changes_the_winner():
    content = build()
    out = engine.recommend(content, {"admin": "essential"})
    assert out.winner == "beta"
    flips = {(f["question"], f["choice"]): f["winner"] for f in out.flips}
    # Each listed flip really changes the winner, and every change that does is listed.
    for question in content.questions:
        for choice in question.choices:
            answers = {"admin": "essential", question.slug: choice.slug}
            winner = engine.recommend(content, answers, with_flips=False).winner
            if winner != "beta":
                assert flips[(question.slug, choice.slug)] == winner
            else:
                assert (question.slug, choice.slug) not in flips
    assert flips == {("admin", "no"): "alpha"}  # the must-have holds otherwise
    # Answering a skipped question counts ("answer"), not only changing one.
    out = engine.recommend(content, {})
    assert {(f["question"], f["choice"], f["kind"]) for f in out.flips} >= {("load", "high", "answer")}
    out = engine.recommend(content, {"load": "high"})
    assert out.winner == "alpha"
    assert {k: out.flips_if_skipped[0][k] for k in ("question", "winner")} == {"question": "load", "winner": "beta"}


def test_hybrid_when_close():
    hybrid = Hybrid("ab", "Alpha API, Beta admin", (HybridPart("beta", "Admin"), HybridPart("alpha", "API")))
    wide = Hybrid("abc", "All three", (HybridPart("alpha", "x"), HybridPart("beta", "y"), HybridPart("gamma", "z")))
    content = build(hybrids=(wide, hybrid))
    out = engine.recommend(content, {"admin": "no", "load": "low"})
    # alpha 100 vs gamma 60: not close, no pull.
    assert out.hybrid is None
    ratings = dict(content.ratings)
    ratings[("beta", "speed")] = Rating(5)
    ratings[("beta", "admin")] = Rating(1)
    out = engine.recommend(build(ratings=ratings, hybrids=(wide, hybrid)), {})
    assert out.ranking[0].score == out.ranking[1].score
    assert out.hybrid["slug"] == "ab"  # the hybrid with both frameworks and the fewest parts
    assert out.hybrid["why"] == "close"


def test_hybrid_when_answers_pull_apart():
    hybrid = Hybrid("ab", "Alpha API, Beta admin", (HybridPart("beta", "Admin"), HybridPart("alpha", "API")))
    content = build(hybrids=(hybrid,))
    out = engine.recommend(content, {"admin": "essential", "load": "high"})
    assert out.winner == "beta"
    assert out.ranking[0].score - out.ranking[1].score > engine.HYBRID_MARGIN
    assert out.hybrid is not None and out.hybrid["why"] == "pull"
    pulls = {p["criterion"]: p["framework"] for p in out.hybrid["pulls"]}
    assert pulls == {"admin": "beta", "speed": "alpha"}
    assert [p["framework"] for p in out.hybrid["parts"]] == ["beta", "alpha"]


def test_caveats_from_winner_and_pitfalls_linked_to_answers():
    pitfalls = (
        Pitfall("p1", "Blocking calls", frozenset({("load", "high")}), ("alpha",)),
        Pitfall("p2", "Unrelated", frozenset({("docs", "essential")})),
        Pitfall("p3", "Beta trouble", frozenset({("load", "high")}), ("beta",)),
    )
    out = engine.recommend(build(pitfalls=pitfalls), {"load": "high"})
    assert out.winner == "alpha"
    assert out.caveats["when_not_to_use"] == "Not for big teams."
    assert [p["slug"] for p in out.caveats["pitfalls"]] == ["p1", "p3"]  # the winner's first
    assert out.caveats["pitfalls"][0]["because"] == ["load=high"]


def test_ties_are_broken_by_position_then_slug_and_output_is_deterministic():
    frameworks = (Framework("zeta", "Zeta", 0), Framework("beta", "Beta", 1), Framework("alpha", "Alpha", 1))
    ratings = {(f, "speed"): Rating(3) for f in ("zeta", "beta", "alpha")}
    content = build(frameworks=frameworks, ratings=ratings)
    out = engine.recommend(content, {})
    assert [s.framework for s in out.ranking] == ["zeta", "alpha", "beta"]
    again = [engine.recommend(content, {}).as_dict() for _ in range(3)]
    assert all(d == out.as_dict() for d in again)
    # Answer order does not matter either.
    a = engine.recommend(build(), {"load": "high", "admin": "essential"}).as_dict()
    b = engine.recommend(build(), {"admin": "essential", "load": "high"}).as_dict()
    assert a == b


def test_parse_answers_rejects_bad_input():
    content = build()
    assert engine.parse_answers(content, [("load", "high"), ("admin", "no")]) == {"admin": "no", "load": "high"}
    assert engine.parse_answers(content, [("load", "")]) == {}  # empty = skipped
    with pytest.raises(engine.AnswerError, match="no question"):
        engine.parse_answers(content, [("colour", "blue")])
    with pytest.raises(engine.AnswerError, match="not a choice"):
        engine.parse_answers(content, [("load", "extreme")])
    with pytest.raises(engine.AnswerError, match="more than once"):
        engine.parse_answers(content, [("load", "high"), ("load", "low")])
    assert engine.parse_answers(content, [("csrfmiddlewaretoken", "x")], ignore={"csrfmiddlewaretoken"}) == {}


def test_empty_content_gives_an_empty_ranking():
    content = Content("v", (), (), {}, ())
    out = engine.recommend(content, {})
    assert out.ranking == [] and out.winner is None and out.hybrid is None


@pytest.mark.django_db
def test_engine_runs_no_queries(fixture_content, django_assert_num_queries):
    from advisor import snapshot

    content = snapshot.load("test")
    with django_assert_num_queries(0):
        out = engine.recommend(content, {"project": "api", "admin": "essential"})
        out.as_dict()
    assert out.winner == "one"


def test_engine_imports_no_orm():
    import ast
    from pathlib import Path

    tree = ast.parse(Path(engine.__file__).read_text())
    modules = [
        n.module if isinstance(n, ast.ImportFrom) else a.name
        for n in ast.walk(tree)
        if isinstance(n, (ast.Import, ast.ImportFrom))
        for a in (n.names if isinstance(n, ast.Import) else [None])
    ]
    assert not [m for m in modules if m and (m.startswith("django") or "models" in m)]


def full_winner(content, answers):
    """The reference: the first of the full ranking, every criterion counted again."""
    return engine._score_all(content, answers)[0].framework.slug


def test_the_fast_winner_agrees_with_the_full_ranking(shipped_content):
    """The flip search's winner for unchanged answers is an optimisation of _score_all and must never disagree."""
    import random

    content = snapshot.load("equivalence")
    rnd = random.Random(2026)
    first = content.questions[0].slug
    for _ in range(500):
        answers = engine._ordered(
            content, {q.slug: rnd.choice(q.choices).slug for q in content.questions if rnd.random() < 0.6}
        )
        fast = engine._WinnerSearch(content, answers).winner_with(first, answers.get(first))
        assert fast == full_winner(content, answers), answers


def test_as_dict_is_what_dataclasses_asdict_gives(shipped_content):
    """Outcome.as_dict skips asdict's deep copies; the result must be the same, key order included."""
    import dataclasses
    import json
    import random

    content = snapshot.load("as-dict")
    rnd = random.Random(7)
    for _ in range(60):
        answers = {q.slug: rnd.choice(q.choices).slug for q in content.questions if rnd.random() < 0.7}
        outcome = engine.recommend(content, answers)
        fast, reference = outcome.as_dict(), dataclasses.asdict(outcome)
        assert fast == reference
        assert json.dumps(fast) == json.dumps(reference)  # same key order all the way down


def assert_flip_search_agrees(content, answers):
    """Every single-answer change (another choice, or skipping): the incremental search names the same winner
    as a full recount."""
    search = engine._WinnerSearch(content, answers)
    for question in content.questions:
        for choice in [*question.choices, None]:
            changed = {k: v for k, v in answers.items() if k != question.slug}
            if choice is not None:
                changed[question.slug] = choice.slug
            expected = full_winner(content, engine._ordered(content, changed))
            got = search.winner_with(question.slug, choice.slug if choice else None)
            assert got == expected, (answers, question.slug, choice)


def test_the_incremental_flip_search_agrees_with_a_full_recount(shipped_content):
    """_WinnerSearch re-scores only what one changed answer touches; _score_all recounts everything."""
    import random

    content = snapshot.load("flip-search")
    rnd = random.Random(11)
    for _ in range(300):
        answers = {q.slug: rnd.choice(q.choices).slug for q in content.questions if rnd.random() < 0.6}
        assert_flip_search_agrees(content, engine._ordered(content, answers))


def test_the_flip_search_handles_weights_that_fall_to_zero_and_unknown_ratings():
    """Synthetic content where one answer removes a framework's only known criterion."""
    content = build()
    for answers in ({}, {"admin": "no"}, {"admin": "essential"}):
        assert_flip_search_agrees(content, answers)


def test_reasons_effects_agree_with_a_full_recount(shipped_content):
    """_reasons moves one term of the sums per counterfactual; recounting every criterion gives the same effects
    (the sums differ in their last bits, and the rounding rule keeps that from deciding a tie)."""
    import random

    content = snapshot.load("reasons")
    rnd = random.Random(5)
    for _ in range(200):
        answers = engine._ordered(
            content, {q.slug: rnd.choice(q.choices).slug for q in content.questions if rnd.random() < 0.7}
        )
        weights, because = engine._weights(content, answers)
        use_cases = engine._selected_use_cases(content, answers)
        for framework in content.frameworks:
            fit = engine._fit_score(framework.slug, use_cases)
            actual = engine._blend(engine._criteria_score(content, framework.slug, weights), fit)
            expected = {}
            for criterion in content.criteria:
                if because[criterion.slug]:
                    base = {**weights, criterion.slug: max(0.0, criterion.weight)}
                    without = engine._blend(engine._criteria_score(content, framework.slug, base), fit)
                    expected[criterion.slug] = engine._tenths((actual - without) * 100)
            got = {
                r.criterion: r.effect
                for r in engine._reasons(content, framework, weights, because, use_cases)
                if r.kind == "criterion"
            }
            assert got == expected, (answers, framework.slug)


@pytest.mark.parametrize(
    ("value", "shown"),
    [(0.55, 0.6), (-0.55, -0.6), (0.5499999, 0.5), (0.05, 0.1), (-0.04, 0.0), (0.0, 0.0), (12.25, 12.3)],
)
def test_effects_round_halves_away_from_zero(value, shown):
    assert engine._tenths(value) == shown
    assert str(engine._tenths(-0.0)) == "0.0"  # never a negative zero in a reason's text
