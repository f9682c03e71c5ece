"""nbgrader's collect with the course's checks: a submission's links, hard links and devices are never copied."""

from __future__ import annotations

import os

from nbgrader.exchange.default.collect import ExchangeCollect
from nbgrader.utils import ignore_patterns

from .submission_check import check_root, copy_submission, report


class CheckedCollect(ExchangeCollect):
    """ExchangeCollect that refuses, with the trainee named, what does not belong to a submission in inbound/.

    A submission that is itself a link is skipped; inside one, only the trainee's own plain files and folders
    are copied to submitted/ (nbgrader's copytree would copy what links point to, as the trainer). Set with
    `c.ExchangeFactory.collect = "pact_course.grading.collect.CheckedCollect"` in nbgrader_config.py.
    """

    def init_src(self):
        super().init_src()
        kept = []
        for record in self.src_records:  # type: ignore[has-type]  # set by nbgrader's init_src
            refusal = check_root(os.path.join(self.inbound_path, record["filename"]), record["username"])
            if refusal is None:
                kept.append(record)
            else:
                report([refusal], self.log)
        self.src_records = kept

    def do_copy(self, src, dest, log=None):
        trainee = self._path_to_record(src)["username"]
        size, limit = self.get_size(src), 1000 * self.coursedir.max_dir_size
        if size > limit:
            self.log.error("Directory size is too big")
            raise RuntimeError(f"Directory size is too big. Size is {size}, maximum size is {limit}")
        ignore = ignore_patterns(
            exclude=self.coursedir.ignore,
            include=self.coursedir.include,
            max_file_size=self.coursedir.max_file_size,
            log=self.log,
        )
        report(copy_submission(src, dest, trainee, ignore), self.log)
        if self.coursedir.groupshared:  # as nbgrader's own do_copy: group members may write there too
            for dirname, _, filenames in os.walk(dest):
                os.chmod(dirname, (os.stat(dirname).st_mode | 0o2770) & 0o2777)
                for filename in filenames:
                    path = os.path.join(dirname, filename)
                    os.chmod(path, (os.stat(path).st_mode | 0o660) & 0o777)
