"""The archive as one object, built once per build from the notices read: its sections and
assignments (``sections``), its citations linked to notices and cited documents (``citing``),
and one index per "by X" facet (``facets``, where every facet is declared). ``core`` holds
``Archive`` and ``build_archive``, the steps in order.

Every page, export and search record is derived from ``Archive``. Pure domain: how a step is
shared between two cores, or remembered under ``mkdocs serve``, is the caller's (``each``, see
``vanban.machine.steps``). May import ``vanban.reading``, ``vanban.lang``, ``vanban.model``.
"""
