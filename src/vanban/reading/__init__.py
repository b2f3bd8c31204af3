"""From files to notices and problems: the notice format (``frontmatter``: gaps, the file a tool
writes), safe YAML with lines (``yamlread``), text that cannot be read (``unreadable``), the
registries ``units.yml`` and ``directives.yml`` (``registry``), the walk of ``notices/``
(``files``), one file's front matter checked field by field (``notice``, ``fields``), and the
archive-wide rules of reading (``load``).

Never raises on bad input: every problem is a ``Problem`` with its file, line and field, in
Vietnamese. May import ``vanban.lang`` and ``vanban.model``; nothing above.
"""
