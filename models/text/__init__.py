"""The rules of Chinese text, one module a rule: every other module calls these.

numerals (一 ↔ 1, 二〇二四 ↔ 2024, ①), widths (full-width forms), units (one cell naming
several units), years (the one year pattern, reader and shifter), numbering (outline
numbers 一、（一）1.（1）), deadlines (6月底前 → a date).
"""
