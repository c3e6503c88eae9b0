"""The language server driven by a real editor: Neovim headless formats a file and writes it.

Neovim keeps a file's final newline outside the buffer text ('eol', 'fixeol'), as Vim does, and
`pdftotext` pages end without one. The server must give formatting that the editor writes as
`reflow --check` wants it: one final newline, not an empty last line written as `\\n\\n`.

Needs `nvim` (Debian: `apt-get install neovim`; `.ci/run` installs it). Without it this test
fails and says so: a skip would hide that the editor path was never tried.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

pytest.importorskip("pygls", reason="reflow lsp needs the [lsp] extra (in [test])")

# Start reflow's server, attach it, format, write, quit; any failure exits 1 with a message.
# Works with Neovim 0.7 (Debian 12) and later (vim.lsp.buf.format replaced formatting_sync).
SCRIPT = r"""
local function fail(message)
  io.stderr:write(message .. "\n")
  vim.cmd("cquit 1")
end
local id = vim.lsp.start_client({
  name = "reflow",
  cmd = { vim.env.REFLOW_PYTHON, "-m", "reflow", "lsp" },
  root_dir = vim.fn.getcwd(),
})
if not id then fail("reflow lsp did not start") end
vim.lsp.buf_attach_client(0, id)
local ready = vim.wait(30000, function()
  local client = vim.lsp.get_client_by_id(id)
  return client ~= nil and client.initialized == true
end, 50)
if not ready then fail("reflow lsp did not initialize") end
if vim.lsp.buf.format then
  vim.lsp.buf.format({ timeout_ms = 30000, id = id })
else
  vim.lsp.buf.formatting_sync(nil, 30000)
end
vim.cmd("write")
vim.cmd("qall!")
"""


@pytest.fixture(scope="module")
def nvim() -> str:
    path = shutil.which("nvim")
    if path is None:
        pytest.fail("nvim is not installed: `apt-get install neovim` (Debian) to test the language "
                    "server in a real editor; .ci/run installs it", pytrace=False)
    return path


@pytest.mark.parametrize("final_newline", [False, True], ids=["no final newline", "final newline"])
def test_neovim_formats_a_file_as_reflow_check_wants_it(nvim, tmp_path, cli_env, final_newline):
    page = tmp_path / "page.txt"
    page.write_bytes(("你好 123。" + ("\n" if final_newline else "")).encode("utf-8"))
    (tmp_path / "format.lua").write_text(SCRIPT, encoding="utf-8")
    homes = ("HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME")
    env = {**cli_env, "REFLOW_PYTHON": sys.executable, **{name: str(tmp_path) for name in homes}}
    done = subprocess.run([nvim, "--headless", "--clean", "-n", "page.txt", "-c",
                           "luafile format.lua"], cwd=tmp_path, env=env, capture_output=True,
                          text=True, timeout=120, stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr + done.stdout
    assert page.read_bytes() == "你好123。\n".encode("utf-8")          # formatted, one final newline
    check = subprocess.run([sys.executable, "-m", "reflow", "--check", "page.txt"], cwd=tmp_path,
                           env=cli_env, capture_output=True, text=True, timeout=120)
    assert check.returncode == 0, check.stderr
    assert os.path.getsize(page) == len("你好123。\n".encode("utf-8"))
