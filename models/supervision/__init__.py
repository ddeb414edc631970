"""督查督办 as county offices run it: pace classes, reporting rounds, 督办事项, documents.

Modules: ``settings`` (office rules), ``workdays`` (the holiday calendar), ``pace``
(序时进度 classes), ``rounds`` (报送轮次 and the lights frozen per round), ``items``
(督办事项 and their 办结/销号/延期), ``numbering`` (numbered documents), ``documents``
(the facts each 督查 document states; export/supervision_docs.py writes them).
"""
