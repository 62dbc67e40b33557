"""Actor recognition and linking: gazetteer data, the ``accord_actors`` spaCy component.

``load_gazetteer(extra_files)`` loads the shipped YAML gazetteer plus user files;
``accord.extract.actors.component`` registers the spaCy factory ``accord_actors`` that sets
``doc.spans["actors"]`` (see :mod:`accord.extract`).
"""

from __future__ import annotations

from .gazetteer import ENV_VAR, Entry, Gazetteer, load_gazetteer
from .names import display, slug

__all__ = ["ENV_VAR", "Entry", "Gazetteer", "load_gazetteer", "display", "slug"]
