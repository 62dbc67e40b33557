"""Small invented articles (our own words) for build tests, written at test time."""

from __future__ import annotations

from pathlib import Path

CITIES = ["Warsaw", "Seoul", "Krakow", "Busan", "Gdansk", "Daejeon"]
ITEMS = ["howitzers", "tanks", "trainer jets", "rocket launchers", "radar systems", "frigates"]


def article(i: int) -> str:
    city = CITIES[i % len(CITIES)]
    item = ITEMS[(i // len(CITIES)) % len(ITEMS)]
    day = 1 + i % 27
    return (
        f"Arms talks number {i} in {city}\n\n"
        f"Published March {day}, 2024\n\n"
        f"Poland and South Korea signed an agreement in {city} on March {day}, 2024 "
        f"for {10 + i} {item}, officials said.\n\n"
        f"The deal, worth ${100 + 7 * i} million, follows talks that began in {2020 + i % 4}. "
        f"Polish officials said deliveries of the {item} would start next year.\n"
    )


def write_corpus(folder: Path, n: int, start: int = 0) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(start, start + n):
        p = folder / f"a{i:03d}.txt"
        p.write_text(article(i), encoding="utf-8")
        paths.append(p)
    return paths
