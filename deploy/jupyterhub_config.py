"""JupyterHub settings of the PACT course (`make hub`, the pact-hub unit); places come from PACT_* variables."""

from pact_course.deploy.hubconfig import configure

configure(get_config())  # noqa: F821 - provided by JupyterHub when it loads this file
