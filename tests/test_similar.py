"""Suggestions, duplicate groups and URL forms, on hand-made rows (no Qt)."""
from newsdesk.core.editorial.similar import WordIndex, duplicate_groups, normalized_url, related_problems
from newsdesk.core.indexing.index import Row


def row(path, title, excerpt="", topics=(), url=None, original=None):
    return Row(path, title=title, excerpt=excerpt, topics=list(topics), webUrl=url, originalUrl=original)


ROWS = [
    row("a", "Azure OpenAI adds GPT-4 Turbo", "Microsoft brings GPT-4 Turbo to Azure OpenAI Service",
        ["Azure AI", "OpenAI"], "https://azure.microsoft.com/blog/gpt4-turbo/"),
    row("b", "GPT-4 Turbo arrives in Azure", "Azure OpenAI Service customers get GPT-4 Turbo",
        ["Azure AI"], "https://www.theverge.com/azure-gpt4?utm_source=rss"),
    row("c", "Optical interconnects for training", "Light beats copper in the data center",
        ["AI Hardware"], "https://nextplatform.com/optical"),
    row("d", "Copilot in Windows", "The assistant arrives on every PC", ["Copilot"],
        "https://theverge.com/azure-gpt4"),
    row("e", "GPT-4 Turbo Arrives in Azure!", "", [], "https://example.com/other"),
]


def test_suggestions_rank_by_shared_rare_words_and_topics():
    index = WordIndex(ROWS)
    found = index.suggest("a")
    assert [s.path for s in found][:2] == ["b", "e"] and "c" not in [s.path for s in found[:2]]
    assert "azure ai" in found[0].shared_topics and "turbo" in found[0].shared_words
    assert "a" not in [s.path for s in found]                       # never itself


def test_suggestions_skip_links_already_there():
    index = WordIndex(ROWS)
    found = index.suggest("a", exclude_urls=["http://theverge.com/azure-gpt4/"])
    assert "b" not in [s.path for s in found] and "d" not in [s.path for s in found]


def test_normalized_urls():
    assert normalized_url("https://www.TheVerge.com/azure-gpt4/?utm_source=rss#top") == \
        normalized_url("http://theverge.com/azure-gpt4") == "//theverge.com/azure-gpt4"
    assert normalized_url("https://x.com/a?id=3") != normalized_url("https://x.com/a?id=4")


def test_related_items_pointing_at_itself_or_repeated_are_flagged():
    data = {"webUrl": "https://azure.microsoft.com/blog/gpt4-turbo/",
            "related": [{"webUrl": "https://azure.microsoft.com/blog/gpt4-turbo"},
                        {"webUrl": "https://x.com/a"}, {"webUrl": "https://www.x.com/a/"}, "junk"]}
    assert related_problems(data) == {0: "points at this article itself", 2: "the same link as item 2"}


def test_duplicate_groups_by_url_and_title():
    groups = [[r.path for r in g] for g in duplicate_groups(ROWS)]
    assert groups == [["b", "d", "e"]]   # b~d same page, b~e same title; joined
