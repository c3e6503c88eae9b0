"""Build `rules/words.txt`, the common words of Chinese that L42 reads a line end by.

    pip install jieba==0.42.1 opencc
    python tools/build_words.py > rules/words.txt

The words are those of jieba's dictionary (MIT licence, notice kept in the file's header) of two
to four Han characters and a frequency of at least `MIN_FREQUENCY`, in Simplified and, through
OpenCC's `s2t`, Traditional script. The threshold was measured: at 50, 100 and 300 the
development pages deal out alike, at 1000 worse (too few words); 300 keeps the file small.
"""
from __future__ import annotations

import re
import sys
from importlib import resources

MIN_FREQUENCY = 300
WORD = re.compile(r"^[\u4e00-\u9fff]{2,4}$")

HEADER = """\
# Common words of Chinese, one a line, in Simplified and Traditional script: L42 (deal-out-columns)
# reads a line end inside a sentence as the middle of a word when one of these spans it.
# Made by tools/build_words.py from the dictionary of jieba {version} (words of two to four Han
# characters, frequency >= {freq}), Traditional forms by OpenCC s2t. jieba's licence:
#
# The MIT License (MIT)
#
# Copyright (c) 2013 Sun Junyi
#
# Permission is hereby granted, free of charge, to any person obtaining a copy of
# this software and associated documentation files (the "Software"), to deal in
# the Software without restriction, including without limitation the rights to
# use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of
# the Software, and to permit persons to whom the Software is furnished to do so,
# subject to the following conditions:
#
# The above copyright notice and this permission notice shall be included in all
# copies or substantial portions of the Software.
#
# THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
# IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS
# FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR
# COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER
# IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN
# CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
"""


def main() -> None:
    import opencc
    from importlib.metadata import version

    text = resources.files("jieba").joinpath("dict.txt").read_text(encoding="utf-8")
    simplified = {word for word, freq, _ in (line.split(" ") for line in text.splitlines())
                  if int(freq) >= MIN_FREQUENCY and WORD.match(word)}
    to_traditional = opencc.OpenCC("s2t")
    words = simplified | {to_traditional.convert(w) for w in simplified}
    sys.stdout.write(HEADER.format(version=version("jieba"), freq=MIN_FREQUENCY))
    sys.stdout.write("".join(f"{w}\n" for w in sorted(words)))


if __name__ == "__main__":
    main()
