"""The text grammar's character tests (compare/text.py)."""
import re

import pytest

from compare.text import count_hanzi, is_hanzi

# what the engine and ingest tested with a regex class before (metrics, guards, measures, threads)
CLASS = re.compile(r"[\u4e00-\u9fff]")
LETTERS = re.compile(r"[\u4e00-\u9fffA-Za-z]")
# the block's edges and their neighbours, 〇 (U+3007, outside it), extension A (U+3400), full-width
# letters and digits, a non-BMP character (extension B) and the Latin ones
EDGES = "\u4dff\u4e00\u4e01\u9ffe\u9fff\ua000〇\u3400ＡＺａｚ０９\U00020000AZaz09@[`{"


@pytest.mark.parametrize("c", list(EDGES))
def test_a_chinese_character_is_the_regex_class(c):
    assert is_hanzi(c) == bool(CLASS.fullmatch(c))
    assert count_hanzi(c) == len(CLASS.findall(c))
    assert count_hanzi(c, letters=True) == len(LETTERS.findall(c))


@pytest.mark.parametrize("text", [
    "赤字率拟按2.8%左右安排",            # 国务院 2022
    "城镇新增就业1200万人左右",           # 国务院 2023
    "5G基站", "道路", "学位", "", "2023年", "GDP增长5%",
])
def test_counts_and_words_are_the_regex_classs(text):
    assert count_hanzi(text) == len(CLASS.findall(text))
    assert count_hanzi(text, letters=True) == len(LETTERS.findall(text))
    assert is_hanzi(text) == bool(re.fullmatch(r"[\u4e00-\u9fff]+", text))
