"""Tables (rich on the terminal, Markdown for docs) and the per-page-type plot."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .run import BLOCK, Record
from .summary import PAGE_TYPE_ORDER, Summary, losses, page_f1, patterns

Key = tuple[str, str, str]


@dataclass
class Table:
    """A titled grid of strings, rendered with rich or as Markdown."""

    title: str
    columns: list[str]
    rows: list[list[str]] = field(default_factory=list)
    note: str = ""

    def rich(self):  # noqa: ANN201 - rich.table.Table, imported lazily
        """This table as a rich Table."""
        from rich.table import Table as RichTable
        t = RichTable(title=self.title, caption=self.note or None, title_justify="left", caption_justify="left")
        for i, col in enumerate(self.columns):
            t.add_column(col, justify="left" if i == 0 else "right", no_wrap=i == 0)
        for row in self.rows:
            t.add_row(*row)
        return t

    def markdown(self) -> str:
        """This table as a Markdown section."""
        lines = [f"#### {self.title}", "", "| " + " | ".join(self.columns) + " |",
                 "|" + "|".join(["---"] + ["---:"] * (len(self.columns) - 1)) + "|"]
        lines += ["| " + " | ".join(c.replace("|", "\\|") for c in row) + " |" for row in self.rows]
        if self.note:
            lines += ["", self.note]
        return "\n".join(lines) + "\n"


def f3(v: float | None) -> str:
    """A rate with three decimals, '-' when missing."""
    return "-" if v is None else f"{v:.3f}"


def fms(v: float | None) -> str:
    """Milliseconds, one decimal under 10."""
    if v is None:
        return "-"
    return f"{v:.1f}" if v < 10 else f"{v:.0f}"


def _runs(summaries: dict[Key, Summary]) -> list[str]:
    """Run labels in first-seen order."""
    return list(dict.fromkeys(k[0] for k in summaries))


def _systems(summaries: dict[Key, Summary], run: str) -> list[str]:
    """Systems measured under one run, in first-seen order."""
    return list(dict.fromkeys(k[2] for k in summaries if k[0] == run))


def _errors(ss: list[Summary]) -> str:
    """Empty outputs and error codes across sets, e.g. '3 (nothing_left 2, timeout 1)'."""
    empty = sum(s.empty for s in ss)
    errs: dict[str, int] = {}
    for s in ss:
        for code, n in s.errors.items():
            errs[code] = errs.get(code, 0) + n
    detail = ", ".join(f"{c} {n}" for c, n in sorted(errs.items(), key=lambda t: -t[1]))
    return f"{empty}" + (f" ({detail})" if detail else "")


def quality_table(summaries: dict[Key, Summary], run: str) -> Table:
    """AEB shingle P/R/F1, WCXB word F1/P/R, snippet rates, empty outputs, per system (sets present only)."""
    sets = {k[1] for k in summaries if k[0] == run}
    cols = ["system"]
    if "aeb" in sets:
        cols += ["AEB P", "AEB R", "AEB F1"]
    if "wcxb" in sets:
        cols += ["WCXB F1", "WCXB P", "WCXB R", "with found", "without avoided"]
    t = Table(f"Quality, {run}", cols + ["empty (errors)"])
    parts = []
    for name in _systems(summaries, run):
        aeb, wcxb = summaries.get((run, "aeb", name)), summaries.get((run, "wcxb", name))
        row = [name]
        if "aeb" in sets:
            a = aeb.aeb if aeb else None
            row += [f3(a and a.precision), f3(a and a.recall), f3(a and a.f1)]
        if "wcxb" in sets:
            w = wcxb.word if wcxb else None
            row += [f3(w and w.f1), f3(w and w.precision), f3(w and w.recall),
                    f3(wcxb and wcxb.with_rate), f3(wcxb and wcxb.without_rate)]
        t.rows.append(row + [_errors([s for s in (aeb, wcxb) if s])])
        if not parts:
            if aeb:
                parts.append(f"AEB {aeb.n} pages")
            if wcxb:
                parts.append(f"WCXB {wcxb.n} pages ({wcxb.word.n_recall} with a main text scored for F1)")
    t.note = "; ".join(parts)
    return t


def type_table(summaries: dict[Key, Summary], run: str) -> Table | None:
    """WCXB word F1 per page type, per system."""
    rows = {k[2]: s for k, s in summaries.items() if k[0] == run and k[1] == "wcxb"}
    if not rows:
        return None
    types = [t for t in PAGE_TYPE_ORDER if any(t in s.by_type for s in rows.values())]
    types += sorted({t for s in rows.values() for t in s.by_type} - set(types))
    counts = {t: max(s.by_type.get(t, (0, 0, 0, 0))[3] for s in rows.values()) for t in types}
    table = Table(f"WCXB word F1 by page type, {run}", ["system"] + [f"{t} ({counts[t]})" for t in types])
    for name, s in rows.items():
        table.rows.append([name] + [f3(s.by_type[t][0]) if t in s.by_type else "-" for t in types])
    return table


def meta_table(summaries: dict[Key, Summary], run: str) -> Table | None:
    """Title/author/date accuracy on WCXB, per system that reports them."""
    rows = {k[2]: s for k, s in summaries.items() if k[0] == run and k[1] == "wcxb"}
    if not rows or not any(s.meta for s in rows.values()):
        return None
    n = {f: max((s.meta.get(f, (None, 0))[1] for s in rows.values()), default=0) for f in ("title", "author", "date")}
    fields = ("title", "author", "date")
    t = Table(f"WCXB metadata accuracy, {run}", ["system", *(f"{f} ({n[f]})" for f in fields),
                                                  *(f"{f} P" for f in fields)])
    for name, s in rows.items():
        t.rows.append([name] + [f3(s.meta[f][0]) if f in s.meta else "-" for f in fields]
                      + [f3(s.meta_precision[f][0]) if f in s.meta_precision else "-" for f in fields])
    t.note = ("exact match after NFKC, lower-casing, whitespace collapsing and plain quotes/dashes "
              "(author also without a leading 'By'); date on the calendar day; pages whose truth lacks the field "
              "are not counted; P = right among the pages where the system gave the field")
    return t


def speed_table(summaries: dict[Key, Summary], run: str, jobs: int = 1, block: int = BLOCK,
                repeat: int = 1) -> Table:
    """Median wall and CPU ms, total s per set, and the ratio of medians to trafilatura."""
    sets = list(dict.fromkeys(k[1] for k in summaries if k[0] == run))
    cols = ["system"]
    for st in sets:
        u = st.upper()
        cols += [f"{u} median ms", f"{u} cpu ms", f"{u} total s", f"{u} x traf", f"{u} x traf cpu"]
    t = Table(f"Speed, {run}", cols)
    for name in _systems(summaries, run):
        row = [name]
        for st in sets:
            s, peer = summaries.get((run, st, name)), summaries.get((run, st, "trafilatura"))
            if s is None or (run != "html" and name == "fulltext"):
                row += ["-"] * 5
                continue
            wall = s.median_ms / peer.median_ms if peer and peer.median_ms and s.median_ms is not None else None
            cpu = (s.median_cpu_ms / peer.median_cpu_ms
                   if peer and peer.median_cpu_ms and s.median_cpu_ms is not None else None)
            row += [fms(s.median_ms), fms(s.median_cpu_ms), f"{s.total_ms / 1000:.1f}",
                    "-" if wall is None else f"{wall:.2f}", "-" if cpu is None else f"{cpu:.2f}"]
        t.rows.append(row)
    order = ("every system on a page before the next page" if block <= 1 else
             f"each system over a block of {block} pages in a row")
    if repeat > 1:
        order += f", {repeat} passes, each page's fastest call"
    notes = [f"wall and process-CPU time of the extraction call only, one process, {order}; "
             "x traf = median / trafilatura's median"]
    conv = [s.convert_median_ms for k, s in summaries.items() if k[0] == run and s.convert_median_ms is not None]
    if conv:
        notes.append(f"converting HTML to text took a median {fms(sorted(conv)[len(conv) // 2])} ms (not included)")
    meta = [s.meta_median_ms for k, s in summaries.items() if k[0] == run and s.meta_median_ms is not None]
    if meta:
        notes.append(f"trafilatura's separate extract_metadata call: median {fms(sorted(meta)[len(meta) // 2])} ms "
                     "(not included)")
    if run == "html":
        notes.append("fulltext = html_text of the whole page")
    if jobs > 1:
        notes.append(f"MEASURED WITH --jobs {jobs}: timings are not comparable to a sequential run")
    t.note = "; ".join(notes)
    return t


def patterns_table(records: list[Record], run: str, system: str = "cleaner") -> Table | None:
    """Where one system's F1 goes: weak pages by page type, with the cost to the mean."""
    pats = patterns(records, run, system)
    if not pats:
        return None
    t = Table(f"Where {system} loses F1, {run}", ["page type", "pages", "mean F1 lost", "F1<0.5", "empty",
                                                  "too much (P<<R)", "too little (R<<P)"])
    total = sum(p.n for k, p in pats.items() if not k.startswith("AEB"))
    for key, p in sorted(pats.items(), key=lambda kv: (kv[0].startswith("AEB"), -kv[1].lost_f1)):
        denom = p.n if key.startswith("AEB") else total
        t.rows.append([key, str(p.n), f3(p.lost_f1 / denom if denom else None), str(p.low), str(p.empty),
                       str(p.over), str(p.under)])
    t.note = ("mean F1 lost = the page type's share of (1 - F1) in the WCXB mean (AEB: of its own mean); "
              "too much/too little: F1 < 0.8 and precision/recall more than 0.2 below the other")
    return t


def losses_table(records: list[Record], run: str, top: int = 15) -> Table | None:
    """The pages where cleaner falls furthest below trafilatura."""
    rows = losses(records, run, top=top)
    if not rows:
        return None
    t = Table(f"Biggest per-page losses of cleaner to trafilatura, {run}",
              ["set/id", "type", "cleaner F1", "P", "R", "trafilatura F1", "cleaner error", "url"])
    for rec, peer, _gap in rows:
        sc = rec.aeb if rec.aeb is not None else rec.word
        t.rows.append([f"{rec.set}/{rec.id[:12]}", rec.page_type, f3(page_f1(rec)), f3(sc.precision),
                       f3(sc.recall), f3(page_f1(peer)), rec.error or "", (rec.url or "")[:70]])
    return t


def all_tables(summaries: dict[Key, Summary], records: list[Record], jobs: int = 1,
               diagnose: bool = True, top: int = 15, block: int = BLOCK, repeat: int = 1) -> list[Table]:
    """Every table, grouped by run condition."""
    out: list[Table] = []
    for run in _runs(summaries):
        out.append(quality_table(summaries, run))
        out += [t for t in (type_table(summaries, run), meta_table(summaries, run)) if t]
        out.append(speed_table(summaries, run, jobs, block, repeat))
        if diagnose and any(r.system == "cleaner" and r.run == run for r in records):
            out += [t for t in (patterns_table(records, run), losses_table(records, run, top)) if t]
    return out


def print_tables(tables: list[Table]) -> None:
    """Print the tables on the terminal with rich."""
    from rich.console import Console
    console = Console()
    if not console.is_terminal:  # piped or redirected: keep every column, do not squeeze to 80
        console = Console(width=200)
    for t in tables:
        console.print(t.rich())
        console.print()


def markdown(tables: list[Table], header: str = "") -> str:
    """All tables as one Markdown document."""
    return header + "\n".join(t.markdown() for t in tables)


def plot(summaries: dict[Key, Summary], path: Path) -> None:
    """Grouped bars: WCXB F1 per page type, WCXB overall and AEB F1, one panel per run, one bar per system."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    runs = _runs(summaries)
    fig, axes = plt.subplots(len(runs), 1, figsize=(12, 3.6 * len(runs)), squeeze=False)
    for ax, run in zip(axes[:, 0], runs):
        systems = _systems(summaries, run)
        types = [t for t in PAGE_TYPE_ORDER if any(t in s.by_type for k, s in summaries.items() if k[0] == run)]
        groups = types + ["WCXB all", "AEB"]
        width = 0.8 / max(len(systems), 1)
        for i, name in enumerate(systems):
            wc, aeb = summaries.get((run, "wcxb", name)), summaries.get((run, "aeb", name))
            vals = [wc.by_type.get(t, (0,))[0] if wc else 0 for t in types]
            vals += [wc.word.f1 if wc else 0, aeb.aeb.f1 if aeb else 0]
            xs = [g + (i - (len(systems) - 1) / 2) * width for g in range(len(groups))]
            ax.bar(xs, vals, width, label=name)
        ax.set_xticks(range(len(groups)), groups)
        ax.set_ylim(0, 1)
        ax.set_ylabel("F1")
        ax.set_title(f"{run}: WCXB word F1 by page type, and AEB shingle F1")
        ax.grid(axis="y", alpha=0.3)
        ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize="small")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
