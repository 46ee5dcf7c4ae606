" Every examples/*.mpl: filetype mpl, no Vim error while loading and highlighting it,
" no Error group, each declaration keyword highlighted as MPL (so no body swallowed the
" text after it), and the file ends at the top level.
"   MPL_EXAMPLES_DIR=examples vim -N -u NONE -i NONE -Es -S test/examples.vim
execute 'source ' . fnameescape(expand('<sfile>:p:h') . '/lib.vim')

let s:dir = empty($MPL_EXAMPLES_DIR) ? fnamemodify(g:mpl_vim_dir, ':h:h') . '/examples' : $MPL_EXAMPLES_DIR
let s:files = glob(s:dir . '/*.mpl', 0, 1)
call MplCheck(len(s:files) >= 5, 'found only ' . len(s:files) . ' examples in ' . s:dir)

let s:keyword_groups = {'include': 'mplInclude', 'cpp': 'mplBlockKeyword', 'before': 'mplBlockKeyword',
      \ 'after': 'mplBlockKeyword', 'param': 'mplDeclKeyword', 'queue': 'mplDeclKeyword',
      \ 'pipe': 'mplDeclKeyword', 'shared': 'mplDeclKeyword', 'stage': 'mplStageKeyword',
      \ 'pool': 'mplStageKeyword'}

for s:file in s:files
  let v:errmsg = ''
  execute 'edit ' . fnameescape(s:file)
  call MplCheck(&filetype ==# 'mpl' && get(b:, 'current_syntax', '') ==# 'mpl',
        \ 'filetype "' . &filetype . '", syntax "' . get(b:, 'current_syntax', '') . '"')
  let s:declarations = 0
  for s:lnum in range(1, line('$'))
    let s:word = matchstr(getline(s:lnum), '^\l\+\>')
    if has_key(s:keyword_groups, s:word)
      let s:declarations += 1
      call MplCheck(MplStack(s:lnum, 1) ==# [s:keyword_groups[s:word]],
            \ printf('line %d: "%s" has stack %s', s:lnum, s:word, string(MplStack(s:lnum, 1))))
    endif
  endfor
  call MplCheck(s:declarations >= 2, 'only ' . s:declarations . ' declarations found')
  call MplCheck(search('^stage\>\|^pool\>', 'nw') > 0, 'no stage or pool')
  let s:last = prevnonblank(line('$'))
  call MplCheck(MplStack(s:last, len(getline(s:last))) ==# ['mplBrace']
        \ || index(MplStack(s:last, len(getline(s:last))), 'mplCppBlock') < 0,
        \ 'line ' . s:last . ' is still inside a body: ' . string(MplStack(s:last, len(getline(s:last)))))
  call MplCheck(empty(MplErrors()), 'error groups: ' . string(MplErrors()))
  call MplCheck(empty(v:errmsg), 'error: ' . v:errmsg)
  " A flattened copy re-indents to the example: the examples are indented as Vim would.
  let s:before = getline(1, "$")
  silent %s/^\s\+//e
  normal! gg=G
  for s:i in range(len(s:before))
    call MplCheck(getline(s:i + 1) ==# s:before[s:i], printf('re-indent changed line %d: "%s" -> "%s"',
          \ s:i + 1, s:before[s:i], getline(s:i + 1)))
  endfor
  bwipeout!
endfor

call MplFinish('vim examples')
