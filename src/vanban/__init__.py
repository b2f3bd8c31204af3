"""vanban: a static-site archive of Vietnamese Party and Fatherland Front notices.

This package never imports MkDocs: the hooks in ``hooks/`` adapt it to MkDocs
events, and ``vanban check`` runs the same code.
"""

__version__ = "0.1.0"
