"""Terminal tables at 80 columns: words are never split, names are abbreviated, and a table
that cannot fit becomes one block per row."""

from io import StringIO

from rich.console import Console

from benchgame.cli.output import abbreviate, fits, print_table, vertical_layout

LONG = "a reason with several words that has to wrap over more than one line of the table"


def _printed(columns, rows, width=80, names=()):
    buf = StringIO()
    print_table("t", columns, rows, con=Console(file=buf, width=width), names=names)
    return buf.getvalue()


def test_fits_counts_longest_word_padding_and_borders():
    # 2 columns: longest words 5 and 10, plus 3 * 2 + 1 = 7
    assert fits(["model", "x"], [["abc", "0123456789"]], 22)
    assert not fits(["model", "x"], [["abc", "0123456789"]], 21)


def test_abbreviate_cuts_only_name_columns_to_the_room_left():
    rows = [["x" * 40, "0.125"], ["short", "1"]]
    out = abbreviate(["model", "score"], rows, 30, names=[0])
    # room = 30 - 5 (score) - 7 = 18
    assert out == [["x" * 17 + "…", "0.125"], ["short", "1"]]
    assert abbreviate(["model", "score"], rows, 80, names=[0]) == [["x" * 40, "0.125"],
                                                                    ["short", "1"]]


def test_printed_table_keeps_every_word_whole():
    text = _printed(["claim", "reason"], [["c.one", LONG]], width=40)
    words = set(text.replace("│", " ").split())
    assert set(LONG.split()) <= words
    assert max(len(ln) for ln in text.splitlines()) <= 40


def test_too_wide_table_becomes_vertical_blocks():
    cols = ["claim", "status", "detail"]
    rows = [["leaderboard.some_long_claim_identifier", "HOLDS, as expected", LONG]]
    text = _printed(cols, rows, width=40)
    assert text == vertical_layout("t", cols, rows, 40)
    assert text.splitlines()[2] == "leaderboard.some_long_claim_identifier"
    assert text.splitlines()[3] == "  status  HOLDS, as expected"
    assert all(len(ln) <= 40 for ln in text.splitlines())


def test_print_table_wraps_headers_and_keeps_names_whole_at_80_columns():
    from io import StringIO

    from rich.console import Console

    from benchgame.cli.output import print_table

    buf = StringIO()
    rows = [["noisy_binomial(m=2000, Delta=0)", "0.9452", "no bound", "6.817", "4.0e-05"],
            ["direct", "0.9633", "± 1e-11", "6.122", "1.1e-16"]]
    print_table("play", ["protocol", "E(tau)", "P(best first)", "E(total effort)",
                         "exploitability"], rows, Console(file=buf, width=72), names=[0])
    lines = buf.getvalue().splitlines()
    assert max(len(ln) for ln in lines) <= 72
    assert lines[2:4] == [
        "┃                        ┃        ┃ P(best  ┃ E(total ┃                ┃",
        "┃ protocol               ┃ E(tau) ┃ first)  ┃ effort) ┃ exploitability ┃"]
    assert "│ noisy_binomial(m=2000, │ 0.9452 │ no      │ 6.817   │ 4.0e-05        │" in lines
    assert not any("…" in ln for ln in lines)


def test_vertical_layout_wraps_a_long_title_between_words():
    from benchgame.cli.output import vertical_layout

    text = vertical_layout("benchgame leaderboard: Three developers: direct evaluation "
                           "against tune-before-test at Delta*", ["protocol", "Delta"],
                           [["direct", "0"]], 40)
    assert text.splitlines()[:3] == ["benchgame leaderboard: Three developers:",
                                     "direct evaluation against",
                                     "tune-before-test at Delta*"]
