from django.dispatch import Signal

# Sent once, after the transaction commits, when a learner's enrolment becomes complete.
# Arguments: enrolment, user, course. Certificates listen to it.
course_completed = Signal()

# Sent when a learner (an account or a visitor) answers a lesson's fact check through its form.
# Arguments: request, lesson, block_id, chosen (the verdict value), is_correct. Outcomes records
# it to know how hard each fact check is.
fact_check_answered = Signal()

# Sent after the transaction commits when a coordinator or trainer records a completion done
# elsewhere (courses.assignments.manual). Arguments: enrolment, user, course, certificate (True
# when the course gives its certificate for such completions). Certificates listen to it.
manual_completion_recorded = Signal()
