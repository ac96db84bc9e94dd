"""The ordered-steps audit: missed steps and steps taken out of the required order."""

from __future__ import annotations

import pytest

from unisono.audit.steps import audit_steps

# ABCD's return_size procedure, as required elements
RETURN = ("pull_up_account", "validate_purchase", "membership", "enter_details", "update_order")


def test_every_step_in_order_is_complete_and_in_order() -> None:
    audit = audit_steps(RETURN, RETURN)
    assert (audit.complete, audit.in_order) == (True, True)
    assert (audit.missed, audit.out_of_order, audit.extra) == ((), (), ())


def test_a_step_never_taken_is_missed_and_the_rest_stays_in_order() -> None:
    # ABCD conversation 3592: the membership level was asked in words, the button never used
    taken = ["pull_up_account", "validate_purchase", "enter_details", "notify_team"]
    audit = audit_steps(RETURN, taken)
    assert audit.missed == ("membership", "update_order")
    assert audit.in_order
    assert audit.extra == ("notify_team",)
    assert audit.done == ("pull_up_account", "validate_purchase", "enter_details")


def test_two_steps_swapped_report_the_one_taken_too_late() -> None:
    audit = audit_steps(["a", "b"], ["b", "a"])
    assert audit.complete
    assert audit.out_of_order == ("a",)


def test_one_step_taken_too_early_is_the_only_one_out_of_order() -> None:
    # c before a and b: moving c alone restores the order, so only c is reported
    audit = audit_steps(["a", "b", "c"], ["c", "a", "b"])
    assert audit.out_of_order == ("c",)


@pytest.mark.parametrize(
    ("taken", "out_of_order"),
    [
        (["a", "a", "b"], ()),  # a repeat is not a new step
        (["a", "b", "a"], ()),  # the first occurrence counts
        (["b", "x", "c", "a"], ("a",)),
        (["d", "c", "b", "a"], ("c", "b", "a")),
    ],
)
def test_repeats_and_reversals(taken: list[str], out_of_order: tuple[str, ...]) -> None:
    assert audit_steps(["a", "b", "c", "d"], taken).out_of_order == out_of_order


def test_missed_and_out_of_order_together() -> None:
    audit = audit_steps(["a", "b", "c", "d"], ["c", "b"])
    assert audit.missed == ("a", "d")
    assert audit.out_of_order == ("b",)
    assert (audit.complete, audit.in_order) == (False, False)


def test_nothing_required_is_always_complete() -> None:
    audit = audit_steps([], ["search_faq"])
    assert (audit.complete, audit.in_order, audit.extra) == (True, True, ("search_faq",))


def test_nothing_taken_misses_every_step_but_breaks_no_order() -> None:
    audit = audit_steps(RETURN, [])
    assert audit.missed == RETURN
    assert audit.in_order
