"""Outcomes listens to courses: the verdicts given in lessons' fact checks."""

from courses.signals import fact_check_answered

from .services import verdict_record


def record_fact_check_verdict(sender, request, lesson, block_id, chosen, is_correct, **kwargs):
    verdict_record(
        request=request, lesson=lesson, block_id=block_id, chosen=chosen, is_correct=is_correct
    )


def connect() -> None:
    fact_check_answered.connect(record_fact_check_verdict, dispatch_uid="outcomes.verdicts")
