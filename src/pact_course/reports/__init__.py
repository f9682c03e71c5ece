"""What is made from a graded cohort for people and systems outside the course: plans, reports, certificates, xAPI."""
