"""Stage 3: the typed model of a film guide: frozen dataclasses from validated data, no I/O."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any


class Edition(StrEnum):
    """Who a build is for: teacher-only material is in the teacher edition alone."""

    STUDENT = "student"
    """The public site: no teacher-only material anywhere."""
    TEACHER = "teacher"
    """Everything, teacher-only material clearly marked."""


@dataclass(frozen=True)
class Source:
    """Where facts come from."""

    id: str
    """The id facts cite it by."""
    title: str
    """The source's title."""
    publisher: str | None
    """Who published it."""
    url: str | None
    """A web address (http or https only; checked by the schema)."""
    note: str | None
    """What the source is used for."""


@dataclass(frozen=True)
class Rating:
    """An age rating."""

    system: str
    """The rating board, like 'MPAA'."""
    certificate: str
    """The rating given, like 'R'."""
    reason: str | None
    """The board's stated reason."""
    sources: tuple[str, ...]
    """Ids of the sources for the rating."""


@dataclass(frozen=True)
class CastMember:
    """A performer and the character they play."""

    actor: str
    """The performer's name."""
    character: str
    """The character's id."""
    note: str | None
    """A note on the part, like 'voice'."""


@dataclass(frozen=True)
class Credits:
    """Who made the film and who is in it."""

    directors: tuple[str, ...]
    """Directed by."""
    writers: tuple[str, ...]
    """Written by."""
    producers: tuple[str, ...]
    """Produced by."""
    music: tuple[str, ...]
    """Music by."""
    cinematography: tuple[str, ...]
    """Cinematography by."""
    editing: tuple[str, ...]
    """Edited by."""
    studios: tuple[str, ...]
    """Production companies."""
    distributors: tuple[str, ...]
    """Distributed by."""
    cast: tuple[CastMember, ...]
    """The cast, in credit order."""
    sources: tuple[str, ...]
    """Ids of the sources for the credits."""


@dataclass(frozen=True)
class Premiere:
    """The first public screening."""

    date: datetime.date
    """When."""
    event: str
    """At what event."""
    place: str | None
    """In which city."""
    sources: tuple[str, ...]
    """Ids of the sources for the premiere."""


@dataclass(frozen=True)
class Release:
    """One release of the film."""

    date: datetime.date
    """When."""
    region: str
    """Where."""
    kind: str | None
    """Limited, wide, streaming or festival."""
    sources: tuple[str, ...]
    """Ids of the sources for the release."""


@dataclass(frozen=True)
class Beat:
    """One beat of the plot."""

    id: str
    """Stable id; the anchor of the beat on the plot page."""
    number: int
    """Position in the plot, from 1."""
    title: str
    """A short title."""
    summary: str
    """What happens."""
    characters: tuple[str, ...]
    """Ids of the characters in the beat."""
    sources: tuple[str, ...]
    """Ids of the sources for the beat."""


@dataclass(frozen=True)
class Relationship:
    """A character's relationship to another character."""

    character: str
    """The other character's id."""
    kind: str
    """The relationship in a few words."""
    description: str | None
    """How it matters to the story."""


@dataclass(frozen=True)
class Character:
    """One character."""

    id: str
    """Stable id; the anchor of the character on the characters page."""
    name: str
    """The character's name."""
    description: str
    """Who they are."""
    relationships: tuple[Relationship, ...]
    """Relationships to other characters."""


@dataclass(frozen=True)
class ThemeDefinition:
    """A theme of the shared vocabulary (content/themes.yml)."""

    id: str
    """The id films use for it."""
    name: str
    """Its name on the site."""
    description: str
    """What it is about, across films."""


@dataclass(frozen=True)
class Evidence:
    """A plot beat that shows a theme."""

    beat: str
    """The beat's id."""
    note: str
    """How the beat shows the theme."""


@dataclass(frozen=True)
class Theme:
    """One theme of the film."""

    id: str
    """Stable id; the anchor of the theme on the themes page."""
    name: str
    """The theme's name."""
    description: str
    """What the film says about it."""
    evidence: tuple[Evidence, ...]
    """The beats that show it."""

    def shows(self, beat_id: str) -> bool:
        """True when this beat is evidence of the theme."""
        return any(e.beat == beat_id for e in self.evidence)


@dataclass(frozen=True)
class Award:
    """One nomination or win."""

    ceremony: str
    """The awards, like 'Academy Awards'."""
    edition: str | None
    """Which edition, like '86th'."""
    date: datetime.date
    """The date of the ceremony."""
    category: str
    """The category."""
    nominees: tuple[str, ...]
    """Who was nominated."""
    work: str | None
    """The nominated work, when it is part of the film."""
    won: bool
    """True for a win, False for a nomination."""
    sources: tuple[str, ...]
    """Ids of the sources for the award."""

    @property
    def ceremony_name(self) -> str:
        """'86th Academy Awards', or just the ceremony when there is no edition."""
        return f"{self.edition} {self.ceremony}" if self.edition else self.ceremony


@dataclass(frozen=True)
class Dedication:
    """A person the film is dedicated to."""

    name: str
    """Their name."""
    description: str | None
    """Who they were."""
    died: datetime.date | None
    """When they died, for a dedication to someone's memory."""
    sources: tuple[str, ...]
    """Ids of the sources for the dedication."""


@dataclass(frozen=True)
class Question:
    """A question for discussion."""

    question: str
    """The question."""
    themes: tuple[str, ...]
    """Ids of the themes it explores."""
    beats: tuple[str, ...]
    """Ids of the beats it draws on."""
    teacher_notes: str | None
    """Teacher-only: what a good answer might draw on."""


@dataclass(frozen=True)
class BeforeViewing:
    """Spoiler-free material for the page read before the film is seen."""

    context: str | None
    """Background worth having before watching."""
    watch_for: tuple[str, ...]
    """Things to notice while watching."""


@dataclass(frozen=True)
class Activity:
    """A classroom activity (teacher-only)."""

    title: str
    """Its name."""
    minutes: int
    """How long it takes in class."""
    stage: str | None
    """Before, during or after viewing."""
    description: str
    """What the class does."""
    themes: tuple[str, ...]
    """Ids of the themes it works on."""


@dataclass(frozen=True)
class Criterion:
    """One row of an assessment rubric, at three levels."""

    criterion: str
    """What is assessed."""
    excellent: str
    """What excellent work does."""
    secure: str
    """What secure work does."""
    developing: str
    """What developing work does."""


@dataclass(frozen=True)
class Rubric:
    """An assessment rubric (teacher-only)."""

    task: str
    """The task it assesses."""
    criteria: tuple[Criterion, ...]
    """Its criteria."""


@dataclass(frozen=True)
class Teaching:
    """Teacher-only material for a film."""

    notes: tuple[str, ...]
    """Teaching notes."""
    activities: tuple[Activity, ...]
    """Suggested activities with timings."""
    rubric: Rubric | None
    """An assessment rubric."""

    @property
    def minutes(self) -> int:
        """The time all the activities take together."""
        return sum(a.minutes for a in self.activities)


@dataclass(frozen=True)
class Term:
    """A vocabulary entry."""

    term: str
    """The word or phrase."""
    definition: str
    """What it means."""


@dataclass(frozen=True)
class Film:
    """A whole film guide."""

    id: str
    """The film's id: its file name, and the folder of its pages."""
    source: str
    """The film's YAML file, relative to the project (for the edit link)."""
    updated: datetime.date | None
    """When the film's YAML file last changed."""
    title: str
    """The title."""
    year: int
    """Year of first release."""
    genres: tuple[str, ...]
    """Genres."""
    runtime_minutes: int | None
    """Running time."""
    rating: Rating | None
    """Age rating."""
    advisories: tuple[str, ...]
    """Content advisories."""
    synopsis: str
    """A short description that gives nothing of the ending away."""
    before_viewing: BeforeViewing | None
    """Spoiler-free material for the Before viewing page."""
    credits: Credits
    """Who made it."""
    premiere: Premiere | None
    """First screening."""
    releases: tuple[Release, ...]
    """Releases, in order."""
    plot: tuple[Beat, ...]
    """The plot, beat by beat."""
    characters: tuple[Character, ...]
    """The characters."""
    themes: tuple[Theme, ...]
    """The themes."""
    awards: tuple[Award, ...]
    """Nominations and wins."""
    recognition: str | None
    """How the film was received and what it was honoured for."""
    dedications: tuple[Dedication, ...]
    """People the film is dedicated to."""
    questions: tuple[Question, ...]
    """Questions for discussion."""
    vocabulary: tuple[Term, ...]
    """Words worth knowing."""
    teaching: Teaching | None
    """Teacher-only material."""
    sources: tuple[Source, ...]
    """Where the facts come from."""

    def for_edition(self, edition: Edition) -> Film:
        """The film as an edition shows it: for students, without any teacher-only material."""
        if edition is Edition.TEACHER:
            return self
        questions = tuple(replace(q, teacher_notes=None) for q in self.questions)
        return replace(self, teaching=None, questions=questions)

    @property
    def has_teacher_material(self) -> bool:
        """True when the film holds teacher-only material of any kind."""
        return self.teaching is not None or any(q.teacher_notes for q in self.questions)

    def beat(self, beat_id: str) -> Beat:
        """The beat with this id."""
        return next(b for b in self.plot if b.id == beat_id)

    def character(self, character_id: str) -> Character:
        """The character with this id."""
        return next(c for c in self.characters if c.id == character_id)

    def theme(self, theme_id: str) -> Theme:
        """The theme with this id."""
        return next(t for t in self.themes if t.id == theme_id)

    def themes_of(self, beat_id: str) -> tuple[Theme, ...]:
        """The themes whose evidence names this beat."""
        return tuple(t for t in self.themes if any(e.beat == beat_id for e in t.evidence))

    def beats_with(self, character_id: str) -> tuple[Beat, ...]:
        """The beats this character appears in, in story order."""
        return tuple(b for b in self.plot if character_id in b.characters)

    def questions_on(self, theme_id: str) -> tuple[Question, ...]:
        """The questions that take up this theme."""
        return tuple(q for q in self.questions if theme_id in q.themes)

    def actors_of(self, character_id: str) -> tuple[CastMember, ...]:
        """The cast members who play this character."""
        return tuple(m for m in self.credits.cast if m.character == character_id)

    def sources_for(self, ids: tuple[str, ...]) -> tuple[Source, ...]:
        """The sources with these ids, in the order the film lists its sources."""
        return tuple(s for s in self.sources if s.id in ids)

    @property
    def wins(self) -> tuple[Award, ...]:
        """The awards won."""
        return tuple(a for a in self.awards if a.won)

    @property
    def first_release(self) -> datetime.date | None:
        """The earliest release date, if any release is known."""
        return min((r.date for r in self.releases), default=None)

    @property
    def dedicated_in_memory(self) -> bool:
        """True when every dedicatee died before the film's first release."""
        release = self.first_release
        return bool(self.dedications) and all(
            d.died is not None and release is not None and d.died < release
            for d in self.dedications
        )


def build_vocabulary(data: dict[str, Any]) -> tuple[ThemeDefinition, ...]:
    """The shared themes, from validated content/themes.yml data."""
    return tuple(ThemeDefinition(t["id"], t["name"], t["description"]) for t in data["themes"])


def build_film(
    film_id: str,
    data: dict[str, Any],
    *,
    source: str,
    vocabulary: tuple[ThemeDefinition, ...],
    updated: datetime.date | None = None,
) -> Film:
    """The model of one validated film's data; theme names default to the vocabulary's."""
    names = {t.id: t.name for t in vocabulary}
    return Film(
        id=film_id,
        source=source,
        updated=updated,
        title=data["title"],
        year=data["year"],
        genres=tuple(data.get("genres", ())),
        runtime_minutes=data.get("runtime_minutes"),
        rating=_rating(data.get("rating")),
        advisories=tuple(data.get("advisories", ())),
        synopsis=data["synopsis"],
        before_viewing=_before_viewing(data.get("before_viewing")),
        credits=_credits(data["credits"]),
        premiere=_premiere(data.get("premiere")),
        releases=tuple(_release(r) for r in data.get("releases", ())),
        plot=tuple(_beat(number, b) for number, b in enumerate(data["plot"], start=1)),
        characters=tuple(_character(c) for c in data["characters"]),
        themes=tuple(_theme(t, names[t["id"]]) for t in data["themes"]),
        awards=tuple(_award(a) for a in data["awards"]),
        recognition=data.get("recognition"),
        dedications=tuple(_dedication(d) for d in data["dedications"]),
        questions=tuple(_question(q) for q in data["questions"]),
        vocabulary=tuple(Term(v["term"], v["definition"]) for v in data.get("vocabulary", ())),
        teaching=_teaching(data.get("teaching")),
        sources=tuple(_source(s) for s in data["sources"]),
    )


def _date(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


def _names(data: dict[str, Any], key: str) -> tuple[str, ...]:
    return tuple(data.get(key, ()))


def _rating(data: dict[str, Any] | None) -> Rating | None:
    if data is None:
        return None
    return Rating(data["system"], data["certificate"], data.get("reason"), _names(data, "sources"))


def _credits(data: dict[str, Any]) -> Credits:
    cast = tuple(CastMember(m["actor"], m["character"], m.get("note")) for m in data["cast"])
    roles = ("directors", "writers", "producers", "music", "cinematography", "editing")
    companies = ("studios", "distributors")
    names = {key: _names(data, key) for key in roles + companies}
    return Credits(**names, cast=cast, sources=_names(data, "sources"))


def _premiere(data: dict[str, Any] | None) -> Premiere | None:
    if data is None:
        return None
    return Premiere(_date(data["date"]), data["event"], data.get("place"), _names(data, "sources"))


def _release(data: dict[str, Any]) -> Release:
    return Release(_date(data["date"]), data["region"], data.get("kind"), _names(data, "sources"))


def _beat(number: int, data: dict[str, Any]) -> Beat:
    return Beat(
        id=data["id"],
        number=number,
        title=data["title"],
        summary=data["summary"],
        characters=_names(data, "characters"),
        sources=_names(data, "sources"),
    )


def _character(data: dict[str, Any]) -> Character:
    relations = tuple(
        Relationship(r["character"], r["kind"], r.get("description"))
        for r in data.get("relationships", ())
    )
    return Character(data["id"], data["name"], data["description"], relations)


def _theme(data: dict[str, Any], default_name: str) -> Theme:
    evidence = tuple(Evidence(e["beat"], e["note"]) for e in data["evidence"])
    return Theme(data["id"], data.get("name", default_name), data["description"], evidence)


def _award(data: dict[str, Any]) -> Award:
    return Award(
        ceremony=data["ceremony"],
        edition=data.get("edition"),
        date=_date(data["date"]),
        category=data["category"],
        nominees=_names(data, "nominees"),
        work=data.get("work"),
        won=data["result"] == "won",
        sources=_names(data, "sources"),
    )


def _dedication(data: dict[str, Any]) -> Dedication:
    died = _date(data["died"]) if "died" in data else None
    return Dedication(data["name"], data.get("description"), died, _names(data, "sources"))


def _question(data: dict[str, Any]) -> Question:
    return Question(
        data["question"], _names(data, "themes"), _names(data, "beats"), data.get("teacher_notes")
    )


def _before_viewing(data: dict[str, Any] | None) -> BeforeViewing | None:
    if data is None:
        return None
    return BeforeViewing(data.get("context"), _names(data, "watch_for"))


def _teaching(data: dict[str, Any] | None) -> Teaching | None:
    if data is None:
        return None
    activities = tuple(_activity(a) for a in data.get("activities", ()))
    return Teaching(_names(data, "notes"), activities, _rubric(data.get("rubric")))


def _activity(data: dict[str, Any]) -> Activity:
    return Activity(
        data["title"],
        data["minutes"],
        data.get("stage"),
        data["description"],
        _names(data, "themes"),
    )


def _rubric(data: dict[str, Any] | None) -> Rubric | None:
    if data is None:
        return None
    levels = ("criterion", "excellent", "secure", "developing")
    return Rubric(data["task"], tuple(Criterion(*(c[k] for k in levels)) for c in data["criteria"]))


def _source(data: dict[str, Any]) -> Source:
    return Source(
        data["id"], data["title"], data.get("publisher"), data.get("url"), data.get("note")
    )


@dataclass(frozen=True)
class Catalog:
    """Every film, and the shared themes, for the pages that look across films."""

    films: tuple[Film, ...]
    """The films, by title."""
    themes: tuple[ThemeDefinition, ...]
    """The shared themes, as content/themes.yml lists them."""

    def for_edition(self, edition: Edition) -> Catalog:
        """The catalog as an edition shows it (see Film.for_edition)."""
        return replace(self, films=tuple(f.for_edition(edition) for f in self.films))

    def treatments(self, theme_id: str) -> tuple[tuple[Film, Theme], ...]:
        """Each film that treats a theme, with that film's take on it, by title."""
        return tuple(
            (film, theme) for film in self.films for theme in film.themes if theme.id == theme_id
        )
