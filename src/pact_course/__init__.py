"""PACT Zoom Group Facilitator Course: scenarios, scoring and the decision log."""

__version__ = "0.1.0"
