from .services import session_progress_claim
from .session_progress import SESSION_KEY


def claim_session_progress(sender, request, user, **kwargs):
    """On sign-in or sign-up, lessons done before signing in become the account's."""
    session = getattr(request, "session", None)
    if session is not None and session.get(SESSION_KEY):
        session_progress_claim(session=session, user=user)
