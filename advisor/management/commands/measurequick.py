"""Print how often one answer to each question changes the winner, on the current content (advisor/quick.py)."""

from django.core.management.base import BaseCommand

from advisor import quick, snapshot


class Command(BaseCommand):
    help = "Measure which questions settle most results: each question's flip rate, highest first."

    def add_arguments(self, parser):
        parser.add_argument("--samples", type=int, default=quick.SAMPLES, help="random answer sets to draw")
        parser.add_argument("--seed", type=int, default=quick.SEED)

    def handle(self, *args, samples: int, seed: int, **options):
        rates = quick.measure(snapshot.current(), samples=samples, seed=seed)
        self.stdout.write(f"{samples} random answer sets (seed {seed}); one answer changed at a time:")
        for rate in rates:
            mark = "  quick" if rate.question in quick.QUICK_QUESTIONS else ""
            self.stdout.write(f"{rate.question:12} {rate.share:6.1%}  ({rate.flips} of {rate.tries}){mark}")
        top = tuple(sorted((r.question for r in rates[:3]), key=[r.question for r in rates].index))
        if set(top) != set(quick.QUICK_QUESTIONS):
            self.stdout.write(
                self.style.WARNING(f"The three highest are now {', '.join(top)}: update QUICK_QUESTIONS.")
            )
