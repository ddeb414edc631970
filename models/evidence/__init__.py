"""佐证材料 and 考核: files kept with the tasks, and the year-end self-assessment.

Modules: ``files`` (reading a file: limits, the type by content, photo facts), ``store``
(the evidence tables: attach, list, remove, check), ``assessment`` (the 考核细则 of a year,
its links to tasks, the 自评表 built from what was tracked).
"""
