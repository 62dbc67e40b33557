"""Events, claims, dates, quantities and modality (the ``accord_events`` component).

Modules, each named for what it holds:

* ``lexicon``    the YAML lexicon (verbs, light verbs, event nouns, modality cues)
* ``args``       actor keys of dependency arguments (coordination, pronouns)
* ``coder``      PLOVER triggers and source/target roles
* ``modality``   asserted / reported / alleged / denied / negated / planned / hypothetical
* ``time``       date expressions, normalisation and relative resolution
* ``quantities`` money, counts, distances, percentages with qualifiers
* ``claims``     numeric statements about an actor
* ``component``  the spaCy factory that ties them together
"""
