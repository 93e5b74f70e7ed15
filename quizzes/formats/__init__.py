"""Question exchange formats: Moodle GIFT and Aiken (parsers and writers).

Parsers turn a file's text into ``ParsedQuestion`` objects (``types.py``) and never touch the
database; ``quizzes.importing`` turns those into question-bank rows.
"""
