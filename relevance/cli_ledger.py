"""The ledger commands: ``record``, ``log``, ``review``, ``plan``, ``history``, ``ledger``.

Thin Typer commands over :mod:`relevance.ledger`; registered on the main app by
:func:`register`. Each writing command is one transaction in the ledger file.
"""

import math
import sys
from datetime import date
from enum import StrEnum
from typing import Annotated, Any

import typer

from relevance.errors import UsageError

ledger_app = typer.Typer(
    help="Export and import the whole ledger (JSON Lines or CSV).",
    no_args_is_help=True,
    rich_markup_mode=None,
)


class TableFormat(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


class HistoryFormat(StrEnum):
    table = "table"
    json = "json"


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"


MAX_HOURS = 168.0
"""The most hours one entry can hold: a week."""


def parse_day(text: str | None, option: str, today: date | None = None) -> date:
    """An ISO date given to ``option``, not after today; today when not given."""
    now = date.today()
    if text is None:
        return today or now
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(f"{option} must be a date such as 2026-11-29, got {text!r}") from None
    if day > now:
        raise UsageError(
            f"{option} {day.isoformat()} is in the future (today is {now.isoformat()})",
            hint="log time once it is spent",
        )
    return day


def check_hours(hours: float) -> float:
    """Hours of one entry: a finite number in [0, 168]."""
    if not math.isfinite(hours) or hours < 0:
        raise UsageError(f"--hours must be a number of hours >= 0, got {hours:g}")
    if hours > MAX_HOURS:
        raise UsageError(f"--hours {hours:g} is more than a week ({MAX_HOURS:g} hours)")
    return hours


def check_count(value: int, option: str) -> int:
    """A count given to ``option``: a whole number >= 0."""
    if value < 0:
        raise UsageError(f"{option} must be a whole number >= 0, got {value}")
    return value


def _settings(profile: str | None, hours_per_week: float | None) -> Any:
    from relevance.profile import Profile, load_profile
    from relevance.settings import Settings

    loaded = load_profile(profile) if profile else Profile()
    overrides: dict[str, Any] = dict(loaded.thresholds)
    hours = hours_per_week if hours_per_week is not None else loaded.hours_per_week
    if hours is not None:
        overrides["hours_per_week"] = hours
    return Settings().with_overrides(**overrides) if overrides else Settings()


WeeksTodayOpt = Annotated[
    str | None,
    typer.Option("--today", metavar="DATE", help="Count the weeks back from this day."),
]
TableFormatOpt = Annotated[
    TableFormat, typer.Option("--format", "-f", metavar="FORMAT", help="Output format.")
]


def register(app: typer.Typer) -> None:
    """Add the ledger commands to ``app``."""
    from relevance.cli import (
        GoalFileOpt,
        GoalOpt,
        GoalsOpt,
        IndustryOpt,
        InputFormatOpt,
        LedgerOpt,
        LocationOpt,
        ModelOpt,
        ModelsDirOpt,
        ProfileOpt,
        SizeOpt,
        _analyzer,
        _named_by,
        _user,
        reports_errors,
    )

    @app.command()
    @reports_errors
    def record(
        file: Annotated[
            str, typer.Argument(metavar="FILE", help="Groups: .json, .jsonl, .csv, or - for stdin.")
        ],
        goal: GoalOpt = None,
        goal_file: GoalFileOpt = None,
        goals: GoalsOpt = None,
        industry: IndustryOpt = None,
        location: LocationOpt = None,
        size_range: SizeOpt = None,
        profile: ProfileOpt = None,
        model: ModelOpt = None,
        models_dir: ModelsDirOpt = None,
        input_format: InputFormatOpt = None,
        day: Annotated[
            str | None,
            typer.Option(
                "--date", "--today", metavar="DATE", help="The snapshot's day [default: today]."
            ),
        ] = None,
        ledger: LedgerOpt = None,
    ) -> None:
        """Keep a dated snapshot of each group of FILE, with that day's scores."""
        from relevance.io.records import read_groups
        from relevance.ledger.book import Ledger
        from relevance.ledger.record import record_groups

        when = parse_day(day, "--date")
        goal_list, industries, locations, overrides = _user(
            goal, goal_file, goals, industry, location, size_range, None, profile
        )
        analyzer = _analyzer(
            model, models_dir, overrides, industries, locations, when.isoformat(),
            _named_by(industry, location, profile),
        )  # fmt: skip
        analyzer.check_goals(goal_list)
        groups = list(read_groups(file, input_format, today=when))
        if not groups:
            raise UsageError(f"{file} holds no groups; nothing was recorded")
        with Ledger(ledger, create=True) as book:
            done = record_groups(book, analyzer, groups, goal_list, when)
            where = book.path
        typer.echo(
            f"Recorded {len(groups)} group{'s' * (len(groups) != 1)} on {when.isoformat()} "
            f"in {where}: {len(done.added)} new, {len(done.updated)} already known."
        )
        if done.effort_logged:  # said, as a log entry the user did not type is added
            typer.echo(
                f"Logged the file's effort of {len(done.effort_logged)} joined "
                f"group{'s' * (len(done.effort_logged) != 1)} beyond what the log held, "
                f"dated {when.isoformat()}: {', '.join(done.effort_logged)}."
            )

    @app.command()
    @reports_errors
    def log(
        group: Annotated[
            str, typer.Argument(metavar="GROUP", help="An id, a URL or part of a title.")
        ],
        hours: Annotated[float, typer.Option("--hours", metavar="H", help="Hours spent.")],
        connections: Annotated[
            int, typer.Option("--connections", metavar="N", help="New connections made.")
        ] = 0,
        replies: Annotated[
            int, typer.Option("--replies", metavar="N", help="Replies to your posts.")
        ] = 0,
        posts: Annotated[int, typer.Option("--posts", metavar="N", help="Posts written.")] = 0,
        comments: Annotated[
            int, typer.Option("--comments", metavar="N", help="Comments written.")
        ] = 0,
        day: Annotated[
            str | None,
            typer.Option("--date", "--today", metavar="DATE", help="When [default: today]."),
        ] = None,
        note: Annotated[
            str | None, typer.Option("--note", metavar="TEXT", help="What you did.")
        ] = None,
        ledger: LedgerOpt = None,
    ) -> None:
        """Log time spent in a group and what came back."""
        from relevance.ledger.book import Entry, Ledger, new_entry_id

        entry = Entry(
            entry=new_entry_id(),
            day=parse_day(day, "--date"),
            hours=check_hours(hours),
            connections=check_count(connections, "--connections"),
            replies=check_count(replies, "--replies"),
            posts=check_count(posts, "--posts"),
            comments=check_count(comments, "--comments"),
            note=note.strip() if note and note.strip() else None,
        )
        with Ledger(ledger, write=True) as book, book.writing():
            found = book.find(group)
            book.mark_joined(found, entry.day)
            book.log(found.key, entry)
        from relevance.display import counted  # wcwidth, loaded only when printing

        typer.echo(
            f"Logged {entry.hours:g} h, {counted(entry.connections, 'connection')}, "
            f"{counted(entry.replies, 'reply', 'replies')} "
            f"in {found.title} ({found.id}) on {entry.day.isoformat()}."
        )
        if not found.joined:  # time spent in a group means belonging to it: say so
            typer.echo(
                f"Note: {found.id} is now counted as joined, from {entry.day.isoformat()}: "
                "review and plan judge it as one of your groups.",
                err=True,
            )

    @app.command()
    @reports_errors
    def review(
        ledger: LedgerOpt = None,
        profile: ProfileOpt = None,
        hours_per_week: Annotated[
            float | None,
            typer.Option("--hours-per-week", metavar="HOURS", help="Your time budget for groups."),
        ] = None,
        today: WeeksTodayOpt = None,
        output_format: TableFormatOpt = TableFormat.table,
    ) -> None:
        """STAY or LEAVE for every joined group: hours, returns, trend, what changed."""
        from relevance.ledger.book import Ledger
        from relevance.ledger.render import review_output
        from relevance.ledger.review import review_ledger

        when = parse_day(today, "--today")
        settings = _settings(profile, hours_per_week)
        with Ledger(ledger) as book:
            reviews = review_ledger(book, when, settings)
            where = str(book.path)
        sys.stdout.write(review_output(reviews, output_format.value, when, where))

    @app.command()
    @reports_errors
    def plan(
        hours_per_week: Annotated[
            float | None,
            typer.Option("--hours-per-week", metavar="HOURS", help="Hours this week for groups."),
        ] = None,
        ledger: LedgerOpt = None,
        profile: ProfileOpt = None,
        today: WeeksTodayOpt = None,
        output_format: TableFormatOpt = TableFormat.table,
    ) -> None:
        """Spend this week's hours where the return is: hours per group, and why each cut."""
        from relevance.ledger.book import Ledger
        from relevance.ledger.plan import make_plan
        from relevance.ledger.render import plan_output

        when = parse_day(today, "--today")
        settings = _settings(profile, hours_per_week)
        budget = settings.hours_per_week
        if budget is None:
            raise UsageError(
                "no weekly budget given", hint="pass --hours-per-week H, or set it in --profile"
            )
        if not math.isfinite(budget) or budget < 0:
            raise UsageError(f"--hours-per-week must be >= 0, got {budget:g}")
        with Ledger(ledger) as book:
            result = make_plan(book, budget, when, settings)
        sys.stdout.write(plan_output(result, output_format.value, when))

    @app.command()
    @reports_errors
    def history(
        group: Annotated[
            str, typer.Argument(metavar="GROUP", help="An id, a URL or part of a title.")
        ],
        ledger: LedgerOpt = None,
        output_format: Annotated[
            HistoryFormat, typer.Option("--format", "-f", metavar="FORMAT", help="Output format.")
        ] = HistoryFormat.table,
    ) -> None:
        """Every snapshot and effort entry of one group."""
        from relevance.ledger.book import Ledger
        from relevance.ledger.render import history_output

        with Ledger(ledger) as book:
            found = book.find(group)
            text = history_output(
                found, book.snapshots(found.key), book.entries(found.key), output_format.value
            )
        sys.stdout.write(text)

    @ledger_app.command("export")
    @reports_errors
    def ledger_export(
        output: Annotated[
            str, typer.Argument(metavar="FILE", help="Where to write (atomically); - for stdout.")
        ] = "-",
        output_format: Annotated[
            ExportFormat | None,
            typer.Option("--format", "-f", metavar="FORMAT", help="jsonl or csv [from FILE]."),
        ] = None,
        ledger: LedgerOpt = None,
    ) -> None:
        """Write the whole ledger: groups, snapshots, effort entries."""
        from relevance.display import counted
        from relevance.io.atomic import atomic_output
        from relevance.ledger.book import Ledger
        from relevance.ledger.db import LedgerError
        from relevance.ledger.exchange import export_format, export_records, write_export

        fmt = export_format(output, output_format.value if output_format else None)
        try:
            with Ledger(ledger) as book, atomic_output(output) as stream:
                count = write_export(export_records(book), stream, fmt)
        except OSError as error:  # a full disk: the temporary file is gone, FILE untouched
            raise LedgerError(
                f"{output}: cannot write it ({error.strerror or error}); nothing was written"
            ) from None
        if output != "-":
            typer.echo(f"Exported {counted(count, 'record')} to {output}.")

    @ledger_app.command("import")
    @reports_errors
    def ledger_import(
        file: Annotated[str, typer.Argument(metavar="FILE", help="An export (.jsonl or .csv).")],
        input_format: Annotated[
            ExportFormat | None,
            typer.Option("--format", "-f", metavar="FORMAT", help="jsonl or csv [from FILE]."),
        ] = None,
        ledger: LedgerOpt = None,
    ) -> None:
        """Add an export's groups, snapshots and effort entries (one transaction)."""
        from relevance.io.goals import read_text_file
        from relevance.ledger.book import Ledger
        from relevance.ledger.exchange import export_format, import_records, read_import

        fmt = export_format(file, input_format.value if input_format else None)
        import io

        text = read_text_file(file)
        with Ledger(ledger, create=True) as book:
            added = import_records(book, read_import(io.StringIO(text), fmt, file), file)
            where = book.path
        from relevance.display import counted

        typer.echo(
            f"Imported into {where}: {counted(added['groups'], 'new group')}, "
            f"{counted(added['snapshots'], 'snapshot')}, "
            f"{counted(added['effort'], 'effort entry', 'effort entries')}."
        )

    app.add_typer(ledger_app, name="ledger")
