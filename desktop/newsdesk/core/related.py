"""Related links: new items made from another article or from a URL."""
from __future__ import annotations

from urllib.parse import urlsplit

# The fields a related item copies from an article, in the sites' item order.
ITEM_FIELDS = ("title", "excerpt", "publishedDateTime", "webUrl", "ampWebUrl", "cdnAmpWebUrl",
               "type", "provider", "quality", "images")


def item_from_article(data: dict) -> dict:
    """A related item filled from another article's data."""
    item = {}
    for key in ITEM_FIELDS:
        if key == "webUrl":
            url = data.get("webUrl") or data.get("originalUrl")
            if url:
                item["webUrl"] = url
        elif key == "provider" and isinstance(data.get("provider"), dict):
            provider = {k: v for k, v in data["provider"].items() if k in ("name", "domain")}
            if provider:
                item["provider"] = provider
        elif key in data and data[key] is not None:
            item[key] = data[key]
    return item


def item_from_link(url: str, title: str) -> dict:
    """A related item for a bare link; the provider is named after its domain."""
    url, title = url.strip(), title.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError("the link must be a web address starting with http:// or https://")
    if not title:
        raise ValueError("the link needs a title")
    domain = parts.hostname or parts.netloc
    domain = domain[4:] if domain.startswith("www.") else domain
    return {"title": title, "webUrl": url, "type": "article", "provider": {"name": domain, "domain": domain}}


def url_of(item: object) -> str:
    if isinstance(item, dict):
        for key in ("webUrl", "url", "originalUrl"):
            if isinstance(item.get(key), str):
                return item[key]
    return ""
