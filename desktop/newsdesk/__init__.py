"""Newsdesk: review and curate YAML front-matter articles."""
try:
    from importlib.metadata import PackageNotFoundError, version

    __version__ = version("newsdesk")
except (ImportError, PackageNotFoundError):  # running from a source tree or a frozen bundle
    __version__ = "0.1.0"
