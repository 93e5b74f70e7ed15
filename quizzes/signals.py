from django.dispatch import Signal

# Sent once, after the transaction commits, when a graded attempt passes (after marking, if the
# attempt waited for it). Arguments: user, quiz, attempt, lesson_id (None unless the attempt was
# started from a lesson's quiz block). Courses listen to it to complete the lesson. A visitor's
# passed attempt is announced when an account claims it at sign-in (quizzes.claims).
quiz_passed = Signal()

# Sent inside the transaction that creates a new attempt, once its questions are stored (not when
# an open attempt is resumed). Argument: attempt. quizzes.tasks listens to queue the automatic
# submission of a timed attempt after commit.
attempt_started = Signal()
