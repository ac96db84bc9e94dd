"""Evaluate language understanding (see README.md here): contact reasons on Banking77,
CLINC150 (with out-of-scope queries), NatCS and the hand-written French set for the demo
bible; reasons classified in generated interactions whose record left them out; sentiment and
signals on the hand-labelled French and English messages; language detection.

Prints every figure beside the published baselines and the targets; exits 1 when a target is
missed (unless --no-fail). The public sets are read from ../shared/datasets.

Usage: python eval/language/evaluate.py [--no-fail] [--skip-public] [--verbose]
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

import public
import understanding
from mood import detection, sentiment

TARGETS = {"Banking77 accuracy": 0.90, "French set accuracy": 0.90}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-fail", action="store_true", help="exit 0 even if a target is missed")
    parser.add_argument("--skip-public", action="store_true", help="only the project's own sets")
    parser.add_argument("--verbose", "-v", action="store_true", help="list the French errors")
    args = parser.parse_args(argv)
    reached: dict[str, float] = {}
    if not args.skip_public:
        if not public.available():
            print(f"the public datasets are missing from {public.DATASETS}", file=sys.stderr)
            return 2
        reached["Banking77 accuracy"] = understanding.banking77()
        understanding.clinc150()
        understanding.natcs()
    reached["French set accuracy"] = understanding.french(verbose=args.verbose)
    understanding.demo_truth()
    sentiment()
    detection()
    print("\nTargets")
    missed = False
    for name, target in TARGETS.items():
        if name not in reached:
            continue
        ok = reached[name] >= target
        missed |= not ok
        print(f"  {name}: {reached[name]:.3f} (target ≥ {target:.2f}) {'ok' if ok else 'MISSED'}")
    return 1 if missed and not args.no_fail else 0


if __name__ == "__main__":
    sys.exit(main())
