"""A synthetic catalog: N films that satisfy the real schema, the same every time for the same N.

Each film is about the size and shape of a real guide (15 beats, 7 characters, 5 themes from the
real vocabulary, awards, questions, vocabulary, sources: some 17 KB of YAML, where Her is 22 KB),
with text drawn from a fixed word list by a seeded random generator, so runs are comparable.

    .venv/bin/python benchmarks/catalog.py 200 /tmp/catalog   # writes /tmp/catalog/content/
"""

from __future__ import annotations

import random
import shutil
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
WORDS = (
    "love",
    "memory",
    "city",
    "night",
    "letter",
    "voice",
    "light",
    "window",
    "rain",
    "morning",
    "friend",
    "silence",
    "road",
    "house",
    "stranger",
    "promise",
    "river",
    "winter",
    "summer",
    "secret",
    "dream",
    "machine",
    "language",
    "garden",
    "mirror",
    "ocean",
    "train",
    "station",
    "photograph",
    "music",
    "dance",
    "question",
    "answer",
    "door",
    "street",
    "island",
    "journey",
    "home",
    "family",
    "child",
    "teacher",
    "doctor",
    "writer",
    "painter",
    "soldier",
    "captain",
    "island",
    "border",
    "bridge",
    "storm",
)
GENRES = ["Drama", "Romance", "Science fiction", "Comedy", "Thriller", "Mystery", "Fantasy"]


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(_sentence(rng, rng.randint(8, 16)) for _ in range(sentences))


def _slug(rng: random.Random, used: set[str]) -> str:
    while True:
        candidate = f"{rng.choice(WORDS)}-{rng.choice(WORDS)}"
        if candidate not in used:
            used.add(candidate)
            return candidate


def film(index: int, theme_ids: list[str]) -> dict[str, Any]:
    """One synthetic film, determined by its index."""
    rng = random.Random(index)
    year = 1930 + (index * 7) % 95
    used: set[str] = set()
    characters = [_slug(rng, used) for _ in range(7)]
    beats = [_slug(rng, used) for _ in range(15)]
    themes = rng.sample(theme_ids, 5)
    names = [" ".join(w.capitalize() for w in c.split("-")) for c in characters]
    return {
        "title": f"{_sentence(rng, 3)[:-1]} {index}",
        "year": year,
        "genres": rng.sample(GENRES, 2),
        "runtime_minutes": rng.randint(80, 180),
        "rating": {
            "system": "MPAA",
            "certificate": rng.choice(["PG", "PG-13", "R"]),
            "reason": "for " + _sentence(rng, 4)[:-1].lower(),
            "sources": ["film"],
        },
        "advisories": [_sentence(rng, 8) for _ in range(2)],
        "synopsis": _paragraph(rng, 5),
        "credits": {
            "directors": [f"Director {index}"],
            "writers": [f"Writer {index}", f"Co-writer {index}"],
            "producers": [f"Producer {index}"],
            "cinematography": [f"Camera {index}"],
            "cast": [
                {"actor": f"Actor {index}-{i}", "character": c} for i, c in enumerate(characters)
            ],
            "sources": ["credits"],
        },
        "premiere": {
            "date": f"{year}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
            "event": "Film Festival",
            "place": "A City",
            "sources": ["film"],
        },
        "plot": [
            {
                "id": b,
                "title": _sentence(rng, 4)[:-1],
                "summary": _paragraph(rng, 4),
                "characters": rng.sample(characters, 3),
                "sources": ["film"],
            }
            for b in beats
        ],
        "characters": [
            {
                "id": c,
                "name": n,
                "description": _paragraph(rng, 2),
                "relationships": [
                    {
                        "character": rng.choice([o for o in characters if o != c]),
                        "kind": rng.choice(["friend", "sister", "rival", "partner"]),
                        "description": _sentence(rng, 10),
                    }
                ],
            }
            for c, n in zip(characters, names, strict=True)
        ],
        "themes": [
            {
                "id": t,
                "description": _paragraph(rng, 3),
                "evidence": [{"beat": b, "note": _sentence(rng, 9)} for b in rng.sample(beats, 3)],
            }
            for t in themes
        ],
        "awards": [
            {
                "ceremony": "Academy Awards",
                "edition": f"{year - 1927}th",
                "date": f"{year + 1}-03-0{rng.randint(1, 9)}",
                "category": rng.choice(
                    ["Best Picture", "Best Director", "Best Original Screenplay"]
                ),
                "nominees": [f"Director {index}"],
                "result": rng.choice(["won", "nominated"]),
                "sources": ["oscars"],
            }
            for _ in range(2)
        ],
        "dedications": [],
        "questions": [
            {
                "question": _sentence(rng, 14)[:-1] + "?",
                "themes": [rng.choice(themes)],
                "beats": [rng.choice(beats)],
            }
            for _ in range(5)
        ],
        "vocabulary": [
            {"term": rng.choice(WORDS), "definition": _sentence(rng, 10)} for _ in range(3)
        ],
        "sources": [
            {"id": "film", "title": f"Film {index}, the film"},
            {"id": "credits", "title": f"Film {index}, credits"},
            {"id": "oscars", "title": "Academy Awards database", "url": "https://www.oscars.org/"},
        ],
    }


def write_catalog(count: int, project: Path) -> Path:
    """Write `count` films and the real theme vocabulary into `project`/content."""
    content = project / "content"
    films = content / "films"
    if films.exists():
        shutil.rmtree(films)
    films.mkdir(parents=True)
    shutil.copy(ROOT / "content" / "themes.yml", content / "themes.yml")
    vocabulary = yaml.safe_load((ROOT / "content" / "themes.yml").read_text("utf-8"))
    theme_ids = [t["id"] for t in vocabulary["themes"]]
    for index in range(count):
        text = yaml.safe_dump(film(index, theme_ids), sort_keys=False, allow_unicode=True)
        (films / f"film-{index:05d}.yml").write_text(text, "utf-8")
    return content


if __name__ == "__main__":
    write_catalog(int(sys.argv[1]), Path(sys.argv[2]))
