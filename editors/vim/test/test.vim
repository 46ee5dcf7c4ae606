" Headless tests of the Vim support: vim -N -u NONE -Es -S test.vim
" Environment: MPL_EXAMPLES_DIR (default: the repository's examples/).
" Exits 0 when every check passes, 1 otherwise (messages on stderr).
set nocompatible
let s:here = expand('<sfile>:p:h')
let s:vimdir = fnamemodify(s:here, ':h')
let s:examples = empty($MPL_EXAMPLES_DIR) ? fnamemodify(s:vimdir, ':h:h') . '/examples' : $MPL_EXAMPLES_DIR
let &runtimepath = s:vimdir . ',' . $VIMRUNTIME
filetype plugin indent on
syntax on
set shiftwidth=4 expandtab

let s:failures = []
let s:checks = 0
function! s:Fail(message) abort
  call add(s:failures, expand('%:t') . ': ' . a:message)
endfunction

function! s:Stack(lnum, col) abort
  return map(synstack(a:lnum, a:col), 'synIDattr(v:val, "name")')
endfunction

" The first line matching `line_pattern`; on it, the column of `text` (its nth
" occurrence, default 1) must have `group` on its syntax stack (or not, for '!group').
function! s:Expect(line_pattern, text, group, ...) abort
  let s:checks += 1
  let lnum = search(a:line_pattern, 'nw')
  if lnum == 0
    return s:Fail('no line matches /' . a:line_pattern . '/')
  endif
  let col = 0
  for _ in range(a:0 ? a:1 : 1)
    let col = stridx(getline(lnum), a:text, col == 0 ? 0 : col) + 1
    if col == 0
      return s:Fail(printf('line %d has no "%s"', lnum, a:text))
    endif
  endfor
  let stack = s:Stack(lnum, col)
  let negated = a:group[0] ==# '!'
  let group = negated ? a:group[1:] : a:group
  if (index(stack, group) >= 0) == negated
    call s:Fail(printf('line %d col %d ("%s"): stack %s %s %s', lnum, col, a:text,
          \ string(stack), negated ? 'has' : 'lacks', group))
  endif
endfunction

" --- filetype and options
execute 'edit ' . fnameescape(s:here . '/sample.mpl')
let s:checks += 3
if &filetype !=# 'mpl' | call s:Fail('filetype is "' . &filetype . '", not mpl') | endif
if &commentstring !=# '// %s' | call s:Fail('commentstring is "' . &commentstring . '"') | endif
if &matchpairs !~# '{:}' | call s:Fail('matchpairs lacks {:}') | endif

" --- syntax
call s:Expect('^include <cmath>', 'include', 'mplInclude')
call s:Expect('^include <cmath>', '<cmath>', 'mplIncludePath')
call s:Expect('^include "point', '"point.hpp"', 'mplIncludePath')
call s:Expect('^/// How many', 'How', 'mplDocComment')
call s:Expect('^param count', 'param', 'mplDeclKeyword')
call s:Expect('^param count', 'count', 'mplDeclName')
call s:Expect('^param count', 'long', 'mplType')
call s:Expect('^param count', '5', 'mplNumber')
call s:Expect('^param ratio', '-1.5e3', 'mplNumber')
call s:Expect('^param verbose', 'false', 'mplBoolean')
call s:Expect('^param greeting', '{', 'mplString')
call s:Expect('^param greeting', '{', '!mplCppBlock')
call s:Expect('^queue numbers', 'queue', 'mplDeclKeyword')
call s:Expect('^queue jobs', 'pair', 'mplType')
call s:Expect('^queue jobs', 'double', 'mplType')
call s:Expect('^queue jobs', 'capacity', 'mplCapacity')
call s:Expect('^queue jobs', 'capacity', '!mplType')
call s:Expect('^pipe control', 'pipe', 'mplDeclKeyword')
call s:Expect('^pipe control', 'int', 'mplType')
call s:Expect('^shared hist', 'long', 'mplType')
call s:Expect('^shared hist', '16', 'mplNumber')
call s:Expect('^cpp {', 'cpp', 'mplBlockKeyword')
call s:Expect('^cpp {', 'struct', 'mplCppBlock')
call s:Expect('^cpp {', 'struct', 'cStructure')
call s:Expect('^cpp {', '}', 'mplCppBlock', 1)
call s:Expect('^before {', 'before', 'mplBlockKeyword')
call s:Expect('^before {', '"starting', 'cppString')
call s:Expect('^stage produce', 'stage', 'mplStageKeyword')
call s:Expect('^stage produce', 'produce', 'mplStageName')
call s:Expect('^stage produce', '->', 'mplArrow')
call s:Expect('^stage produce', '{', 'mplBrace')
call s:Expect('std::string open', '{', 'cppString')
call s:Expect('char brace', '}', 'cCharacter')
call s:Expect('a comment with', '}', 'mplCppBlock')
call s:Expect('a comment with', '}', 'cCommentL')
call s:Expect('for (long i', 'for', 'cRepeat')
call s:Expect('for (long i', 'for', 'mplCppBlock')
call s:Expect('emit(i);', 'emit', 'mplCppBlock')
call s:Expect('^pool square', 'pool', 'mplStageKeyword')
call s:Expect('^pool square', 'square', 'mplStageName')
call s:Expect('^pool square', '4', 'mplNumber')
call s:Expect('^pool square', 'x', 'mplBinding')
call s:Expect('^pool square', 'ordered', 'mplOption')
call s:Expect('^pool square', 'retry', 'mplOption')
call s:Expect('^pool square', 'pool', '!mplCppBlock')
call s:Expect('^queue squares', 'queue', 'mplDeclKeyword')
call s:Expect('^queue squares', 'queue', '!mplCppBlock')
call s:Expect('^after {', 'after', 'mplBlockKeyword')
" The body of `stage produce` ends at the `}` in column 1 before `pool`.
let s:checks += 1
let s:close = search('^pool square', 'nw') - 2
if getline(s:close) !=# '}' || index(s:Stack(s:close, 1), 'mplBrace') < 0
  call s:Fail('line ' . s:close . ' should be the closing brace of produce: ' . string(s:Stack(s:close, 1)))
endif

" --- indentation: the sample is indented as the indent script should; re-indent a
" flattened copy and compare.
let s:expected = getline(1, '$')
silent %s/^\s\+//e
normal! gg=G
let s:checks += 1
let s:got = getline(1, '$')
if s:got !=# s:expected
  for s:i in range(len(s:expected))
    if get(s:got, s:i, '') !=# s:expected[s:i]
      call s:Fail(printf('indent line %d: got "%s", expected "%s"', s:i + 1, get(s:got, s:i, ''), s:expected[s:i]))
    endif
  endfor
endif
bwipeout!

" --- every example: filetype, no error, declarations are MPL, the file ends at top level
let s:example_files = glob(s:examples . '/*.mpl', 0, 1)
if len(s:example_files) < 5
  call s:Fail('found only ' . len(s:example_files) . ' examples in ' . s:examples)
endif
for s:file in s:example_files
  let v:errmsg = ''
  execute 'edit ' . fnameescape(s:file)
  let s:checks += 1
  if &filetype !=# 'mpl' | call s:Fail('filetype ' . &filetype) | endif
  if !empty(v:errmsg) | call s:Fail('error: ' . v:errmsg) | endif
  for s:lnum in range(1, line('$'))
    let s:text = getline(s:lnum)
    if s:text =~# '^\(stage\|pool\|queue\|param\|pipe\|shared\)\>'
      let s:stack = s:Stack(s:lnum, 1)
      if index(s:stack, 'mplCppBlock') >= 0 || s:stack ==# []
        call s:Fail(printf('line %d: declaration has stack %s', s:lnum, string(s:stack)))
      endif
    endif
  endfor
  let s:last = prevnonblank(line('$'))
  if index(s:Stack(s:last, 1), 'mplBrace') < 0 && getline(s:last) =~# '^}'
    call s:Fail('the last body does not close at line ' . s:last)
  endif
  if len(filter(s:Stack(s:last, len(getline(s:last))), 'v:val ==# "mplCppBlock"')) > 1
    call s:Fail('nested region open at the end')
  endif
  bwipeout!
endfor

" A Vim error anywhere (in this script or in the plugin) fails the run.
for s:message in split(execute('messages'), "\n")
  if s:message =~# '^E\d\+:' | call add(s:failures, 'Vim error: ' . s:message) | endif
endfor
if empty(s:failures)
  call writefile([printf('vim: %d checks passed', s:checks)], '/dev/stderr')
  qall!
endif
call writefile(s:failures + [printf('vim: %d of %d checks failed', len(s:failures), s:checks)], '/dev/stderr')
cquit 1
