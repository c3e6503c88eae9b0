"""Reading PDFs directly (reflow.pdf): figures over 50 generated newspaper PDFs, the rules of the
PDF road, the command line with PDF inputs, and every kind of bad PDF through a real subprocess.

The PDFs are made here, by tests/pdfgen.py (reportlab), from the articles of tests/articles.
"""
from __future__ import annotations

import io
import json
import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

import reflow
import reflow.pdf
import reflow.registry
from pdfgen import compose, documents, layout_pdf, render
from reflow.pdf import rules as pdf_rules
from reflow.pdf.glyphs import actual_text_over_character_map, kangxi_radical_to_ideograph
from reflow.pdf.regions import line_on_baseline
from simulator import load_articles
from test_rule_cases import explained

N_DOCUMENTS = 50
INSTALL_HINT = "pip install 'reflow[pdf]'"


@pytest.fixture(scope="module")
def generated() -> list[tuple[int, bytes, dict, dict, reflow.Page]]:
    """(seed, PDF, expected page, result page, Page) for each generated file."""
    out = []
    for seed, data, expected in documents(N_DOCUMENTS):
        page = reflow.analyze_pdf(data)
        out.append((seed, data, expected, page.to_dict(), page))
    return out


def _f1(gold: Counter, got: Counter) -> float:
    hit = sum((gold & got).values())
    total = sum(gold.values()) + sum(got.values())
    return 2 * hit / total if total else 1.0


def _soft(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _home(article: dict, result: dict) -> dict:
    """The result article holding most of `article`'s blocks."""
    texts = {b["text"] for b in article["blocks"]}
    scores = [sum(b["text"] in texts for b in r["blocks"]) for r in result["articles"]]
    return result["articles"][scores.index(max(scores))] if scores and max(scores) else {}


def figures(expected: dict, result: dict) -> dict:
    gold = Counter((b["kind"], b["text"]) for a in expected["articles"] for b in a["blocks"])
    got = Counter((b["kind"], b["text"]) for a in result["articles"] for b in a["blocks"])
    soft_gold = Counter(_soft(t) for _, t in gold.elements())
    soft_got = Counter(_soft(t) for _, t in got.elements())
    heads = credits = heads_ok = credits_ok = 0
    for a in expected["articles"]:
        home = _home(a, result)
        heads += len(a["headlines"])
        heads_ok += sum(h in home.get("headlines", []) for h in a["headlines"])
        credits += len(a["credits"])
        credits_ok += sum(c in home.get("credits", []) for c in a["credits"])
    han = lambda page: Counter(c for a in page["articles"] for t in a["headlines"] + a["credits"]
                               + [b["text"] for b in a["blocks"]] for c in t
                               if unicodedata.category(c) == "Lo")
    lost = sum((han(expected) - han(result) - Counter("".join(result["unplaced"]))).values())
    return dict(block_f1=_f1(gold, got), soft_f1=_f1(soft_gold, soft_got), heads=(heads_ok, heads),
                credits=(credits_ok, credits), lost=lost)


# --- figures over the generated pages ----------------------------------------------------------

def test_generated_pages_are_read_as_typeset(generated):
    """The issue's figures on each of 50 generated files (1-3 pages, 1-4 columns of 10-30
    characters, ragged or justified, kickers and subtitles, pictures with credits, Traditional
    articles, radicals in the text layer, with and without ActualText): block F1 >= 0.98, soft
    F1 >= 0.99, every headline and credit placed, no character lost."""
    rows = {seed: figures(expected, result) for seed, _, expected, result, _ in generated}
    assert len(rows) >= 50
    below = {seed: r for seed, r in rows.items()
             if r["block_f1"] < 0.98 or r["soft_f1"] < 0.99 or r["lost"]
             or r["heads"][0] != r["heads"][1] or r["credits"][0] != r["credits"][1]}
    assert not below, below
    heads = sum(r["heads"][1] for r in rows.values())
    credits = sum(r["credits"][1] for r in rows.values())
    assert heads > 50 and credits > 10, (heads, credits)


def test_the_generator_covers_the_variety(generated):
    """The figures mean something only if the files vary: several pages, Traditional articles,
    pictures, radicals."""
    pages = [len(re.findall(rb"/Type /Page\b", data)) for _, data, *_ in generated]
    assert max(pages) >= 3 and min(pages) == 1
    text = "".join(json.dumps(e, ensure_ascii=False) for _, _, e, _, _ in generated)
    assert "本報" in text or "記者" in text                 # Traditional articles
    assert any(e["articles"][0]["credits"] for _, _, e, _, _ in generated)
    for rule in (kangxi_radical_to_ideograph, actual_text_over_character_map):
        assert any(any(x.rule == rule.id for x in p.edits) for *_, p in generated), rule


@pytest.mark.parametrize("rule", [kangxi_radical_to_ideograph, actual_text_over_character_map],
                         ids=lambda r: r.id)
def test_radicals_are_mapped_back_as_declared_edits(generated, rule):
    """Radicals come back as ideographs: from the PDF's ActualText where it has one (P13), else
    by the Kangxi mapping (P10); either way an edit of a rule declared to change characters."""
    assert rule.deletes
    radical = re.compile("[\u2e80-\u2fdf]")
    for _, _, _, result, page in generated:
        edits = [e for e in page.edits if e.rule == rule.id]
        if edits:
            assert all(radical.search(e.before) and not radical.search(e.after) for e in edits)
            assert not radical.search(json.dumps(result, ensure_ascii=False))
            return
    pytest.fail(f"no generated file gives {rule.id} anything to do")


# --- the rules -------------------------------------------------------------------------------

def test_every_pdf_rule_is_an_ordinary_rule_of_the_registry():
    ids = [r.id for r in pdf_rules.ALL]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"P\d\d", i) for i in ids)
    assert all(r.name and len(r.doc) > 40 and r.family == "pdf" for r in pdf_rules.ALL)
    assert {r.id for r in pdf_rules.ALL if r.deletes} == {"P10", "P13"}
    registered = [r for r in reflow.registry.code_rules() if r.family == "pdf"]
    assert registered == sorted(pdf_rules.ALL, key=lambda r: r.id)
    assert {"P10", "P13"} <= reflow.registry.deleting_rules(reflow.config.load())


def test_reflow_rules_lists_the_pdf_rules(run):
    listed = run("rules")
    assert re.search(r"^P06 +headline-from-size +pdf +on ", listed.stdout, re.M)
    shown = run("rules", "P10")
    assert shown.returncode == 0
    assert "may delete characters" in shown.stdout and "U+2F7C" in shown.stdout
    assert "output with --ignore P10" in shown.stdout


def test_every_pdf_rule_fires_and_names_page_and_position(generated):
    fired = Counter()
    for *_, page in generated:
        for d in page.decisions:
            fired[d.rule] += 1
            if d.rule.startswith("P"):
                assert re.match(r"p\d+ x=\d+ y=\d+ ", d.message), d.message
        fired.update(e.rule for e in page.edits)
    silent = [r.id for r in pdf_rules.ALL if r is not line_on_baseline and not fired[r.id]]
    assert not silent, f"rules that never fired: {silent}"


PDF_EXAMPLES = [pytest.param(r, k, ex, id=f"{r.id}-{k}")
                for r in pdf_rules.ALL for k, ex in enumerate(r.examples)]


def test_every_pdf_rule_has_a_case_file():
    for r in pdf_rules.ALL:
        assert r.examples, f"rules/cases/{r.id}.txt is missing or empty"
        assert all(ex.ignored is not None for ex in r.examples), r.id


@pytest.mark.parametrize("rule,k,example", PDF_EXAMPLES)
def test_pdf_rule_with_and_without_ignore(run, tmp_path, rule, k, example):
    """A PDF rule's case file: its page drawn as a PDF (tests/pdfgen.py), the output, and the
    output with `--ignore ID`; for P01-P03, which cannot be switched off, the usage error."""
    page = tmp_path / "page.pdf"
    page.write_bytes(layout_pdf(example.before))
    flags = [f"--{name}={value}" for name, value in example.options]
    on = run("--explain", *flags, page)
    assert on.returncode == 0, on.stderr
    assert on.stdout == example.after
    if rule is not line_on_baseline:        # P01 makes the lines every other decision is about
        assert rule.id in explained(on.stderr), f"{rule.id} did not take part in its own example"
    off = run("--explain", "--ignore", rule.id, *flags, page)
    if rule in pdf_rules.FIXED:
        assert example.note.startswith("refused")
        assert off.returncode == 2 and off.stdout == ""
        assert off.stderr == example.ignored
        return
    assert off.returncode == 0, off.stderr
    assert off.stdout == example.ignored
    assert rule.id not in explained(off.stderr), f"{rule.id} is ignored but still recorded"
    if example.ignored == example.after:
        deciders = set(re.findall(r"\b[A-Z]{1,3}\d{2}\b", example.note))
        assert deciders and deciders <= explained(off.stderr), (example.note, off.stderr)


def test_path_and_bytes_give_the_same_page(tmp_path, generated):
    _, data, _, result, _ = generated[1]
    path = tmp_path / "page.pdf"
    path.write_bytes(data)
    assert reflow.analyze_pdf(path).to_dict() == result
    assert reflow.analyze_pdf(str(path)).to_dict() == result


def test_pages_selects_pages(generated):
    seed, data, *_ = next(g for g in generated if len(re.findall(rb"/Type /Page\b", g[1])) >= 3)
    whole = reflow.analyze_pdf(data)
    second = reflow.analyze_pdf(data, pages="2-3")
    assert 0 < len(second.furniture) < len(whole.furniture)
    assert second.furniture == whole.furniture[len(whole.furniture) - len(second.furniture):]
    named = {d.message.split()[0] for d in second.decisions if d.rule.startswith("P")}
    assert named == {"p2", "p3"}
    with pytest.raises(ValueError):
        reflow.analyze_pdf(data, pages="3-2")
    # (the library's message names no command-line option)
    with pytest.raises(reflow.PdfError, match=r"pages: none of the pages asked for \(99\) is"):
        reflow.analyze_pdf(data, pages="99")


def test_continuation_notes_stay_in_their_article():
    article = load_articles()[0]
    article.blocks[-1] = ("paragraph", article.blocks[-1][1] + "（下转第3版）")
    doc = compose([article], 7)
    result = reflow.analyze_pdf(render(doc)).to_dict()
    texts = [b["text"] for a in result["articles"] for b in a["blocks"]]
    assert any(t.endswith("（下转第3版）") for t in texts)
    assert not any("下转" in f for f in result["furniture"] + result["unplaced"])


# --- the command line ---------------------------------------------------------------------------

def one_line_error(done, code: int = 2) -> str:
    assert done.returncode == code, done.stderr
    assert "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("reflow: error: "), done.stderr
    return lines[0]


def _canvas_pdf(draw, **kwargs) -> bytes:
    from reportlab.pdfgen import canvas
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(400, 400), **kwargs)
    draw(c)
    c.showPage()
    c.save()
    return buf.getvalue()


def _encrypted() -> bytes:
    from reportlab.lib import pdfencrypt
    from pdfgen import FONT, _font
    _font()
    enc = pdfencrypt.StandardEncryption("secret", canPrint=0)
    return _canvas_pdf(lambda c: (c.setFont(FONT, 12), c.drawString(40, 300, "加密的页面")), encrypt=enc)


def _scan() -> bytes:
    return _canvas_pdf(lambda c: (c.setFillGray(0.5), c.rect(40, 40, 300, 300, fill=1)))


ZERO_PAGES = (b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
              b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
              b"trailer\n<< /Root 1 0 R >>\n%%EOF\n")

BAD = {
    "encrypted": (_encrypted, "encrypted"),
    "scan": (_scan, "no text layer; run OCR first, for example ocrmypdf, then reflow the text"),
    "truncated": (None, "not a readable PDF"),
    "not-a-pdf": (lambda: "这是一段文字，不是PDF。\n".encode("utf-8"), "not a PDF file"),
    "zero-pages": (lambda: ZERO_PAGES, "no pages"),
}


@pytest.mark.parametrize("kind", sorted(BAD))
def test_a_bad_pdf_is_one_line_exit_2_and_nothing_written(kind, run, tmp_path, generated):
    make, message = BAD[kind]
    data = make() if make else generated[0][1][: len(generated[0][1]) // 3]
    bad = tmp_path / f"{kind}.pdf"
    bad.write_bytes(data)
    line = one_line_error(run(bad, "-o", tmp_path / "out.txt"))
    assert f"{bad.name}: " in line and message in line
    assert not (tmp_path / "out.txt").exists()


def test_a_bad_pdf_in_a_batch_leaves_the_others(run, tmp_path, generated):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.pdf").write_bytes(generated[0][1])
    (folder / "b.pdf").write_bytes(_scan())
    (folder / "c.pdf").write_bytes(generated[2][1])
    done = run(folder, "--glob", "*.pdf", "-j", "2", "-o", tmp_path / "out/")
    assert done.returncode == 2
    assert "b.pdf: no text layer" in done.stderr and len(done.stderr.splitlines()) == 1
    first = reflow.render(reflow.analyze_pdf(generated[0][1]), "text")
    assert (tmp_path / "out" / "a.txt").read_text("utf-8") == first
    assert (tmp_path / "out" / "c.txt").exists() and not (tmp_path / "out" / "b.txt").exists()


def test_folder_of_pdfs_with_jobs_gives_the_library_result(run, tmp_path, generated):
    folder = tmp_path / "in"
    folder.mkdir()
    for seed, data, *_ in generated[:4]:
        (folder / f"p{seed}.pdf").write_bytes(data)
    done = run(folder, "--glob", "*.pdf", "-j", "2", "-f", "json")
    assert done.returncode == 0, done.stderr
    pages = json.loads(done.stdout)
    names = [str(folder / f"p{s}.pdf") for s, *_ in generated[:4]]
    assert [p.pop("source") for p in pages] == names
    assert pages == [r for _, _, _, r, _ in generated[:4]]


def test_a_pdf_on_standard_input_is_read_by_its_header(run, generated):
    """`cat page.pdf | reflow -`: standard input that opens with `%PDF-` is read as a PDF; a
    damaged one is the same one-line error as a file; text on standard input stays text."""
    _, data, _, result, page = generated[5]
    done = run("-", "-f", "json", input=data)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == result
    bare = run("--explain", input=data)        # no INPUT: standard input too
    assert bare.stdout == reflow.render(page, "text")
    assert re.search(r"^L\d+(-\d+)? P06 p1 x=\d+ y=\d+ headline", bare.stderr, re.M)
    line = one_line_error(run("-", input=data[: len(data) // 3]))
    assert line.startswith("reflow: error: <stdin>: not a readable PDF")
    checked = run("-", "--check", input=data)      # --check adds its summary line
    assert checked.returncode == 2 and "<stdin>: a PDF cannot be rewritten" in checked.stderr
    text = run("-", input="标题\n\n正文一段。\n")
    assert text.returncode == 0 and "正文一段。" in text.stdout


def test_folder_of_pdfs_on_dask_gives_the_library_result(run, tmp_path, generated):
    """PDFs in a folder on a Dask cluster (a local one, two worker processes) and with -j 2:
    the same files, byte for byte, as one process."""
    import distributed
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    for seed, data, *_ in generated[:3]:
        (folder / f"p{seed}.pdf").write_bytes(data)
    (folder / "sub" / "p9.pdf").write_bytes(generated[9][1])
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        done = run(folder, "--glob", "*.pdf", "-f", "json", "-o", tmp_path / "dask/",
                   "--dask", cluster.scheduler_address)
    assert done.returncode == 0, done.stderr
    assert run(folder, "--glob", "*.pdf", "-f", "json", "-o", tmp_path / "two/",
               "-j", "2").returncode == 0
    assert run(folder, "--glob", "*.pdf", "-f", "json", "-o", tmp_path / "one/",
               "-j", "1").returncode == 0
    written = sorted(p.relative_to(tmp_path / "one") for p in (tmp_path / "one").rglob("*.json"))
    assert [str(p) for p in written] == ["p0.json", "p1.json", "p2.json", "sub/p9.json"]
    for name in written:
        one = (tmp_path / "one" / name).read_bytes()
        assert (tmp_path / "dask" / name).read_bytes() == one
        assert (tmp_path / "two" / name).read_bytes() == one
    by_seed = {seed: result for seed, _, _, result, _ in generated}
    nine = json.loads((tmp_path / "one" / "sub" / "p9.json").read_text("utf-8"))
    assert nine.pop("source").endswith("p9.pdf") and nine == by_seed[9]


def test_one_pdf_every_format_and_explain(run, tmp_path, generated):
    path = tmp_path / "page.pdf"
    path.write_bytes(generated[3][1])
    page = reflow.analyze_pdf(path)
    for fmt in ("text", "markdown", "json", "jsonl"):
        done = run(path, "-f", fmt)
        assert done.returncode == 0 and done.stdout == reflow.render(page, fmt)
    explained = run(path, "--explain")
    assert explained.stdout == reflow.render(page, "text")
    assert re.search(r"^L\d+(-\d+)? P06 p1 x=\d+ y=\d+ headline", explained.stderr, re.M)
    diagnostics = [json.loads(l) for l in run(path, "-f", "diagnostics").stdout.splitlines()]
    assert {d["rule"] for d in diagnostics} >= {"P04", "P06", "P11"}


def test_diagnostics_of_a_pdf_sit_on_their_lines_of_the_text_layer(run, tmp_path, generated):
    """Edits of a PDF (P10, P13) are placed on the line of the text layer they changed, in
    paragraphs as in headlines, on every page."""
    _, data, _, _, page = next(g for g in generated if len(re.findall(rb"/Type /Page\b", g[1])) > 1
                               and any(e.rule in ("P10", "P13") for e in g[4].edits))
    path = tmp_path / "page.pdf"
    path.write_bytes(data)
    layer = reflow.pdf.text_layer(data).split("\n")
    found = [json.loads(l) for l in run(path, "-f", "diagnostics").stdout.splitlines()]
    edits = [d for d in found if d["rule"] in ("P10", "P13")]
    assert len(edits) == len([e for e in page.edits if e.rule in ("P10", "P13")])
    for d in edits:
        no = d["start"]["line"]
        assert d["end"]["line"] == no, d
        assert repr(layer[no - 1].strip("\f ")) in d["message"], (layer[no - 1], d)


def test_pages_option_on_the_command_line(run, tmp_path, generated):
    seed, data, *_ = next(g for g in generated if len(re.findall(rb"/Type /Page\b", g[1])) >= 3)
    path = tmp_path / "three.pdf"
    path.write_bytes(data)
    done = run(path, "--pages", "2-3", "-f", "json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == reflow.analyze_pdf(data, pages="2-3").to_dict()
    assert "--pages" in one_line_error(run(path, "--pages", "x"))
    assert "none of the pages asked for (9)" in one_line_error(run(path, "--pages", "9"))


def test_check_and_in_place_refuse_a_pdf(run, tmp_path, generated):
    path = tmp_path / "page.pdf"
    path.write_bytes(generated[0][1])
    assert "cannot be rewritten" in one_line_error(run(path, "--check"))
    assert "cannot be rewritten" in one_line_error(run(path, "-i"))
    assert path.read_bytes() == generated[0][1]


def test_without_the_extra_a_pdf_is_one_line_naming_the_install(run, tmp_path, cli_env, generated):
    blocker = tmp_path / "blocker" / "pdfminer"
    blocker.mkdir(parents=True)
    (blocker / "__init__.py").write_text("raise ImportError('No module named pdfminer')\n")
    path = tmp_path / "page.pdf"
    path.write_bytes(generated[0][1])
    cli_env["PYTHONPATH"] = str(tmp_path / "blocker")
    try:
        line = one_line_error(run(path))
    finally:
        del cli_env["PYTHONPATH"]
    assert INSTALL_HINT in line
    text_page = tmp_path / "a.txt"
    text_page.write_text("标题\n\n正文一段。\n", encoding="utf-8")
    assert run(text_page).returncode == 0     # text inputs do not need the extra


def test_latin_lines_join_with_a_space_and_hyphens_hold():
    def draw(c):
        c.setFont("Helvetica-Bold", 20)
        c.drawString(40, 360, "Harbour Opens")
        c.setFont("Helvetica", 10)
        lines = ("The new harbour opened on 3 May and", "handled 1200 ships in its first well-",
                 "known week of trade.")
        for i, text in enumerate(lines):
            c.drawString(40 if i else 60, 330 - 14 * i, text)
    result = reflow.analyze_pdf(_canvas_pdf(draw)).to_dict()
    assert result["articles"][0]["headlines"] == ["Harbour Opens"]
    assert [b["text"] for b in result["articles"][0]["blocks"]] == [
        "The new harbour opened on 3 May and handled 1200 ships in its first well-known week "
        "of trade."]


@pytest.mark.parametrize("name", ["P01", "p02", "P03", "P"])
def test_a_reading_rule_cannot_be_ignored(run, name):
    """P01-P03 make the lines and their order: ignoring one is a usage error that says why."""
    done = run("-", "--ignore", name, input="测试\n")
    assert done.returncode == 2 and done.stdout == ""
    assert "cannot be switched off" in done.stderr and "geometry" in done.stderr
    assert done.stderr.count("\n") == 1


def test_the_other_pdf_rules_can_be_ignored(run, tmp_path, generated):
    path = tmp_path / "page.pdf"
    path.write_bytes(generated[3][1])
    page = reflow.analyze_pdf(path, ignore="P04,P05")
    assert page.furniture == [] and not any(d.rule in ("P04", "P05") for d in page.decisions)
    done = run(path, "--ignore", "P04,P05", "-f", "json")
    assert done.returncode == 0 and json.loads(done.stdout) == page.to_dict()


def test_a_credit_run_on_after_a_caption_in_small_type_is_the_articles_credit():
    """A caption in small type by its picture with the photo credit run on after its sentence
    (`…交售新麦。马海龙 摄`): the credit is the article's, the caption a paragraph without it, as
    on the text road (L45). With L45 off, the credit stays in the caption."""
    data = layout_pdf("50 100 10 城南的夏粮收购工作有序展开，各收购网点\n"
                      "30 115 10 陆续开秤，农户排队售粮，秩序井然。\n"
                      "box 30 160 230 280\n"
                      "30 292 8 农民在收购点交售新麦。马海龙 摄\n")
    page = reflow.analyze_pdf(data)
    (article,) = page.articles
    assert article.credits == ["马海龙 摄"]
    assert [b.text for b in article.blocks][-1] == "农民在收购点交售新麦。"
    assert any(d.rule == "L45" for d in page.decisions)
    (off,) = reflow.analyze_pdf(data, ignore=["L45"]).articles
    assert off.credits == [] and off.blocks[-1].text == "农民在收购点交售新麦。马海龙 摄"
