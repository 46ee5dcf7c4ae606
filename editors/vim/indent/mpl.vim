" MPL indentation: declarations at the left margin; inside a `{ … }` body, one
" 'shiftwidth' per enclosing brace, counting only braces that are code (not in a C++
" string, character or comment); a line starting with `}` lines up with its `{` line.
if exists('b:did_indent')
  finish
endif
let b:did_indent = 1

setlocal indentexpr=GetMplIndent()
setlocal indentkeys=0{,0},!^F,o,O
setlocal nolisp nosmartindent
let b:undo_indent = 'setlocal indentexpr< indentkeys< lisp< smartindent<'

if exists('*GetMplIndent')
  finish
endif

function! s:InStringOrComment() abort
  return synIDattr(synID(line('.'), col('.'), 0), 'name') =~? 'string\|comment\|character'
endfunction

function! GetMplIndent() abort
  let line = getline(v:lnum)
  let saved = getcurpos()
  call cursor(v:lnum, 1)
  let [open_line, open_col] = searchpairpos('{', '', '}', 'bW', function('s:InStringOrComment'))
  call setpos('.', saved)
  if open_line == 0
    return 0
  endif
  if line =~# '^\s*}'
    return indent(open_line)
  endif
  return indent(open_line) + shiftwidth()
endfunction
