"""The ``relevance`` command: thin Typer commands over the library.

Heavy imports (numpy, scipy, scikit-learn, nltk) happen inside the commands that need them, so
``relevance --help`` starts as fast as Typer itself. Every :class:`RelevanceError` becomes
``Error: <message>`` (and a ``Hint:`` line) on standard error with exit code 1 (bad data or
model) or 2 (bad usage), never a traceback.
"""

from __future__ import annotations

import functools
import os
import shutil
import signal
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Annotated, Any, TextIO, TypeVar, cast

import typer
from typer.main import get_command_name

from relevance.clihelp import HELP_OPTIONS, Command, Group, choice, examples
from relevance.errors import RelevanceError, UsageError
from relevance.schema import SIGNALS

app = typer.Typer(
    name="relevance",
    cls=Group,
    help="Tells a professional which online groups are worth their time.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings=HELP_OPTIONS,
)
models_app = typer.Typer(
    cls=Group,
    help="List, show and remove trained models.",
    short_help="List, show and remove trained models.",
    epilog=examples("relevance models", "relevance models --models-dir ./models -f json"),
    invoke_without_command=True,
    rich_markup_mode=None,
    context_settings=HELP_OPTIONS,
)
app.add_typer(models_app, name="models")

F = TypeVar("F", bound=Callable[..., Any])


class OutputFormat(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    html = "html"


class InputFormat(StrEnum):
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    reddit = "reddit"
    meetup = "meetup"


class OnError(StrEnum):
    fail = "fail"
    skip = "skip"


class Reasons(StrEnum):
    first = "first"
    all = "all"
    none = "none"


class ListFormat(StrEnum):
    table = "table"
    json = "json"


def _values(choices: type[StrEnum]) -> list[str]:
    return [item.value for item in choices]


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"relevance {version('group-relevance')}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", "-V", help="Print the version and exit.", callback=_version, is_eager=True
        ),
    ] = False,
) -> None:
    """Tells a professional which online groups are worth their time."""


def fail(error: RelevanceError) -> typer.Exit:
    """Print a library error the way the command line shows every error."""
    typer.echo(f"Error: {error.message}", err=True)
    if error.hint:
        typer.echo(f"Hint: {error.hint}", err=True)
    return typer.Exit(error.exit_code)


def reports_errors(command: F) -> F:
    """Turn library errors, a closed pipe and Ctrl-C into messages and exit codes."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except RelevanceError as error:
            raise fail(error) from None
        except BrokenPipeError:
            sys.stderr.close()  # `relevance score ... | head`: the reader left; not an error
            raise typer.Exit(0) from None
        except KeyboardInterrupt as stop:
            signum = getattr(stop, "signum", signal.SIGINT)  # runner.Stopped: SIGTERM, SIGHUP
            typer.echo("Interrupted." if signum == signal.SIGINT else "Stopped.", err=True)
            raise typer.Exit(128 + signum) from None
        except MemoryError:
            raise fail(
                RelevanceError(
                    "out of memory",
                    hint="lower RELEVANCE_MAX_RECORD_SIZE, --chunk-size or --jobs; "
                    "give large inputs as JSON Lines, which are streamed",
                )
            ) from None
        except Exception as error:
            # A full disk or a folder that vanished is the system's, not a bug: say which file.
            cause = _os_error(error)
            if cause is None:
                raise
            raise fail(RelevanceError(_describe(cause))) from None

    return wrapper  # type: ignore[return-value]


def _os_error(error: BaseException | None) -> OSError | None:
    """The operating-system error behind ``error`` (itself, or in its causes), if any."""
    seen = 0
    while error is not None and seen < 10:
        if isinstance(error, OSError):
            return error
        error = error.__cause__ or error.__context__
        seen += 1
    return None


def _describe(error: OSError) -> str:
    where = error.filename if error.filename is not None else "output"
    return f"{where}: {error.strerror or error}"


# -- shared options ---------------------------------------------------------------------------

GoalOpt = Annotated[
    str | None, typer.Option("--goal", "-g", metavar="TEXT", help="The goal statement.")
]
GoalFileOpt = Annotated[
    str | None,
    typer.Option("--goal-file", metavar="FILE", help="A file holding the goal statement."),
]
GoalsOpt = Annotated[
    str | None,
    typer.Option(
        "--goals",
        metavar="FILE",
        help="Several goals: a line each, or JSON Lines with id and text.",
    ),
]
IndustryOpt = Annotated[
    list[str] | None, typer.Option("--industry", metavar="NAME", help="Your industry (repeatable).")
]
LocationOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--location", metavar="PLACE", help="Your city, country or region (repeatable): 'Europe'."
    ),
]
SizeOpt = Annotated[
    str | None,
    typer.Option(
        "--size-range", metavar="MIN:MAX", help="Member counts with size fit 1 [default: 300:5000]."
    ),
]
HoursOpt = Annotated[
    float | None,
    typer.Option("--hours-per-week", metavar="HOURS", help="Your time budget for groups.", min=0),
]
ProfileOpt = Annotated[
    str | None,
    typer.Option("--profile", metavar="FILE", help="A TOML profile; options given here win."),
]
ModelOpt = Annotated[
    str | None,
    typer.Option(
        "--model", "-m", metavar="NAME|DIR", help="Model name or folder [default: default]."
    ),
]
ModelsDirOpt = Annotated[
    str | None,
    typer.Option(
        "--models-dir",
        metavar="DIR",
        help="Models folder [default: $RELEVANCE_MODELS or user data].",
    ),
]
InputFormatOpt = Annotated[
    str | None,
    typer.Option(
        "--input-format",
        metavar="FORMAT",
        help="json, jsonl, csv, reddit or meetup (API JSON) [default: from the extension; "
        "sniffed on stdin].",
        callback=choice(_values(InputFormat)),
        show_default=False,
    ),
]
ListFormatOpt = Annotated[
    str,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        help="table or json [default: table].",
        callback=choice(_values(ListFormat)),
        show_default=False,
    ),
]
ColumnsOpt = Annotated[
    str | None,
    typer.Option(
        "--columns",
        metavar="COLUMN=FIELD,...",
        help='Name the columns of an export: "Group Name=title,Members=member_count".',
    ),
]
DateOrderOpt = Annotated[
    str | None,
    typer.Option(
        "--date-order",
        metavar="ORDER",
        help="Read dates like 6/1/2026 as mdy (month first) or dmy (day first).",
        callback=choice(("mdy", "dmy")),
    ),
]
EncodingOpt = Annotated[
    str | None,
    typer.Option(
        "--encoding",
        metavar="NAME",
        help="The file's text encoding, e.g. cp1252 [default: UTF-8, else detected].",
        show_default=False,
    ),
]
OnErrorOpt = Annotated[
    str,
    typer.Option(
        "--on-error",
        metavar="MODE",
        help="On a bad record: fail (stop with an error) or skip (warn, go on) [default: fail].",
        callback=choice(_values(OnError)),
        show_default=False,
    ),
]
MisleadingOpt = Annotated[
    float | None,
    typer.Option(
        "--misleading-below",
        metavar="CONSISTENCY",
        help="Flag titles whose consistency (1 - recency-weighted off-topic share of the "
        "recent discussions) is below this [default: 0.5].",
    ),
]
LedgerOpt = Annotated[
    str | None,
    typer.Option(
        "--ledger",
        metavar="PATH",
        help="The ledger file [default: $RELEVANCE_LEDGER or user data].",
    ),
]
TodayOpt = Annotated[
    str | None,
    typer.Option("--today", metavar="DATE", help="The day activity counts from (YYYY-MM-DD)."),
]


def _read_options(columns: str | None, date_order: str | None, encoding: str | None) -> Any:
    """The import options, with a notice (the detected encoding) printed as a warning."""
    from relevance.io.columns import parse_columns
    from relevance.io.options import ReadOptions

    if encoding is not None:
        import codecs

        try:
            codecs.lookup(encoding)
        except LookupError:
            raise UsageError(
                f"--encoding: unknown encoding {encoding!r}", hint="e.g. utf-8, cp1252, latin-1"
            ) from None
    return ReadOptions(
        columns=parse_columns(columns) if columns else {},
        date_order=date_order,
        encoding=encoding,
        notice=lambda text: typer.echo(f"Warning: {text}", err=True),
    )


def _today(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"--today must be a date such as 2026-11-29, got {text!r}") from None


def _user(
    goal: str | None,
    goal_file: str | None,
    goals_file: str | None,
    industry: list[str] | None,
    location: list[str] | None,
    size_range: str | None,
    hours_per_week: float | None,
    profile_path: str | None,
    misleading_below: float | None = None,
) -> tuple[list[Any], list[str], list[str], dict[str, Any]]:
    """Goals, industries, locations and settings overrides, options winning over the profile."""
    from relevance.io.formats import surrogate_error
    from relevance.io.goals import read_goals, read_text_file
    from relevance.profile import Profile, load_profile
    from relevance.schema import Goal
    from relevance.settings import parse_size_range

    profile = load_profile(profile_path) if profile_path else Profile()
    given = [x for x in (goal, goal_file, goals_file) if x is not None]
    if len(given) > 1:
        raise UsageError("give only one of --goal, --goal-file and --goals")
    if goal is not None:
        if not goal.strip():
            raise UsageError("--goal is empty", hint="write what you want from a group")
        if not goal.isascii() and surrogate_error(goal) is not None:
            # Bytes that are not UTF-8 on the command line arrive as lone surrogates.
            raise UsageError("--goal is not valid UTF-8 text", hint="check the terminal's encoding")
        goals = [Goal.from_value(goal, "goal")]
    elif goal_file is not None:
        goals = [Goal.from_value(read_text_file(goal_file), "goal")]
    elif goals_file is not None:
        goals = read_goals(goals_file)
    elif profile.goal:
        goals = [Goal.from_value(profile.goal, "goal")]
    else:
        raise UsageError(
            "no goal given", hint="pass --goal TEXT, --goal-file FILE, --goals FILE or --profile"
        )
    overrides: dict[str, Any] = dict(profile.thresholds)
    if profile.weights:
        overrides["weights"] = profile.weights
    sizes = parse_size_range(size_range) if size_range else profile.size_range
    if sizes:
        overrides["size_range"] = sizes
    hours = hours_per_week if hours_per_week is not None else profile.hours_per_week
    if hours is not None:
        overrides["hours_per_week"] = hours
    if misleading_below is not None:
        overrides["misleading_below"] = misleading_below
    industries = list(industry) if industry else profile.industries
    locations = list(location) if location else profile.locations
    return goals, industries, locations, overrides


@dataclass(frozen=True)
class _NamedBy:
    """Which profile file named the wanted industries and places (None: the options did), so
    that a warning or an error about one names the file and its key, not an option."""

    industries: str | None
    locations: str | None

    def error(self, error: UsageError) -> RelevanceError:
        """``error`` about a wanted industry or place said of the profile key that named it:
        a profile's content is data (exit 1), as its other keys are."""
        from relevance.errors import InputError, WantedError

        profile = {"industries": self.industries, "locations": self.locations}
        if not isinstance(error, WantedError) or not profile[error.key]:
            return error
        hint = f"give each of {error.key} a name with words, e.g. {EXAMPLE[error.key]}"
        return InputError(f"{profile[error.key]}: '{error.key}': {error.detail}", hint=hint)


EXAMPLE = {
    "industries": 'industries = ["Financial Services"]',
    "locations": 'locations = ["Europe"]',
}


@dataclass(frozen=True)
class _UserOptions:
    """The options that say who the user is and what they want (:func:`_user`'s)."""

    goal: str | None
    goal_file: str | None
    goals_file: str | None
    industry: list[str] | None
    location: list[str] | None
    size_range: str | None
    hours_per_week: float | None
    profile: str | None
    misleading_below: float | None


def _user_analyzer(
    user: _UserOptions, model: str | None, models_dir: str | None, today: str | None
) -> tuple[list[Any], Any]:
    """The goals and the analyzer of ``score`` and ``explain``: :func:`_user`, then
    :func:`_analyzer` with the industries and places said of where they came from."""
    goal_list, industries, locations, overrides = _user(
        user.goal, user.goal_file, user.goals_file, user.industry, user.location,
        user.size_range, user.hours_per_week, user.profile, user.misleading_below,
    )  # fmt: skip
    named_by = _named_by(user.industry, user.location, user.profile)
    analyzer = _analyzer(model, models_dir, overrides, industries, locations, today, named_by)
    return goal_list, analyzer


def _named_by(
    industry: list[str] | None, location: list[str] | None, profile_path: str | None
) -> _NamedBy:
    """Where the wanted industries and places came from (the options win over the profile)."""
    return _NamedBy(
        None if industry or not profile_path else profile_path,
        None if location or not profile_path else profile_path,
    )


def _analyzer(
    model: str | None,
    models_dir: str | None,
    overrides: dict[str, Any],
    industries: list[str],
    locations: list[str],
    today: str | None,
    named_by: _NamedBy | None = None,
) -> Any:
    from relevance.analyzer import Analyzer
    from relevance.settings import Settings

    named_by = named_by or _NamedBy(None, None)
    settings = Settings().with_overrides(**overrides) if overrides else Settings()
    try:
        analyzer = Analyzer(
            model=model,
            settings=settings,
            industries=industries,
            locations=locations,
            today=_today(today),
            models_dir=models_dir,
        )
    except UsageError as error:
        raise named_by.error(error) from None
    # An unknown place is said, not matched as 0, by the option or profile key that named it.
    for warning in analyzer.members.warnings(named_by.locations):
        typer.echo(f"Warning: {warning}", err=True)
    _started()
    return analyzer


_OWN_PROCESS = False
"""True when :func:`main` runs the process (the ``relevance`` command), not a test's runner."""


def _started() -> None:
    """Start-up is over (modules imported, model loaded): in a process of its own, the objects
    made so far live to its end, so the garbage collector is told to pass them over
    (``gc.freeze``). Its full collections, one while a small job is scored and one as the
    process ends, walked them all: 90 ms of the 12 example groups' 0.55 s of CPU."""
    if _OWN_PROCESS:
        import gc

        gc.freeze()


def _ledger_effort(ledger: str | None, today: date) -> Any:
    """The ledger's effort log (up to ``today``) to lend to the groups read, or None without a
    ledger; its ``note()`` says which groups took their effort from it."""
    from relevance.ledger.db import ledger_path

    if not ledger_path(ledger).exists():
        return None  # the usual case for score: nothing to lend, the ledger's book not loaded
    from relevance.ledger.effort import effort_source

    return effort_source(ledger, until=today)


# -- score ------------------------------------------------------------------------------------


@app.command(
    cls=Command,
    short_help="Score groups against your goal: a ranked, explained decision each.",
    epilog=examples(
        'relevance score groups.json --goal "meet fintech CTOs in Europe" --location Europe',
        "relevance score export.csv --profile me.toml --top 10 -o best.html",
        "relevance score groups.jsonl --goals goals.txt -f jsonl > scored.jsonl",
    ),
)
@reports_errors
def score(
    file: Annotated[
        str,
        typer.Argument(
            metavar="FILE",
            help="Groups: .json, .jsonl or .csv (or gzipped), a folder or a quoted glob of "
            "them ('data/*.jsonl'), or - for stdin.",
        ),
    ],
    goal: GoalOpt = None,
    goal_file: GoalFileOpt = None,
    goals: GoalsOpt = None,
    industry: IndustryOpt = None,
    location: LocationOpt = None,
    size_range: SizeOpt = None,
    hours_per_week: HoursOpt = None,
    profile: ProfileOpt = None,
    model: ModelOpt = None,
    models_dir: ModelsDirOpt = None,
    input_format: InputFormatOpt = None,
    columns: ColumnsOpt = None,
    date_order: DateOrderOpt = None,
    encoding: EncodingOpt = None,
    output_format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="table, json, jsonl, csv or html [default: from the -o extension, else table].",
            callback=choice(_values(OutputFormat)),
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        str,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write here, atomically [default: standard output].",
            show_default=False,
        ),
    ] = "-",
    top: Annotated[
        int | None, typer.Option("--top", metavar="K", help="Keep the K best per goal.", min=1)
    ] = None,
    sort: Annotated[
        str,
        typer.Option(
            "--sort",
            metavar="FIELD",
            help=f"Sort by overall or a signal: {', '.join(SIGNALS)} [default: overall].",
            callback=choice(("overall", *SIGNALS)),
            show_default=False,
        ),
    ] = "overall",
    on_error: OnErrorOpt = "fail",
    rejects: Annotated[
        str | None,
        typer.Option(
            "--rejects", metavar="FILE", help="With --on-error skip: keep bad records here."
        ),
    ] = None,
    reasons: Annotated[
        str,
        typer.Option(
            "--reasons",
            metavar="WHICH",
            help="Reasons under each table row: first, all or none [default: first].",
            callback=choice(_values(Reasons)),
            show_default=False,
        ),
    ] = "first",
    misleading_below: MisleadingOpt = None,
    chunk_size: Annotated[
        int, typer.Option("--chunk-size", metavar="N", help="Groups vectorized together.", min=1)
    ] = 2000,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs", "-j", metavar="N", help="Worker processes [default: all cores].", min=1
        ),
    ] = None,
    engine: Annotated[
        str,
        typer.Option(
            "--engine",
            metavar="ENGINE",
            help="Where chunks are scored: local or dask [default: local].",
            callback=choice(("local", "dask")),
            show_default=False,
        ),
    ] = "local",
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            metavar="ADDRESS",
            help="With --engine dask: the Dask scheduler [default: a cluster of --jobs workers "
            "here].",
            show_default=False,
        ),
    ] = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress line, no summary.")
    ] = False,
    today: TodayOpt = None,
    ledger: LedgerOpt = None,
) -> None:
    """Score groups against your goal: one ranked, explained decision per group."""
    from relevance.io.atomic import refuse_same_files
    from relevance.io.inputs import expand

    # Before anything is read or imported: an output that is an input would be lost.
    files = expand(file)  # a folder or a glob: every file of it is an input
    refuse_same_files(
        {
            **{"FILE" if len(files) == 1 else f"FILE ({f})": f for f in files},
            "--goal-file": goal_file,
            "--goals": goals,
            "--profile": profile,
        },
        {"--output": output, "--rejects": rejects},
    )
    from relevance.io import writers
    from relevance.io.atomic import atomic_output
    from relevance.progress import Progress
    from relevance.ranking import check_order
    from relevance.run import ScoreRun
    from relevance.runner import stopping_on_signals

    check_order(sort, top)  # before a model is loaded or a file read
    goal_list, analyzer = _user_analyzer(
        _UserOptions(goal, goal_file, goals, industry, location, size_range, hours_per_week,
                     profile, misleading_below),
        model, models_dir, today,
    )  # fmt: skip
    lent = _ledger_effort(ledger, analyzer.today)

    fmt = writers.output_format(output, output_format)

    hinted: set[str] = set()

    def warn(error: RelevanceError) -> None:
        typer.echo(f"Warning: skipped {error.message}", err=True)
        # A hint that a rerun with an option would fix every such record: once per run.
        if error.hint and getattr(error, "hint_on_skip", False) and error.hint not in hinted:
            hinted.add(error.hint)
            typer.echo(f"Hint: {error.hint}", err=True)

    with (
        stopping_on_signals(),
        ScoreRun(
            analyzer,
            file,
            goals=goal_list,
            output_format=fmt,
            top=top,
            sort=sort,
            on_error=on_error,
            rejects=rejects,
            input_format=input_format,
            chunk_size=chunk_size,
            jobs=jobs or os.cpu_count() or 1,
            engine=engine,
            scheduler=scheduler,
            on_reject=warn,
            fill=lent.fill_record if lent else None,
            read_options=_read_options(columns, date_order, encoding),
        ) as run,
        atomic_output(output) as stream,
    ):
        to_terminal = output == "-" and sys.stdout.isatty()
        width = max(80, shutil.get_terminal_size((80, 24)).columns) if to_terminal else 80
        writer = writers.open_writer(
            fmt,
            cast(TextIO, stream),
            run.settings,
            width,
            {g.id: g.text for g in run.goals},
            reasons=reasons,
        )
        progress = Progress(enabled=not quiet and sys.stderr.isatty())
        run.on_chunk = progress.update
        for message in run.warnings:
            typer.echo(f"Warning: {message}", err=True)
        for results in run:
            progress.clear()  # standard output may be the terminal the line is on
            writer.write_chunk(results)
        writer.close()
        progress.close(run.summary.accepted)
    for message in run.summary.messages():
        typer.echo(message, err=True)
    if lent is not None and lent.note() and not quiet:
        typer.echo(lent.note(), err=True)
    if run.summary.read and not run.summary.accepted:
        # Every record set aside: a script must not read that as a success (exit 1).
        raise RelevanceError(
            f"no record of {run.summary.source} could be scored",
            hint="fix the records the warnings name, then score again",
        )


# -- explain ----------------------------------------------------------------------------------


@app.command(
    cls=Command,
    short_help="Print every signal of one group with the evidence behind it.",
    epilog=examples(
        'relevance explain groups.json --group fintech-cto-europe --goal "meet fintech CTOs"',
        "relevance explain export.csv --profile me.toml --group line-7 -f json",
    ),
)
@reports_errors
def explain(
    file: Annotated[
        str,
        typer.Argument(
            metavar="FILE", help="Groups: .json, .jsonl or .csv (or gzipped), or - for stdin."
        ),
    ],
    group: Annotated[
        str,
        typer.Option(
            "--group",
            metavar="GROUP",
            help="The group to explain: its id, or an unambiguous part of its title.",
        ),
    ],
    goal: GoalOpt = None,
    goal_file: GoalFileOpt = None,
    industry: IndustryOpt = None,
    location: LocationOpt = None,
    size_range: SizeOpt = None,
    hours_per_week: HoursOpt = None,
    profile: ProfileOpt = None,
    model: ModelOpt = None,
    models_dir: ModelsDirOpt = None,
    input_format: InputFormatOpt = None,
    columns: ColumnsOpt = None,
    date_order: DateOrderOpt = None,
    encoding: EncodingOpt = None,
    output_format: ListFormatOpt = "table",
    on_error: OnErrorOpt = "fail",
    chunk_size: Annotated[
        int, typer.Option("--chunk-size", metavar="N", help="As given to score.", min=1)
    ] = 2000,
    misleading_below: MisleadingOpt = None,
    today: TodayOpt = None,
    ledger: LedgerOpt = None,
) -> None:
    """Print every signal of one group with the evidence behind it."""
    import json

    from relevance.explain import explain_group, render_explanation
    from relevance.io.records import read_groups

    goal_list, analyzer = _user_analyzer(
        _UserOptions(goal, goal_file, None, industry, location, size_range, hours_per_week,
                     profile, misleading_below),
        model, models_dir, today,
    )  # fmt: skip
    analyzer.check_goals(goal_list)
    lent = _ledger_effort(ledger, analyzer.today)
    reader = read_groups(
        file,
        input_format,
        on_error,
        fill=lent.fill_record if lent else None,
        options=_read_options(columns, date_order, encoding),
    )
    explanation = explain_group(analyzer, reader, group, goal_list[0], chunk_size)
    if lent is not None and lent.note():
        typer.echo(lent.note(), err=True)
    if output_format == ListFormat.json:
        typer.echo(json.dumps(explanation, indent=2, ensure_ascii=False))
    else:
        typer.echo(render_explanation(explanation))


# -- train and models -------------------------------------------------------------------------


@app.command(
    cls=Command,
    short_help="Train a model on your own corpus and goals, for score --model.",
    epilog=examples(
        "relevance train corpora/maritime/ notes.md --goals my-goals.txt --name maritime",
        'relevance score groups.json --model maritime --goal "..."',
    ),
)
@reports_errors
def train(
    corpus: Annotated[
        list[str], typer.Argument(metavar="CORPUS...", help="Folders and files of training texts.")
    ],
    name: Annotated[
        str, typer.Option("--name", "-n", metavar="NAME", help="Name of the new model.")
    ],
    goals: Annotated[
        str | None,
        typer.Option("--goals", metavar="FILE", help="Goal statements to add, a line each."),
    ] = None,
    from_model: Annotated[
        str | None,
        typer.Option(
            "--from", metavar="MODEL", help="Start from this model's text settings (e.g. default)."
        ),
    ] = None,
    models_dir: ModelsDirOpt = None,
    output_dir: Annotated[
        str | None,
        typer.Option(
            "--output-dir",
            metavar="DIR",
            help="Write the model folder here instead (e.g. models/).",
        ),
    ] = None,
    min_df: Annotated[
        int, typer.Option("--min-df", metavar="N", help="Drop rarer terms.", min=1)
    ] = 1,
    max_df: Annotated[
        float,
        typer.Option(
            "--max-df", metavar="SHARE", help="Drop terms in more than this share of documents."
        ),
    ] = 1.0,
    ngram_max: Annotated[
        int | None,
        typer.Option(
            "--ngram-max", metavar="N", help="1: words; 2: and bigrams [default: 2].", min=1, max=2
        ),
    ] = None,
    stem: Annotated[
        bool | None, typer.Option("--stem/--no-stem", help="Snowball stemming [default: stem].")
    ] = None,
    stop_words: Annotated[
        str | None,
        typer.Option(
            "--stop-words", metavar="FILE", help="A file of extra stop words, a line each."
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace a model of that name.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress, no summary.")] = False,
) -> None:
    """Train a model on your own corpus and goals, for `score --model NAME`."""
    from relevance.display import counted
    from relevance.training import TrainRequest, run_training

    result = run_training(
        TrainRequest(
            corpus=corpus,
            name=name,
            goals_file=goals,
            from_model=from_model,
            models_dir=models_dir,
            output_dir=output_dir,
            min_df=min_df,
            max_df=max_df,
            ngram_max=ngram_max,
            stem=stem,
            stop_words_file=stop_words,
            force=force,
            progress=not quiet and sys.stderr.isatty(),
        )
    )
    for warning in result.warnings:  # even with --quiet: it is about the model, not progress
        typer.echo(f"Warning: {warning}", err=True)
    if not quiet:
        typer.echo(
            f"Trained {result.name!r} on {counted(result.documents, 'document')}: "
            f"{counted(result.vocabulary_size, 'term')}, in {result.path}"
        )


@models_app.callback()
@reports_errors
def models(
    ctx: typer.Context,
    models_dir: ModelsDirOpt = None,
    output_format: ListFormatOpt = "table",
) -> None:
    """List the models: name, documents, vocabulary, created, where."""
    ctx.obj = {"models_dir": models_dir}
    if ctx.invoked_subcommand is not None:
        return
    from relevance.catalog import list_models, render_models

    rows = list_models(models_dir)
    typer.echo(render_models(rows, output_format))


@models_app.command(
    "show",
    cls=Command,
    short_help="Print a model's manifest, after checking its file.",
    epilog=examples("relevance models show default", "relevance models show maritime -f json"),
)
@reports_errors
def models_show(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="NAME", help="Model name or folder.")],
    models_dir: ModelsDirOpt = None,
    output_format: ListFormatOpt = "table",
) -> None:
    """Print a model's manifest, after checking the model file against it."""
    import json

    from relevance.catalog import render_manifest
    from relevance.store import ModelStore

    folder = models_dir or (ctx.obj or {}).get("models_dir")
    manifest = ModelStore(folder).load(name).manifest
    if output_format == ListFormat.json:
        typer.echo(json.dumps(manifest, indent=2, ensure_ascii=False))
    else:
        typer.echo(render_manifest(manifest))


@models_app.command("remove", cls=Command, epilog=examples("relevance models remove maritime"))
@reports_errors
def models_remove(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="NAME", help="Name of a user model.")],
    models_dir: ModelsDirOpt = None,
    output_format: ListFormatOpt = "table",
) -> None:
    """Delete a user model (the shipped default cannot be removed)."""
    import json

    from relevance.catalog import remove_model

    folder = models_dir or (ctx.obj or {}).get("models_dir")
    path = remove_model(name, folder)
    if output_format == ListFormat.json:
        typer.echo(json.dumps({"removed": name, "path": str(path)}))
    else:
        typer.echo(f"Removed {name!r} ({path})")


from relevance import cli_ledger  # noqa: E402  (after the shared options it imports)

cli_ledger.register(app)


BLAS_THREADS = (
    "OPENBLAS_NUM_THREADS",
    "MKL_NUM_THREADS",
    "OMP_NUM_THREADS",
    "BLIS_NUM_THREADS",
    "VECLIB_MAXIMUM_THREADS",
)
"""What a BLAS library reads for its number of threads."""


def one_blas_thread(environ: Any = os.environ) -> None:
    """One BLAS thread, unless the user set a number (as Dask sets for its workers): the
    products are SciPy's sparse ones, which BLAS does not run, and the language detector's are
    small (the same bits on one thread, checked on 3,700 texts); NumPy's OpenBLAS starts a
    thread per core as it loads, 30 ms of a small job's time on 2 cores and 0.1 s of its CPU,
    and so in every worker. Set before NumPy is imported; the workers inherit it."""
    for name in BLAS_THREADS:
        environ.setdefault(name, "1")


def only_invoked(args: list[str]) -> None:
    """Keep only the command that ``args`` names (``score ...``), when they name one: Typer
    reads the parameters of every command (their annotations, some 130 options) before it runs
    one, 10 to 15 ms of a small job. Help and errors read the same: a command's help and usage
    lines are its own, and an unknown or missing name keeps every command for the list and
    the "Did you mean" hint."""
    name = args[0] if args else ""
    commands = [
        c
        for c in app.registered_commands
        if (c.name or get_command_name(getattr(c.callback, "__name__", ""))) == name
    ]
    groups = [g for g in app.registered_groups if g.name == name]
    if commands or groups:
        app.registered_commands[:] = commands
        app.registered_groups[:] = groups


def main() -> None:
    """Console-script entry point."""
    from relevance.io.atomic import remove_temporaries_on_signals

    global _OWN_PROCESS
    _OWN_PROCESS = True
    one_blas_thread()
    only_invoked(sys.argv[1:])
    remove_temporaries_on_signals()  # SIGTERM, SIGHUP: no half-written .tmp file left behind
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
