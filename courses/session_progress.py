"""Progress of visitors without an account, kept in their session until they sign up or in.

Shape: {"<course id>": {"done": [lesson ids], "last": lesson id}} under SESSION_KEY.
"""

from dataclasses import dataclass, field

SESSION_KEY = "courses.progress"


@dataclass
class SessionCourseProgress:
    done: set[int] = field(default_factory=set)
    last: int | None = None


def session_progress_get(session, course_id: int) -> SessionCourseProgress:
    entry = session.get(SESSION_KEY, {}).get(str(course_id))
    if not entry:
        return SessionCourseProgress()
    return SessionCourseProgress(done=set(entry.get("done", [])), last=entry.get("last"))


def session_progress_all(session) -> dict[int, SessionCourseProgress]:
    return {
        int(course_id): SessionCourseProgress(
            done=set(entry.get("done", [])), last=entry.get("last")
        )
        for course_id, entry in session.get(SESSION_KEY, {}).items()
    }


def session_lesson_complete(session, *, course_id: int, lesson_id: int) -> None:
    progress = session.get(SESSION_KEY, {})
    entry = progress.setdefault(str(course_id), {"done": [], "last": None})
    if lesson_id not in entry["done"]:
        entry["done"].append(lesson_id)
    entry["last"] = lesson_id
    session[SESSION_KEY] = progress


def session_lesson_visit(session, *, course_id: int, lesson_id: int) -> None:
    """Remember the last lesson, but only for a visitor who already keeps progress here (an
    empty session stays empty so that the page can still come from the cache)."""
    progress = session.get(SESSION_KEY)
    if not progress or str(course_id) not in progress:
        return
    if progress[str(course_id)].get("last") != lesson_id:
        progress[str(course_id)]["last"] = lesson_id
        session[SESSION_KEY] = progress


def session_progress_clear(session) -> None:
    session.pop(SESSION_KEY, None)
