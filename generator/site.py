"""Stage 6: build the static site from the generated Markdown with MkDocs, strictly."""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import sys
import zipfile
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from generator.csp import protect
from generator.errors import SiteBuildError
from generator.model import Edition
from generator.write import clean_leftovers, staging_folder, swap_in

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig


class _Collect(logging.Handler):
    """Keeps MkDocs' warnings so they can be reported together."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(f"{record.levelname.lower()}: {record.getMessage()}")


OFFLINE_SWITCH = "FILMGUIDE_OFFLINE"
"""The environment variable that mkdocs.yml reads (`!ENV`) to turn on Material's offline plugin."""

SEARCH_SHIM = "javascripts/iframe-worker-shim.js"
"""Where the offline site carries the shim that lets search run from file:// pages."""


@contextlib.contextmanager
def _offline_switch(offline: bool) -> Iterator[None]:
    earlier = os.environ.get(OFFLINE_SWITCH)
    os.environ[OFFLINE_SWITCH] = "true" if offline else "false"
    try:
        yield
    finally:
        if earlier is None:
            del os.environ[OFFLINE_SWITCH]
        else:
            os.environ[OFFLINE_SWITCH] = earlier


def load_site_config(config_file: Path, *, offline: bool = False) -> MkDocsConfig:
    """The MkDocs configuration, loaded in strict mode, for the hosted or the offline site."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    try:
        with _offline_switch(offline):
            config = load_config(str(config_file), strict=True)
    except MkDocsException as failure:
        raise SiteBuildError(f"{config_file}: {failure}") from failure
    if offline:
        _prepare_offline(config, config_file)
    return config


def _prepare_offline(config: MkDocsConfig, config_file: Path) -> None:
    """Point Material's offline plugin at the shipped search shim instead of its CDN copy."""
    plugin = next((p for name, p in config.plugins.items() if name.endswith("offline")), None)
    if plugin is None or not plugin.config.enabled:
        raise SiteBuildError(
            f"{config_file}: an offline build needs Material's offline plugin, switched by "
            f"{OFFLINE_SWITCH}: add '- offline: {{enabled: !ENV [{OFFLINE_SWITCH}, false]}}' "
            "to its plugins"
        )
    config.extra["polyfills"] = [*config.extra.get("polyfills", []), SEARCH_SHIM]


def default_site_dir(
    config: MkDocsConfig, *, edition: Edition = Edition.STUDENT, offline: bool = False
) -> Path:
    """The configuration's site_dir for the hosted student site; any other build goes to a
    folder beside it (site-teacher, site-offline, site-teacher-offline), so no build overwrites
    another and a teacher edition never lands where the public site is published from."""
    target = Path(config.site_dir)
    suffix = ("-teacher" if edition is Edition.TEACHER else "") + ("-offline" if offline else "")
    return target.with_name(f"{target.name}{suffix}")


def build_site(
    config_file: Path,
    site_dir: Path | None = None,
    *,
    verbose: bool = False,
    edition: Edition = Edition.STUDENT,
    offline: bool = False,
) -> Path:
    """Build the site in strict mode into a staging folder, then swap it into place. A teacher
    edition says so in its name; an offline build works from file:// with no network."""
    from mkdocs.commands.build import build
    from mkdocs.exceptions import MkDocsException

    collected = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collected)
    if verbose:
        logger.addHandler(logging.StreamHandler(sys.stderr))
        logger.setLevel(logging.INFO)
    try:
        config = load_site_config(config_file, offline=offline)
        if edition is Edition.TEACHER:
            config.site_name = f"{config.site_name} (teacher edition)"
        target = (
            Path(site_dir)
            if site_dir
            else default_site_dir(config, edition=edition, offline=offline)
        )
        clean_leftovers(target, target.parent)
        staging = staging_folder(target, target.parent)
        config.site_dir = str(staging)
        try:
            build(config)
            if offline:
                _ship_search_shim(staging)
            protect(staging, offline=offline)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        swap_in(staging, target, target.parent)
        return target
    except (MkDocsException, OSError) as failure:
        details = "\n".join(collected.messages) or str(failure)
        raise SiteBuildError(f"MkDocs could not build the site:\n{details}") from failure
    finally:
        logger.removeHandler(collected)


def _ship_search_shim(site: Path) -> None:
    shim = resources.files("generator").joinpath("vendor", "iframe-worker", "shim.js")
    target = site / SEARCH_SHIM
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(shim.read_bytes())


def pack_site(site: Path) -> Path:
    """The built site as one zip archive beside it (`<site>.zip`), its files inside one folder
    named like the site; written aside, then renamed, so a half-written archive never stands."""
    archive = site.with_name(f"{site.name}.zip")
    partial = site.with_name(f".{site.name}.zip.partial")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as packed:
        for path in sorted(p for p in site.rglob("*") if p.is_file()):
            packed.write(path, (Path(site.name) / path.relative_to(site)).as_posix())
    partial.replace(archive)
    return archive
