"""Run the same work in several threads released at the same moment (a double click, two tabs,
a retried task), each with its own database connection."""

import threading

from django.db import connection


def run_at_once(work, *, workers: int = 2) -> tuple[list, list]:
    """``work()`` in ``workers`` threads at once: what the calls returned, and what they raised."""
    barrier = threading.Barrier(workers)
    results, errors = [], []

    def worker():
        try:
            barrier.wait()
            results.append(work())
        except Exception as error:  # any failure: returned to the test, which asserts on it
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors
