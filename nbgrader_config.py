"""nbgrader settings of the PACT course: the course root is the folder this file is in."""

import os
from importlib.resources import files

from pact_course.build.assessment_notebooks import ANSWER_STUB
from pact_course.engine.settings import COURSE_ID, exchange_dir, gradebook_url

c = get_config()  # noqa: F821 - provided by nbgrader when it loads this file
root = os.path.dirname(os.path.abspath(__file__))

c.CourseDirectory.root = root
c.CourseDirectory.course_id = COURSE_ID
c.CourseDirectory.db_url = gradebook_url(root)
exchange = exchange_dir(root)
exchange.mkdir(parents=True, exist_ok=True)
c.Exchange.root = str(exchange)

# Answer boxes of the free-text reflections, in both languages.
c.ClearSolutions.text_stub = ANSWER_STUB

# The decision log's lock file and any interrupted write never travel with a submission (collect
# skips them), so trainers never see decisions.json.lock in submitted/, autograded/ or feedback/.
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback", "*.lock", ".decisions.json.*"]

# Grading replays a small log; a minute per cell is generous, and a stuck kernel is stopped.
c.Execute.timeout = 60

# Grading runs only the course's code: after nbgrader restores locked cells, the course's
# sanitizer rebuilds the whole notebook from the gradebook and clears foreign files.
c.Autograde.sanitize_preprocessors = [
    "nbgrader.preprocessors.ClearOutput",
    "nbgrader.preprocessors.DeduplicateIds",
    "nbgrader.preprocessors.OverwriteKernelspec",
    "nbgrader.preprocessors.OverwriteCells",
    "pact_course.grading.sanitize.SanitizeSubmission",
    "nbgrader.preprocessors.CheckCellMetadata",
]

# Links, hard links and devices in a submission are refused, with the trainee named, before anything is
# copied (collect) or graded (autograde); a trainee whose grading was cut short is graded again by the
# next autograde, and `pact-course results` says so instead of "awaiting manual grading".
c.ExchangeFactory.collect = "pact_course.grading.collect.CheckedCollect"
c.Autograde.pre_convert_hook = "pact_course.grading.submission_check.autograde_pre_hook"
c.Autograde.post_convert_hook = "pact_course.grading.resume.autograde_post_hook"

# Feedback is the course's own page (pact_course.reports.feedback_page): the verdict, each scenario as the
# trainee played it, what to work on, the written answers with their marks and comments, in the trainee's
# language; never the hidden tests, code or tracebacks quoting them.
c.GenerateFeedback.preprocessors = [
    "nbgrader.preprocessors.GetGrades",
    "pact_course.reports.feedback_page.CourseFeedback",
    "pact_course.grading.hide_key.HideKey",
]
# The course's page is a template named `feedback`, found before nbgrader's own of that name, so the
# formgrader's Generate Feedback button (which insists on `feedback`) makes it too; nbgrader's folder stays
# on the path for the formgrader's own pages.
c.HTMLExporter.extra_template_basedirs = [
    str(files("pact_course.reports") / "templates"),
    str(files("nbgrader") / "server_extensions" / "formgrader" / "templates"),
]
