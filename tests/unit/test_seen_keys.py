"""The keys a load has met: repeats within a batch, across batches and across merges."""

from graphmodel.loaders import seen_keys
from graphmodel.loaders.seen_keys import SeenKeys


def key(n: int, tail: str = "0" * 16) -> str:
    return f"{n:016x}{tail}"


def test_member_ids_and_digests_alike():
    seen = SeenKeys()
    assert seen.repeated(["m1", "阿明", key(1), "m1"]) == [False, False, False, True]


def test_repeats_within_one_list_and_across_calls():
    seen = SeenKeys()
    assert seen.repeated([key(1), key(2), key(1)]) == [False, False, True]
    assert seen.repeated([key(3), key(2)]) == [False, True]
    assert len(seen) == 3


def test_keys_are_remembered_after_they_are_merged_into_the_sorted_array(monkeypatch):
    monkeypatch.setattr(seen_keys, "MERGE_EVERY", 4)
    monkeypatch.setattr(seen_keys, "fingerprint", lambda k: int(k[:16], 16))  # the extremes of 64 bits
    seen = SeenKeys()
    first = [key(n) for n in (90, 5, 2**64 - 1, 40, 7)]  # unsorted, the largest 64-bit value among them
    assert seen.repeated(first) == [False] * 5
    assert seen.repeated([key(1), key(6), key(95)]) == [False] * 3  # merged again, between and around
    assert seen.repeated(first + [key(1), key(6), key(95), key(0), key(100)]) == [True] * 8 + [False, False]
    assert len(seen) == 10


def test_keys_with_the_same_fingerprint_count_as_repeats(monkeypatch):
    # the cautious answer: the later row is merged against the graph, never dropped
    monkeypatch.setattr(seen_keys, "fingerprint", lambda k: int(k[:16], 16))
    seen = SeenKeys()
    assert seen.repeated([key(7, "a" * 16), key(7, "b" * 16)]) == [False, True]
