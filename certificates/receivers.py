def issue_on_course_completion(sender, enrolment, user, course, **kwargs):
    """course_completed arrives after the transaction commits: queue the certificate."""
    from .tasks import certificate_issue_task  # noqa: PLC0415

    if course.certificate_template_id:
        certificate_issue_task.enqueue(enrolment.pk)
