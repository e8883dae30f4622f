"""Stage 6: build the static site from the generated Markdown with MkDocs, strictly."""

from __future__ import annotations

import logging
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from generator.csp import protect
from generator.errors import SiteBuildError
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


def load_site_config(config_file: Path) -> MkDocsConfig:
    """The MkDocs configuration, loaded in strict mode."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    try:
        return load_config(str(config_file), strict=True)
    except MkDocsException as failure:
        raise SiteBuildError(f"{config_file}: {failure}") from failure


def build_site(config_file: Path, site_dir: Path | None = None, *, verbose: bool = False) -> Path:
    """Build the site in strict mode into a staging folder, then swap it into place."""
    from mkdocs.commands.build import build
    from mkdocs.exceptions import MkDocsException

    collected = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collected)
    if verbose:
        logger.addHandler(logging.StreamHandler(sys.stderr))
        logger.setLevel(logging.INFO)
    try:
        config = load_site_config(config_file)
        target = Path(site_dir) if site_dir else Path(config.site_dir)
        clean_leftovers(target, target.parent)
        staging = staging_folder(target, target.parent)
        config.site_dir = str(staging)
        try:
            build(config)
            protect(staging)
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
