"""A worker process's own copies of the anonymous pages it served from the shared cache.

A hit in ``core.caching`` costs one round trip to the shared cache for the content version and
the stored page. Measured on the 2-vCPU machine of docs/performance.md, that round trip to Redis
on loopback was 0.16 ms of a 0.6 ms hit. So each process keeps the entries it read or stored,
and trusts the content version it last read for ``MULOQOT_PAGE_CACHE_LOCAL_SECONDS`` (2 by
default with a shared cache such as Redis; 0, off, with an in-process one such as LocMemCache,
where it would only copy what is already here). Within those seconds a hit costs no round trip.

Publishing forgets every copy at once in the process that published (``forget``, called by
``core.caching.content_version_bump``); the other processes render afresh within those seconds,
when they next read the version. Entries stay keyed by the version they were made under, so a
copy is never served under a newer version. At most ``MAX_ENTRIES`` pages are kept, the least
recently served dropped first (a lesson is 10-60 KB: a few MB a process).
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict

from django.conf import settings

MAX_ENTRIES = 256
DEFAULT_SECONDS = 2
_IN_PROCESS_BACKENDS = ("locmem.LocMemCache", "dummy.DummyCache")


def local_seconds() -> float:
    configured = getattr(settings, "MULOQOT_PAGE_CACHE_LOCAL_SECONDS", None)
    if configured is not None:
        return float(configured)
    backend = settings.CACHES["default"]["BACKEND"]
    return 0 if backend.endswith(_IN_PROCESS_BACKENDS) else DEFAULT_SECONDS


class PageCopies:
    def __init__(self, max_entries: int = MAX_ENTRIES):
        self.max_entries = max_entries
        self._lock = threading.Lock()
        self._entries: OrderedDict[str, dict] = OrderedDict()
        self._version: int | None = None
        self._version_read_at = 0.0

    def version(self) -> int | None:
        """The content version as this process last read it, while it may still be trusted."""
        seconds = local_seconds()
        if self._version is None or seconds <= 0:
            return None
        if time.monotonic() - self._version_read_at >= seconds:
            return None
        return self._version

    def version_read(self, version: int) -> None:
        self._version, self._version_read_at = version, time.monotonic()

    def get(self, key: str, version: int) -> dict | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            if entry["version"] != version:
                del self._entries[key]
                return None
            self._entries.move_to_end(key)
            return entry

    def put(self, key: str, entry: dict) -> None:
        if local_seconds() <= 0:
            return
        with self._lock:
            self._entries[key] = entry
            self._entries.move_to_end(key)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)

    def forget(self) -> None:
        with self._lock:
            self._entries.clear()
            self._version = None

    def __len__(self) -> int:
        return len(self._entries)


copies = PageCopies()
