"""The site made from the archive: URLs of SPEC §4 (``urls``), generated pages (``pages``),
exports such as catalog.json, feeds and the register (``exports``), Markdown rendering
(``render``) and sanitising (``sanitize``) of bodies, the links ``mkdocs build --strict`` refuses
(``links``), and the checks of bodies as they will render (``bodies``).

Pure functions of an ``Archive`` that return text or bytes: nothing here writes a file or imports
MkDocs. May import ``vanban.archive`` and below.
"""
