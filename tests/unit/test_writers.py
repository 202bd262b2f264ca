import threading

from graphmodel.graph.writers import by_writers, ranges


def test_ranges_cover_every_row_once_in_order():
    assert ranges(10, 3) == [(0, 3), (3, 6), (6, 10)]
    assert ranges(1, 2) == [(0, 0), (0, 1)]
    assert ranges(0, 2) == [(0, 0), (0, 0)]
    assert ranges(5, 0) == [(0, 5)]


def test_by_writers_writes_every_share_on_a_writer_thread():
    seen: list[tuple[int, int, str]] = []
    lock = threading.Lock()

    def write(start: int, stop: int) -> None:
        with lock:
            seen.append((start, stop, threading.current_thread().name))

    by_writers(7, write, 2)
    assert sorted((a, b) for a, b, _ in seen) == [(0, 3), (3, 7)]
    assert all(name.startswith("graphmodel-write") for _, _, name in seen)
