"""The known fields of an article and what their values must be."""
from __future__ import annotations

import datetime as dt

TEXT_FIELDS = ("category", "title", "excerpt", "originalUrl", "webUrl", "ampWebUrl",
               "cdnAmpWebUrl", "featuredContent", "type", "secured")
INT_FIELDS = ("quality", "heat")


def _show(value: object) -> str:
    kinds = {str: "text", bool: "true/false", int: "a number", float: "a decimal number",
             list: "a list", dict: "a mapping", type(None): "empty"}
    shown = repr(value) if not isinstance(value, (list, dict)) else kinds[type(value)]
    if len(shown) > 60:
        shown = shown[:57] + "..."
    return shown


def _check_item(where: str, item: object, problems: list[str]) -> None:
    if not isinstance(item, dict):
        problems.append(f"{where} must be a mapping of fields, not {_show(item)}")
        return
    for key in TEXT_FIELDS:
        if key in item and not isinstance(item[key], str):
            problems.append(f"{where}.{key} must be text, not {_show(item[key])}")
    for key in INT_FIELDS:
        if key in item and (isinstance(item[key], bool) or not isinstance(item[key], int)):
            problems.append(f"{where}.{key} must be a whole number, not {_show(item[key])}")
    if "publishedDateTime" in item and not isinstance(item["publishedDateTime"], dt.date):
        problems.append(f"{where}.publishedDateTime must be a date and time like "
                        f"2023-10-17T00:31:00Z, not {_show(item['publishedDateTime'])}")
    if "provider" in item:
        _check_provider(f"{where}.provider", item["provider"], problems)
    if "images" in item:
        _check_images(f"{where}.images", item["images"], problems)


def _check_provider(where: str, value: object, problems: list[str]) -> None:
    if not isinstance(value, dict):
        problems.append(f"{where} must be a mapping with name and domain, not {_show(value)}")
        return
    for key in ("name", "domain"):
        if key in value and not isinstance(value[key], str):
            problems.append(f"{where}.{key} must be text, not {_show(value[key])}")


def _check_images(where: str, value: object, problems: list[str]) -> None:
    if not isinstance(value, list):
        problems.append(f"{where} must be a list of images, not {_show(value)}")
        return
    for n, image in enumerate(value):
        if not isinstance(image, dict):
            problems.append(f"{where}[{n}] must be a mapping with a url, not {_show(image)}")
        elif "url" in image and not isinstance(image["url"], str):
            problems.append(f"{where}[{n}].url must be text, not {_show(image['url'])}")


def field_problems(key: str, value: object) -> list[str]:
    """What is wrong with one top-level field's value (empty when it is fine)."""
    problems: list[str] = []
    if key in TEXT_FIELDS and not isinstance(value, str):
        problems.append(f"{key} must be text, not {_show(value)}")
    elif key in INT_FIELDS and (isinstance(value, bool) or not isinstance(value, int)):
        problems.append(f"{key} must be a whole number, not {_show(value)}")
    elif key == "published" and not isinstance(value, bool):
        problems.append(f"published must be true or false, not {_show(value)}")
    elif key == "publishedDateTime" and not isinstance(value, dt.date):
        problems.append(f"publishedDateTime must be a date and time like 2023-10-17T00:31:00Z, "
                        f"not {_show(value)}")
    elif key == "provider":
        _check_provider("provider", value, problems)
    elif key == "images":
        _check_images("images", value, problems)
    elif key == "topics":
        if not isinstance(value, list):
            problems.append(f"topics must be a list of topic names, not {_show(value)}")
        else:
            for n, topic in enumerate(value):
                if not isinstance(topic, str) or not topic.strip():
                    problems.append(f"topics[{n}] must be a topic name, not {_show(topic)}")
    elif key == "related":
        if not isinstance(value, list):
            problems.append(f"related must be a list of links, not {_show(value)}")
        else:
            for n, item in enumerate(value):
                _check_item(f"related[{n}]", item, problems)
    return problems


def problems_of(data: dict) -> list[str]:
    out: list[str] = []
    for key, value in data.items():
        if not isinstance(key, str):
            out.append(f"key {key!r} is not text")
            continue
        out.extend(field_problems(key, value))
    return out
