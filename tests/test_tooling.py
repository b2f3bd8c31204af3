"""What contributors' tools read: the JSON Schema of the front matter, the pre-commit hooks."""

import json
import subprocess

import jsonschema
import pytest
import yaml

from conftest import DATA, ROOT
from vanban.reading import frontmatter
from vanban.lang.doctypes import DOC_TYPES
from vanban.reading.fields import FIELDS, REQUIRED
from vanban.reading.files import notice_files
from vanban.reading.yamlread import read_yaml

SCHEMA = json.loads((ROOT / "src/vanban/reading/notice.schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


def front_matter(text: str):
    head = text.split("\n---\n", 1)[0].removeprefix("---\n")
    return read_yaml(head, 2).data


def test_the_schema_is_a_valid_json_schema_and_check_reads_its_fields():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert FIELDS == tuple(SCHEMA["properties"])
    assert {p for p in REQUIRED if len(p) == 1} == {(k,) for k in SCHEMA["required"]}
    assert SCHEMA["properties"]["type"]["enum"] == [t.slug for t in DOC_TYPES]


@pytest.mark.parametrize("path", notice_files(ROOT), ids=lambda p: p.stem)
def test_every_sample_notice_is_valid_under_the_schema(path):
    VALIDATOR.validate(front_matter(path.read_text(encoding="utf-8")))


@pytest.mark.parametrize("case", ["unknown-field", "missing-required", "not-text", "list-expected",
                                  "signer-incomplete", "type-unknown"])
def test_the_schema_refuses_what_check_refuses(case):
    [path] = (DATA / "bad" / case / "notices").rglob("*.md")
    assert list(VALIDATOR.iter_errors(front_matter(path.read_text(encoding="utf-8"))))


def test_new_files_name_the_schema_for_editors(tmp_path):
    path = tmp_path / "notices/2025/2025-11-06-a.md"
    path.parent.mkdir(parents=True)
    text = frontmatter.dump({"number": "15-TB/ĐU", "title": "Kết luận"}, "Nội dung.", path)
    first = text.splitlines()[1]
    assert first.startswith("# yaml-language-server: $schema=")
    assert (path.parent / first.split("=", 1)[1]).resolve() == frontmatter.SCHEMA.resolve()


def test_pre_commit_hook_runs_vanban_check_on_notices():
    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert (hook["id"], hook["entry"], hook["language"], hook["pass_filenames"], hook["files"]) == \
        ("vanban-check", "vanban check", "python", False, "^notices/")
    sample = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    [local] = sample["repos"][0]["hooks"]
    assert local["id"] == "vanban-check" and local["entry"] == ".venv/bin/vanban check"
    result = subprocess.run([str(ROOT / local["entry"].split()[0]), "check"], cwd=ROOT, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stderr == "Đã kiểm tra 17 văn bản: không có lỗi.\n"
