"""Related items pointed at another address, and finding the library's article at one (no Qt)."""
from dataclasses import dataclass

import pytest

from newsdesk.core.editorial.related import article_with_url, item_with_url


@dataclass
class Row:
    path: str
    webUrl: object = None
    originalUrl: object = None


ITEM = {"title": "A story", "excerpt": "...", "webUrl": "https://www.example.org/a", "type": "article",
        "provider": {"name": "Example", "domain": "example.org"}, "quality": 50}


def test_another_page_of_the_same_site_keeps_the_provider_and_every_key_in_order():
    new = item_with_url(ITEM, "https://example.org/b")
    assert new == dict(ITEM, webUrl="https://example.org/b") and list(new) == list(ITEM)
    assert ITEM["webUrl"] == "https://www.example.org/a"  # the old item is not changed


def test_another_site_names_the_provider_after_its_domain():
    new = item_with_url(ITEM, " https://www.theregister.com/x ")
    assert new["webUrl"] == "https://www.theregister.com/x"
    assert new["provider"] == {"name": "theregister.com", "domain": "theregister.com"} and list(new) == list(ITEM)


def test_an_item_without_provider_gets_one_where_the_sites_put_it():
    item = {"title": "t", "url": "https://a.org/1", "type": "article", "quality": 3}
    new = item_with_url(item, "https://b.org/2")
    assert list(new) == ["title", "url", "type", "provider", "quality"] and new["url"] == "https://b.org/2"


@pytest.mark.parametrize("bad", ["", "example.org/x", "javascript:alert(1)", "file:///etc/passwd", "https://"])
def test_not_a_web_address_is_refused(bad):
    with pytest.raises(ValueError):
        item_with_url(ITEM, bad)


def test_the_library_article_at_an_address_is_found_however_the_address_is_spelled():
    rows = [Row("a.md", "https://example.org/news/one"), Row("b.md", None, "http://www.other.net/two/"),
            Row("c.md", 42, ["not", "a", "url"])]
    assert article_with_url(rows, "https://www.example.org/news/one/") == "a.md"
    assert article_with_url(rows, "https://other.net/two?utm_source=x#top") == "b.md"
    assert article_with_url(rows, "https://example.org/news/one-more") is None
    assert article_with_url(rows, "") is None and article_with_url(rows, "   ") is None
