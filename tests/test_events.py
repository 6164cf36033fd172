"""The event log's contract: a batch is checked whole against its kind, ids run per replicate,
and "none" stays -1 when rows are turned into ids."""

from __future__ import annotations

import numpy as np
import pytest

from packbond.core.context import _ids
from packbond.events import EventLog
from packbond.events.log import EVENT_COLUMNS


def test_a_batch_must_fill_exactly_the_roles_its_kind_declares() -> None:
    log = EventLog(1)
    one = np.zeros(1, dtype=np.int16)
    with pytest.raises(ValueError, match=r"needs its role 'wolf' \(actor\)"):
        log.emit("healed", 0, one)
    with pytest.raises(ValueError, match="declares no role in column 'target'"):
        log.emit("healed", 0, one, actor=[3], target=[4])
    with pytest.raises(ValueError, match="declares no detail"):
        log.emit("healed", 0, one, actor=[3], detail=[0])
    # The roles are checked even when nothing happened (an empty batch records nothing).
    with pytest.raises(ValueError, match=r"needs its role 'mate' \(target\)"):
        log.emit("jealous", 0, np.zeros(0, dtype=np.int16), actor=[])
    with pytest.raises(KeyError, match="unknown event kind 'howled'"):
        log.emit("howled", 0, one, actor=[3])
    assert log.total == 0


def test_a_detail_code_must_name_a_label_of_its_enum() -> None:
    log = EventLog(1)
    two = np.zeros(2, dtype=np.int16)
    for bad in ([0, 2], [-1, 1]):  # hunt_outcome has two labels: codes 0 and 1
        with pytest.raises(ValueError, match="detail code outside 'hunt_outcome'"):
            log.emit("hunt", 5, two, actor=[1, 2], detail=bad)
    log.emit("hunt", 5, two, actor=[1, 2], detail=[1, 0], value=[3.0, 0.0])
    ev = log.drain()
    assert ev["detail"].tolist() == [1, 0]
    assert ev["target"].tolist() == [-1, -1]  # a column not given is "none"
    assert np.isnan(ev["value"]).tolist() == [False, False]


def test_ids_run_per_replicate_in_emission_order() -> None:
    log = EventLog(3)
    first = log.emit("healed", 0, np.array([2, 0, 2, 1], dtype=np.int16), actor=[5, 6, 7, 8])
    second = log.emit("healed", 1, np.array([2, 2, 0], dtype=np.int16), actor=[1, 2, 3])
    assert first.tolist() == [0, 0, 1, 0]
    assert second.tolist() == [2, 3, 1]
    solo = EventLog(1)
    assert solo.emit("healed", 0, np.zeros(3, dtype=np.int16), actor=[1, 2, 3]).tolist() == [
        0,
        1,
        2,
    ]
    assert solo.emit("healed", 0, np.zeros(2, dtype=np.int16), actor=[4, 5]).tolist() == [3, 4]


def test_rows_become_ids_and_none_stays_none() -> None:
    column = np.array([10, 11, 12, 13], dtype=np.int32)
    assert _ids(column, np.array([2, -1, 0, -1])).tolist() == [12, -1, 10, -1]
    assert _ids(column, np.array([3, -1, 1], dtype=np.int32)).tolist() == [13, -1, 11]
    assert _ids(column, np.array([1, -1], dtype=np.int16)).tolist() == [11, -1]  # NumPy's way
    assert _ids(column, np.array([], dtype=np.int64)).tolist() == []
    one = _ids(column, np.int64(3))
    assert isinstance(one, np.ndarray) and one.tolist() == 13
    assert _ids(column, np.int64(-1)).tolist() == -1


def test_a_kind_with_details_needs_its_codes() -> None:
    log = EventLog(1)
    with pytest.raises(ValueError, match="needs a detail code from 'hunt_outcome'"):
        log.emit("hunt", 0, np.zeros(2, dtype=np.int16), actor=[1, 2])
    with pytest.raises(ValueError, match="detail code outside 'hunt_outcome'"):
        log.emit("hunt", 0, np.zeros(2, dtype=np.int16), actor=[1, 2], detail=2)
    assert log.total == 0


def test_the_log_keeps_what_was_emitted_as_it_was_then() -> None:
    """One value given for a batch is laid out for each of its events, and a caller that reuses
    or rewrites its arrays after emitting does not rewrite the log (the log lays out some
    columns only when drained)."""
    log = EventLog(2)
    actors = np.array([4, 5, 6], dtype=np.int32)
    value = np.array(2.5)
    detail = np.array([1, 0, 1], dtype=np.int16)
    rep = np.array([1, 0, 1], dtype=np.int16)
    first = log.emit("hunt", 3, rep, actor=actors, pack=7, detail=detail, value=value)
    second = log.emit("healed", 4, np.zeros(2, dtype=np.int16), actor=actors[:2], cause=first[:2])
    actors[:] = -9
    value[...] = -1.0
    detail[:] = 0
    first[:] = 99
    ev = log.drain()
    assert ev["event_id"].tolist() == [0, 0, 1, 1, 2]
    assert second.tolist() == [1, 2]
    assert ev["replicate"].tolist() == [1, 0, 1, 0, 0]
    assert ev["day"].tolist() == [3, 3, 3, 4, 4]
    assert ev["actor"].tolist() == [4, 5, 6, 4, 5]
    assert ev["pack"].tolist() == [7, 7, 7, -1, -1]
    assert ev["value"][:3].tolist() == [2.5, 2.5, 2.5] and np.isnan(ev["value"][3:]).all()
    assert ev["detail"].tolist() == [1, 0, 1, -1, -1]
    assert ev["cause"].tolist() == [-1, -1, -1, 0, 0]
    assert {c: a.dtype for c, a in ev.items()} == {c: np.dtype(t) for c, t in EVENT_COLUMNS.items()}
    assert all(len(c) == 0 for c in log.drain().values())  # drained once, forgotten
