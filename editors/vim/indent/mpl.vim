" Vim indent file
" Language: MPL, the multi-process pipeline language (.mpl)
"
" Top level: a declaration (it starts with a reserved word), a comment or a brace line
" sits at the left margin; any other line continues the declaration above it
" (`    -> out ordered {`) and gets one 'shiftwidth'.
" Inside a `{ … }` body (C++): Vim's C indenting (`cindent()`, with the user's
" 'cinoptions'), except where a line takes its place from the MPL header rather than
" from C++ code: the body's first line is one 'shiftwidth' in (in a `cpp { … }` block of
" namespace-scope code, g:mpl_cpp_block_indent shiftwidths, default 0) and its closing
" `}` is at the margin.
" Braces in C++ strings, character literals and comments never count: the syntax
" groups tell them apart (the script needs `syntax on`; without it every brace counts).
if exists('b:did_indent')
  finish
endif
let b:did_indent = 1

setlocal indentexpr=GetMplIndent()
setlocal indentkeys=0{,0},0),0],:,0#,!^F,o,O,e
setlocal nolisp nosmartindent
" C++ in the style of the project's examples (clang-format): arguments continued under
" the `(`, a lambda's body one step in from its line. Only where no 'cinoptions' is set.
if empty(&l:cinoptions)
  let &l:cinoptions = get(g:, 'mpl_cinoptions', '(0,j1')
endif
let b:undo_indent = 'setlocal indentexpr< indentkeys< lisp< smartindent< cinoptions<'

if exists('*GetMplIndent')
  finish
endif

let s:declaration = '^\s*\%(include\|cpp\|param\|queue\|pipe\|shared\|stage\|pool\|before\|after\)\>'

function! s:Ignored() abort
  return synIDattr(synID(line('.'), col('.'), 0), 'name') =~? 'string\|comment\|character'
endfunction

" [line, col] of the `{` that opens the outermost body around the cursor, or [0, 0].
function! s:OutermostOpen() abort
  let found = [0, 0]
  while 1
    let pos = searchpairpos('{', '', '}', 'bW', function('s:Ignored'))
    if pos[0] == 0
      return found
    endif
    let found = pos
  endwhile
endfunction

function! s:InComment(lnum) abort
  let col = match(getline(a:lnum), '\S') + 1
  return col > 0 && synIDattr(synID(a:lnum, col, 0), 'name') =~? 'comment'
        \ && getline(a:lnum) !~# '^\s*\%(//\|/\*\)'
endfunction

function! GetMplIndent() abort
  let line = getline(v:lnum)
  let saved = winsaveview()
  call cursor(v:lnum, 1)
  let [open_line, open_col] = s:OutermostOpen()
  call winrestview(saved)

  if open_line == 0
    " Top level. The inside of a multi-line /* */ comment is C's business.
    if s:InComment(v:lnum)
      return cindent(v:lnum)
    endif
    if line =~# s:declaration || line =~# '^\s*\%([{}]\|//\|/\*\|$\)'
      return 0
    endif
    let prev = prevnonblank(v:lnum - 1)
    return prev == 0 ? 0 : shiftwidth()
  endif

  " Inside a body: C's indenting. The lines that take their place from the MPL header
  " rather than from C++ code above them are the body's first code line (and comments
  " before it) and its closing `}`; cindent() could be misled by a multi-line header
  " there, so they get the body's frame: one 'shiftwidth', or for a `cpp { … }` block of
  " namespace-scope code, g:mpl_cpp_block_indent shiftwidths (default 0, the margin).
  if line =~# '^\s*#' || s:InComment(v:lnum)
    return cindent(v:lnum)
  endif
  if line =~# '^\s*}' && s:Matching(v:lnum, match(line, '}') + 1) == [open_line, open_col]
    return 0
  endif
  let first = s:FirstCodeLine(open_line, open_col)
  if first > 0 && v:lnum <= first
    let cpp_block = strpart(getline(open_line), 0, open_col - 1) =~# '^\s*cpp\s*$'
    return cpp_block ? get(g:, 'mpl_cpp_block_indent', 0) * shiftwidth() : shiftwidth()
  endif
  return cindent(v:lnum)
endfunction

" The `{` matching the `}` at (lnum, col).
function! s:Matching(lnum, col) abort
  let saved = winsaveview()
  call cursor(a:lnum, a:col)
  let pos = searchpairpos('{', '', '}', 'bW', function('s:Ignored'))
  call winrestview(saved)
  return pos
endfunction

" When the `{` at (lnum, col) ends its line (a comment may follow): the first line after
" it that is code, not blank, a comment or a preprocessor line; else 0.
function! s:FirstCodeLine(lnum, col) abort
  if getline(a:lnum)[a:col :] !~# '^\s*\%(//.*\)\=$'
    return 0
  endif
  let lnum = a:lnum + 1
  while lnum <= line('$')
    let text = getline(lnum)
    let first = match(text, '\S') + 1
    if first > 0 && text !~# '^\s*#'
          \ && synIDattr(synID(lnum, first, 0), 'name') !~? 'comment'
      return lnum
    endif
    let lnum += 1
  endwhile
  return 0
endfunction
