"""The trainer console: the assessment cycle, the cohort and its reports as one page without code."""
