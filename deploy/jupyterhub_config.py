"""JupyterHub settings of the PACT course (`make hub`, the pact-hub unit); places come from PACT_* variables."""

import os

from pact_course.deploy.hubconfig import configure

c = get_config()  # noqa: F821 - provided by JupyterHub when it loads this file
configure(c)

# An organisation's own additions (single sign-on, TLS...): a file named in PACT_HUB_EXTRA_CONFIG,
# e.g. /etc/pact-course/sso.py (docs/deployment.md has one), read after the course's settings.
if os.environ.get("PACT_HUB_EXTRA_CONFIG"):
    load_subconfig(os.environ["PACT_HUB_EXTRA_CONFIG"])  # noqa: F821 - provided by JupyterHub
