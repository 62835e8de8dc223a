"""The Qt-free core: reading, indexing, format-preserving editing, saving."""
from newsdesk.core.problems import ArticleProblem, SaveConflict
from newsdesk.core.article import Article, load_article
from newsdesk.core.draft import Draft

__all__ = ["Article", "ArticleProblem", "Draft", "SaveConflict", "load_article"]
