"""``mkdocs build`` writes over the last site instead of emptying the folder first (see
``vanban.machine.outfiles``): MkDocs' writes go through ``outfiles``, and at the end every file this build
did not write is removed, so the folder holds what a build into an empty folder would, byte for
byte (``tests/test_output.py``).

Only for ``mkdocs build`` without ``--dirty``; ``VANBAN_CLEAN=1`` keeps MkDocs' own way. A
``mkdocs serve`` builds into a folder of its own and is left as it is. Registered last in
``mkdocs.yml``: its ``on_post_build`` runs after every other hook has written.
"""

from __future__ import annotations

import os

from mkdocs import utils
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from vanban.machine import outfiles

_state = {"on": False}
_MKDOCS = {"clean_directory": utils.clean_directory, "write_file": utils.write_file,
           "copy_file": utils.copy_file, "File.copy_file": File.copy_file}


def on_startup(command, dirty):
    _state["on"] = command == "build" and not dirty and os.environ.get("VANBAN_CLEAN") != "1"


def on_config(config):
    outfiles.written.clear()
    _state["site"] = os.path.normpath(os.path.abspath(config.site_dir))
    if _state["on"]:  # MkDocs writes it with open(), not through utils: never into a live site's file
        outfiles.unshare(os.path.join(config.site_dir, "sitemap.xml.gz"))
    return config


def _clean_directory(directory):
    if _state["on"] and os.path.normpath(os.path.abspath(directory)) == _state["site"]:
        return  # what this build does not write goes at the end, in on_post_build
    _MKDOCS["clean_directory"](directory)


def _write_file(content, output_path):
    if _state["on"]:
        outfiles.write(output_path, content)
    else:
        _MKDOCS["write_file"](content, output_path)


def _copy_file(source_path, output_path):
    if _state["on"]:
        if os.path.isdir(output_path):
            output_path = os.path.join(output_path, os.path.basename(source_path))
        outfiles.copy(source_path, output_path)
    else:
        _MKDOCS["copy_file"](source_path, output_path)


def _file_copy(self, dirty=False):
    content = self._content
    if not _state["on"] or content is None:  # a file of docs/ or the theme: through utils.copy_file
        return _MKDOCS["File.copy_file"](self, dirty)
    outfiles.write(self.abs_dest_path, content.encode("utf-8") if isinstance(content, str) else content)


utils.clean_directory, utils.write_file, utils.copy_file = _clean_directory, _write_file, _copy_file
File.copy_file = _file_copy


@event_priority(-100)  # last: after every hook that writes into the site
def on_post_build(config):
    if not _state["on"]:
        return
    sitemap = os.path.join(config.site_dir, "sitemap.xml")
    if outfiles.key(sitemap) in outfiles.written:  # MkDocs writes its .gz itself, beside it
        outfiles.written.add(outfiles.key(sitemap + ".gz"))
    outfiles.prune(config.site_dir)
