"""The consistency index's arithmetic on generated organisations: spreads found where they are
planted and not elsewhere, small groups shrunk and never compared, the correction for many
comparisons, the index's scale and interval."""

from __future__ import annotations

import numpy as np
import pytest

from tests.consistency.factories import organisation
from unisono.consistency.divergences import benjamini_hochberg, compare
from unisono.consistency.heatmap import heatmap
from unisono.consistency.index import bootstrap, fit_all, score
from unisono.consistency.metrics import INDEX, LEVELS, METRICS
from unisono.consistency.variance import estimate, shrunk, simulate


def _volume(cells):
    return np.bincount(cells.reason, cells.volume, len(cells.reasons)).astype(float)


def test_nothing_planted_nothing_flagged_and_an_index_near_100():
    cells = organisation(seed=1, per_cell=60)
    fits = fit_all(cells)
    found = compare(fits, min_n=30)
    assert found.comparisons > 100
    assert found.flagged == []
    scores = score(fits, _volume(cells), len(cells.reasons))
    assert scores.overall > 90


def test_a_planted_team_divergence_is_flagged_at_the_team_level_with_its_numbers():
    # team 3 (email) states wrong facts in 30 % more of its interactions on reason 0
    cells = organisation(seed=2, per_cell=60, shift={("fact_contradictions", "team", 3): 30.0})
    found = compare(fit_all(cells), min_n=30)
    top = found.flagged[0]
    assert (METRICS[top.metric].id, top.level, top.reason, top.team) == (
        "fact_contradictions",
        "team",
        0,
        3,
    )
    assert top.mean - top.rest_mean == pytest.approx(30, abs=8)
    low, high = top.difference_ci95
    assert low < top.difference < high
    assert low > 0
    assert top.q_value <= 0.05


def test_a_channel_divergence_is_not_taken_for_its_agents():
    cells = organisation(seed=3, per_cell=60, shift={("csat", "channel", 2): -25.0})
    found = compare(fit_all(cells), min_n=30)
    csat = [c for c in found.flagged if METRICS[c.metric].id == "csat"]
    assert any(c.level == "channel" and c.channel == 2 for c in csat)
    assert not any(c.level == "agent" for c in csat)


def test_the_spread_lowers_the_index_of_its_reason_and_is_put_down_to_its_source():
    cells = organisation(
        seed=4, per_cell=60, shift={("qa_score", "agent", a): 30.0 * (a % 2) for a in range(20)}
    )
    fits = fit_all(cells)
    scores = score(fits, _volume(cells), len(cells.reasons))
    assert scores.reason_index[0] < scores.reason_index[1] - 5
    assert scores.reason_lost["agent"][0] > scores.reason_lost["channel"][0]
    assert scores.reason_lost["agent"][0] > scores.reason_lost["team"][0]
    lost = sum(scores.reason_lost[level][0] for level in ("channel", "team", "agent"))
    assert lost == pytest.approx(100 - scores.reason_index[0])


def test_small_groups_are_shrunk_toward_their_stratum_and_never_compared():
    cells = organisation(seed=5, per_cell=8, shift={("qa_score", "agent", 0): 40.0})
    fits = fit_all(cells)
    agents = fits[INDEX["qa_score"]].levels["agent"]
    estimate, centre = shrunk(agents)
    raw = np.abs(agents.mean - centre)
    assert (np.abs(estimate - centre) <= raw + 1e-9).all()
    assert (np.abs(estimate - centre) < raw).any()
    # 8 interactions per agent: agents are never compared, whatever their departure
    assert all(c.level != "agent" for c in compare(fits, min_n=30).flagged)


def test_benjamini_hochberg():
    p = np.array([0.01, 0.04, 0.03, 0.005])
    assert benjamini_hochberg(p) == pytest.approx([0.02, 0.04, 0.04, 0.02])
    assert benjamini_hochberg(np.array([])).size == 0


def test_the_interval_holds_the_index_and_stays_within_0_and_100():
    cells = organisation(seed=6, per_cell=30, shift={("nps", "team", 1): 30.0})
    fits = fit_all(cells)
    volume = _volume(cells)
    value = score(fits, volume, len(cells.reasons)).overall
    interval = bootstrap(fits, volume, len(cells.reasons), runs=60, seed=0)
    low, high = interval.overall
    assert 0 <= low <= value <= high <= 100
    assert interval.reasons.shape == (3, 2)
    again = bootstrap(fits, volume, len(cells.reasons), runs=60, seed=0)
    assert again.overall == interval.overall


def test_with_nothing_to_find_the_interval_holds_the_index_and_reaches_100():
    # nothing planted: the true index is 100 and the reported one lower (a reason's D² is set
    # to 0 when its estimate is negative, never its noise above 0); the former pivot interval
    # of reason 1 here was 25–91, excluding 100
    cells = organisation(seed=1, per_cell=30)
    fits = fit_all(cells)
    volume = _volume(cells)
    scores = score(fits, volume, len(cells.reasons))
    interval = bootstrap(fits, volume, len(cells.reasons), runs=200, seed=0)
    low, high = interval.overall
    assert 0 <= low <= scores.overall < high == 100
    assert scores.reason_index.min() < 75  # noise alone makes a reason look inconsistent
    for (low, high), value in zip(interval.reasons, scores.reason_index, strict=True):
        assert 0 <= low <= value <= high == 100


def test_the_bootstrap_estimates_many_data_sets_at_once_as_it_does_one_by_one():
    cells = organisation(seed=8, per_cell=20)
    for fit in fit_all(cells).values():
        means = simulate(fit, np.random.default_rng(0), 4)
        together = estimate(fit.structure, means, fit.sigma2)
        for run in range(4):
            alone = estimate(fit.structure, means[run], fit.sigma2)
            for level in LEVELS:
                for name in ("moment", "floor"):  # a floor the means do not move has no rows
                    many = getattr(together.levels[level], name)
                    one = getattr(alone.levels[level], name)
                    np.testing.assert_array_equal(np.broadcast_to(many, (4, one.size))[run], one)


def test_heat_maps_have_a_cell_per_reason_and_column_with_shrunk_values():
    cells = organisation(seed=7, per_cell=20)
    fits = fit_all(cells)
    found = compare(fits, min_n=30)
    by_channel = heatmap("channel", cells, fits, found.flagged, 30)
    assert by_channel["columns"] == ["phone", "email", "chat"]
    assert len(by_channel["cells"]) == 3 * 3
    cell = by_channel["cells"][0]
    assert {
        "reason",
        "channel",
        "volume",
        "small_sample",
        "consistency",
        "divergences",
        "metrics",
    } <= cell.keys()
    assert {"value", "shrunk", "reason_value", "n"} <= cell["metrics"]["csat"].keys()
    by_team = heatmap("team", cells, fits, found.flagged, 30)
    assert len(by_team["columns"]) == 5
    with pytest.raises(ValueError, match="heat map"):
        heatmap("planet", cells, fits, found.flagged, 30)
