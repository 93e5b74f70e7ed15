from .categories import Category
from .consultations import Post, PostKind, PostReport, PostVote, Subscription, Thread
from .files import Adoption, ProposalStatus, TemplateFile, TemplateProposal, TemplateVersion
from .pages import ConsultationBoardPage, PlaybookIndexPage, PlaybookPage

__all__ = [
    "Adoption",
    "Category",
    "ConsultationBoardPage",
    "PlaybookIndexPage",
    "PlaybookPage",
    "Post",
    "PostKind",
    "PostReport",
    "PostVote",
    "ProposalStatus",
    "Subscription",
    "TemplateFile",
    "TemplateProposal",
    "TemplateVersion",
    "Thread",
]
