"""Trace memory blocks allocated by Python code (arenapy's tracemalloc).

The tracing itself is done by the native module _tracemalloc, on the interpreter's own heap:
sizes are the sizes arenapy's allocator was asked for, which differ from CPython's. The classes
here follow CPython 3.11's tracemalloc: Frame, Traceback, Trace, Snapshot, Statistic,
StatisticDiff, Filter and DomainFilter, with the same str() forms and orderings.
"""

from collections.abc import Iterable, Sequence
from functools import total_ordering
from _tracemalloc import (
    start, stop, is_tracing, get_traced_memory, reset_peak, clear_traces,
    get_traceback_limit, get_tracemalloc_memory, _get_traces, _get_object_traceback,
)

__all__ = [
    "start", "stop", "is_tracing", "get_traced_memory", "reset_peak", "clear_traces",
    "get_traceback_limit", "get_tracemalloc_memory", "get_object_traceback",
    "take_snapshot", "Snapshot", "Statistic", "StatisticDiff", "Frame", "Traceback",
    "Trace", "Filter", "DomainFilter", "BaseFilter",
]


def _format_size(size, sign):
    # Three significant figures below 100 of a unit, whole numbers below 10 * 1024.
    for unit in ("B", "KiB", "MiB", "GiB", "TiB"):
        if abs(size) < 100 and unit != "B":
            return ("%+.1f %s" if sign else "%.1f %s") % (size, unit)
        if abs(size) < 10 * 1024 or unit == "TiB":
            return ("%+.0f %s" if sign else "%.0f %s") % (size, unit)
        size /= 1024


class Statistic:
    """Memory allocated at one traceback (or line, or file): total size and block count."""

    __slots__ = ("traceback", "size", "count")

    def __init__(self, traceback, size, count):
        self.traceback = traceback
        self.size = size
        self.count = count

    def __hash__(self):
        return hash((self.traceback, self.size, self.count))

    def __eq__(self, other):
        if not isinstance(other, Statistic):
            return NotImplemented
        return (self.traceback == other.traceback and self.size == other.size
                and self.count == other.count)

    def __str__(self):
        text = "%s: size=%s, count=%i" % (
            self.traceback, _format_size(self.size, False), self.count)
        if self.count:
            text += ", average=%s" % _format_size(self.size / self.count, False)
        return text

    def __repr__(self):
        return "<Statistic traceback=%r size=%i count=%i>" % (
            self.traceback, self.size, self.count)

    def _sort_key(self):
        return (self.size, self.count, self.traceback)


class StatisticDiff:
    """The difference of one statistic between an old and a new snapshot."""

    __slots__ = ("traceback", "size", "size_diff", "count", "count_diff")

    def __init__(self, traceback, size, size_diff, count, count_diff):
        self.traceback = traceback
        self.size = size
        self.size_diff = size_diff
        self.count = count
        self.count_diff = count_diff

    def __hash__(self):
        return hash((self.traceback, self.size, self.size_diff, self.count, self.count_diff))

    def __eq__(self, other):
        if not isinstance(other, StatisticDiff):
            return NotImplemented
        return (self.traceback == other.traceback and self.size == other.size
                and self.size_diff == other.size_diff and self.count == other.count
                and self.count_diff == other.count_diff)

    def __str__(self):
        text = "%s: size=%s (%s), count=%i (%+i)" % (
            self.traceback, _format_size(self.size, False),
            _format_size(self.size_diff, True), self.count, self.count_diff)
        if self.count:
            text += ", average=%s" % _format_size(self.size / self.count, False)
        return text

    def __repr__(self):
        return "<StatisticDiff traceback=%r size=%i (%+i) count=%i (%+i)>" % (
            self.traceback, self.size, self.size_diff, self.count, self.count_diff)

    def _sort_key(self):
        return (abs(self.size_diff), self.size, abs(self.count_diff), self.count,
                self.traceback)


def _diff_statistics(old_group, new_group):
    diffs = []
    old_group = dict(old_group)
    for traceback, stat in new_group.items():
        previous = old_group.pop(traceback, None)
        if previous is None:
            diffs.append(StatisticDiff(traceback, stat.size, stat.size, stat.count, stat.count))
        else:
            diffs.append(StatisticDiff(traceback, stat.size, stat.size - previous.size,
                                       stat.count, stat.count - previous.count))
    for traceback, stat in old_group.items():
        diffs.append(StatisticDiff(traceback, 0, -stat.size, 0, -stat.count))
    return diffs


@total_ordering
class Frame:
    """One frame of a traceback: a file name and a line number."""

    __slots__ = ("_frame",)

    def __init__(self, frame):
        self._frame = frame

    @property
    def filename(self):
        return self._frame[0]

    @property
    def lineno(self):
        return self._frame[1]

    def __eq__(self, other):
        if not isinstance(other, Frame):
            return NotImplemented
        return self._frame == other._frame

    def __lt__(self, other):
        if not isinstance(other, Frame):
            return NotImplemented
        return self._frame < other._frame

    def __hash__(self):
        return hash(self._frame)

    def __str__(self):
        return "%s:%s" % (self.filename, self.lineno)

    def __repr__(self):
        return "<Frame filename=%r lineno=%r>" % (self.filename, self.lineno)


def _source_line(filename, lineno):
    try:
        with open(filename) as f:
            for i, line in enumerate(f, 1):
                if i == lineno:
                    return line
    except Exception:
        pass
    return ""


@total_ordering
class Traceback(Sequence):
    """The frames where a block was allocated, oldest first (CPython 3.7+ order)."""

    __slots__ = ("_frames", "_total_nframe")

    def __init__(self, frames, total_nframe=None):
        # _tracemalloc gives the most recent frame first.
        self._frames = tuple(reversed(frames))
        self._total_nframe = total_nframe

    @property
    def total_nframe(self):
        return self._total_nframe

    def __len__(self):
        return len(self._frames)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return tuple(Frame(trace) for trace in self._frames[index])
        return Frame(self._frames[index])

    def __contains__(self, frame):
        return frame._frame in self._frames

    def __hash__(self):
        return hash(self._frames)

    def __eq__(self, other):
        if not isinstance(other, Traceback):
            return NotImplemented
        return self._frames == other._frames

    def __lt__(self, other):
        if not isinstance(other, Traceback):
            return NotImplemented
        return self._frames < other._frames

    def __str__(self):
        return str(self[0])

    def __repr__(self):
        s = "<Traceback %r" % (tuple(self),)
        if self._total_nframe is None:
            s += ">"
        else:
            s += " total_nframe=%s>" % self.total_nframe
        return s

    def format(self, limit=None, most_recent_first=False):
        lines = []
        if limit is not None:
            frame_slice = self[-limit:] if limit > 0 else self[:limit]
        else:
            frame_slice = self
        if most_recent_first:
            frame_slice = reversed(frame_slice)
        for frame in frame_slice:
            lines.append('  File "%s", line %s' % (frame.filename, frame.lineno))
            line = _source_line(frame.filename, frame.lineno).strip()
            if line:
                lines.append("    %s" % line)
        return lines


def get_object_traceback(obj):
    """The traceback where obj was allocated, or None if it was not traced."""
    frames = _get_object_traceback(obj)
    if frames is not None:
        return Traceback(frames)
    return None


class Trace:
    """One traced block: domain, size and traceback."""

    __slots__ = ("_trace",)

    def __init__(self, trace):
        self._trace = trace

    @property
    def domain(self):
        return self._trace[0]

    @property
    def size(self):
        return self._trace[1]

    @property
    def traceback(self):
        return Traceback(*self._trace[2:])

    def __eq__(self, other):
        if not isinstance(other, Trace):
            return NotImplemented
        return self._trace == other._trace

    def __hash__(self):
        return hash(self._trace)

    def __str__(self):
        return "%s: %s" % (self.traceback, _format_size(self.size, False))

    def __repr__(self):
        return "<Trace domain=%s size=%s, traceback=%r>" % (
            self.domain, _format_size(self.size, False), self.traceback)


class _Traces(Sequence):
    def __init__(self, traces):
        Sequence.__init__(self)
        self._traces = traces

    def __len__(self):
        return len(self._traces)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return tuple(Trace(trace) for trace in self._traces[index])
        return Trace(self._traces[index])

    def __contains__(self, trace):
        return trace._trace in self._traces

    def __eq__(self, other):
        if not isinstance(other, _Traces):
            return NotImplemented
        return self._traces == other._traces

    def __repr__(self):
        return "<Traces len=%s>" % len(self)


def _normalize_filename(filename):
    if filename.lower().endswith(".pyc"):
        filename = filename[:-1]
    return filename


def _glob_match(name, pattern):
    # fnmatch-style '*' and '?' (no character classes), iteratively with backtracking.
    n = p = 0
    star = -1
    mark = 0
    while n < len(name):
        if p < len(pattern) and (pattern[p] == "?" or pattern[p] == name[n]):
            n += 1
            p += 1
        elif p < len(pattern) and pattern[p] == "*":
            star = p
            mark = n
            p += 1
        elif star != -1:
            p = star + 1
            mark += 1
            n = mark
        else:
            return False
    while p < len(pattern) and pattern[p] == "*":
        p += 1
    return p == len(pattern)


class BaseFilter:
    def __init__(self, inclusive):
        self.inclusive = inclusive

    def _match(self, trace):
        raise NotImplementedError


class Filter(BaseFilter):
    """Keep (inclusive) or drop traces whose frames match a file-name pattern and line."""

    def __init__(self, inclusive, filename_pattern, lineno=None, all_frames=False, domain=None):
        super().__init__(inclusive)
        self.inclusive = inclusive
        self._filename_pattern = _normalize_filename(filename_pattern)
        self.lineno = lineno
        self.all_frames = all_frames
        self.domain = domain

    @property
    def filename_pattern(self):
        return self._filename_pattern

    def _match_frame_impl(self, filename, lineno):
        filename = _normalize_filename(filename)
        if not _glob_match(filename, self._filename_pattern):
            return False
        if self.lineno is None:
            return True
        return lineno == self.lineno

    def _match_frame(self, filename, lineno):
        return self._match_frame_impl(filename, lineno) ^ (not self.inclusive)

    def _match_traceback(self, traceback):
        if self.all_frames:
            if any(self._match_frame_impl(filename, lineno) for filename, lineno in traceback):
                return self.inclusive
            return not self.inclusive
        filename, lineno = traceback[0]
        return self._match_frame(filename, lineno)

    def _match(self, trace):
        domain, size, traceback, total_nframe = trace
        res = self._match_traceback(traceback)
        if self.domain is not None:
            if self.inclusive:
                return res and (domain == self.domain)
            return res or (domain != self.domain)
        return res


class DomainFilter(BaseFilter):
    """Keep (inclusive) or drop the traces of one address-space domain."""

    def __init__(self, inclusive, domain):
        super().__init__(inclusive)
        self._domain = domain

    @property
    def domain(self):
        return self._domain

    def _match(self, trace):
        domain, size, traceback, total_nframe = trace
        return (domain == self.domain) ^ (not self.inclusive)


class Snapshot:
    """The traces of the memory blocks allocated by Python at one moment."""

    def __init__(self, traces, traceback_limit):
        self.traces = _Traces(traces)
        self.traceback_limit = traceback_limit

    def _filter_trace(self, include_filters, exclude_filters, trace):
        if include_filters:
            if not any(f._match(trace) for f in include_filters):
                return False
        if exclude_filters:
            if any(not f._match(trace) for f in exclude_filters):
                return False
        return True

    def filter_traces(self, filters):
        if not isinstance(filters, (list, tuple)):
            raise TypeError("filters must be a list of filters, not %s" % type(filters).__name__)
        if filters:
            include_filters = [f for f in filters if f.inclusive]
            exclude_filters = [f for f in filters if not f.inclusive]
            new_traces = [trace for trace in self.traces._traces
                          if self._filter_trace(include_filters, exclude_filters, trace)]
        else:
            new_traces = self.traces._traces.copy()
        return Snapshot(new_traces, self.traceback_limit)

    def _group_by(self, key_type, cumulative):
        if key_type not in ("traceback", "filename", "lineno"):
            raise ValueError("unknown key_type: %r" % (key_type,))
        if cumulative and key_type not in ("lineno", "filename"):
            raise ValueError("cumulative mode cannot by used with key type %r" % key_type)
        stats = {}
        tracebacks = {}
        if not cumulative:
            for trace in self.traces._traces:
                domain, size, trace_traceback, total_nframe = trace
                try:
                    traceback = tracebacks[trace_traceback]
                except KeyError:
                    if key_type == "traceback":
                        frames = trace_traceback
                    elif key_type == "lineno":
                        frames = trace_traceback[:1]
                    else:
                        frames = ((trace_traceback[0][0], 0),)
                    traceback = Traceback(frames)
                    tracebacks[trace_traceback] = traceback
                stat = stats.get(traceback)
                if stat is not None:
                    stat.size += size
                    stat.count += 1
                else:
                    stats[traceback] = Statistic(traceback, size, 1)
        else:
            for trace in self.traces._traces:
                domain, size, trace_traceback, total_nframe = trace
                for frame in trace_traceback:
                    try:
                        traceback = tracebacks[frame]
                    except KeyError:
                        if key_type == "lineno":
                            frames = (frame,)
                        else:
                            frames = ((frame[0], 0),)
                        traceback = Traceback(frames)
                        tracebacks[frame] = traceback
                    stat = stats.get(traceback)
                    if stat is not None:
                        stat.size += size
                        stat.count += 1
                    else:
                        stats[traceback] = Statistic(traceback, size, 1)
        return stats

    def statistics(self, key_type, cumulative=False):
        """Statistics grouped by key_type ('traceback', 'filename' or 'lineno'), biggest
        first."""
        grouped = self._group_by(key_type, cumulative)
        statistics = list(grouped.values())
        statistics.sort(reverse=True, key=Statistic._sort_key)
        return statistics

    def compare_to(self, old_snapshot, key_type, cumulative=False):
        """StatisticDiff of this snapshot against an older one, biggest change first."""
        new_group = self._group_by(key_type, cumulative)
        old_group = old_snapshot._group_by(key_type, cumulative)
        statistics = _diff_statistics(old_group, new_group)
        statistics.sort(reverse=True, key=StatisticDiff._sort_key)
        return statistics


def take_snapshot():
    """A snapshot of the traces of the blocks allocated by Python."""
    if not is_tracing():
        raise RuntimeError("the tracemalloc module must be tracing memory allocations to take a snapshot")
    traces = _get_traces()
    traceback_limit = get_traceback_limit()
    return Snapshot(traces, traceback_limit)
