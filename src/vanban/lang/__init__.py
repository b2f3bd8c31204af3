"""Vietnamese as documents write it: clean text, folding and collation (``text``), document
numbers (``numbers``) and types (``doctypes``), citations in running text (``citations``), dates
(``dates``), and text typed in a legacy encoding (``mojibake``).

The bottom of the package: pure functions of strings. Imports nothing of vanban but ``lang``
itself and ``vanban.model``'s plain data.
"""
