from stint.domain.text import defused, one_line, without_controls


def test_one_line() -> None:
    assert one_line("a\nb\r\nc\td  e\x1b[2J\u202ef\x85g") == "a b c d e[2Jf g"


def test_without_controls_keeps_lines() -> None:
    assert without_controls("a\nb\x07c\x1bd\te") == "a\nbcd\te"


def test_defused() -> None:
    assert [defused(t) for t in ("=1+1", "+1", "-1", "@A1", "\t=1", "\r=1", "a=1", "")] == [
        "'=1+1", "'+1", "'-1", "'@A1", "'\t=1", "'\r=1", "a=1", ""]
