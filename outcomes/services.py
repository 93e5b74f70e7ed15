"""Writes: the instrument, taking part, a test taken, a fact-check verdict, reminders."""

import secrets

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts.roles import user_is_civil_servant

from . import instrument_data
from .models import (
    Answer,
    Audience,
    ExerciseVerdict,
    FormOrder,
    Headline,
    Instrument,
    MeasuredCourse,
    Participation,
    Phase,
    Sitting,
)
from .rules import RETENTION_AFTER
from .scoring import scores_from_answers
from .selectors import SESSION_KEY, headline_list

VISITOR_KEY = "outcomes.visitor"
MESSAGE_ANSWER_EVERY_HEADLINE = _("Answer every headline: real or fake.")
MESSAGE_ALREADY_TAKEN = _("You have already taken this test.")


@transaction.atomic
def instrument_load() -> Instrument:
    """The headline test of instrument_data.py (created or brought up to date)."""
    instrument, _created = Instrument.objects.update_or_create(
        key=instrument_data.INSTRUMENT_KEY, defaults={"title": instrument_data.INSTRUMENT_TITLE}
    )
    positions = {"A": 0, "B": 0}
    for form, is_real, text_en, text_uz, text_ru, source in instrument_data.HEADLINES:
        positions[form] += 1
        Headline.objects.update_or_create(
            instrument=instrument,
            form=form,
            position=positions[form],
            defaults={
                "is_real": is_real,
                "text_en": text_en,
                "text_uz": text_uz,
                "text_ru": text_ru,
                "source": source,
            },
        )
    return instrument


def form_order_next(measured: MeasuredCourse) -> str:
    """Counterbalancing: the order fewer real participants of this course have had so far
    (A before B on a tie), so that half take form A first and half form B."""
    counts = Participation.objects.filter(measured_course=measured, simulated=False).aggregate(
        ab=Count("pk", filter=Q(form_order=FormOrder.AB)),
        ba=Count("pk", filter=Q(form_order=FormOrder.BA)),
    )
    return FormOrder.AB if counts["ab"] <= counts["ba"] else FormOrder.BA


def _audience(user) -> str:
    return Audience.CIVIL_SERVANT if user_is_civil_servant(user) else Audience.PUBLIC


@transaction.atomic
def participation_start(
    request, measured: MeasuredCourse, *, pre_skipped=False, form_order: str | None = None
) -> Participation:
    """The reader takes part: their language, script and audience are noted (for the report's
    cells), and a visitor's session keeps the participation's token."""
    language = (get_language() or "uz").split("-")[0]
    user = request.user if request.user.is_authenticated else None
    participation = Participation.objects.create(
        measured_course=measured,
        user=user,
        language=language,
        script=getattr(request, "uzbek_script", "latn") if language == "uz" else "",
        audience=_audience(request.user),
        form_order=form_order if form_order in FormOrder.values else form_order_next(measured),
        pre_skipped=pre_skipped,
    )
    if user is None:
        held = request.session.get(SESSION_KEY, {})
        held[str(measured.pk)] = participation.token
        request.session[SESSION_KEY] = held
    return participation


@transaction.atomic
def sitting_record(*, participation: Participation, phase: str, said_real: dict[int, bool]):
    """Score and keep one test: ``said_real`` maps each headline id of the phase's form to the
    answer. The test after the course starts the four weeks to the retention test."""
    headlines = headline_list(participation.measured_course, participation.form_for(phase))
    if not headlines or {h.pk for h in headlines} != set(said_real):
        raise ValidationError(MESSAGE_ANSWER_EVERY_HEADLINE, code="incomplete")
    scores = scores_from_answers((h.is_real, said_real[h.pk]) for h in headlines)
    now = timezone.now()
    try:
        with transaction.atomic():
            sitting = Sitting.objects.create(
                participation=participation,
                phase=phase,
                form=participation.form_for(phase),
                real_items=scores.real_items,
                fake_items=scores.fake_items,
                real_said_real=scores.real_detection,
                fake_said_fake=scores.fake_detection,
                finished_at=now,
            )
    except IntegrityError as error:
        raise ValidationError(MESSAGE_ALREADY_TAKEN, code="taken") from error
    Answer.objects.bulk_create(
        Answer(sitting=sitting, headline=h, said_real=said_real[h.pk]) for h in headlines
    )
    if phase == Phase.POST:
        participation.retention_due_at = now + RETENTION_AFTER
        participation.save(update_fields=["retention_due_at"])
    return sitting


def pre_test_skip(request, measured: MeasuredCourse, participation: Participation | None):
    if participation is None:
        return participation_start(request, measured, pre_skipped=True)
    if not participation.sittings.exists():
        participation.pre_skipped = True
        participation.save(update_fields=["pre_skipped"])
    return participation


def verdict_record(*, request, lesson, block_id: str, chosen: str, is_correct: bool) -> bool:
    """Keep the learner's first verdict on a fact check; True if this one was the first."""
    if request.user.is_authenticated:
        who = {"user": request.user}
    else:
        visitor = request.session.get(VISITOR_KEY)
        if not visitor:
            visitor = request.session[VISITOR_KEY] = secrets.token_urlsafe(16)
        who = {"visitor": visitor}
    try:
        with transaction.atomic():
            ExerciseVerdict.objects.create(
                lesson=lesson, block_id=block_id, chosen=chosen, is_correct=is_correct, **who
            )
    except IntegrityError:
        return False
    return True
