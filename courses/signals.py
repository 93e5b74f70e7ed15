from django.dispatch import Signal

# Sent once, after the transaction commits, when a learner's enrolment becomes complete.
# Arguments: enrolment, user, course. Certificates listen to it.
course_completed = Signal()
