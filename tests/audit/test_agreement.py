"""Inter-rater agreement: the published reference values (PRODUCT.md), and the behaviour around
them — missing ratings, weights, undefined cases, bad input."""

from __future__ import annotations

import math

import numpy as np
import pytest

from unisono.audit import agreement

NAN = math.nan

# Fleiss (1971): 30 patients, 6 psychiatrists, 5 diagnoses (statsmodels' and R irr's test data)
DIAGNOSES = [
    [4, 4, 4, 4, 4, 4],
    [2, 2, 2, 5, 5, 5],
    [2, 3, 3, 3, 3, 5],
    [5, 5, 5, 5, 5, 5],
    [2, 2, 2, 4, 4, 4],
    [1, 1, 3, 3, 3, 3],
    [3, 3, 3, 3, 5, 5],
    [1, 1, 3, 3, 3, 4],
    [1, 1, 4, 4, 4, 4],
    [5, 5, 5, 5, 5, 5],
    [1, 4, 4, 4, 4, 4],
    [1, 2, 4, 4, 4, 4],
    [2, 2, 2, 3, 3, 3],
    [1, 4, 4, 4, 4, 4],
    [2, 2, 4, 4, 4, 5],
    [3, 3, 3, 3, 3, 5],
    [1, 1, 1, 4, 5, 5],
    [1, 1, 1, 1, 1, 2],
    [2, 2, 4, 4, 4, 4],
    [1, 3, 3, 5, 5, 5],
    [5, 5, 5, 5, 5, 5],
    [2, 4, 4, 4, 4, 4],
    [2, 2, 4, 5, 5, 5],
    [1, 1, 4, 4, 4, 4],
    [1, 4, 4, 4, 4, 5],
    [2, 2, 2, 2, 2, 4],
    [1, 1, 1, 1, 5, 5],
    [2, 2, 4, 4, 4, 4],
    [1, 3, 3, 3, 3, 3],
    [5, 5, 5, 5, 5, 5],
]
# Krippendorff's example: 4 coders (columns) × 12 units (rows), missing values as nan
KRIPPENDORFF = np.array(
    [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, NAN, NAN, NAN],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, NAN, 3],
        [NAN, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, NAN],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, NAN],
    ]
).T
COHEN_TABLE = [[0, 4, 1], [0, 8, 0], [0, 1, 5]]


def test_fleiss_kappa_reference():
    assert agreement.fleiss_kappa(DIAGNOSES) == pytest.approx(0.4302445, abs=5e-8)


def test_fleiss_kappa_from_a_table_of_counts_is_the_same():
    table = [[row.count(category) for category in range(1, 6)] for row in DIAGNOSES]
    assert agreement.fleiss_kappa_table(table) == pytest.approx(0.4302445, abs=5e-8)


def test_cohen_kappa_reference_and_linear_weights():
    assert agreement.cohen_kappa_table(COHEN_TABLE) == pytest.approx(0.4842, abs=5e-5)
    assert agreement.cohen_kappa_table(COHEN_TABLE, weights="linear") == pytest.approx(
        0.4701, abs=5e-5
    )


def test_cohen_kappa_from_ratings_matches_the_table():
    first, second = [], []
    for row, counts in enumerate(COHEN_TABLE):
        for column, count in enumerate(counts):
            first += [row] * count
            second += [column] * count
    assert agreement.cohen_kappa(first, second) == pytest.approx(0.4842, abs=5e-5)
    weighted = agreement.cohen_kappa(first, second, weights="linear")
    assert weighted == pytest.approx(0.4701, abs=5e-5)


@pytest.mark.parametrize(
    ("level", "expected"),
    [("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849), ("ratio", 0.797)],
)
def test_krippendorff_alpha_reference(level, expected):
    assert agreement.krippendorff_alpha(KRIPPENDORFF, level=level) == pytest.approx(
        expected, abs=5e-4
    )


def test_gwet_ac1_and_fleiss_kappa_reference_with_missing_ratings():
    assert agreement.gwet_ac1(KRIPPENDORFF) == pytest.approx(0.775, abs=5e-4)
    assert agreement.fleiss_kappa(KRIPPENDORFF) == pytest.approx(0.761, abs=5e-4)


def test_a_unit_rated_once_counts_for_alpha_as_nothing():
    without_last = KRIPPENDORFF[:11]
    for level in agreement.LEVELS:
        assert agreement.krippendorff_alpha(without_last, level=level) == pytest.approx(
            agreement.krippendorff_alpha(KRIPPENDORFF, level=level)
        )


def test_perfect_agreement_and_agreement_no_better_than_chance():
    perfect = [[0, 0], [1, 1], [0.5, 0.5], [1, 1]]
    assert agreement.krippendorff_alpha(perfect, level="ordinal") == pytest.approx(1.0)
    assert agreement.fleiss_kappa(perfect) == pytest.approx(1.0)
    assert agreement.gwet_ac1(perfect) == pytest.approx(1.0)
    assert agreement.cohen_kappa([0, 1, 0, 1], [0, 1, 0, 1]) == pytest.approx(1.0)
    # independent raters: kappa near 0 on a large sample
    rng = np.random.default_rng(3)
    noise = rng.integers(0, 2, size=(4000, 2)).astype(float)
    assert abs(agreement.cohen_kappa(noise[:, 0], noise[:, 1])) < 0.05


def test_undefined_statistics_are_none():
    # everyone gives the same value everywhere: no variation to measure agreement against
    same = [[1, 1], [1, 1], [1, 1]]
    assert agreement.krippendorff_alpha(same) is None
    assert agreement.fleiss_kappa(same) is None
    assert agreement.cohen_kappa([1, 1], [1, 1]) is None
    # nobody rated a unit twice
    assert agreement.krippendorff_alpha([[1, NAN], [NAN, 2]]) is None
    assert agreement.summary([[1, NAN], [NAN, 2]]) == {"units": 0, "raters": 2}


def test_an_ordinal_disagreement_of_one_step_costs_less_than_two():
    near = [[0, 0.5], [1, 1], [0, 0], [0.5, 0.5], [1, 1], [0, 0]]
    far = [[0, 1], [1, 1], [0, 0], [0.5, 0.5], [1, 1], [0, 0]]
    assert agreement.krippendorff_alpha(near, level="ordinal") > agreement.krippendorff_alpha(
        far, level="ordinal"
    )
    # nominally, one disagreement is one disagreement
    assert agreement.krippendorff_alpha(near, level="nominal") == pytest.approx(
        agreement.krippendorff_alpha(far, level="nominal"), abs=0.05
    )


def test_categories_given_must_hold_every_rating():
    assert agreement.gwet_ac1([[0, 1], [1, 1]], categories=[0, 0.5, 1]) is not None
    with pytest.raises(ValueError, match="not among the categories"):
        agreement.gwet_ac1([[0, 2], [1, 1]], categories=[0, 0.5, 1])


def test_bad_input_is_refused_with_the_reason():
    with pytest.raises(ValueError, match="square"):
        agreement.cohen_kappa_table([[1, 2, 3]])
    with pytest.raises(ValueError, match="units"):
        agreement.krippendorff_alpha([1, 2, 3])
    with pytest.raises(ValueError, match="level"):
        agreement.krippendorff_alpha(KRIPPENDORFF, level="cardinal")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="same units"):
        agreement.cohen_kappa([1, 2], [1, 2, 3])


def test_summary_gives_every_statistic():
    result = agreement.summary(KRIPPENDORFF)
    assert result["units"] == 11
    assert result["raters"] == 4
    assert result["gwet_ac1"] == pytest.approx(0.775, abs=5e-4)
    assert result["krippendorff_alpha"]["ordinal"] == pytest.approx(0.815, abs=5e-4)
    assert 0 < result["percent_agreement"] < 1
    assert result["cohen_kappa"] is not None
