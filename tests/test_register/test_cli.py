"""``labkit register ...`` and ``labkit transparency check``: commands, messages and exit codes."""

from __future__ import annotations

import json
import urllib.request

import pytest

from labkit.cli import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_add_list_search_export_import(tmp_path, capsys, entry, monkeypatch):
    monkeypatch.chdir(tmp_path)
    args = []
    for key, value in entry.items():
        args += ["--" + key.replace("_", "-"), value]
    code, out, _ = run(capsys, "register", "add", *args)
    assert code == 0 and "Added eastmere-damp-survey-planner" in out
    code, out, _ = run(capsys, "register", "add", *args)
    assert code == 2  # already there, and not asked to overwrite
    code, out, _ = run(capsys, "register", "search", "survey")
    assert "eastmere-damp-survey-planner" in out
    code, out, _ = run(capsys, "register", "export", "all.json")
    assert code == 0 and json.loads((tmp_path / "all.json").read_text())["entries"][0]["cost_gbp"] == 12000
    code, _, err = run(capsys, "register", "import", "all.json")
    assert code == 2 and "would overwrite" in err and "Traceback" not in err
    code, out, _ = run(capsys, "register", "import", "all.json", "--overwrite")
    assert code == 0 and "1 replaced" in out


def test_sandbox_commands(capsys):
    code, out, _ = run(capsys, "register", "list", "--sandbox", "--status", "stopped")
    assert code == 0 and "ottercombe-family-risk-score" in out
    code, out, _ = run(capsys, "register", "duplicates", "--sandbox")
    assert code == 0 and "sallowford-ctax-bot" in out
    code, out, _ = run(capsys, "register", "who", "--sandbox", "damp and mould in council homes")
    assert code == 0 and "Start with" in out
    code, out, _ = run(capsys, "register", "similar", "--sandbox", "northbrook-email-triage", "-k", "2")
    assert code == 0 and "inbox" in out


def test_merge_command_saves_its_report(tmp_path, capsys):
    from labkit.register import sandbox_files

    paths = [str(p) for p in sandbox_files()]
    code, out, _ = run(
        capsys,
        "register",
        "merge",
        *paths,
        "--register",
        str(tmp_path / "m.sqlite"),
        "--out",
        str(tmp_path / "m.html"),
    )
    assert code == 0 and "39 added" in out
    assert (tmp_path / "m.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_no_register_file_is_a_one_line_error(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "register", "list")
    assert code == 2 and "no register file here" in err and "--sandbox" in err


def test_corrupt_register_file_is_a_one_line_error(tmp_path, capsys):
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"not a database" * 100)
    code, _, err = run(capsys, "register", "list", "--register", str(bad))
    assert code == 2 and "damaged" in err and "Traceback" not in err


def test_transparency_check_command(tmp_path, capsys):
    from labkit.transparency import atrs_record, example_answers

    good = atrs_record(example_answers()).save(tmp_path / "record.json")
    code, out, _ = run(capsys, "transparency", "check", str(good), "--template", str(tmp_path / "t.csv"))
    assert code == 1  # no model card: the Model Specification is empty
    assert "must be fixed" in out and (tmp_path / "t.csv").exists()
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    code, _, err = run(capsys, "transparency", "check", str(bad))
    assert code == 2 and "not valid JSON" in err


@pytest.mark.slow
def test_serve_publishes_the_register_read_only_on_localhost(reg):
    from labkit.register import serve

    before = reg.path.read_bytes()
    with serve(reg) as server:
        assert server.url.startswith("http://127.0.0.1:")
        url = server.url + "register/projects.json?_search=mould&_shape=array"
        rows = json.loads(urllib.request.urlopen(url, timeout=30).read())
        assert {r["id"] for r in rows} >= {"northbrook-damp-mould-risk", "sallowford-mould-risk-score"}
        meta = json.loads(urllib.request.urlopen(server.url + "-/metadata.json", timeout=30).read())
        assert meta["title"] == "Project register"
    assert not server.running()
    assert reg.path.read_bytes() == before


def test_serve_refuses_a_busy_port_and_a_missing_file(reg, tmp_path):
    import socket

    from labkit import LabkitError
    from labkit.register import serve

    with pytest.raises(LabkitError, match="does not exist"):
        serve(tmp_path / "nothing.sqlite")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        with pytest.raises(LabkitError, match="already using port"):
            serve(reg, port=sock.getsockname()[1])
