"""The order drills are taught in, and which session is "the warm-up", derived from the data.

A drill's regressions (easier drills) come before it and its progressions (harder drills)
after it. Those links make a directed graph over the drills; the teaching order is a
topological sort of it (Kahn's algorithm). Where the links leave a choice, the easier level
comes first, then the drill more drills build on (a foundation before a side branch: the
knee-lift walk, which leads to the whole A-series, before butt kicks), then the name A-Z, so
the order is stable and never follows file names by accident. Links that contradict each
other (A before B before A: a cycle) say nothing about the drills on that cycle, so level
and name order those; the build does not fail on them.

Plain functions over validated records, shared by the home page and the drill finder.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Mapping
from typing import get_args

from ..data.models import Drill, Level, Session

LEVELS: tuple[str, ...] = get_args(Level)  # easiest first


def _linked(variations: Iterable) -> list[str]:
    """The drill slugs among a drill's progressions or regressions (text entries have none)."""
    return [slug for item in variations if (slug := getattr(item, "drill", None))]


def _after(drills: Mapping[str, Drill]) -> dict[str, set[str]]:
    """slug -> the drills that must come after it, from both sides of every link."""
    after: dict[str, set[str]] = {slug: set() for slug in drills}
    for slug, drill in drills.items():
        for easier in _linked(drill.regressions):
            if easier in drills and easier != slug:
                after[easier].add(slug)
        for harder in _linked(drill.progressions):
            if harder in drills and harder != slug:
                after[slug].add(harder)
    return after


def _cycles(after: Mapping[str, set[str]]) -> dict[str, int]:
    """slug -> its strongly connected component: drills on one cycle share a number.
    Tarjan's algorithm, iterative (a chain of a thousand drills must not hit recursion limits)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    component: dict[str, int] = {}
    stack: list[str] = []
    for root in after:
        if root in index:
            continue
        work = [(root, iter(sorted(after[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        while work:
            node, successors = work[-1]
            step = next(successors, None)
            if step is not None:
                if step not in index:
                    index[step] = low[step] = len(index)
                    stack.append(step)
                    work.append((step, iter(sorted(after[step]))))
                elif step not in component:
                    low[node] = min(low[node], index[step])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                number = len(set(component.values()))
                while True:
                    member = stack.pop()
                    component[member] = number
                    if member == node:
                        break
    return component


def _builds_on(after: Mapping[str, set[str]]) -> dict[str, int]:
    """slug -> how many drills come after it, directly or further up its ladders. ``after``
    has no cycles. Each drill's set is a bitmask (an int), so a long chain stays cheap."""
    bit = {slug: 1 << i for i, slug in enumerate(after)}
    reach: dict[str, int] = {}
    for root in after:
        work = [root]
        while work:  # depth first, without recursion: a chain may be a thousand drills long
            slug = work[-1]
            pending = [t for t in after[slug] if t not in reach]
            if pending:
                work.extend(pending)
                continue
            work.pop()
            if slug not in reach:
                mask = 0
                for t in after[slug]:
                    mask |= reach[t] | bit[t]
                reach[slug] = mask
    return {slug: mask.bit_count() for slug, mask in reach.items()}


def _drill_key(drills: Mapping[str, Drill], builds_on: Mapping[str, int], slug: str) -> tuple:
    drill = drills[slug]
    return (LEVELS.index(drill.level), -builds_on[slug], drill.name.casefold(), slug)


def teaching_order(drills: Mapping[str, Drill]) -> list[str]:
    """Every drill slug once, easier drills before the drills they lead to."""
    after = _after(drills)
    component = _cycles(after)
    after = {s: {t for t in ts if component[t] != component[s]} for s, ts in after.items()}
    builds_on = _builds_on(after)
    waiting_on = {slug: 0 for slug in drills}
    for successors in after.values():
        for slug in successors:
            waiting_on[slug] += 1
    ready = [_drill_key(drills, builds_on, s) for s, count in waiting_on.items() if count == 0]
    heapq.heapify(ready)
    order: list[str] = []
    while ready:
        slug = heapq.heappop(ready)[-1]
        order.append(slug)
        for successor in after[slug]:
            waiting_on[successor] -= 1
            if waiting_on[successor] == 0:
                heapq.heappush(ready, _drill_key(drills, builds_on, successor))
    return order


def session_order(sessions: Mapping[str, Session]) -> list[str]:
    """Sessions easiest level first, then by name: the first one is the home page's warm-up."""
    return sorted(sessions, key=lambda s: (LEVELS.index(sessions[s].level), sessions[s].name))
