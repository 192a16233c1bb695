import csv
import io
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from tyndau.jury.cli import describe_fixes, read_instance
from tyndau.jury.draw import make_record
from tyndau.jury.lottery import Infeasible, InvalidInput, leximin


class Command(BaseCommand):
    help = (
        "LEXIMIN selection probabilities of a citizens' jury pool (issue 19). POOL.csv has a "
        "column id and one column per trait; QUOTAS.csv has trait,value,min,max. Writes "
        "id,probability for everyone; with --seed also draws the panel. Infeasible quotas: "
        "exit status 2, nothing written."
    )

    def add_arguments(self, parser):
        parser.add_argument("pool", type=Path)
        parser.add_argument("--quotas", type=Path, required=True)
        parser.add_argument("--panel-size", type=int, required=True)
        parser.add_argument("--seed", default=None, help="Public random seed for the draw.")
        parser.add_argument("--output", type=Path, default=None)
        parser.add_argument(
            "--household",
            default="",
            help="Column holding the address: at most one person per address on the panel.",
        )
        parser.add_argument(
            "--record",
            type=Path,
            default=None,
            help="With --seed: write the reproducibility record (JSON) for jury_verify.",
        )

    def handle(self, *args, pool, quotas, panel_size, seed, output, household, record, **opts):
        try:
            instance = read_instance(pool, quotas, panel_size, household_column=household)
            lottery = leximin(instance)
        except InvalidInput as error:
            raise CommandError("\n".join(error.problems), returncode=2) from error
        except Infeasible as error:
            raise CommandError(describe_fixes(error.feasibility), returncode=2) from error
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["id", "probability"])
        for pid, probability in lottery.probabilities.items():
            writer.writerow([pid, f"{probability:.10f}"])
        rec = make_record(lottery, seed) if seed is not None else None
        if output is None:
            self.stdout.write(buffer.getvalue(), ending="")
        else:
            output.write_text(buffer.getvalue(), encoding="utf-8")
        summary = lottery.summary()
        self.stderr.write(
            _("minimum probability: %(min).6f (k/n = %(fair).6f), time: %(time).2f s")
            % {"min": summary["minimum"], "fair": summary["fair"], "time": lottery.seconds}
        )
        if rec is not None:
            self.stderr.write(_("panel drawn with seed %(seed)s:") % {"seed": seed})
            self.stderr.write(" ".join(rec["panel"]))
            if record is not None:
                record.write_text(json.dumps(rec, ensure_ascii=False, indent=1), encoding="utf-8")
