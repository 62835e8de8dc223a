"""Newsdesk: review and curate YAML front-matter articles."""


def __getattr__(name: str) -> str:
    # Looked up lazily: importlib.metadata costs ~45 ms, too much for every script call.
    if name == "__version__":
        try:
            from importlib.metadata import version

            return version("newsdesk")
        except Exception:  # noqa: BLE001 - a source tree or a frozen bundle without metadata
            return "0.1.0"
    raise AttributeError(name)
