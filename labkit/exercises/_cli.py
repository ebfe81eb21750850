"""Commands: ``labkit exercises ...``, ``labkit progress``, ``labkit course outline`` and ``... guide``.

Registration is cheap; each handler imports what it needs.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from labkit._text import plural

__all__ = ["register"]


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the exercise, progress and course commands to the ``labkit`` command."""
    ex = subparsers.add_parser(
        "exercises",
        help="list, build, copy and test the exercise notebooks",
        description="Exercise notebooks: list the sets, build the learner and trainer editions from their "
        "masters, copy one to work on, or prove that every question works.",
    )
    ex_sub = ex.add_subparsers(dest="exercises_command", metavar="SUBCOMMAND")
    ex.set_defaults(group_parser=ex)

    p = ex_sub.add_parser("list", help="list the exercise sets and their questions")
    p.set_defaults(handler=_list)

    p = ex_sub.add_parser(
        "build",
        help="build learner and trainer editions from the master notebooks",
        description="Write exercises/NN_practice_*.ipynb (learner edition) and trainer/NN_trainer_*.ipynb "
        "(trainer edition) from materials/exercises/NN_*.ipynb, each executed in a clean kernel. Refuses to "
        "overwrite an edition someone changed since it was built, unless --force.",
    )
    p.add_argument("sets", nargs="*", metavar="NN", help="exercise set ids to build (default: all)")
    p.add_argument("--no-execute", action="store_true", help="write the editions without running them")
    p.add_argument("--force", action="store_true", help="overwrite editions even if they were changed")
    p.add_argument("--root", type=Path, default=None, help="the labkit folder (default: found automatically)")
    p.set_defaults(handler=_build)

    p = ex_sub.add_parser(
        "copy",
        help="copy a learner edition into your own folder to work on",
        description="Copy exercises/NN_practice_*.ipynb into a folder of your own (default "
        "my-work/exercises/). An existing copy is never overwritten, so updates to the course never destroy "
        "your work.",
    )
    p.add_argument("set", metavar="NN", help="the exercise set id, for example 02")
    p.add_argument(
        "--to", type=Path, default=None, help="the folder for your copy (default: my-work/exercises/)"
    )
    p.add_argument("--seed", type=int, default=None, help="your own version of the data, from your trainer")
    p.add_argument("--root", type=Path, default=None, help="the labkit folder (default: found automatically)")
    p.set_defaults(handler=_copy)

    p = ex_sub.add_parser(
        "test",
        help="prove every question works (blank, solved and known-wrong answers)",
        description="For each exercise set: the learner edition is 'not attempted', the trainer edition "
        "is correct for two seeds, and each known-wrong answer is 'not yet' without giving the answer away.",
    )
    p.add_argument("sets", nargs="*", metavar="NN", help="exercise set ids to test (default: all)")
    p.add_argument("--root", type=Path, default=None, help="the labkit folder (default: found automatically)")
    p.set_defaults(handler=_test)

    p = subparsers.add_parser(
        "progress",
        help="show your progress in the exercises",
        description="Summarise your progress log (kept on this computer only). The log is "
        "~/.labkit/progress.jsonl unless LABKIT_PROGRESS_FILE names another file.",
    )
    p.add_argument("--file", type=Path, default=None, help="read this progress log instead of yours")
    p.add_argument(
        "--cohort",
        type=Path,
        default=None,
        metavar="FOLDER",
        help="trainers: summarise every learner's log (*.jsonl) collected in FOLDER",
    )
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    p.set_defaults(handler=_progress)

    course = subparsers.add_parser(
        "course", help="the course outline", description="Information about the course, from its notebooks."
    )
    course_sub = course.add_subparsers(dest="course_command", metavar="SUBCOMMAND")
    course.set_defaults(group_parser=course)
    p = course_sub.add_parser(
        "outline",
        help="print the schedule of each track with total times",
        description="Print the schedule of each track (intelligent consumer, capable developer) with "
        "teaching and exercise minutes, computed from the lesson metadata of every notebook.",
    )
    p.add_argument("--track", choices=["consumer", "developer"], default=None, help="only this track")
    p.add_argument("--root", type=Path, default=None, help="the labkit folder (default: found automatically)")
    p.add_argument("--json", action="store_true", help="print the outline as JSON")
    p.add_argument("--markdown", action="store_true", help="print the outline, with key points, as Markdown")
    p.set_defaults(handler=_outline)
    p = course_sub.add_parser(
        "guide",
        help="write a lesson's facilitator guide (schedule with breaks, misconceptions, prompts, checklist)",
        description="The facilitator guide of a lesson: a timed schedule with breaks for each track, "
        "objectives, the misconceptions each question's wrong answers reveal, discussion prompts, trainer "
        "notes and a pre-workshop checklist, from the lesson's metadata and exercise set. Printed as "
        "Markdown, or saved with --out as a printable web page (.html) or Markdown (.md).",
    )
    p.add_argument("lesson", nargs="?", default=None, help="the lesson's number, for example 03")
    p.add_argument("--all", action="store_true", help="every lesson's guide (needs --out FOLDER)")
    p.add_argument("--start", default="09:30", help="the session's start time (default 09:30)")
    p.add_argument("--out", type=Path, default=None, help="a .html or .md file (a folder with --all)")
    p.add_argument("--root", type=Path, default=None, help="the labkit folder (default: found automatically)")
    p.set_defaults(handler=_guide)


def _list(args: argparse.Namespace) -> int:
    from labkit.exercises import exercise_set, list_exercise_sets

    for exercise_id in list_exercise_sets():
        exercise = exercise_set(exercise_id)
        names = ", ".join(q.path for q in exercise.leaves())
        print(f"{exercise.id}  {exercise.title} ({plural(len(exercise.leaves()), 'question')}: {names})")
    return 0


def _build(args: argparse.Namespace) -> int:
    from labkit.exercises._build import build_editions

    result = build_editions(args.sets or None, root=args.root, execute=not args.no_execute, force=args.force)
    print(result)
    return 0


def _copy(args: argparse.Namespace) -> int:
    from labkit.exercises._build import copy_for_learner, project_root, seed_of_copy

    base = project_root(args.root)
    to = args.to if args.to is not None else base / "my-work" / "exercises"
    target, created = copy_for_learner(args.set, to, root=base, seed=args.seed)
    seed = seed_of_copy(target)
    if created:
        print(
            f"Copied to {target.as_posix()}, with your own data (seed {seed}; a trainer can reproduce it "
            "with that number). Open it in JupyterLab and work there."
        )
        return 0
    kept = f" (seed {seed})" if seed is not None else " (the course's example data)"
    print(f"You already have {target.as_posix()}{kept}; it was left exactly as it was.")
    if args.seed is not None and seed != args.seed:
        print(
            f"It does not use seed {args.seed}. To work with seed {args.seed}, copy to another folder "
            f"(--to my-work-seed-{args.seed}), or rename your copy and run this command again."
        )
        return 1
    return 0


def _test(args: argparse.Namespace) -> int:
    import contextlib
    import io
    import os
    import tempfile

    from labkit._errors import LabkitError
    from labkit.exercises import exercise_set, list_exercise_sets
    from labkit.exercises._selftest import verify_set

    ids = args.sets or list_exercise_sets()
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        saved = os.environ.get("LABKIT_PROGRESS_FILE")
        os.environ["LABKIT_PROGRESS_FILE"] = str(Path(tmp) / "progress.jsonl")
        try:
            for exercise_id in ids:
                exercise = exercise_set(exercise_id)
                try:
                    with contextlib.redirect_stderr(io.StringIO()):
                        problems = verify_set(exercise.id, args.root)
                except LabkitError as exc:
                    problems = [str(exc)]
                if problems:
                    failed += 1
                    print(f"{exercise.id}: {len(problems)} problem(s)")
                    for problem in problems:
                        print(f"  - {problem}")
                else:
                    print(
                        f"{exercise.id}: {plural(len(exercise.leaves()), 'question')}, all pass the self-test"
                    )
        finally:
            if saved is None:
                os.environ.pop("LABKIT_PROGRESS_FILE", None)
            else:
                os.environ["LABKIT_PROGRESS_FILE"] = saved
    return 1 if failed else 0


def _progress(args: argparse.Namespace) -> int:
    from labkit.exercises._progress_report import cohort_summary, progress_summary

    report = cohort_summary(args.cohort) if args.cohort is not None else progress_summary(args.file)
    if args.json:
        print(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
        return 0
    print(report.summary)
    frame = report.to_frame()
    if not frame.empty:
        print()
        print(frame.drop(columns=["last_activity", "share_correct"], errors="ignore").to_string(index=False))
    return 0


def _outline(args: argparse.Namespace) -> int:
    from labkit.exercises._course import TRACKS, course_outline, minutes

    outline = course_outline(args.root, track=args.track)
    if outline.to_frame().empty:
        from labkit._errors import LabkitError

        raise LabkitError(
            "labkit found no lessons here, so there is no outline to show.",
            where=f"option --root {str(args.root)!r}" if args.root else "the labkit folder",
            fix="Pass --root with the labkit folder (the one holding curriculum/), or leave it out.",
        )
    if args.json:
        print(json.dumps(outline.to_dict(), indent=2, ensure_ascii=False))
        return 0
    if args.markdown:
        print(outline.to_markdown(), end="")
        return 0
    frame = outline.to_frame()
    print(outline.summary)
    for track in [args.track] if args.track else list(TRACKS):
        part = frame[frame["track"] == track]
        print()
        print(f"{TRACKS[track]} track ({minutes(int(part['total_minutes'].sum()))})")
        for row in part.itertuples(index=False):
            kind = "lesson   " if row.kind == "lesson" else "exercises"
            print(
                f"  {row.id}  {kind}  {row.title:<45.45}  teaching {row.teaching_minutes:>3} min  "
                f"exercises {row.exercise_minutes:>3} min  total {row.total_minutes:>3} min"
            )
    return 0


def _guide(args: argparse.Namespace) -> int:
    from labkit._errors import LabkitError
    from labkit.exercises._guide import facilitator_guide, guide_lessons

    if args.all:
        if args.out is None or args.out.suffix:
            raise LabkitError(
                "--all writes one guide per lesson, so it needs a folder.",
                where="option --out",
                fix="Add --out FOLDER, for example --out guides; each guide is saved there as NN-guide.html.",
            )
        for lesson in guide_lessons(args.root):
            path = facilitator_guide(lesson, args.root, start=args.start).save(
                args.out / f"{lesson}-guide.html"
            )
            print(f"Wrote {path.as_posix()}")
        return 0
    if args.lesson is None:
        raise LabkitError(
            "Which lesson's guide?",
            where="argument lesson",
            fix="Give its number, for example labkit course guide 03, or use --all --out FOLDER for every "
            "lesson.",
        )
    guide = facilitator_guide(args.lesson, args.root, start=args.start)
    if args.out is None:
        print(guide.to_markdown(), end="")
        return 0
    print(f"Wrote {guide.save(args.out).as_posix()}")
    return 0
