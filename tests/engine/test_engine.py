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
        # Rated alike for everyone: it moves no ranking, and keeps any one answer from outweighing the rest.
        Criterion("maturity", "Maturity", 20.0, 3),
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
            **{(f, "maturity"): Rating(3) for f in ("alpha", "beta", "gamma")},
        }
    questions = questions or (
        Question(
            "admin",
            "Do you need an admin?",
            (
                Choice("essential", "Essential", weights={"admin": 4.0}, must_haves={"admin": 4}),
                Choice("no", "No"),
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


B = engine.scoring.BASE_SCALE  # a criterion's base weight counts at this scale next to the answers
M = 20 * B  # the filler criterion's weight (every framework rated 3 on it)


def test_no_answers_uses_base_weights_and_weighted_mean_of_ratings():
    out = engine.recommend(build(), {})
    # speed and admin count (base 1 each, scaled alike) beside the filler; docs has base weight 0.
    assert standing(out, "alpha").score == pytest.approx(100 * (5 * B + B + 3 * M) / (5 * (2 * B + M)), abs=0.05)
    assert standing(out, "beta").score == pytest.approx(100 * (2 * B + 5 * B + 3 * M) / (5 * (2 * B + M)), abs=0.05)
    assert standing(out, "gamma").score == standing(out, "alpha").score
    assert [s.framework for s in out.ranking] == ["beta", "alpha", "gamma"]
    assert [s.rank for s in out.ranking] == [1, 2, 3]
    assert out.winner == "beta"


def test_answers_add_weight_to_the_base():
    out = engine.recommend(build(), {"load": "high"})
    weights = {w["criterion"]: w for w in out.weights}
    assert weights["speed"]["weight"] == pytest.approx(B + 4.0) and weights["speed"]["because"] == ["load=high"]
    # alpha: ((B + 4) * 5 + B * 1 + M * 3) / ((2B + 4 + M) * 5)
    expected = 100 * (5 * (B + 4) + B + 3 * M) / (5 * (2 * B + 4 + M))
    assert standing(out, "alpha").score == pytest.approx(expected, abs=0.05)
    assert out.winner == "alpha"


def test_no_criterion_outweighs_all_the_others_unless_it_is_a_must_have():
    lean = build(criteria=(Criterion("speed", "Speed", 1.0, 0), Criterion("admin", "Admin interface", 1.0, 1)))
    weights = {w["criterion"]: w["weight"] for w in engine.recommend(lean, {"load": "high"}).weights}
    assert weights == {"speed": B, "admin": B}  # B + 4 capped at the rest
    weights = {w["criterion"]: w["weight"] for w in engine.recommend(lean, {"admin": "essential"}).weights}
    assert weights == {"speed": B, "admin": B + 4}  # a must-have may dominate


def test_a_choice_without_weights_changes_no_weight():
    out = engine.recommend(build(), {"admin": "no"})
    assert {w["criterion"]: w["weight"] for w in out.weights} == {"speed": B, "admin": B, "docs": 0.0, "maturity": M}
    assert standing(out, "alpha").reasons == []  # nothing raised: no reason claims an effect


def test_an_unknown_rating_earns_nothing_and_the_best_case_shows_the_gap():
    content = build()
    out = engine.recommend(content, {"docs": "essential"})
    gamma = standing(out, "gamma")
    assert gamma.unknown == [{"criterion": "docs", "name": "API docs"}]
    # gamma: speed 3 and admin 3 at weight B, maturity 3, docs unknown at weight 3: earns nothing there.
    total = 2 * B + 3 + M
    assert gamma.score == pytest.approx(100 * (6 * B + 3 * M) / (5 * total), abs=0.05)
    assert gamma.best_case == pytest.approx(100 * (6 * B + 3 * M + 15) / (5 * total), abs=0.05)
    reason = next(r for r in gamma.reasons if r.criterion == "docs")
    assert reason.known is False and reason.score is None and reason.effect < 0
    assert out.uncertainty["frameworks"][0]["framework"] == "gamma"
    scores = {s.name: s.score for s in out.ranking}
    could_pass = out.uncertainty["frameworks"][0]["could_pass"]
    assert could_pass and all(gamma.best_case > scores[name] for name in could_pass)
    assert [n for n, sc in scores.items() if n != "Gamma" and sc < gamma.best_case] == could_pass
    assert out.uncertainty["order_could_change"] is True
    # A missing rating row is unknown too.
    ratings = dict(content.ratings)
    del ratings[("gamma", "speed")]
    out = engine.recommend(build(ratings=ratings), {})
    assert {"criterion": "speed", "name": "Speed"} in standing(out, "gamma").unknown


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


def test_the_headline_names_a_higher_score_ranked_lower_for_a_missed_must_have():
    out = engine.recommend(build(), {"admin": "essential", "load": "high", "docs": "essential"})
    alpha, beta = standing(out, "alpha"), standing(out, "beta")
    assert out.winner == "beta" and alpha.score > beta.score
    assert out.headline["framework"] == "beta"
    [outscored] = out.headline["outscored_by"]
    assert outscored["framework"] == "alpha" and outscored["score"] == alpha.score
    assert [m["criterion"] for m in outscored["missed"]] == ["admin"]
    # Without a must-have in play nothing is outscored.
    assert engine.recommend(build(), {"load": "high"}).headline["outscored_by"] == []


def test_an_unknown_must_have_is_not_met_and_ranks_like_a_miss():
    content = build()
    ratings = dict(content.ratings)
    ratings[("gamma", "admin")] = Rating(None)
    out = engine.recommend(build(ratings=ratings), {"admin": "essential"})
    gamma = standing(out, "gamma")
    assert gamma.must_haves[0].status == "unknown"
    # Not confirmed, so not met: blanking a rating must never lift a framework over a must-have.
    assert gamma.must_haves_met is False and gamma.missed == 1
    assert out.ranking[0].framework == "beta"
    assert {s.framework for s in out.ranking[1:]} == {"alpha", "gamma"}


def test_use_case_fit_counts_as_one_criterion_worth_a_share_of_all_criteria():
    out = engine.recommend(build(), {"project": "site"})
    beta = standing(out, "beta")
    criteria = 2 * B + M
    fit = engine.FIT_SHARE * criteria
    assert beta.score == pytest.approx(100 * (2 * B + 5 * B + 3 * M + 5 * fit) / (5 * (criteria + fit)), abs=0.05)
    # gamma has no fit for "site": unknown, so it earns nothing there (and could earn it in its best case).
    gamma = standing(out, "gamma")
    assert gamma.score < gamma.best_case
    reason = next(r for r in beta.reasons if r.kind == "use_case")
    assert reason.because == ["project=site"] and reason.effect > 0
    assert out.use_cases[0]["slug"] == "site"


def test_reasons_are_data_relative_to_the_field_and_add_up_to_the_score():
    out = engine.recommend(build(), {"admin": "essential", "project": "api"})
    mean = sum(s.score for s in out.ranking) / len(out.ranking)
    for s in out.ranking:
        assert sum(r.effect for r in s.reasons) + s.base_effect == pytest.approx(s.score - mean, abs=0.3)
    beta = standing(out, "beta")
    reason = next(r for r in beta.reasons if r.criterion == "admin")
    assert reason.because == ["admin=essential"] and reason.score == 5 and reason.effect > 0
    alpha = next(r for r in standing(out, "alpha").reasons if r.criterion == "admin")
    assert alpha.score == 1 and alpha.effect < 0  # a weakness is never a plus
    # No English in the engine's output: templates phrase it.
    assert not hasattr(reason, "text") and "text" not in out.as_dict()["ranking"][0]["reasons"][0]


def test_flips_list_every_single_change_that_changes_the_winner():
    content = build()
    out = engine.recommend(content, {"admin": "essential"})
    assert out.winner == "beta"
    flips = {(f["question"], f["choice"]): f["winner"] for f in out.flips}
    for question in content.questions:
        for choice in question.choices:
            answers = {"admin": "essential", question.slug: choice.slug}
            winner = engine.recommend(content, answers, with_flips=False).winner
            if winner != "beta":
                assert flips[(question.slug, choice.slug)] == winner
            else:
                assert (question.slug, choice.slug) not in flips
    out = engine.recommend(content, {})
    assert {(f["question"], f["choice"], f["kind"]) for f in out.flips} >= {("load", "high", "answer")}
    out = engine.recommend(content, {"load": "high"})
    assert out.winner == "alpha"
    assert {k: out.flips_if_skipped[0][k] for k in ("question", "winner")} == {"question": "load", "winner": "beta"}


def test_hybrid_when_close_names_the_two_frameworks_only():
    hybrid = Hybrid("ab", "Alpha API, Beta admin", (HybridPart("beta", "Admin"), HybridPart("alpha", "API")))
    wide = Hybrid("abc", "All three", (HybridPart("alpha", "x"), HybridPart("beta", "y"), HybridPart("gamma", "z")))
    content = build(hybrids=(wide, hybrid))
    out = engine.recommend(content, {"load": "high"})
    assert out.ranking[0].score - out.ranking[1].score > engine.CLOSE_MARGIN
    assert out.hybrid is None  # a wide lead and nothing pulling the other way
    ratings = dict(content.ratings)
    ratings[("beta", "speed")] = Rating(5)
    ratings[("beta", "admin")] = Rating(1)
    out = engine.recommend(build(ratings=ratings, hybrids=(wide, hybrid)), {})
    assert out.ranking[0].score == out.ranking[1].score
    assert out.hybrid is None  # a tie between two with the same strengths: alternatives, not one system
    # a tie where each is clearly better at something a decisive answer asked for
    questions = (
        engine.Question("load", "Traffic?", (engine.Choice("high", "High", weights={"speed": 4.0}),)),
        engine.Question("docs", "API docs?", (engine.Choice("essential", "Essential", weights={"docs": 4.0}),)),
    )
    ratings = dict(content.ratings)
    ratings.update({("alpha", "speed"): Rating(5), ("alpha", "docs"): Rating(2)})
    ratings.update({("beta", "speed"): Rating(2), ("beta", "docs"): Rating(5), ("beta", "admin"): Rating(1)})
    content = build(ratings=ratings, questions=questions, hybrids=(wide, hybrid), use_cases={})
    out = engine.recommend(content, {"load": "high", "docs": "essential"})
    assert out.ranking[0].score - out.ranking[1].score <= engine.CLOSE_MARGIN
    assert out.hybrid["slug"] == "ab"  # the hybrid with both frameworks and the fewest parts
    assert out.hybrid["why"] == "close"
    assert [p["framework"] for p in out.hybrid["parts"]] == ["alpha", "beta"]
    assert {p["criterion"]: p["framework"] for p in out.hybrid["pulls"]} == {"speed": "alpha", "docs": "beta"}


def test_hybrid_when_answers_pull_strongly_both_ways():
    hybrid = Hybrid("ab", "Alpha API, Beta admin", (HybridPart("beta", "Admin"), HybridPart("alpha", "API")))
    content = build(hybrids=(hybrid,))
    out = engine.recommend(content, {"admin": "essential", "load": "high"})
    assert out.winner == "beta"
    assert out.hybrid is not None and out.hybrid["why"] == "pull"
    pulls = {p["criterion"]: p["framework"] for p in out.hybrid["pulls"]}
    assert pulls == {"admin": "beta", "speed": "alpha"}
    assert [p["framework"] for p in out.hybrid["parts"]] == ["beta", "alpha"]
    assert [p["role"] for p in out.hybrid["parts"]] == ["Admin", "API"]


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
    ratings = {(f, c): Rating(3) for f in ("zeta", "beta", "alpha") for c in ("speed", "maturity")}
    content = build(frameworks=frameworks, ratings=ratings)
    out = engine.recommend(content, {})
    assert [s.framework for s in out.ranking] == ["zeta", "alpha", "beta"]
    again = [engine.recommend(content, {}).as_dict() for _ in range(3)]
    assert all(d == out.as_dict() for d in again)
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
    assert engine.leader(content, {}) is None


@pytest.mark.django_db
def test_engine_runs_no_queries(fixture_content, django_assert_num_queries):
    content = snapshot.load("test")
    with django_assert_num_queries(0):
        out = engine.recommend(content, {"project": "api", "admin": "essential"})
        out.as_dict()
    assert out.winner == "one"


def test_engine_imports_no_orm():
    import ast
    from pathlib import Path

    for path in Path(engine.__file__).parent.glob("*.py"):
        tree = ast.parse(path.read_text())
        modules = [
            n.module if isinstance(n, ast.ImportFrom) else a.name
            for n in ast.walk(tree)
            if isinstance(n, (ast.Import, ast.ImportFrom))
            for a in (n.names if isinstance(n, ast.Import) else [None])
        ]
        assert not [m for m in modules if m and (m.startswith("django") or "models" in m)], path


def test_a_related_framework_is_never_the_hybrid_partner_and_its_inherited_reasons_name_the_owner():
    # gamma runs inside beta and inherits its admin; the two are close and each is better at something asked
    # for, which would earn a hybrid between separate stacks, but they are one stack
    frameworks = (
        Framework("alpha", "Alpha", 0),
        Framework("beta", "Beta", 1),
        Framework("gamma", "Gamma", 2, relations=(engine.Relation("runs-inside", "beta", ("admin",)),)),
    )
    questions = (
        engine.Question("load", "Traffic?", (engine.Choice("high", "High", weights={"speed": 4.0}),)),
        engine.Question("docs", "API docs?", (engine.Choice("essential", "Essential", weights={"docs": 4.0}),)),
    )
    ratings = {
        ("alpha", "speed"): Rating(1),
        ("alpha", "docs"): Rating(1),
        ("alpha", "admin"): Rating(1),
        ("beta", "speed"): Rating(5),
        ("beta", "docs"): Rating(2),
        ("beta", "admin"): Rating(5),
        ("gamma", "speed"): Rating(2),
        ("gamma", "docs"): Rating(5),
        ("gamma", "admin"): Rating(5),
        **{(f, "maturity"): Rating(3) for f in ("alpha", "beta", "gamma")},
    }
    answers = {"load": "high", "docs": "essential"}
    content = build(ratings=ratings, frameworks=frameworks, questions=questions, use_cases={})
    outcome = engine.recommend(content, answers, with_flips=False)
    first, second, _third = outcome.ranking
    assert {first.framework, second.framework} == {"beta", "gamma"}
    assert first.score - second.score <= engine.CLOSE_MARGIN
    assert outcome.hybrid is None  # gamma is part of beta's stack, and alpha is far behind
    gamma = next(s for s in outcome.ranking if s.framework == "gamma")
    assert gamma.relations == [
        {"kind": "runs-inside", "other": "beta", "other_name": "Beta", "inherits": ["Admin interface"]}
    ]
    assert all(r.via == "" for r in next(s for s in outcome.ranking if s.framework == "beta").reasons)
    # without the relation, the same two earn a hybrid
    unrelated = build(
        ratings=ratings, frameworks=(*frameworks[:2], Framework("gamma", "Gamma", 2)), questions=questions, use_cases={}
    )
    control = engine.recommend(unrelated, answers, with_flips=False)
    assert set(control.hybrid["frameworks"]) == {"beta", "gamma"} and control.hybrid["why"] == "close"
    assert engine.explanation.related(frameworks[2], frameworks[1])
    assert not engine.explanation.related(frameworks[0], frameworks[1])


def test_a_reason_on_an_inherited_criterion_names_whose_feature_it_is():
    frameworks = (
        Framework("alpha", "Alpha", 0),
        Framework("beta", "Beta", 1),
        Framework("gamma", "Gamma", 2, relations=(engine.Relation("runs-inside", "beta", ("admin",)),)),
    )
    ratings = {(f, c): Rating(3) for f in ("alpha", "beta", "gamma") for c in ("speed", "docs", "maturity")}
    ratings |= {("alpha", "admin"): Rating(1), ("beta", "admin"): Rating(5), ("gamma", "admin"): Rating(5)}
    outcome = engine.recommend(build(ratings=ratings, frameworks=frameworks, use_cases={}), {"admin": "essential"})
    gamma = next(s for s in outcome.ranking if s.framework == "gamma")
    assert [r.via for r in gamma.reasons if r.criterion == "admin"] == ["Beta"]
    assert [r.via for r in gamma.reasons if r.criterion != "admin"] == [""] * (len(gamma.reasons) - 1)


# ---------------------------------------------------------------------------------------------
# Issue 26: add-ons with their host, kept code, close races


def _stack_content(**overrides):
    """beta hosts gamma (gamma runs inside beta); gamma is better at API docs (an API criterion) and speed."""
    frameworks = (
        Framework("alpha", "Alpha", 0),
        Framework("beta", "Beta", 1),
        Framework("gamma", "Gamma", 2, relations=(engine.Relation("runs-inside", "beta", ("admin",)),)),
    )
    criteria = (
        Criterion("speed", "Speed", 1.0, 0, category="performance"),
        Criterion("admin", "Admin interface", 1.0, 1, category="data"),
        Criterion("docs", "API docs", 1.0, 2, category="apis"),
        Criterion("maturity", "Maturity", 4.0, 3, category="architecture"),
    )
    ratings = {
        ("alpha", "speed"): Rating(3),
        ("alpha", "admin"): Rating(1),
        ("alpha", "docs"): Rating(3),
        ("alpha", "maturity"): Rating(3),
        ("beta", "speed"): Rating(2),
        ("beta", "admin"): Rating(5),
        ("beta", "docs"): Rating(2),
        ("beta", "maturity"): Rating(5),
        ("gamma", "speed"): Rating(4),
        ("gamma", "admin"): Rating(5),
        ("gamma", "docs"): Rating(5),
        ("gamma", "maturity"): Rating(3),
    }
    return build(
        ratings=overrides.get("ratings", ratings), frameworks=frameworks, criteria=criteria, use_cases={}, hybrids=()
    )


@pytest.mark.parametrize(
    ("answers", "leads"),
    [
        ({}, "beta"),  # nothing asked: the host leads
        ({"load": "high"}, "beta"),  # the add-on is faster, but speed is not what it adds (not an API criterion)
        ({"docs": "essential"}, "gamma"),  # an API contract asked for: the add-on leads its host
        ({"admin": "essential", "docs": "essential"}, "gamma"),
    ],
)
def test_an_addon_ranks_beside_its_host_and_leads_only_when_asked_for_what_it_adds(answers, leads):
    content = _stack_content()
    outcome = engine.recommend(content, answers)
    order = [s.framework for s in outcome.ranking]
    assert abs(order.index("beta") - order.index("gamma")) == 1, order
    assert outcome.winner == leads, order
    stack = outcome.headline["stack"]
    assert (stack["host"], stack["addon"], stack["leads"]) == ("beta", "gamma", leads)
    assert [a["criterion"] for a in stack["asked"]] == (["docs"] if leads == "gamma" else [])
    partner = ({"beta", "gamma"} - {leads}).pop()
    assert outcome.ranking[0].stacked_with == {
        "framework": partner,
        "name": partner.title(),
        "role": "host" if leads == "beta" else "add-on",
        "leads": True,
    }
    assert engine.leader(content, answers)["ranking"][0]["slug"] == leads  # the leader box agrees


def test_the_flip_search_follows_the_addon_rule_and_kept_code():
    content = _stack_content()
    content = build(
        ratings=dict(content.ratings),
        frameworks=content.frameworks,
        criteria=content.criteria,
        use_cases={},
        questions=(
            *content.questions,
            Question(
                "codebase", "Existing?", (Choice("none", "None"), Choice("alpha", "Alpha"), Choice("beta", "Beta"))
            ),
            Question("rewrite", "Rewrite?", (Choice("keep", "Keep"), Choice("open", "Open"))),
        ),
    )
    from advisor.engine.flipsearch import OneAnswerChanged
    from advisor.engine.scoring import rank

    for answers in ({}, {"docs": "essential"}, {"codebase": "alpha"}, {"codebase": "beta", "load": "high"}):
        search = OneAnswerChanged(content, answers)
        for question in content.questions:
            for choice in (*question.choices, None):
                changed = {k: v for k, v in answers.items() if k != question.slug}
                if choice is not None:
                    changed[question.slug] = choice.slug
                expected = rank(content, changed).winner
                assert search.winner(question.slug, choice and choice.slug) == expected, (answers, changed)


def test_kept_code_counts_by_how_much_of_it_each_framework_keeps():
    frameworks = (
        Framework("alpha", "Alpha", 0),
        Framework("beta", "Beta", 1),
        Framework("gamma", "Gamma", 2, relations=(engine.Relation("same-api", "alpha"),)),
    )
    questions = (
        Question("load", "Traffic?", (Choice("high", "High", weights={"speed": 4.0}),)),
        Question("codebase", "Existing?", (Choice("none", "None"), Choice("alpha", "Alpha"))),
        Question("rewrite", "Rewrite?", (Choice("keep", "Keep"), Choice("open", "Open"))),
    )
    ratings = {(f, c): Rating(3) for f in ("alpha", "beta", "gamma") for c in ("admin", "docs", "maturity")}
    ratings |= {("alpha", "speed"): Rating(1), ("beta", "speed"): Rating(5), ("gamma", "speed"): Rating(4)}
    content = engine.Content(
        **{
            **vars(build(ratings=ratings, frameworks=frameworks, questions=questions, use_cases={})),
            "migrations": {("alpha", "beta"): "hard"},
        }
    )
    fresh = engine.recommend(content, {"load": "high"})
    assert fresh.winner == "beta" and fresh.existing_code is None
    kept = engine.recommend(content, {"load": "high", "codebase": "alpha"})
    assert kept.winner == "gamma"  # follows Alpha's API and is fast enough: most of the code stays
    criteria_weight = sum(w["weight"] for w in kept.weights)
    assert kept.existing_code == {
        "framework": "alpha",
        "name": "Alpha",
        "because": ["codebase=alpha"],
        "weight": round(engine.KEEP_SHARE * criteria_weight, 2),
    }
    how = {s.framework: [r.how for r in s.reasons if r.kind == "existing_code"] for s in kept.ranking}
    assert how == {"gamma": ["same-api"], "beta": ["hard"], "alpha": ["same"]}
    reasons = {s.framework: next(r for r in s.reasons if r.kind == "existing_code") for s in kept.ranking}
    assert reasons["alpha"].score == 5 and reasons["gamma"].score == 4 and reasons["beta"].score == 1
    # a rewrite is acceptable: the code no longer counts, and "none" keeps nothing
    assert engine.recommend(content, {"load": "high", "codebase": "alpha", "rewrite": "open"}).winner == "beta"
    assert engine.recommend(content, {"load": "high", "codebase": "none"}).existing_code is None
    # the snapshot format carries the migration paths; an older snapshot without them keeps no code
    from advisor.engine import serial

    data = serial.to_data(content)
    assert engine.recommend(serial.from_data(data), {"load": "high", "codebase": "alpha"}).winner == "gamma"
    del data["migrations"]
    older = serial.from_data(data)
    assert older.migrations == {} and older.keep_routes["alpha"]["beta"] == "rewrite"


def test_a_close_race_names_the_criteria_that_separate_the_two():
    ratings = {(f, c): Rating(3) for f in ("alpha", "beta", "gamma") for c in ("speed", "admin", "docs", "maturity")}
    ratings |= {("alpha", "speed"): Rating(5), ("beta", "speed"): Rating(4), ("beta", "docs"): Rating(5)}
    ratings |= {("gamma", "speed"): Rating(1)}
    content = build(ratings=ratings, use_cases={})
    outcome = engine.recommend(content, {"load": "high", "docs": "essential"}, with_flips=False)
    close = outcome.headline["close"]
    first, second = outcome.ranking[0], outcome.ranking[1]
    assert (first.framework, second.framework) == ("beta", "alpha")
    assert 0 < first.score - second.score <= engine.CLOSE_RACE
    assert close["framework"] == "alpha" and close["margin"] == round(first.score - second.score, 1)
    assert [(t["criterion"], t["because"]) for t in close["winner_ahead_on"]] == [("docs", ["docs=essential"])]
    assert [(t["criterion"], t["because"]) for t in close["rival_ahead_on"]] == [("speed", ["load=high"])]
    # far apart: no close race
    far = engine.recommend(content, {"load": "high"}, with_flips=False)
    assert far.ranking[0].score - far.ranking[1].score > engine.CLOSE_RACE and far.headline["close"] is None
