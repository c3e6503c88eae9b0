-- reflow's language server in Neovim 0.8 or later (built-in LSP client, no plugin).
-- Put this in init.lua (or :luafile it). In a text buffer: diagnostics for each edit reflow would
-- make, quick fixes with vim.lsp.buf.code_action(), the whole page rebuilt with vim.lsp.buf.format(),
-- and gq on a selection (a page pasted into a longer note) rebuilds just that part.
vim.api.nvim_create_autocmd("FileType", {
  pattern = "text",
  callback = function(args)
    vim.lsp.start({
      name = "reflow",
      cmd = { "reflow", "lsp" },
      -- reflow's options, as on the command line; a reflow.toml found upward from the file applies under them.
      init_options = { spacing = "compact" },
    })
    vim.keymap.set("n", "<leader>rf", function() vim.lsp.buf.format({ name = "reflow" }) end, { buffer = args.buf })
    vim.keymap.set("n", "<leader>ra", vim.lsp.buf.code_action, { buffer = args.buf })
  end,
})
