"""How a build uses this machine, applied around the domain's steps: sharing a step's items with
a forked copy on the second core (``twocores``), the steps of a build, a check and a server's
rebuilds, with what a server remembers between rebuilds (``steps``), the search index made
while the pages render (``indexing``), writing over the last site (``outfiles``) and publishing a
new site atomically (``publish``).

May import every domain package (``site``, ``search``, ``archive``, ``reading``, ``lang``); none
of them imports this one.
"""
