"""The text of `reflow --help`: what the command does, examples, formats and exit codes."""

HELP = """Rebuild clean articles from text copied out of Chinese newspaper pages.

Input is plain text as it comes out of a PDF copy-paste, pdftotext or OCR: lines wrapped at the
column edge, headlines far from their articles, photo credits such as `马海龙 摄`, running headers
and page numbers. reflow joins the wrapped lines into paragraphs, puts headlines, bylines and
credits with their articles, and sets the page furniture aside without losing a character.

INPUT is a file, `-` for standard input, or a folder (every *.txt below it, sorted). With no
INPUT, standard input is read. A `.pdf` file is read directly, its columns, headlines and
furniture found from positions and type sizes (pip install 'reflow[pdf]'); so is standard input
that opens with a PDF's header (cat page.pdf | reflow -).
"""

EPILOG = """\b
Examples:
  reflow page.txt > clean.txt      one page
  reflow - < page.txt              standard input
  reflow -f json a.txt b.txt       a JSON array of pages, each with "source"
  reflow -f markdown pages/ -o all.md
                                   every *.txt below pages/, into all.md
  reflow pages/ -o clean/ -j 4     each page to clean/<same path>, 4 processes
  reflow corpus.jsonl > out.jsonl  the "text" field of each record reflowed
  reflow --explain page.txt        why each line went where (on stderr)
  reflow page.pdf --pages 2-3      a PDF read directly (pip install 'reflow[pdf]')
  reflow pdfs/ --glob '*.pdf' -o clean/
                                   every PDF below pdfs/, each to clean/
  reflow --check pages/            which files would change (exit 1 if any)
  reflow --diff page.txt           what would change, as a unified diff
  reflow -i page.txt               rewrite page.txt with its result
  reflow - --stdin-filename p.txt  a filter for editors (:%!reflow -)

\b
Formats:
  text      each article: headlines, a blank line, paragraphs separated
            by blank lines, credits last; articles separated by a line
            `* * *` (the default)
  markdown  `#` headline, `##` subheads, same separator
  json      {"articles": [{"headlines", "byline", "blocks", "credits"}],
             "furniture", "unplaced"}
  jsonl     one article object per line
  diagnostics
            one JSON object per edit or decision: file, start and end
            ({"line", "column"}, 1-based, columns in code points, end
            exclusive), rule, message, replacement (null: nothing to
            replace), severity
With several inputs, text and markdown outputs are joined by `* * *`.

\b
Exit codes:
  0  success (with --check: nothing would change)
  1  --check: some file would change
  2  usage or input error (bad option, missing file, input not text in
     a known encoding, a JSON-lines record that cannot be read, a PDF
     that cannot be read or the pdf extra missing, output not writable);
     with several inputs the others are still done
  3  internal error, the conservation check refused to lose characters,
     or the output was not stable (nothing written)
  143  stopped by SIGTERM (130: by Ctrl-C); temporary files removed
A closed output pipe (reflow ... | head) ends reflow quietly.

A file named like a subcommand can be given as `./NAME`."""
