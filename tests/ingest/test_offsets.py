from hypothesis import given
from hypothesis import strategies as st

from accord.ingest.offsets import OffsetMap, OffsetMapBuilder


def _clean(original: str) -> tuple[str, OffsetMap]:
    """A toy cleaner: drop '-\\n' and turn other newlines into spaces."""
    b = OffsetMapBuilder()
    i = 0
    while i < len(original):
        if original.startswith("-\n", i):
            b.replace(i, i + 2, "")
            i += 2
        elif original[i] == "\n":
            b.replace(i, i + 1, " ")
            i += 1
        else:
            b.copy(original, i, i + 1)
            i += 1
    return b.build()


def test_dehyphenated_word_maps_to_original_span():
    original = "Teh-\nran warned\nBaku."
    clean, om = _clean(original)
    assert clean == "Tehran warned Baku."
    s = clean.index("Tehran")
    a, b = om.to_original(s, s + len("Tehran"))
    assert original[a:b] == "Teh-\nran"


@given(st.text(alphabet="ab -\n", min_size=1, max_size=60), st.data())
def test_unchanged_spans_round_trip(original, data):
    clean, om = _clean(original)
    if not clean:
        return
    start = data.draw(st.integers(0, len(clean) - 1))
    end = data.draw(st.integers(start + 1, len(clean)))
    a, b = om.to_original(start, end)
    assert 0 <= a <= b <= len(original)
    piece = original[a:b]
    # Removing what the cleaner removes gives back the clean span exactly.
    assert piece.replace("-\n", "").replace("\n", " ") == clean[start:end]
