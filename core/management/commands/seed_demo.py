"""Load the demo organisations, one user per role and the home page in every language.

Running it twice changes nothing: every object is looked up by a natural key first.
"""

import datetime
import io
from pathlib import Path

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale, Site

from accounts.models import Employment, Organization, User
from accounts.roles import COORDINATORS, METHODOLOGISTS, TRAINERS
from certificates.demo import load_certificate_templates
from certificates.models import Certificate
from certificates.services import certificate_issue
from core.models import HomePage
from courses.assignments.services import assignment_create, required_courses_refresh
from courses.demo import load_courses
from courses.models import CourseIndexPage, CoursePage, LessonPage, TrainingAssignment
from courses.services import lesson_complete
from playbooks.demo import seed_demo_playbooks
from quizzes.demo import demo_attempt_pass, load_quizzes

LEARNER_CERTIFIED_COURSE = "press-service-work"
ASSIGNED_COURSE = "social-media-ethics"
ASSIGNED_TO = "tashkent-region"
ASSIGNMENT_DUE_DAYS = 30
DEFAULT_PASSWORD = "muloqot-demo"  # noqa: S105 - a documented demo password, never production

ORGANIZATIONS = [
    # (code, name, kind, parent code)
    ("digital-ministry", "Raqamli texnologiyalar vazirligi", "ministry", None),
    ("mininfo", "Axborot va ommaviy kommunikatsiyalar agentligi", "agency", None),
    ("tashkent-region", "Toshkent viloyati hokimligi", "region", None),
    ("chirchiq", "Chirchiq shahar hokimligi", "district", "tashkent-region"),
    ("angren", "Angren shahar hokimligi", "district", "tashkent-region"),
    ("zangiota", "Zangiota tumani hokimligi", "district", "tashkent-region"),
]

# username, full name, group, organisation code, position, coordinator, superuser
USERS = [
    ("citizen", "Dilnoza Rahimova", None, None, "", False, False),
    ("learner", "Bahodir Karimov", None, "chirchiq", "Matbuot kotibi", False, False),
    (
        "coordinator",
        "Nodira Yusupova",
        COORDINATORS,
        "tashkent-region",
        "Axborot xizmati rahbari",
        True,
        False,
    ),
    ("trainer", "Jasur Toshmatov", TRAINERS, "mininfo", "Trener", False, False),
    ("methodologist", "Malika Saidova", METHODOLOGISTS, "mininfo", "Metodist", False, False),
    ("admin", "Muloqot Administrator", None, "mininfo", "Administrator", False, True),
]

CATALOGUES = {
    "uz": ("Kurslar", "Davlat xizmatchilari uchun majburiy kurslar va hamma uchun ochiq darslar."),
    "ru": ("Курсы", "Обязательные курсы для госслужащих и открытые уроки для всех."),
    "en": ("Courses", "Required courses for civil servants and lessons open to everyone."),
}

HOME_PAGES = {
    "uz": (
        "Muloqot",
        "Davlat organlari va fuqarolar oʻrtasida ijtimoiy tarmoqlardagi muloqot boʻyicha "
        "oʻquv platformasi: davlat xizmatchilari uchun majburiy kurslar, fuqarolar uchun "
        "faktlarni tekshirish darslari.",
    ),
    "ru": (
        "Muloqot",
        "Учебная платформа по диалогу государственных органов с гражданами в социальных сетях: "
        "обязательные курсы для госслужащих и уроки проверки фактов для граждан.",
    ),
    "en": (
        "Muloqot",
        "The training platform for dialogue between state bodies and citizens on social "
        "networks: required courses for civil servants and fact-checking lessons for citizens.",
    ),
}


class Command(BaseCommand):
    help = "Load demo organisations, users (one per role) and content. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument(
            "--password",
            default=DEFAULT_PASSWORD,
            help=f"Password for new demo users (default: {DEFAULT_PASSWORD}).",
        )

    @transaction.atomic
    def handle(self, *args, password, **options):
        home = self._home_pages()
        catalogues = self._catalogues(home)
        courses = self._demo_content(catalogues)
        organizations = self._organizations()
        created = self._users(organizations, password)
        seed_demo_playbooks(
            home=home,
            usernames=[u[0] for u in USERS],
            courses_by_key=courses,
            stdout=self.stdout,
        )
        self._assignment(courses.get(ASSIGNED_COURSE), organizations[ASSIGNED_TO])
        certificate = self._learner_certificate(courses.get(LEARNER_CERTIFIED_COURSE))
        self.stdout.write(self.style.SUCCESS(f"Demo site ready at {home.url or '/'}"))
        for username in created:
            self.stdout.write(f"  created {username} (password: {password})")
        self.stdout.write("Logins: " + ", ".join(u[0] for u in USERS))
        if certificate is not None:
            self.stdout.write(
                f"Certificate of learner ({certificate.course_title}): {certificate.code} "
                f"— /certificates/verify/{certificate.code}/"
            )

    def _home_pages(self) -> HomePage:
        site = Site.objects.get(is_default_site=True)
        home = site.root_page.specific
        uz_title, uz_intro = HOME_PAGES[settings.LANGUAGE_CODE]
        if not home.intro:
            home.title, home.intro = uz_title, uz_intro
            home.save_revision().publish()
        for language_code, (title, intro) in HOME_PAGES.items():
            locale, _ = Locale.objects.get_or_create(language_code=language_code)
            if home.get_translation_or_none(locale) is None:
                translation = home.copy_for_translation(locale, copy_parents=True)
                translation.title, translation.intro = title, intro
                translation.save_revision().publish()
        return home

    def _catalogues(self, home: HomePage) -> dict[str, CourseIndexPage]:
        """/courses/ in every language (translations of one catalogue page)."""
        catalogue = CourseIndexPage.objects.child_of(home).first()
        if catalogue is None:
            title, intro = CATALOGUES[settings.LANGUAGE_CODE]
            catalogue = home.add_child(
                instance=CourseIndexPage(title=title, slug="courses", intro=intro)
            )
            catalogue.save_revision().publish()
        for language_code, (title, intro) in CATALOGUES.items():
            locale = Locale.objects.get(language_code=language_code)
            if catalogue.get_translation_or_none(locale) is None:
                translation = catalogue.copy_for_translation(locale)
                translation.title, translation.intro = title, intro
                translation.save_revision().publish()
        return {
            page.locale.language_code: page
            for page in catalogue.get_translations(inclusive=True)
            .select_related("locale")
            .specific()
        }

    def _demo_content(self, catalogues: dict[str, CourseIndexPage]) -> dict[str, CoursePage]:
        """Certificate templates and courses from demo/ (format: demo/README.md)."""
        demo = Path(settings.BASE_DIR) / "demo"
        templates = load_certificate_templates(demo / "certificates", stdout=self.stdout)
        quizzes = load_quizzes(demo / "quizzes", stdout=self.stdout)

        def quiz_block(value: dict) -> dict:
            # The block names the Uzbek quiz; it shows the reader's translation itself.
            return {
                "quiz": quizzes[value["quiz"]].pk,
                "introduction": value.get("introduction", ""),
            }

        return load_courses(
            demo / "courses",
            catalogues=catalogues,
            certificate_templates=templates,
            block_resolvers={"quiz": quiz_block},
            stdout=self.stdout,
        )

    def _assignment(self, course: CoursePage | None, organization: Organization) -> None:
        """The ethics course is required in the region (and its districts) within 30 days.

        Created once: a second run keeps the first run's due date."""
        if course is None or TrainingAssignment.objects.filter(course=course).exists():
            return
        due_on = timezone.localdate() + datetime.timedelta(days=ASSIGNMENT_DUE_DAYS)
        assignment_create(
            course=course,
            organization=organization,
            due_on=due_on,
            created_by=User.objects.get(username="coordinator"),
        )
        # Now rather than through the worker, so the dashboards show it at once.
        required_courses_refresh(course_ids=[course.pk])
        self.stdout.write(f"Assigned “{course.title}” to {organization.name}, due {due_on}")

    def _learner_certificate(self, course: CoursePage | None) -> Certificate | None:
        """The demo learner has completed the press-service course and holds its certificate."""
        if course is None or course.certificate_template_id is None:
            return None
        learner = User.objects.get(username="learner")
        for lesson in LessonPage.objects.live().child_of(course).order_by("path"):
            if not lesson.has_quiz:
                enrolment = lesson_complete(user=learner, lesson=lesson, course=course)
                continue
            # The lesson's quiz, really taken and passed (the signal would complete the lesson
            # after the commit; the certificate is wanted now).
            for block in lesson.body:
                if block.block_type == "quiz":
                    attempt = demo_attempt_pass(
                        quiz=block.value["quiz"], user=learner, lesson_id=lesson.pk
                    )
                    if not attempt.passed:
                        return None
            enrolment = lesson_complete(user=learner, lesson=lesson, course=course, by_quiz=True)
        call_command("create_signing_key", if_missing=True, stdout=io.StringIO())
        return certificate_issue(enrolment=enrolment)

    def _organizations(self) -> dict[str, Organization]:
        organizations = {}
        for code, name, kind, parent_code in ORGANIZATIONS:
            organization = Organization.objects.filter(code=code).first()
            if organization is None:
                organization = Organization(code=code, name=name, kind=kind)
                if parent_code is None:
                    organization = Organization.add_root(instance=organization)
                else:
                    organization = organizations[parent_code].add_child(instance=organization)
            organizations[code] = organization
        return organizations

    def _users(self, organizations: dict[str, Organization], password: str) -> list[str]:
        created = []
        for username, full_name, group_name, org_code, position, coordinator, superuser in USERS:
            user = User.objects.filter(username=username).first()
            if user is None:
                user = User(
                    username=username,
                    full_name=full_name,
                    email=f"{username}@demo.muloqot.uz",
                    is_superuser=superuser,
                    is_staff=superuser,
                )
                user.set_password(password)
                user.save()
                created.append(username)
            EmailAddress.objects.get_or_create(
                user=user, email=user.email, defaults={"verified": True, "primary": True}
            )
            if group_name:
                user.groups.add(Group.objects.get(name=group_name))
            if (
                org_code
                and not Employment.objects.filter(
                    user=user, organization=organizations[org_code]
                ).exists()
            ):
                Employment.objects.create(
                    user=user,
                    organization=organizations[org_code],
                    position_title=position,
                    is_coordinator=coordinator,
                )
        return created
