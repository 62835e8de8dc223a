"""The Qt-free core: reading, indexing, format-preserving editing, saving."""
from newsdesk.core.article import Article, load_article
from newsdesk.core.draft import Draft
from newsdesk.core.problems import ArticleProblem, SaveConflict

__all__ = ["Article", "ArticleProblem", "Draft", "SaveConflict", "load_article"]
