"""The five real seed articles (read at run time only; never copied into the repo)."""

from __future__ import annotations

from pathlib import Path

from accord.ingest import discover, read_document
from accord.ingest.offsets import OffsetMap


def test_seeds_ingest_with_sensible_metadata(seeds_dir: Path):
    files = discover([seeds_dir])
    assert len(files) == 5
    docs = {f.name[:3]: read_document(f) for f in files}
    for doc in docs.values():
        assert doc.title and 3 <= len(doc.title.split()) <= 20, doc.title
        assert doc.title.lower() not in ("home", "menu")
        assert doc.words > 150
        assert "Post a Comment" not in doc.clean
        assert len({d.id for d in docs.values()}) == 5
    seed4 = docs["004"]
    assert seed4.published == "2013-09-17" and seed4.published_basis == "text"
    assert seed4.author and len(seed4.author.split()) == 2
    assert seed4.author not in seed4.clean.split("\n\n")[0]
    assert "(page 2 of 2)" not in seed4.clean
    assert "getty images" not in seed4.clean.lower()
    assert "receive updates" not in seed4.clean
    # the blog repost carries its date and poster at the bottom
    seed1 = docs["001"]
    assert seed1.published == "2013-06-23" and seed1.author
    assert "emoticon" not in seed1.clean and "bookmark this page" not in seed1.clean
    # the encyclopedia page loses the unrelated articles and quotes below it
    assert "Famous quotes" not in docs["000"].clean
    # the PDF extraction is re-flowed: no line breaks inside paragraphs
    paper = docs["002"]
    assert paper.meta["cleaning"]["mode"] == "wrapped"
    assert all("\n" not in para for para in paper.clean.split("\n\n"))


def test_seed_offsets_map_back(seeds_dir: Path):
    for f in discover([seeds_dir]):
        doc = read_document(f)
        om = OffsetMap(doc.offset_map)
        for start in range(0, len(doc.clean), 97):
            end = min(len(doc.clean), start + 40)
            if "\n\n" in doc.clean[start:end]:
                continue  # across paragraphs: the original holds the lines dropped between
            a, b = om.to_original(start, end)
            squeeze = "".join(doc.clean[start:end].split()).replace("-", "")
            orig = "".join(doc.original[a:b].split()).replace("-", "").replace("\ufffe", "")
            assert squeeze == orig, (f.name, start)
