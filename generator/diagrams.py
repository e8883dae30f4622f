"""Diagrams drawn at build time as inline SVG: no script, no CDN, legible in print.

Each diagram carries a text alternative (`<title>` and `<desc>`, referenced by aria-labelledby),
and every text from content is escaped for XML. The SVG is a labelled group rather than an image,
because its points are links a reader can follow.
"""

from __future__ import annotations

import math
from html import escape

from generator.escape import Markdown
from generator.model import Film

_NODE_RADIUS = 7
_WIDTH = 720


def _text(value: str) -> str:
    return escape(" ".join(value.split()), quote=True)


def relationship_diagram(film: Film) -> Markdown:
    """The characters on a circle, a line between each pair that has a relationship."""
    count = len(film.characters)
    height = 420 if count > 4 else 300
    cx, cy = _WIDTH / 2, height / 2
    radius = min(cx, cy) - 60
    places = {
        c.id: (
            cx + radius * math.cos(2 * math.pi * i / count - math.pi / 2),
            cy + radius * math.sin(2 * math.pi * i / count - math.pi / 2),
        )
        for i, c in enumerate(film.characters)
    }
    pairs = sorted(
        {tuple(sorted((c.id, r.character))) for c in film.characters for r in c.relationships}
    )
    lines = "".join(
        f'<line x1="{places[a][0]:.1f}" y1="{places[a][1]:.1f}" '
        f'x2="{places[b][0]:.1f}" y2="{places[b][1]:.1f}" class="diagram-edge"/>'
        for a, b in pairs
        if a != b
    )
    nodes = "".join(_node(c.id, c.name, places[c.id], (cx, cy)) for c in film.characters)
    described = "; ".join(
        f"{c.name}: "
        + ", ".join(f"{film.character(r.character).name} ({r.kind})" for r in c.relationships)
        for c in film.characters
        if c.relationships
    )
    return _figure(
        f"relationships-{film.id}",
        f"How the characters of {film.title} are related",
        f"Relationships. {described}.",
        f"0 0 {_WIDTH} {height}",
        lines + nodes,
        "Lines join characters who have a relationship; each character below says what it is.",
    )


def _node(
    character_id: str, name: str, place: tuple[float, float], center: tuple[float, float]
) -> str:
    """A character's point and name: names beside points on the sides, above or below them at
    the top and bottom of the circle."""
    (x, y), (cx, cy) = place, center
    anchor = "middle" if abs(x - cx) < 40 else ("start" if x > cx else "end")
    dx = 0 if anchor == "middle" else (12 if anchor == "start" else -12)
    dy = 5 if anchor != "middle" else (-14 if y < cy else 22)
    return (
        f'<a href="#character-{character_id}">'
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{_NODE_RADIUS}" class="diagram-node"/>'
        f'<text x="{x + dx:.1f}" y="{y + dy:.1f}" text-anchor="{anchor}" class="diagram-label">'
        f"{_text(name)}</text></a>"
    )


def timeline_diagram(film: Film) -> Markdown:
    """The plot beats in order along a line, each a link to its beat."""
    step, top = 30, 20
    height = top * 2 + step * (len(film.plot) - 1)
    parts = [f'<line x1="40" y1="{top}" x2="40" y2="{height - top}" class="diagram-edge"/>']
    for index, beat in enumerate(film.plot):
        y = top + index * step
        parts.append(
            f'<a href="#beat-{beat.id}">'
            f'<circle cx="40" cy="{y}" r="{_NODE_RADIUS}" class="diagram-node"/>'
            f'<text x="60" y="{y + 5}" class="diagram-label">'
            f"{beat.number}. {_text(beat.title)}</text></a>"
        )
    titles = "; ".join(f"{b.number}. {b.title}" for b in film.plot)
    return _figure(
        f"timeline-{film.id}",
        f"Timeline of the {len(film.plot)} plot beats of {film.title}",
        f"The beats in order: {titles}.",
        f"0 0 {_WIDTH} {height}",
        "".join(parts),
        "Each point is a beat of the story, in order; select one to read it.",
    )


def _figure(
    ident: str, title: str, description: str, box: str, body: str, caption: str
) -> Markdown:
    return Markdown(
        f'<figure class="diagram" id="{ident}">'
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{box}" role="group" '
        f'aria-labelledby="{ident}-title {ident}-desc">'
        f'<title id="{ident}-title">{_text(title)}</title>'
        f'<desc id="{ident}-desc">{_text(description)}</desc>'
        f"{body}</svg>"
        f"<figcaption>{_text(caption)}</figcaption></figure>"
    )
