"""How the build scales with the catalog: the numbers of the scale targets, in one run.

For each size it writes a synthetic catalog (benchmarks/catalog.py) into a fresh project and
builds it in a fresh process, timing the generator's stages and MkDocs separately. Peak memory
is the build's own peak, or the build and its worker processes together while it has workers,
whichever is higher (shared pages counted once). Times are medians of the runs made at that
size, all in this run. Run it on an otherwise idle machine; it takes about a quarter of an hour.

    .venv/bin/python benchmarks/scale.py            # the full table
    .venv/bin/python benchmarks/scale.py --quick    # tiny sizes, as the test suite runs it
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

import yaml
from mkdocs.utils.yaml import yaml_load

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from catalog import write_catalog  # noqa: E402
from process import peak_memory_mb, watch_workers  # noqa: E402


def make_project(where: Path, films: int, naive: bool = False) -> Path:
    """A project with `films` synthetic films; `naive` uses MkDocs' default nav (every page)."""
    where.mkdir(parents=True)
    config = yaml_load((ROOT / "mkdocs.yml").read_text("utf-8"))
    if naive:
        config.pop("nav")
        config.pop("not_in_nav")
    (where / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), "utf-8")
    shutil.copytree(ROOT / "docs", where / "docs", ignore=shutil.ignore_patterns("films", ".*"))
    shutil.copytree(ROOT / "overrides", where / "overrides")
    write_catalog(films, where)
    return where


def child(project: str) -> None:
    """Runs inside the measured process: the build, stage by stage."""
    os.chdir(project)
    from generator.cli import paused_garbage_collection
    from generator.pipeline import check_content
    from generator.render import iter_pages
    from generator.site import build_site
    from generator.workers import worker_count
    from generator.write import write_pages

    times: dict[str, float] = {}
    with paused_garbage_collection():
        start = time.perf_counter()
        checked = check_content(Path("content"))
        times["check"] = time.perf_counter() - start
        start = time.perf_counter()
        # Rendering and writing overlap (pages are written as they are rendered): one stage.
        written = write_pages(Path("docs/films"), iter_pages(checked.catalog), Path())
        times["render and write"] = time.perf_counter() - start
    start = time.perf_counter()
    build_site(Path("mkdocs.yml"))
    times["mkdocs"] = time.perf_counter() - start
    report = {
        "times": times,
        "pages": len(written.written),
        "peak_mb": peak_memory_mb(),
        "workers": worker_count(len(checked.films)),
    }
    print(json.dumps(report))


def measure(project: Path, runs: int) -> dict[str, Any]:
    """Build `project` from scratch `runs` times, each time in a fresh copy of it; medians of
    the stage times, the highest memory.

    Nothing is deleted between runs: on ext4 without a journal (the development machine's file
    system), creating thousands of files in the minutes after deleting thousands is several
    times slower, as each new inode is checked against the recently deleted ones; that would
    time the cleanup of the last run rather than this build. For the same reason, start the
    benchmark a few minutes after the test suite, which deletes its temporary folders.
    """
    results = []
    for run in range(runs):
        copy = project.with_name(f"{project.name}-run{run}")
        shutil.copytree(project, copy)
        results.append(_build_in_child(copy))
    stages = results[0]["times"].keys()
    times = {s: statistics.median(r["times"][s] for r in results) for s in stages}
    generator = times["check"] + times["render and write"]
    return {
        "times": times,
        "generator": generator,
        "total": generator + times["mkdocs"],
        "pages": results[0]["pages"],
        "workers": results[0]["workers"],
        "peak_mb": max(max(r["peak_mb"], r["together_mb"]) for r in results),
        "search_kb": (copy / "site/search/search_index.json").stat().st_size / 1024,
        "yaml_kb": sum(p.stat().st_size for p in (copy / "content/films").glob("*.yml")) / 1024,
        "built": copy,
    }


def _build_in_child(project: Path) -> dict[str, Any]:
    """One build in a fresh process: its report, with the peak memory of it and its workers."""
    build = subprocess.Popen(
        [sys.executable, __file__, "--child", str(project)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    together: list[float] = []
    watcher = threading.Thread(target=lambda: together.append(watch_workers(build.pid)))
    watcher.start()
    out, err = build.communicate()
    watcher.join()
    if build.returncode != 0:
        raise RuntimeError(f"the build failed:\n{err}")
    return {**json.loads(out.strip().splitlines()[-1]), "together_mb": together[0]}


def edit_one_film(project: Path) -> dict[str, int]:
    """After a build, change one film's synopsis, then its title: how many pages are rewritten."""
    from generator.pipeline import generate

    os.chdir(project)
    film = project / "content/films/film-00001.yml"
    counts = {}
    for label, old, new in [
        ("synopsis edited", "synopsis: ", "synopsis: Edited. "),
        ("title edited", "title: ", "title: Edited "),
    ]:
        film.write_text(film.read_text("utf-8").replace(old, new, 1), "utf-8")
        report = generate(Path("content"), Path("docs"))[1]
        counts[label] = len(report.written)
    os.chdir(ROOT)
    return counts


def serve_latency(project: Path) -> float:
    """Seconds from saving one film's YAML to the served page showing the change."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/film-study-guides/films/film-00002/"
    server = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for(url, "</html>", 300)
        film = project / "content/films/film-00002.yml"
        film.write_text(film.read_text("utf-8").replace("synopsis: ", "synopsis: Served. ", 1))
        return _wait_for(url, "Served.", 60)
    finally:
        server.terminate()
        server.wait(timeout=30)


def _wait_for(url: str, text: str, seconds: float) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        try:
            with urllib.request.urlopen(url, timeout=5) as answer:
                if text in answer.read().decode("utf-8"):
                    return time.perf_counter() - start
        except OSError:
            pass
        time.sleep(0.05)
    raise RuntimeError(f"{text!r} did not appear at {url}")


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny sizes, for the test suite")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return 0
    # The quick run's largest size still needs two workers, so the test suite runs them.
    small, large, huge, versus, runs = (2, 20, 60, 4, 1) if args.quick else (20, 200, 1000, 300, 3)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        sizes = {n: measure(make_project(work / f"n{n}", n), runs) for n in (small, large, huge)}
        ours = measure(make_project(work / f"ours{versus}", versus), 1)
        naive = measure(make_project(work / f"naive{versus}", versus, naive=True), 1)
        edits = edit_one_film(sizes[small]["built"])
        latency = serve_latency(sizes[large]["built"])
    print(
        f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cores; "
        f"medians of {runs} builds from scratch at each size, each in a fresh copy of the project."
    )
    print()
    print(
        "| Films | Pages | Workers | Generator | MkDocs | Total | Generator share | Peak memory "
        "| Search index per film | YAML per film |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for n, r in sorted(sizes.items()):
        print(
            f"| {n:,} | {r['pages']:,} | {r['workers']} | {r['generator']:.2f} s "
            f"| {r['times']['mkdocs']:.1f} s "
            f"| {r['total']:.1f} s | {100 * r['generator'] / r['total']:.1f}% "
            f"| {r['peak_mb']:.0f} MB | {r['search_kb'] / n:.1f} KB | {r['yaml_kb'] / n:.1f} KB |"
        )
    print()
    growth = sizes[large]["total"] / sizes[small]["total"]
    print(
        f"- Growth: {large} films take {growth:.1f} times as long as {small} "
        f"({large // small} times the films)."
    )
    stages = sizes[huge]["times"]
    print(
        f"- At {huge:,} films the generator's stages: check {stages['check']:.2f} s, "
        f"render and write {stages['render and write']:.2f} s."
    )
    print(
        f"- Against MkDocs' default nav (every page listed) at {versus} films: "
        f"{naive['times']['mkdocs']:.1f} s against {ours['times']['mkdocs']:.1f} s for the "
        f"MkDocs build, {naive['times']['mkdocs'] / ours['times']['mkdocs']:.1f} times faster."
    )
    print(
        f"- Editing one film of {small}: {edits['synopsis edited']} page(s) rewritten for a new "
        f"synopsis, {edits['title edited']} for a new title (its guide and the indexes "
        "that show the title)."
    )
    print(
        f"- In `filmguide serve` with {large} films, a saved edit to one film shows in the "
        f"served page after {latency:.1f} s."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
