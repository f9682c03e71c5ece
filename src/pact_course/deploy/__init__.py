"""Where the course runs: trainee workspaces, the trainer's JupyterLab, the kiosk server."""
