"""The Content-Security-Policy allows the theme's own inline scripts and nothing else."""

from __future__ import annotations

from pathlib import Path

from generator import csp

THEME = (
    '<script>__md_scope=new URL("../..",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+'
    "_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem("
    't.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+'
    '"."+e,JSON.stringify(_))}catch(e){}}</script>'
)


def test_theme_scripts_are_read_from_the_installed_theme() -> None:
    assert len(csp.theme_scripts()) >= 3
    assert csp.is_theme_script(THEME.removeprefix("<script>").removesuffix("</script>"))


def test_injected_scripts_are_not_allowed_even_when_they_imitate_the_theme() -> None:
    imitation = '__md_scope=new URL("..",location);alert(1)'
    slot_abuse = THEME[8:-9].replace('"../.."', '"x",alert(1),"y"')
    for body in ["alert(1)", imitation, slot_abuse]:
        assert not csp.is_theme_script(body), body


def test_policy_hashes_only_the_theme_script(tmp_path: Path) -> None:
    page = tmp_path / "index.html"
    page.write_text(f"<html><head>{THEME}</head><body><script>alert(1)</script></body></html>")
    assert csp.protect(tmp_path) == 1
    html = page.read_text()
    assert html.count("sha256-") == 1
    assert "script-src 'self' 'sha256-" in html and "object-src 'none'" in html
    assert csp.protect(tmp_path) == 0, "a page is protected once"
