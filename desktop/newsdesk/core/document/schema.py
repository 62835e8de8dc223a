"""What the values of an article's known fields must be, by each field's rule
(core/fields.py): one function per rule, the same for a top-level key and for that key
in a related item."""
from __future__ import annotations

import datetime as dt

from newsdesk.core import fields

_RULES = fields.TABLE.rules            # top-level key -> its rule (core/fields.py)
_BOUNDS = fields.TABLE.bounds          # key -> (lowest, highest) of a whole number that has them
_NOT_BLANK = fields.TABLE.not_blank    # text keys whose value must not be empty (the title)
# ... and the rules that also hold in a related item, by rule in the order of fields.ITEM_RULES
_ITEM_TEXT = tuple(k for k, r in fields.TABLE.item_rules.items() if r == "text")
_ITEM_WHOLE = tuple(k for k, r in fields.TABLE.item_rules.items() if r == "whole")
_ITEM_OTHER = tuple(sorted(((k, r) for k, r in fields.TABLE.item_rules.items() if r not in ("text", "whole")),
                           key=lambda kr: fields.ITEM_RULES.index(kr[1])))


def bounds(key: str) -> tuple[int, int] | None:
    """The lowest and highest value of a whole-number field that has them (quality), else
    None: the range every editor of it (the panel, a table cell, the Edit menu's steps,
    ``newsdesk set``) keeps to, and ``check`` reports a file outside."""
    return _BOUNDS.get(key)


def _show(value: object) -> str:
    kinds = {str: "text", bool: "true/false", int: "a number", float: "a decimal number",
             list: "a list", dict: "a mapping", type(None): "empty"}
    if type(value) is int and not -10 ** 40 < value < 10 ** 40:  # repr() of 5,000 digits raises
        digits = int(abs(value).bit_length() * 0.30103) + 1
        return f"a{' negative' if value < 0 else ''} number of about {digits} digits"
    shown = repr(value) if not isinstance(value, (list, dict)) else kinds[type(value)]
    if len(shown) > 60:
        shown = shown[:57] + "..."
    return shown


def _check_item(where: str, item: object, problems: list[str]) -> None:
    if not isinstance(item, dict):
        problems.append(f"{where} must be a mapping of fields, not {_show(item)}")
        return
    # key by key as the table lists them, grouped by rule (fields.ITEM_RULES): the usual
    # values pass without a call (150 items of 10 keys are checked in one article)
    for key in _ITEM_TEXT:
        if key in item and (not isinstance(item[key], str) or key in _NOT_BLANK and not item[key].strip()):
            _check_text(f"{where}.{key}", item[key], problems, key in _NOT_BLANK)
    for key in _ITEM_WHOLE:
        if key in item and (isinstance(item[key], bool) or not isinstance(item[key], int) or key in _BOUNDS):
            _check_whole(f"{where}.{key}", item[key], problems, _BOUNDS.get(key))
    for key, rule in _ITEM_OTHER:
        if key in item:
            _CHECKS[rule](f"{where}.{key}", item[key], problems)


def _check_text(where: str, value: object, problems: list[str], filled: bool = False) -> None:
    if not isinstance(value, str):
        problems.append(f"{where} must be text, not {_show(value)}")
    elif filled and not value.strip():
        problems.append(blank_problem(where, value))


def blank_problem(where: str, value: str) -> str:
    """The words for an empty title, the same in ``check``, ``set``, ``patch`` and the window."""
    return f"{where} must not be empty" if not value else f"{where} must not be blank, not {_show(value)}"


def _check_whole(where: str, value: object, problems: list[str], limits: tuple[int, int] | None = None) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or limits and not limits[0] <= value <= limits[1]:
        within = f" from {limits[0]} to {limits[1]}" if limits else ""
        problems.append(f"{where} must be a whole number{within}, not {_show(value)}")


def _check_bool(where: str, value: object, problems: list[str]) -> None:
    if not isinstance(value, bool):
        problems.append(f"{where} must be true or false, not {_show(value)}")


def _check_date(where: str, value: object, problems: list[str]) -> None:
    if not isinstance(value, dt.date):
        problems.append(f"{where} must be a date and time like 2023-10-17T00:31:00Z, not {_show(value)}")


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


def _check_topics(where: str, value: object, problems: list[str]) -> None:
    if not isinstance(value, list):
        problems.append(f"{where} must be a list of topic names, not {_show(value)}")
        return
    for n, topic in enumerate(value):
        if not isinstance(topic, str) or not topic.strip():
            problems.append(f"{where}[{n}] must be a topic name, not {_show(topic)}")


def _check_related(where: str, value: object, problems: list[str]) -> None:
    if not isinstance(value, list):
        problems.append(f"{where} must be a list of links, not {_show(value)}")
        return
    for n, item in enumerate(value):
        _check_item(f"{where}[{n}]", item, problems)


_CHECKS = {"text": _check_text, "whole": _check_whole, "bool": _check_bool, "date": _check_date,
           "provider": _check_provider, "topics": _check_topics, "images": _check_images,
           "related": _check_related}
assert set(_CHECKS) == set(fields.RULES), "a rule of core/fields.py has no check here"


def field_problems(key: str, value: object) -> list[str]:
    """What is wrong with one top-level field's value (empty when it is fine)."""
    problems: list[str] = []
    rule = _RULES.get(key)
    if rule == "whole":
        _check_whole(key, value, problems, _BOUNDS.get(key))
    elif key in _NOT_BLANK:
        _check_text(key, value, problems, True)
    elif rule is not None:
        _CHECKS[rule](key, value, problems)
    return problems


_NOTED = tuple((f.key, f.read == "list") for f in fields.TABLE.noted)


def row_problems(row) -> list[str]:
    """What is wrong with an index row's values of the fields whose note the table shows
    (core/fields.py ``note``); a field the file does not have (None, or no list) is fine."""
    out: list[str] = []
    for key, is_list in _NOTED:
        value = getattr(row, key)
        if value is not None and not (is_list and value == []):
            out.extend(field_problems(key, value))
    return out


def problems_of(data: dict) -> list[str]:
    return [message for _, message in keyed_problems(data)]


def keyed_problems(data: dict) -> list[tuple[object, str]]:
    """(top-level key, what is wrong) of each problem: ``check`` names the key's line."""
    out: list[tuple[object, str]] = []
    for key, value in data.items():
        if not isinstance(key, str):
            out.append((key, f"key {key!r} is not text"))
            continue
        out.extend((key, message) for message in field_problems(key, value))
    return out
