" Indentation: indent.mpl is indented as it should be; flatten a copy, re-indent it
" with `gg=G` and compare line by line.
"   vim -N -u NONE -i NONE -Es -S test/indent.vim
execute 'source ' . fnameescape(expand('<sfile>:p:h') . '/lib.vim')

execute 'edit ' . fnameescape(g:mpl_test_dir . '/indent.mpl')
let s:expected = getline(1, '$')
silent %s/^\s\+//e
call MplCheck(getline(1, '$') !=# s:expected, 'flattening changed nothing')
normal! gg=G
let s:got = getline(1, '$')
call MplCheck(len(s:got) == len(s:expected), 'line count changed')
for s:i in range(len(s:expected))
  call MplCheck(get(s:got, s:i, '') ==# s:expected[s:i],
        \ printf('line %d: got "%s", expected "%s"', s:i + 1, get(s:got, s:i, ''), s:expected[s:i]))
endfor

" Typing: `o` after a body's `{` opens a line one step in; `}` typed there goes back to
" the margin (indentkeys); `o` after the closing `}` is at the margin again.
enew!
setfiletype mpl
execute "normal! istage a() {\<CR>emit(1);\<CR>}\<CR>queue q: long\<Esc>"
call MplCheck(getline(1, '$') ==# ['stage a() {', '    emit(1);', '}', 'queue q: long'],
      \ 'typed: ' . string(getline(1, '$')))
bwipeout!

" g:mpl_cpp_block_indent moves a `cpp` block's code one step in; the body of a stage
" does not move.
let g:mpl_cpp_block_indent = 1
enew!
setfiletype mpl
call setline(1, ['cpp {', 'struct P {', 'int x;', '};', '}', 'stage a() {', 'f();', '}'])
normal! gg=G
call MplCheck(getline(1, '$') ==# ['cpp {', '    struct P {', '        int x;', '    };', '}',
      \ 'stage a() {', '    f();', '}'], 'g:mpl_cpp_block_indent = 1: ' . string(getline(1, '$')))
unlet g:mpl_cpp_block_indent
bwipeout!

" The user's 'cinoptions' win over the script's default.
set cinoptions=>2
enew!
setfiletype mpl
call MplCheck(&l:cinoptions ==# '>2', "the user's cinoptions became " . &l:cinoptions)
bwipeout!
set cinoptions&

call MplFinish('vim indent')
