" reflow in Vim, as a filter: `reflow -` reads the page on standard input and writes it rebuilt.
" Source this from your vimrc. <leader>r (\r) rebuilds the whole buffer; in a text file, gq on a
" selection or a motion rebuilds just those lines (select a page pasted into a longer note, gq).
" If reflow refuses (exit code 2 or 3), Vim puts its error message in place of the text: press u.
nnoremap <leader>r :%!reflow -<CR>
autocmd FileType text setlocal formatprg=reflow\ -
