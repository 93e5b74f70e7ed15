"""The admin page that assigns a course to the people a file lists
(courses.assignments.importing)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.formats import date_format
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache

from core.table_import import TableImportError

from .admin_forms import AssignmentImportForm
from .assignments.importing import assignments_import

PERMISSION = "courses.add_trainingassignment"


@never_cache
def assignment_import_view(request):
    """Upload the file; every row is checked and all of them are assigned, or none."""
    user = request.user
    if not user.has_perm(PERMISSION):
        raise PermissionDenied
    form = AssignmentImportForm(request.POST or None, request.FILES or None, for_user=user)
    errors = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        upload = data["file"]
        try:
            result = assignments_import(
                course=data["course"],
                organization=data["organization"],
                due_on=data["due_on"],
                file_name=upload.name,
                content=upload.read(),
                imported_by=user,
            )
        except TableImportError as exc:
            errors = exc.errors
        else:
            message = ngettext(
                "%(course)s is assigned to %(count)d person, due %(date)s.",
                "%(course)s is assigned to %(count)d people, due %(date)s.",
                result.people,
            ) % {
                "course": data["course"].title,
                "count": result.people,
                "date": date_format(data["due_on"]),
            }
            if result.earlier_due:
                message += " " + ngettext(
                    "%(count)d of them keeps an earlier due date from another assignment.",
                    "%(count)d of them keep an earlier due date from another assignment.",
                    result.earlier_due,
                ) % {"count": result.earlier_due}
            messages.success(request, message)
            return redirect("wagtailsnippets_courses_trainingassignment:list")
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "errors": errors}
    return render(request, "courses/admin/assignment_import.html", context, status=status)
