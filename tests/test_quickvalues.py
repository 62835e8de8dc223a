"""The quick reader of simple values agrees with libyaml, or says it is unsure."""
import datetime as dt

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.core.document.emit import double_quoted, plain_ok, scalar
from newsdesk.core.indexing import quickvalues

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
WORDS = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
PLAINISH = st.one_of(
    WORDS,
    st.sampled_from(["yes", "No", "ON", "off", "true", "False", "null", "~", "-1", "0", "007", "1_000", "0x1f",
                     "1.5", ".inf", "2023-10-17T00:31:00Z", "2023-10-17", "2023-10-17 00:31:00", "-", "- a",
                     "a: b", "a #b", "#x", "&a", "*a", "!tag x", "'q'", "[a]", "{a: 1}", "|", ">", "?", ":x",
                     "-x", "a:", "@x", "`x", "%x"]),
    st.integers(-10**6, 10**6).map(str),
)


def agree(text: str) -> None:
    try:
        got = quickvalues.scalar(text)
    except quickvalues.Unsure:
        return
    want = yaml.load(f"k: {text}\n", Loader=Loader)["k"]
    assert type(got) is type(want) and got == want, (text, got, want)


@settings(max_examples=400, deadline=None)
@given(WORDS)
def test_double_quoted_strings(value):
    agree(double_quoted(value))


@settings(max_examples=400, deadline=None)
@given(PLAINISH)
def test_plain_scalars(text):
    if "\n" in text or "\r" in text:
        return
    try:
        yaml.load(f"k: {text}\n", Loader=Loader)
    except yaml.YAMLError:
        return  # not valid YAML at all: nothing to agree with
    agree(text)


def test_known_values():
    assert quickvalues.scalar("-1") == -1 and quickvalues.scalar("true") is True
    assert quickvalues.scalar("2023-10-17T00:31:00Z") == dt.datetime(2023, 10, 17, 0, 31, tzinfo=dt.timezone.utc)
    assert quickvalues.scalar('"a \\"b\\" \\u2028 é"') == 'a "b" \u2028 é'
    assert quickvalues.scalar("Tom's Guide") == "Tom's Guide"
    for unsure in ("0x1f", "1.5", "&a", '"a" # c', "'x'", "a: b"):
        try:
            quickvalues.scalar(unsure)
        except quickvalues.Unsure:
            continue
        raise AssertionError(unsure)


def test_entries():
    assert quickvalues.entry("provider:\n  name: X\n  domain: x.com\n  images:\n    - url: u\n\n")[1]["name"] == "X"
    assert quickvalues.entry("topics:\n  - A\n  - B\n")[1] == ["A", "B"]
    assert quickvalues.entry('title: "T"\n\n')[:2] == ("title", "T")
    for unsure in ("title: a\n  continued\n", "topics:\n  - A\n    B\n", "provider:\n  name: a\n    b\n"):
        try:
            quickvalues.entry(unsure)
        except quickvalues.Unsure:
            continue
        raise AssertionError(unsure)


def test_scalar_emitter_round_trips_through_quick_reader():
    for value in ["plain words", "C#", "Foo: Bar", "yes", "-1", "é’ \u2028", 'q"uote']:
        text = scalar(value, "" if plain_ok(value) else '"')
        try:
            assert quickvalues.scalar(text) == value
        except quickvalues.Unsure:
            pass
