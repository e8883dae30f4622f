"""The command line: `filmguide validate | generate | build`, also `python -m generator`."""

from __future__ import annotations

import contextlib
import gc
import json
import os
import sys
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TextIO

import click

from generator import __version__
from generator.errors import ContentError, Diagnostic, FilmGuideError, Severity
from generator.model import Edition
from generator.pipeline import Cache, Checked, Options, Progress, check_content, generate
from generator.render import forget_templates
from generator.site import build_site, load_site_config, pack_site

content_option = click.option(
    "--content",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("content"),
    show_default=True,
    help="Folder holding films/<id>.yml.",
)
strict_option = click.option(
    "--strict", is_flag=True, help="Treat warnings (legal but probably wrong) as errors."
)
jobs_option = click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    envvar="FILMGUIDE_JOBS",
    help="Processes that check and render a large catalog (default: one per core; 1 keeps "
    "everything in one process).",
)


def _film_ids(
    _ctx: click.Context, _param: click.Parameter, value: str | None
) -> tuple[str, ...] | None:
    """'her, arrival' as ('her', 'arrival'); None when the option is not given."""
    if value is None:
        return None
    return tuple(part.strip() for part in value.split(",") if part.strip())


def page_options(command: Callable[..., None]) -> Callable[..., None]:
    """The options that decide what a build holds: edition, films and templates."""
    options = [
        click.option(
            "--edition",
            type=click.Choice([e.value for e in Edition]),
            default=Edition.STUDENT.value,
            show_default=True,
            envvar="FILMGUIDE_EDITION",
            help="student leaves all teacher-only material out; teacher includes it, marked.",
        ),
        click.option(
            "--films",
            metavar="ID,ID,...",
            callback=_film_ids,
            help="Only these films (by id, comma-separated), indexes included: a class guide.",
        ),
        click.option(
            "--templates",
            type=click.Path(file_okay=False, exists=True, path_type=Path),
            envvar="FILMGUIDE_TEMPLATES",
            help="A folder of templates that replace the project's own of the same name "
            "(also the FILMGUIDE_TEMPLATES setting).",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _options(edition: str, films: tuple[str, ...] | None, templates: Path | None) -> Options:
    return Options(Edition(edition), films, templates)


@contextlib.contextmanager
def paused_garbage_collection() -> Iterator[None]:
    """Run without Python's cycle collector, which otherwise rescans the millions of live
    objects of a large catalog again and again (it made loading a thousand films 3 times
    slower). A run is short and makes no garbage cycles worth collecting."""
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


class _ReportingGroup(click.Group):
    """A command group that turns the tool's own errors into messages and exit code 1."""

    def invoke(self, ctx: click.Context) -> None:
        try:
            with paused_garbage_collection():
                super().invoke(ctx)
        except FilmGuideError as failure:
            report(failure)
            ctx.exit(1)
        except OSError as failure:
            where = f": {failure.filename}" if failure.filename else ""
            click.echo(f"error: {failure.strerror or failure}{where}", err=True)
            ctx.exit(1)
        except KeyboardInterrupt:
            click.echo("Interrupted; nothing was half-written.", err=True)
            ctx.exit(130)


@click.group(cls=_ReportingGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="filmguide")
def cli() -> None:
    """Turn YAML about films into a study-guide website."""


@cli.command()
@content_option
@strict_option
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="json prints every diagnostic as a JSON list on stdout, for CI annotations.",
)
@jobs_option
def validate(content: Path, strict: bool, output_format: str, jobs: int | None) -> None:
    """Check every film; print every problem as path:line:col: error: message."""
    try:
        checked = check_content(content, strict=strict, jobs=jobs)
    except ContentError as failure:
        if output_format == "json":
            click.echo(json.dumps([d.as_dict() for d in failure.diagnostics], indent=2))
            sys.exit(1)
        raise
    if output_format == "json":
        click.echo(json.dumps([d.as_dict() for d in checked.warnings], indent=2))
        return
    _print_warnings(checked)
    click.echo(f"{len(checked.films)} film(s) valid.", err=True)


@cli.command(name="generate")
@content_option
@strict_option
@click.option(
    "--docs",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("docs"),
    show_default=True,
    help="The MkDocs docs folder; pages go to its films/ folder.",
)
@page_options
@jobs_option
def generate_command(
    content: Path,
    strict: bool,
    docs: Path,
    edition: str,
    films: tuple[str, ...] | None,
    templates: Path | None,
    jobs: int | None,
) -> None:
    """Validate, then write the Markdown pages into the docs folder."""
    options = _options(edition, films, templates)
    checked, report = generate(
        content, docs, strict=strict, progress=terminal_progress(), options=options, jobs=jobs
    )
    _print_warnings(checked)
    click.echo(f"{len(checked.films)} film(s): {report.summary()}.", err=True)


@cli.command()
@content_option
@strict_option
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    default=Path("mkdocs.yml"),
    show_default=True,
    help="The MkDocs configuration.",
)
@click.option(
    "--site-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where to build the site (default: site_dir of the MkDocs configuration, with "
    "-teacher and -offline added for those builds).",
)
@click.option("-v", "--verbose", is_flag=True, help="Show MkDocs' progress messages.")
@page_options
@click.option(
    "--offline",
    is_flag=True,
    help="A site that works opened from a folder or USB stick (file://) with no network.",
)
@click.option("--zip", "pack", is_flag=True, help="With --offline: also pack it into one .zip.")
@jobs_option
def build(
    content: Path,
    strict: bool,
    config_file: Path,
    site_dir: Path | None,
    verbose: bool,
    edition: str,
    films: tuple[str, ...] | None,
    templates: Path | None,
    offline: bool,
    pack: bool,
    jobs: int | None,
) -> None:
    """Generate the pages, then build the site with MkDocs in strict mode."""
    if pack and not offline:
        raise click.UsageError("--zip packs the offline site: use it with --offline")
    options = _options(edition, films, templates)
    docs = Path(load_site_config(config_file).docs_dir)
    progress = terminal_progress()
    checked, report = generate(
        content, docs, strict=strict, progress=progress, options=options, jobs=jobs
    )
    _print_warnings(checked)
    click.echo(f"{len(checked.films)} film(s): {report.summary()}.", err=True)
    if progress is not None:
        click.echo("Building the site with MkDocs...", err=True)
    target = build_site(
        config_file, site_dir, verbose=verbose, edition=options.edition, offline=offline
    )
    click.echo(f"Site built in {target}/ ({options.edition} edition)", err=True)
    if offline:
        click.echo(f"Open {target / 'index.html'} in a browser; no network needed.", err=True)
    if pack:
        click.echo(f"Packed into {pack_site(target)}", err=True)


def terminal_progress(
    stream: TextIO | None = None, environ: Mapping[str, str] | None = None
) -> Progress | None:
    """A progress line for people at a terminal; None (quiet) in CI or when output is piped."""
    stream = stream if stream is not None else sys.stderr
    environ = environ if environ is not None else os.environ
    if environ.get("CI") or not stream.isatty():
        return None
    step = 25
    shown = 0

    def show(done: int, total: int) -> None:
        nonlocal shown
        # Workers report a run of films at a time, so `done` can jump past a multiple of step.
        if done // step > shown // step or done == total:
            shown = done
            end = "\n" if done == total else ""
            stream.write(f"\rChecked {done:,} of {total:,} films{end}")
            stream.flush()

    return show


@cli.command(name="serve")
@content_option
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    default=Path("mkdocs.yml"),
    show_default=True,
    help="The MkDocs configuration.",
)
@click.option("--dev-addr", default=None, help="Address to serve on (default: 127.0.0.1:8000).")
@page_options
def serve_command(
    content: Path,
    config_file: Path,
    dev_addr: str | None,
    edition: str,
    films: tuple[str, ...] | None,
    templates: Path | None,
) -> None:
    """Preview the site; saving a film's YAML updates the open page within seconds."""
    from generator.serve import serve

    options = _options(edition, films, templates)
    docs = Path(load_site_config(config_file).docs_dir)
    cache = Cache()

    def regenerate() -> None:
        if templates is not None:
            forget_templates()  # a template of the class may have been added, edited or removed
        checked, written = generate(content, docs, cache=cache, options=options)
        _print_warnings(checked)
        click.echo(f"{len(checked.films)} film(s): {written.summary()}.", err=True)

    serve(config_file, regenerate, report, content, dev_addr, templates)


@cli.command(name="new")
@click.argument("title")
@click.option("--year", type=click.IntRange(1870, 2100), required=True, help="Year of release.")
@click.option(
    "--id",
    "film",
    default=None,
    help="The film's id and file name (default: made from the title, like 'her').",
)
@content_option
def new_command(title: str, year: int, film: str | None, content: Path) -> None:
    """Start a film file: content/films/<id>.yml with every key described, ready to fill."""
    from generator.scaffold import film_id, new_film

    film = film if film is not None else film_id(title)
    target = new_film(content, title, year, film)
    click.echo(f"Wrote {target}: fill it in, then run `filmguide validate`.", err=True)


def _print_warnings(checked: Checked) -> None:
    for warning in checked.warnings:
        click.echo(warning.format(), err=True)


def report(failure: FilmGuideError) -> None:
    """Print a failure the way editors and CI logs read it."""
    if isinstance(failure, ContentError):
        for diagnostic in failure.diagnostics:
            click.echo(diagnostic.format(), err=True)
        click.echo(_count(failure.diagnostics), err=True)
    else:
        click.echo(f"error: {failure}", err=True)


def _count(diagnostics: list[Diagnostic]) -> str:
    errors = sum(1 for d in diagnostics if d.severity is Severity.ERROR)
    warnings = len(diagnostics) - errors
    files = len({d.path for d in diagnostics})
    found = f"{errors} error(s)" + (f" and {warnings} warning(s)" if warnings else "")
    return f"Found {found} in {files} file(s); nothing was written."


def main() -> None:
    """Entry point of `filmguide` and `python -m generator`."""
    cli(prog_name="filmguide")
