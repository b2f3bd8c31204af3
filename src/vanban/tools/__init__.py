"""What contributors run: the ``vanban`` command (``cli``), ``vanban new`` (``new``), ``vanban
import`` (``importers``), and the port check of ``make serve`` (``port``). Every message is in
Vietnamese.

The top of the package, beside ``hooks/``: may import anything below, nothing imports it.
"""
