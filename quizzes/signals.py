from django.dispatch import Signal

# Sent once, after the transaction commits, when a graded attempt passes (after marking, if the
# attempt waited for it). Arguments: user, quiz, attempt, lesson_id (None unless the attempt was
# started from a lesson's quiz block). Courses listen to it to complete the lesson.
quiz_passed = Signal()
