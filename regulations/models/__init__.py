from .acknowledgements import (
    Acknowledgement,
    AcknowledgementReminder,
    AcknowledgementRequirement,
    CodeAssignment,
)
from .pages import ChangeKind, CodeIndexPage, CodePage, CodeVersionPage

__all__ = [
    "Acknowledgement",
    "AcknowledgementReminder",
    "AcknowledgementRequirement",
    "ChangeKind",
    "CodeAssignment",
    "CodeIndexPage",
    "CodePage",
    "CodeVersionPage",
]
