"""How fast, and in how much memory, hostile and broken film files are answered.

Each case writes one bad film file, then validates it in a fresh Python process (three times)
and reports the median time, the peak memory (max RSS) of that process, and the first line of
the tool's answer. Every case must end with a located error, never a crash or a hang.

    .venv/bin/python benchmarks/hostile_input.py          # full size (files up to the 1 MB limit)
    .venv/bin/python benchmarks/hostile_input.py --quick  # tiny sizes, as the test suite runs it
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from process import peak_memory_mb

REPEATS = 3
VOCABULARY = "themes:\n  - id: home\n    name: Home\n    description: Where one returns.\n"
LOCATED = re.compile(r"^content/films/[^:]+\.ya?ml:\d+:\d+: error: ")


def _bomb(levels: int) -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels):
        refs = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{refs}]")
    return "title: Bomb\n" + "\n".join(lines) + "\n"


def _block_nesting(depth: int) -> str:
    return (
        "title: Deep\n" + "".join(" " * i + f"k{i}:\n" for i in range(depth)) + " " * depth + "x\n"
    )


def cases(size: int) -> dict[str, Callable[[], bytes]]:
    """Each case's name and a maker of its file's bytes; `size` is the target file size."""
    return {
        "alias bomb (9 levels, 9^9 items if expanded)": lambda: _bomb(9).encode(),
        "flow nesting, 400,000 levels": lambda: (
            "title: " + "[" * (size // 3) + "]" * (size // 3) + "\n"
        ).encode(),
        "block nesting, 1,000 levels": lambda: _block_nesting(min(1000, size // 100)).encode(),
        "unknown keys filling the size limit": lambda: (
            "".join(f"key{i}: {i}\n" for i in range(size // 18))
        ).encode(),
        "one list filling the size limit": lambda: (
            "genres: [" + ", ".join(f"g{i}" for i in range(size // 9)) + "]\n"
        ).encode(),
        "file 50 times the size limit": lambda: b"title: x\n" + b"#" * (size * 50),
        "text value over the length limit": lambda: ("synopsis: " + "x" * 20_001 + "\n").encode(),
        "python tag that would run a command": lambda: (
            b"title: !!python/object/apply:os.system ['touch pwned']\n"
        ),
        "bytes that are not UTF-8": lambda: b"title: caf\xe9\n" * (size // 12),
        "tabs in indentation": lambda: b"credits:\n\tdirectors: [x]\n",
    }


def child(path: str) -> None:
    """Runs inside the measured process: validate and report time, memory and the answer."""
    from generator.errors import ContentError
    from generator.pipeline import check_content

    start = time.perf_counter()
    try:
        check_content(Path(path))
        answer = "valid"
    except ContentError as failure:
        answer = failure.diagnostics[0].headline()
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "peak_mb": peak_memory_mb(), "answer": answer}))


def measure(content: Path, repeats: int) -> dict[str, object]:
    runs = []
    for _ in range(repeats):
        out = subprocess.run(
            [sys.executable, __file__, "--child", "content"],
            cwd=content.parent,
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        runs.append(json.loads(out.stdout))
    return {
        "seconds": statistics.median(r["seconds"] for r in runs),
        "peak_mb": max(r["peak_mb"] for r in runs),
        "answer": runs[0]["answer"],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny files, for the test suite")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return 0
    size = 4_000 if args.quick else 999_000
    repeats = 1 if args.quick else REPEATS
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        baseline_dir = Path(tmp, "baseline", "content", "films")
        baseline_dir.mkdir(parents=True)
        (baseline_dir.parent / "themes.yml").write_text(VOCABULARY)
        (baseline_dir / "empty.yml").write_text("title: x\n")
        baseline = measure(baseline_dir.parent, repeats)
        print(f"Python {platform.python_version()}, {platform.machine()}, {repeats} run(s) each;")
        print(f"a trivial file takes {baseline['seconds']:.3f} s and {baseline['peak_mb']:.0f} MB.")
        print()
        print("| Case | File size | Median time | Peak memory | Answer |")
        print("| --- | ---: | ---: | ---: | --- |")
        for index, (name, make) in enumerate(cases(size).items()):
            films = Path(tmp, f"case{index}", "content", "films")
            films.mkdir(parents=True)
            (films.parent / "themes.yml").write_text(VOCABULARY)
            path = films / "film.yml"
            path.write_bytes(make())
            result = measure(films.parent, repeats)
            answer = str(result["answer"])
            ok = bool(LOCATED.match(answer))
            failures += not ok
            shown = answer.split(": error: ", 1)[-1][:70]
            print(
                f"| {name} | {path.stat().st_size:,} B | {result['seconds']:.3f} s "
                f"| {result['peak_mb']:.0f} MB | {'' if ok else 'NOT LOCATED: '}{shown} |"
            )
            if Path(tmp, f"case{index}", "pwned").exists():
                print(f"FAIL: {name} ran a command")
                failures += 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
