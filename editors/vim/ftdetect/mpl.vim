" MPL pipeline files. Vim's own filetype.vim maps *.mpl to Maple with `setf`, which
" runs first; `set filetype` here overrides it.
autocmd BufNewFile,BufRead *.mpl set filetype=mpl
