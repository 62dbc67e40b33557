"""FollowTheMoney entities (one JSON object per line), for Aleph and ``ftm`` tools.

Mapping:

* STATE -> ``PublicBody`` (country, Wikidata id); ORG and GROUP -> ``Organization``;
  PERSON -> ``Person`` (position = role, nationality); LOCATION -> ``Address``;
* document -> ``Article`` (title, author, publisher, publishedAt, sourceUrl, bodyText);
* event -> ``Event`` (name, date, summary = cited sentence, involved = source and
  target actors, organizer = source actors, keywords = PLOVER type, modality and
  CAMEO code, location, sourceUrl) and one ``Documentation`` per document citing it;
* entity mention -> ``Mention`` (resolved entity, document, name as written);
* claim -> ``Note`` on its subject, one per claim.

Ids are accord's ids prefixed with the kind, so entities are stable across exports.
``followthemoney`` is an optional extra (``pip install 'accord[ftm]'``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..query import tables
from . import ExportError

if TYPE_CHECKING:
    from ..store import Store

SCHEMA_FOR = {"STATE": "PublicBody", "ORG": "Organization", "GROUP": "Organization",
              "PERSON": "Person", "LOCATION": "Address"}


def _model() -> Any:
    try:
        from followthemoney import model
    except ImportError as exc:
        from ..install import install_hint

        raise ExportError("ftm export needs the followthemoney package: "
                          f"{install_hint('ftm')}") from exc
    return model


def _alpha2(iso3: str | None) -> str | None:
    if not iso3:
        return None
    import pycountry

    c = pycountry.countries.get(alpha_3=iso3)
    return c.alpha_2.lower() if c else None


def _fid(kind: str, i: str) -> str:
    return f"accord-{kind}-{i}".replace(":", "-").replace("/", "-")


def proxies(store: Store) -> list[Any]:
    """FollowTheMoney entity proxies for the whole store, cleaned by the FtM model."""
    model = _model()
    from followthemoney.exc import InvalidData
    out: list[Any] = []

    def make(schema: str, id: str, **props: Any) -> Any:
        p = model.make_entity(schema)
        p.id = id
        for k, v in props.items():
            if v is None or v == [] or v == "":
                continue
            p.add(k, v, quiet=True)
        try:  # FtM cleans on add but validates more strictly: drop what it rejects
            p.schema.validate(p.to_dict())
        except InvalidData as exc:
            for prop in (exc.errors or {}).get("properties", {}):
                p.pop(prop)
        out.append(p)
        return p

    ents = tables.entities(store, ordered=False)
    iso = {r.id: r.iso3 for r in ents}
    for r in ents:
        schema = SCHEMA_FOR.get(r.type, "LegalEntity")
        country = _alpha2(r.iso3 or iso.get(r.country or ""))
        props: dict[str, Any] = {"name": r.name, "alias": [a for a in r.aliases or []
                                                           if a != r.name]}
        if schema == "Address":
            props = {"full": r.name, "country": country}
        elif schema == "Person":
            props.update(nationality=country, position=r.role, wikidataId=r.wikidata)
        else:
            props.update(country=country, wikidataId=r.wikidata,
                         description=r.role)
        make(schema, _fid("entity", r.id), **props)
    docs = tables.documents(store)
    for r in docs:
        url = r.source if "://" in r.source else None
        make("Article", _fid("doc", r.id), title=r.title or r.source, author=r.author,
             publisher=r.outlet, publishedAt=r.published, sourceUrl=url,
             fileName=None if url else Path(r.source).name, bodyText=r.original_text,
             language=r.language)
    src = {r.id: r.source for r in docs}
    cites = tables.event_citations(store)
    names = {r.id: r.name for r in ents}
    for r in tables.events(store, ordered=False):
        srcs = [names.get(a, a) for a in r.source or []]
        tgts = [names.get(a, a) for a in r.target or []]
        evid = _fid("event", r.id)
        docs_cited = list(dict.fromkeys(doc for doc, _ in cites.get(r.id, [])))
        make("Event", evid,
             name=f"{r.type}: {', '.join(srcs) or '-'} -> {', '.join(tgts) or '-'}",
             date=r.date_value, summary=(cites.get(r.id) or [("", "")])[0][1],
             involved=[_fid("entity", a) for a in (r.source or []) + (r.target or [])],
             organizer=[_fid("entity", a) for a in r.source or []],
             keywords=[r.type, r.modality] + ([f"CAMEO {r.cameo}"] if r.cameo else []),
             location=r.location,
             sourceUrl=[src[x] for x in docs_cited if "://" in src.get(x, "")],
             description=f"{r.modality}; {r.independent_sources} independent source(s)")
        for doc in docs_cited:
            make("Documentation", _fid("cite", f"{r.id}-{doc}"), entity=evid,
                 document=_fid("doc", doc), role="reports event")
    for r in tables.entity_mentions(store):
        make("Mention", _fid("mention", str(r.id)), resolved=_fid("entity", r.entity_id),
             document=_fid("doc", r.document_id), name=r.text,
             detectedSchema=SCHEMA_FOR.get(r.type, "LegalEntity"))
    for r in tables.claims(store):
        make("Note", _fid("claim", r.id), entity=_fid("entity", r.subject),
             name=f"{r.property}: {r.value}{' ' + r.unit if r.unit else ''}",
             description=f"{r.property} = {r.value} {r.unit or ''} "
                         f"({r.qualifier or 'exact'}, {r.modality or 'asserted'})".strip())
    return out


def write(store: Store, out: Path | None) -> Path | str:
    lines = [json.dumps(p.to_dict(), ensure_ascii=False, sort_keys=True) for p in proxies(store)]
    text = "\n".join(lines) + ("\n" if lines else "")
    if out is None:
        return text
    out.write_text(text, encoding="utf-8")
    return out


#: The names other modules use; everything else here is internal.
__all__ = [
    "SCHEMA_FOR",
    "proxies",
    "write",
]
