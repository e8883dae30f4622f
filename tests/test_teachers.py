"""Teachers' builds: editions from one source, class guides, their own templates, spoiler-free
pages and new film files. Each site is built by the real command line in a temp project."""

from __future__ import annotations

import gzip
import html
import json
import os
import re
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.model import Catalog, Edition, Film
from generator.pipeline import check_content
from generator.render import forget_templates, render_pages
from tests.conftest import ROOT, make_project, real_films

REAL_FILMS = real_films()


def filmguide(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )


def build(project: Path, *args: str) -> Path:
    result = filmguide(project, "build", "--site-dir", "site", *args)
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.fixture(scope="module")
def films() -> tuple[Film, ...]:
    return check_content(ROOT / "content").films


@pytest.fixture(scope="module")
def student(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(make_project(tmp_path_factory.mktemp("student") / "p", REAL_FILMS))


@pytest.fixture(scope="module")
def teacher(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("teacher") / "p", REAL_FILMS)
    return build(project, "--edition", "teacher")


# --- what a site holds, as text ------------------------------------------------------------


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _readable(path: Path) -> str:
    """A built file as plain text: decompressed, JSON strings joined, entities decoded."""
    raw = path.read_bytes()
    if path.suffix == ".gz":
        raw = gzip.decompress(raw)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return ""
    if path.suffix == ".json":
        text = "\n".join(_strings(json.loads(text)))
    return plain(text)


def plain(text: str) -> str:
    """HTML as the words a reader sees: tags dropped, entities decoded, spaces folded."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split())


def site_texts(site: Path) -> dict[str, str]:
    """Every file of a built site as plain text, by path."""
    return {
        path.relative_to(site).as_posix(): _readable(path)
        for path in site.rglob("*")
        if path.is_file()
    }


WINDOW = 8
"""Words in a row that count as a leak: long enough that no shared phrase matches by chance."""


def windows(text: str) -> list[str]:
    words = text.split()
    return [" ".join(words[i : i + WINDOW]) for i in range(0, len(words) - WINDOW + 1)]


def teacher_only(film: Film) -> list[str]:
    """Every teacher-only text of a film that is long enough to be found by its wording."""
    texts = [q.teacher_notes for q in film.questions if q.teacher_notes]
    if film.teaching is not None:
        texts += list(film.teaching.notes)
        texts += [a.description for a in film.teaching.activities]
        if film.teaching.rubric is not None:
            texts.append(film.teaching.rubric.task)
            for row in film.teaching.rubric.criteria:
                texts += [row.excellent, row.secure, row.developing]
    return [" ".join(t.split()) for t in texts if len(t.split()) >= WINDOW]


# --- editions ------------------------------------------------------------------------------


def test_the_student_model_holds_no_teacher_material(films: tuple[Film, ...]) -> None:
    her = next(f for f in films if f.id == "her")
    assert her.has_teacher_material
    assert her.for_edition(Edition.TEACHER) is her
    stripped = her.for_edition(Edition.STUDENT)
    assert stripped.teaching is None
    assert all(q.teacher_notes is None for q in stripped.questions)
    assert not stripped.has_teacher_material
    assert [q.question for q in stripped.questions] == [q.question for q in her.questions]


def test_no_teacher_only_text_leaks_into_any_file_of_a_student_build(
    student: Path, teacher: Path, films: tuple[Film, ...]
) -> None:
    secrets = [text for film in films for text in teacher_only(film)]
    assert len(secrets) >= 15, "Her's teacher material is what this test guards"
    student_text = "\n".join(site_texts(student).values())
    teacher_text = "\n".join(site_texts(teacher).values())
    for secret in secrets:
        assert windows(secret)[0] in teacher_text, f"the teacher edition shows: {secret[:50]}"
        leaked = [w for w in windows(secret) if w in student_text]
        assert leaked == [], f"student build holds teacher-only text: {leaked[0]}"
    for marker in ("Teacher notes", "Teacher edition", "(teacher edition)"):
        assert marker not in student_text
    assert not (student / "films/her/teaching").exists()
    assert "films/her/teaching" not in (student / "sitemap.xml").read_text("utf-8")


def test_a_teacher_build_never_lands_where_the_public_site_is_built(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", REAL_FILMS)
    result = filmguide(project, "build", "--edition", "teacher", "--films", "her")
    assert result.returncode == 0, result.stderr
    assert (project / "site-teacher/films/her/teaching/index.html").is_file()
    assert not (project / "site").exists()
    assert "site-teacher/ (teacher edition)" in result.stderr


def test_the_teacher_edition_marks_its_material(teacher: Path) -> None:
    page = (teacher / "films/her/teaching/index.html").read_text("utf-8")
    assert "Film Study Guides (teacher edition)" in page
    assert 'class="admonition teacher"' in page
    assert "4 activities, 100 minutes of class time in all." in _readable(
        teacher / "films/her/teaching/index.html"
    )
    questions = (teacher / "films/her/questions/index.html").read_text("utf-8")
    assert questions.count('class="admonition teacher"') == 8
    assert "films/her/teaching/" in (teacher / "sitemap.xml").read_text("utf-8")
    index = json.loads((teacher / "search/search_index.json").read_text("utf-8"))
    assert any(doc["location"].startswith("films/her/teaching/") for doc in index["docs"])
    handout = _readable(teacher / "films/her/handout/index.html")
    assert "Teacher notes" not in handout, "handouts are for students in every edition"


# --- before viewing ------------------------------------------------------------------------


def _spoilers(film: Film) -> list[str]:
    """What the full guide tells and the Before viewing page must not."""
    texts = [beat.summary for beat in film.plot]
    texts += [c.description for c in film.characters]
    texts += [t.description for t in film.themes]
    texts += [e.note for t in film.themes for e in t.evidence]
    texts += [q.question for q in film.questions]
    texts += [r.description for c in film.characters for r in c.relationships if r.description]
    return [" ".join(t.split()) for t in texts if len(t.split()) >= WINDOW]


def test_before_viewing_pages_and_their_search_entries_hold_no_spoilers(
    student: Path, films: tuple[Film, ...]
) -> None:
    index = json.loads((student / "search/search_index.json").read_text("utf-8"))
    for film in films:
        page = _readable(student / f"films/{film.id}/before/index.html")
        entries = " ".join(
            plain(d["title"] + " " + d["text"])
            for d in index["docs"]
            if d["location"].startswith(f"films/{film.id}/before/")
        )
        assert film.synopsis.split()[0] in entries
        for spoiler in _spoilers(film):
            for window in windows(spoiler):
                assert window not in page, (film.id, window)
                assert window not in entries, (film.id, window)
        for beat in film.plot:
            assert f"#beat-{beat.id}" not in (
                student / f"films/{film.id}/before/index.html"
            ).read_text("utf-8")


def test_before_viewing_gives_context_advisories_and_vocabulary(student: Path) -> None:
    page = _readable(student / "films/her/before/index.html")
    assert "set in a Los Angeles of the near future" in page
    assert "The letters Theodore writes at work." in page
    assert (
        "Her is rated R by the MPAA for language, sexual content and brief graphic nudity" in page
    )
    assert "Brief graphic nudity." in page
    assert "hyperintelligent Far more intelligent than any human being." in page
    assert "Joaquin Phoenix Theodore Twombly" in page
    overview = _readable(student / "films/her/index.html")
    assert overview.index("Rating and content advisories") < overview.index("Synopsis")
    assert "Start with Before viewing" in overview


# --- class guides --------------------------------------------------------------------------


def test_a_class_guide_holds_only_its_films_everywhere(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", REAL_FILMS)
    site = build(project, "--films", "her,arrival")
    assert sorted(p.name for p in (site / "films").iterdir() if (p / "before").is_dir()) == [
        "arrival",
        "her",
    ]
    everything = "\n".join(site_texts(site).values())
    for absent in ("Lost in Translation", "Eternal Sunshine", "films/lost-in-translation/"):
        assert absent not in everything
    catalog = _readable(site / "films/index.html")
    assert "Her" in catalog and "Arrival" in catalog
    awards = _readable(site / "films/awards/index.html")
    assert "Best Original Screenplay" in awards
    loneliness = _readable(site / "films/themes/loneliness/index.html")
    assert "Her (2013)" in loneliness


def test_a_class_guide_names_an_unknown_film(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", REAL_FILMS)
    result = filmguide(project, "build", "--films", "her,arival")
    assert result.returncode == 1
    assert result.stderr.startswith("error: no film 'arival' in content/films")
    assert "(did you mean 'arrival'?)" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (project / "site").exists() and not (project / "docs/films").exists()


def test_a_class_guide_checks_only_its_films(tmp_path: Path) -> None:
    broken = {**REAL_FILMS, "broken.yml": "title: [\n"}
    project = make_project(tmp_path / "p", broken)
    assert filmguide(project, "validate").returncode == 1
    build(project, "--films", "her")


# --- a teacher's own templates -------------------------------------------------------------


def test_a_teachers_template_replaces_and_extends_the_projects(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", REAL_FILMS)
    mine = project / "class-templates"
    mine.mkdir()
    (mine / "film_handout.md.j2").write_text(
        '{% extends "builtin/film_handout.md.j2" %}\n'
        "{% block body %}\n"
        "*Room 12, Ms Rivera's class: hand this in on Friday.*\n\n"
        "{{ super() }}"
        "{% endblock %}\n",
        "utf-8",
    )
    site = build(project, "--templates", "class-templates")
    handout = _readable(site / "films/her/handout/index.html")
    assert "Room 12, Ms Rivera's class: hand this in on Friday." in handout
    assert "Theodore writes moving letters for strangers" in handout
    other = _readable(site / "films/her/questions/index.html")
    assert "Room 12" not in other


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        (
            "film_handuot.md.j2",
            "x",
            "film_handuot.md.j2: replaces no template (did you mean film_handout.md.j2?)",
        ),
        ("film_handout.md.j2", "{% if %}", "film_handout.md.j2:1: Expected an expression"),
        (
            "film_handout.md.j2",
            "{{ film.title }}",
            "template film_handout.md.j2: template printed unescaped text 'Arrival'",
        ),
    ],
    ids=["misspelt-name", "syntax-error", "unescaped-text"],
)
def test_a_broken_teachers_template_is_reported(
    tmp_path: Path, name: str, text: str, message: str
) -> None:
    project = make_project(tmp_path / "p", REAL_FILMS)
    (project / "mine").mkdir()
    (project / "mine" / name).write_text(text, "utf-8")
    result = filmguide(project, "generate", "--templates", "mine")
    assert result.returncode == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert not (project / "docs/films").exists()


def test_templates_can_come_from_a_setting(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", REAL_FILMS)
    (project / "mine").mkdir()
    (project / "mine" / "film_handout.md.j2").write_text(
        '{% extends "builtin/film_handout.md.j2" %}{% block heading %}Worksheet{% endblock %}',
        "utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "generator", "generate"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "FILMGUIDE_TEMPLATES": "mine"},
    )
    assert result.returncode == 0, result.stderr
    assert "# Worksheet" in (project / "docs/films/her/handout.md").read_text("utf-8")


def test_a_long_running_preview_sees_templates_added_and_edited(
    tmp_path: Path, films: tuple[Film, ...]
) -> None:
    """Templates are compiled once per run; serve forgets them when the folder changes, so a
    template added or edited while it runs is used by the next regeneration."""
    mine = tmp_path / "mine"
    mine.mkdir()
    catalog = Catalog(films, check_content(ROOT / "content").themes)

    def handout() -> str:
        pages = render_pages(catalog, mine)
        return next(p.content for p in pages if p.path.as_posix() == "her/handout.md")

    assert "# Worksheet" not in handout()
    template = mine / "film_handout.md.j2"
    template.write_text(
        '{% extends "builtin/film_handout.md.j2" %}{% block heading %}Worksheet{% endblock %}',
        "utf-8",
    )
    forget_templates()
    assert "# Worksheet" in handout()
    template.write_text(
        '{% extends "builtin/film_handout.md.j2" %}{% block heading %}Homework{% endblock %}',
        "utf-8",
    )
    forget_templates()
    assert "# Homework" in handout() and "# Worksheet" not in handout()


# --- offline -------------------------------------------------------------------------------


def test_an_offline_build_refers_to_no_other_host_and_packs_into_one_zip(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", REAL_FILMS)
    result = filmguide(project, "build", "--offline", "--zip")
    assert result.returncode == 0, result.stderr
    site = project / "site-offline"
    assert not (project / "site").exists(), "the hosted site's folder is left alone"
    assert (site / "search/search_index.js").is_file()
    assert (site / "javascripts/iframe-worker-shim.js").is_file()
    for page in site.rglob("*.html"):
        text = page.read_text("utf-8")
        text = re.sub(r'<link rel="canonical"[^>]*>', "", text)  # names the page, loads nothing
        loaded = re.findall(r'<(?:script|link|img|iframe)\b[^>]*?(?:src|href)="([^"]+)"', text)
        assert [u for u in loaded if re.match(r"(?:https?:)?//", u)] == [], page
        assert "unpkg.com" not in text and "fonts.googleapis" not in text
        assert 'href="films/her/"' not in text, "links name index.html files for file://"
    with zipfile.ZipFile(project / "site-offline.zip") as packed:
        names = packed.namelist()
    assert "site-offline/index.html" in names
    assert "site-offline/films/her/before.html" in names
    assert len(names) == sum(1 for p in site.rglob("*") if p.is_file())


def test_zip_without_offline_is_refused(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", REAL_FILMS)
    result = filmguide(project, "build", "--zip")
    assert result.returncode == 2
    assert "--zip packs the offline site: use it with --offline" in result.stderr


def test_the_vendored_search_shim_is_the_registrys(tmp_path: Path) -> None:
    installed = ROOT / "node_modules/iframe-worker/shim/index.js"
    if not installed.exists():
        pytest.skip("npm ci has not installed iframe-worker")
    vendored = ROOT / "generator/vendor/iframe-worker/shim.js"
    assert vendored.read_bytes() == installed.read_bytes()
    lock = json.loads((ROOT / "package-lock.json").read_text("utf-8"))
    pinned = lock["packages"]["node_modules/iframe-worker"]
    assert pinned["version"] in (ROOT / "generator/vendor/README.md").read_text("utf-8")
    assert pinned["integrity"] in (ROOT / "generator/vendor/README.md").read_text("utf-8")
