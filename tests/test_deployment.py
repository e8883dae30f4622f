"""The GitHub Actions workflow tests every pull request and deploys main to GitHub Pages."""

from __future__ import annotations

from typing import Any

import yaml
from mkdocs.utils.yaml import yaml_load

from tests.conftest import ROOT


def _workflow() -> dict[Any, Any]:
    loaded: dict[Any, Any] = yaml.safe_load((ROOT / ".github/workflows/site.yml").read_text())
    return loaded


def _triggers(workflow: dict[Any, Any]) -> dict[str, Any]:
    # YAML 1.1 reads the bare key `on` as the boolean true.
    triggers: dict[str, Any] = workflow.get("on") or workflow[True]
    return triggers


def _runs(job: dict[str, Any]) -> list[str]:
    return [step["run"] for step in job["steps"] if "run" in step]


def test_pull_requests_and_main_are_built_and_tested() -> None:
    workflow = _workflow()
    triggers = _triggers(workflow)
    assert "pull_request" in triggers
    assert triggers["push"]["branches"] == ["main"]
    test = workflow["jobs"]["test"]
    assert "bash .ci/run" in _runs(test) and "make site" in _runs(test)
    checkout = next(s for s in test["steps"] if s.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0, "last-changed dates need the whole history"
    assert "make test" in (ROOT / ".ci/run").read_text()


def test_only_main_is_deployed_to_pages_after_the_tests_pass() -> None:
    workflow = _workflow()
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "test"
    assert deploy["if"] == "github.event_name == 'push' && github.ref == 'refs/heads/main'"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert any(s.get("uses", "").startswith("actions/deploy-pages") for s in deploy["steps"])
    upload = next(
        s
        for s in workflow["jobs"]["test"]["steps"]
        if s.get("uses", "").startswith("actions/upload-pages-artifact")
    )
    site_dir = yaml_load((ROOT / "mkdocs.yml").read_text("utf-8"))["site_dir"]
    assert upload["with"]["path"] == site_dir
    assert workflow["permissions"] == {"contents": "read"}
