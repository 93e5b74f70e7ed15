"""Required training: courses assigned to organisations, and every learner's required courses.

* services.py: the writes. assignment_create; required_courses_refresh, the one function that
  works out which RequiredCourse rows should exist and creates, updates and deletes rows to
  match; progress (required_course_started / _completed) and recertification_start.
* selectors.py: the reads. The status computed in the query (status_q, status_expression), the
  learner's list, and the people of a subtree.
* coverage.py: who an assignment to an organisation subtree covers (subtree, positions, joining
  date kept across moves); shared with regulations' code assignments.
* rules.py: pure rules. Who may assign where, and how due dates and expiry follow from an
  assignment, a joining date and a completion.

Signal receivers (courses.assignment_receivers) and tasks (courses.tasks) call the services.
"""
