" Shared by the headless Vim tests: vim -N -u NONE -i NONE -Es -S test/<name>.vim
" Loads this folder's Vim files, records failures, and exits 0 (every check passed) or
" 1 (messages on stderr) from MplFinish().
set nocompatible
let g:mpl_test_dir = expand('<sfile>:p:h')
let g:mpl_vim_dir = fnamemodify(g:mpl_test_dir, ':h')
let &runtimepath = g:mpl_vim_dir . ',' . $VIMRUNTIME
filetype plugin indent on
syntax on
set shiftwidth=4 expandtab cinoptions&
" No swap files next to the examples (nor a prompt when someone has one open).
set noswapfile nobackup nowritebackup

let g:mpl_failures = []
let g:mpl_checks = 0

function! MplFail(message) abort
  call add(g:mpl_failures, expand('%:t') . ': ' . a:message)
endfunction

function! MplCheck(ok, message) abort
  let g:mpl_checks += 1
  if !a:ok
    call MplFail(a:message)
  endif
endfunction

" Names of the syntax groups stacked at (lnum, col), outermost first.
function! MplStack(lnum, col) abort
  return map(synstack(a:lnum, a:col), 'synIDattr(v:val, "name")')
endfunction

" On the first line matching `line_pattern`, at the `nth` (default 1) occurrence of
" `text`, `group` must be on the syntax stack ('!group': must not be).
function! MplExpect(line_pattern, text, group, ...) abort
  let g:mpl_checks += 1
  let lnum = search(a:line_pattern, 'nw')
  if lnum == 0
    return MplFail('no line matches /' . a:line_pattern . '/')
  endif
  let col = 0
  for _ in range(a:0 ? a:1 : 1)
    let col = stridx(getline(lnum), a:text, col) + 1
    if col == 0
      return MplFail(printf('line %d has no "%s"', lnum, a:text))
    endif
  endfor
  let stack = MplStack(lnum, col)
  let negated = a:group[0] ==# '!'
  let group = negated ? a:group[1:] : a:group
  if (index(stack, group) >= 0) == negated
    call MplFail(printf('line %d col %d ("%s"): stack %s %s %s', lnum, col, a:text,
          \ string(stack), negated ? 'has' : 'lacks', group))
  endif
endfunction

" Every Error group anywhere in the buffer, as 'line:col group'.
function! MplErrors() abort
  let found = []
  for lnum in range(1, line('$'))
    for col in range(1, len(getline(lnum)))
      let name = synIDattr(synID(lnum, col, 1), 'name')
      if name =~# 'Error' | call add(found, lnum . ':' . col . ' ' . name) | endif
    endfor
  endfor
  return found
endfunction

" A Vim error anywhere (in a test or in the plugin) fails the run too.
function! MplFinish(name) abort
  for message in split(execute('messages'), "\n")
    if message =~# '^E\d\+:' | call add(g:mpl_failures, 'Vim error: ' . message) | endif
  endfor
  if empty(g:mpl_failures)
    call writefile([printf('%s: %d checks passed', a:name, g:mpl_checks)], '/dev/stderr')
    qall!
  endif
  call writefile(g:mpl_failures + [printf('%s: %d of %d checks failed', a:name,
        \ len(g:mpl_failures), g:mpl_checks)], '/dev/stderr')
  cquit 1
endfunction
