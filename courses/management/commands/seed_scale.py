"""A large data set for benchmarking required training and its compliance report.

    manage.py seed_scale --learners 100000 --organisations 500

Creates a tree of organisations (ministries → regions → districts), learners each with one
employment, five required courses assigned to every top organisation (so every learner has five
required courses), enrolments and completions in a realistic mix, then the required-course rows
through the same refresh the site uses. Runs once per database: it refuses to add a second set.
Never run it on a production database.
"""

import datetime
import random
import time

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from accounts.models import Employment, Organization, User
from core.models import HomePage
from courses.assignments.services import required_courses_refresh
from courses.models import Audience, CourseIndexPage, CoursePage, Enrolment, TrainingAssignment

PREFIX = "scale"
POSITIONS = ["Press secretary", "Specialist", "Head of department", "Spokesperson", "Clerk"]
# (title, fixed due in days from today or None, days after joining or None, recurrence months)
COURSES = [
    ("Scale: ethics in social media", -30, None, None),
    ("Scale: answering citizens online", 30, None, None),
    ("Scale: personal data", None, 60, None),
    ("Scale: crisis communication", 90, None, 12),
    ("Scale: fact-checking basics", None, 30, None),
]


class Command(BaseCommand):
    help = "Create a large data set of organisations, learners and required courses (benchmarks)."

    def add_arguments(self, parser):
        parser.add_argument("--learners", type=int, default=100_000)
        parser.add_argument("--organisations", type=int, default=500)
        parser.add_argument("--seed", type=int, default=2026, help="Random seed (repeatable).")

    def handle(self, *args, learners, organisations, seed, **options):
        if learners < 1 or organisations < 3:
            raise CommandError("Use at least 1 learner and 3 organisations.")
        if Organization.objects.filter(code__startswith=f"{PREFIX}-").exists():
            raise CommandError("This database already holds a scale data set.")
        rng = random.Random(seed)  # noqa: S311 - test data, not secrets
        started = time.monotonic()
        with transaction.atomic():
            leaves = self._organizations(organisations)
            self._log(f"{organisations} organisations", started)
            courses = self._courses()
            self._log(f"{len(courses)} courses", started)
            user_ids = self._learners(learners, leaves, rng)
            self._log(f"{learners} learners", started)
            self._enrolments(user_ids, courses, rng)
            self._log("enrolments", started)
            self._assignments(courses)
        counts = required_courses_refresh()
        self._log(f"{counts['created']} required courses", started)

    def _log(self, what: str, started: float) -> None:
        self.stdout.write(f"{time.monotonic() - started:7.1f} s  {what}")

    def _organizations(self, total: int) -> list[Organization]:
        """About a tenth of the organisations at the top, the rest spread below them in two
        levels: a realistic ministry → region → district shape."""
        tops = max(1, total // 50)
        middles = max(1, total // 10)
        created = 0
        top_nodes, middle_nodes, leaves = [], [], []
        for number in range(tops):
            top_nodes.append(
                Organization.add_root(
                    code=f"{PREFIX}-{created:04}", name=f"Ministry {number + 1:03}", kind="ministry"
                )
            )
            created += 1
        for number in range(min(middles, total - created)):
            parent = Organization.objects.get(pk=top_nodes[number % tops].pk)
            middle_nodes.append(
                parent.add_child(
                    code=f"{PREFIX}-{created:04}", name=f"Region {number + 1:03}", kind="region"
                )
            )
            created += 1
        number = 0
        while created < total:
            parent = Organization.objects.get(pk=middle_nodes[number % len(middle_nodes)].pk)
            leaves.append(
                parent.add_child(
                    code=f"{PREFIX}-{created:04}",
                    name=f"District {number + 1:04}",
                    kind="district",
                )
            )
            created += 1
            number += 1
        return leaves or middle_nodes or top_nodes

    def _courses(self) -> list[CoursePage]:
        home = HomePage.objects.filter(depth=2).first()
        if home is None:
            raise CommandError("No home page: run migrate first.")
        catalogue = CourseIndexPage.objects.child_of(home).first()
        if catalogue is None:
            catalogue = home.add_child(instance=CourseIndexPage(title="Courses", slug="courses"))
        courses = []
        for number, (title, _due, _days, _recurrence) in enumerate(COURSES):
            courses.append(
                catalogue.add_child(
                    instance=CoursePage(
                        title=title,
                        slug=f"{PREFIX}-course-{number}",
                        summary="A course of the benchmark data set.",
                        audience=Audience.CIVIL_SERVANTS,
                        validity_months=24 if number == 2 else None,
                    )
                )
            )
        return courses

    def _learners(self, count: int, leaves: list[Organization], rng) -> list[int]:
        password = make_password(None)  # unusable: these people never sign in
        today = timezone.localdate()
        users = [
            User(
                username=f"{PREFIX}-{number:06}",
                email=f"{PREFIX}-{number:06}@bench.muloqot.uz",
                full_name=f"Learner {number:06}",
                password=password,
            )
            for number in range(count)
        ]
        User.objects.bulk_create(users, batch_size=2000)
        ids = list(
            User.objects.filter(username__startswith=f"{PREFIX}-")
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        Employment.objects.bulk_create(
            (
                Employment(
                    user_id=user_id,
                    organization=rng.choice(leaves),
                    position_title=rng.choice(POSITIONS),
                    started_on=today - datetime.timedelta(days=rng.randint(0, 1500)),
                )
                for user_id in ids
            ),
            batch_size=2000,
        )
        return ids

    def _enrolments(self, user_ids: list[int], courses: list[CoursePage], rng) -> None:
        """Per learner and course: 55 % completed within the last 18 months, 20 % started,
        25 % not started."""
        now = timezone.now()
        batch = []
        for user_id in user_ids:
            for course in courses:
                roll = rng.random()
                if roll < 0.55:
                    completed = now - datetime.timedelta(minutes=rng.randint(60, 60 * 24 * 540))
                    enrolled = completed - datetime.timedelta(days=rng.randint(0, 20))
                    batch.append(
                        Enrolment(
                            user_id=user_id,
                            course=course,
                            enrolled_at=enrolled,
                            completed_at=completed,
                            last_activity_at=completed,
                        )
                    )
                elif roll < 0.75:
                    enrolled = now - datetime.timedelta(minutes=rng.randint(60, 60 * 24 * 90))
                    batch.append(
                        Enrolment(
                            user_id=user_id,
                            course=course,
                            enrolled_at=enrolled,
                            last_activity_at=enrolled,
                        )
                    )
            if len(batch) >= 5000:
                Enrolment.objects.bulk_create(batch)
                batch = []
        Enrolment.objects.bulk_create(batch)

    def _assignments(self, courses: list[CoursePage]) -> None:
        today = timezone.localdate()
        tops = Organization.objects.filter(depth=1, code__startswith=f"{PREFIX}-")
        TrainingAssignment.objects.bulk_create(
            TrainingAssignment(
                course=course,
                organization=top,
                due_on=today + datetime.timedelta(days=due) if due is not None else None,
                due_days_after_joining=days,
                recurrence_months=recurrence,
            )
            for top in tops
            for course, (_title, due, days, recurrence) in zip(courses, COURSES, strict=True)
        )
