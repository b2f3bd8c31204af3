"""The search index: one Pagefind record per notice and the folding Pagefind lacks (``records``),
Pagefind's bundle made through its service, in parts (``bundle``), the merge of parts into one
bundle (``merge``), and Pagefind's file format (``pagefindfiles``).

Pure of the machine: running the bundle beside the page rendering (a forked copy, a thread) is
``vanban.machine.indexing``'s. May import ``vanban.site.urls``, ``vanban.archive`` and below.
"""
