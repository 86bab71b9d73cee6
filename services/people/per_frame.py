"""One derived value per DataFrame, computed once while that frame lives: the desk's narrow view and the search keys.

A dataset's frames are never changed between loads, so a value computed from a frame stays true as long as the frame
object does; it is kept by the frame's identity and dropped with the frame (a weak reference), so no load's frames are
held on to. Values that depend on more than one frame, or on the dataset's version, belong in the shared derived
results (`services/reads/derived.py`), not here.
"""

from __future__ import annotations

import functools
import weakref
from collections.abc import Callable
from typing import Generic, TypeVar

import pandas as pd

T = TypeVar("T")


class PerFrame(Generic[T]):
    """`compute(frame)`, kept per frame object (used as a decorator)."""

    def __init__(self, compute: Callable[[pd.DataFrame], T]) -> None:
        self._compute = compute
        self._kept: dict[int, tuple[weakref.ref[pd.DataFrame], T]] = {}
        functools.update_wrapper(self, compute)

    def __call__(self, frame: pd.DataFrame) -> T:
        key = id(frame)
        kept = self._kept.get(key)
        if kept is not None and kept[0]() is frame:  # an id can be reused once its frame is gone
            return kept[1]
        value = self._compute(frame)
        self._kept[key] = (weakref.ref(frame, lambda _: self._kept.pop(key, None)), value)
        return value

    def __len__(self) -> int:
        """How many frames have a value kept (tests: a value goes with its frame)."""
        return len(self._kept)


def per_frame(compute: Callable[[pd.DataFrame], T]) -> PerFrame[T]:
    return PerFrame(compute)
