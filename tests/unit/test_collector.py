"""Deferred full collections: the collector's thresholds inside, as they were after."""

import gc
import threading

import pytest

from graphmodel.core.collector import THRESHOLDS, full_collections_deferred


@pytest.fixture
def thresholds():
    before = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    yield
    gc.set_threshold(*before)


def test_the_thresholds_are_raised_inside_and_as_before_after(thresholds):
    with full_collections_deferred():
        assert gc.get_threshold() == THRESHOLDS
    assert gc.get_threshold() == (700, 10, 10)


def test_the_collector_stays_enabled(thresholds):
    with full_collections_deferred():
        assert gc.isenabled()


def test_the_thresholds_come_back_after_an_error(thresholds):
    with pytest.raises(RuntimeError), full_collections_deferred():
        raise RuntimeError("a failed load")
    assert gc.get_threshold() == (700, 10, 10)


def test_nested_the_thresholds_come_back_when_the_outer_one_ends(thresholds):
    @full_collections_deferred()
    def inner() -> tuple[int, int, int]:
        return gc.get_threshold()

    with full_collections_deferred():
        assert inner() == THRESHOLDS
        assert gc.get_threshold() == THRESHOLDS
    assert gc.get_threshold() == (700, 10, 10)


def test_on_two_threads_the_thresholds_come_back_when_the_last_one_ends(thresholds):
    first_inside, second_inside, first_done = threading.Event(), threading.Event(), threading.Event()

    def first():
        with full_collections_deferred():
            first_inside.set()
            second_inside.wait(5)
        first_done.set()

    worker = threading.Thread(target=first)
    worker.start()
    first_inside.wait(5)
    with full_collections_deferred():
        second_inside.set()
        first_done.wait(5)
        assert gc.get_threshold() == THRESHOLDS  # the first ended, this one still runs
    worker.join(5)
    assert gc.get_threshold() == (700, 10, 10)
