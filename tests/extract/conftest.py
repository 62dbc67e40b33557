"""Fixtures for extraction tests (shared by the actors and events areas: add, don't remove)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

#: (span text, key, type, country, role, is_actor)
ActorRow = tuple[str, str, str, "str | None", "str | None", bool]


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    """The full accord pipeline (loaded once per test session)."""
    from accord.extract.pipeline import get_nlp

    return get_nlp()


@pytest.fixture(scope="session")
def actors_nlp():  # type: ignore[no-untyped-def]
    """The statistical pipeline plus only ``accord_actors`` (actor tests do not depend on
    the state of later components)."""
    import accord.extract.actors.component  # noqa: F401  (registers the factory)
    from accord.extract.pipeline import load_base

    pipe = load_base()
    pipe.add_pipe("accord_actors")
    return pipe


@pytest.fixture(scope="session")
def actors_of(actors_nlp) -> Callable[[str], list[ActorRow]]:  # type: ignore[no-untyped-def]
    """``actors_of(text)`` -> [(span text, key, type, country, role, is_actor), ...]."""

    def run(text: str) -> list[ActorRow]:
        doc = actors_nlp(text)
        return [(s.text, s._.actor.key, s._.actor.type, s._.actor.country, s._.actor.role,
                 s._.actor.is_actor) for s in doc.spans["actors"]]

    return run


@pytest.fixture(scope="session")
def coded(nlp):  # type: ignore[no-untyped-def]
    """``coded(text, published=None)`` -> the spaCy Doc after the full pipeline (events area)."""

    def run(text: str, published: str | None = None):  # type: ignore[no-untyped-def]
        doc = nlp.make_doc(text)
        doc._.published = published
        return nlp(doc)

    return run
