" Filetype detection, buffer options and syntax groups on sample.mpl.
"   vim -N -u NONE -i NONE -Es -S test/syntax.vim
execute 'source ' . fnameescape(expand('<sfile>:p:h') . '/lib.vim')

" --- filetype: Vim alone maps *.mpl to Maple; with editors/vim on the runtimepath, MPL.
let s:sample = g:mpl_test_dir . '/sample.mpl'
execute 'edit ' . fnameescape(s:sample)
call MplCheck(&filetype ==# 'mpl', 'filetype is "' . &filetype . '", not mpl')
filetype detect
call MplCheck(&filetype ==# 'mpl', 'after :filetype detect, filetype is "' . &filetype . '"')
execute 'edit ' . fnameescape(tempname() . '.mpl')
call MplCheck(&filetype ==# 'mpl', 'a new *.mpl file has filetype "' . &filetype . '"')
bwipeout!

" --- ftplugin and indent options, and their undo
execute 'edit ' . fnameescape(s:sample)
call MplCheck(&commentstring ==# '// %s', 'commentstring is "' . &commentstring . '"')
call MplCheck(&comments =~# '://' && &comments =~# 's1:/\*', 'comments is "' . &comments . '"')
call MplCheck(&matchpairs =~# '{:}', 'matchpairs lacks {:}: ' . &matchpairs)
call MplCheck(&indentexpr ==# 'GetMplIndent()', 'indentexpr is "' . &indentexpr . '"')
call MplCheck(exists('b:undo_ftplugin') && exists('b:undo_indent'), 'no b:undo_ftplugin/b:undo_indent')
call MplCheck(&include ==# '^\s*#\=\s*include\>', 'include is "' . &include . '"')
call MplCheck(!exists('b:filetype_in_cpp_family'), 'cpp.vim left b:filetype_in_cpp_family')
" Undo restores the global values; then set the buffer up again.
execute b:undo_ftplugin
execute b:undo_indent
call MplCheck(&l:commentstring ==# &g:commentstring && &l:indentexpr ==# &g:indentexpr,
      \ 'undo left commentstring "' . &l:commentstring . '", indentexpr "' . &l:indentexpr . '"')
edit!

" --- MPL declarations
call MplExpect('^include <cmath>', 'include', 'mplInclude')
call MplExpect('^include <cmath>', '<cmath>', 'mplIncludePath')
call MplExpect('^include "point', '"point.hpp"', 'mplIncludePath')
call MplExpect('^/// How many', 'How', 'mplDocComment')
call MplExpect('^/// TODO', 'TODO', 'mplTodo')
call MplExpect('^// Every', 'Every', 'mplComment')
call MplExpect('^param count', 'param', 'mplDeclKeyword')
call MplExpect('^param count', 'count', 'mplDeclName')
call MplExpect('^param count', ':', 'mplTypeSeparator')
call MplExpect('^param count', 'long', 'mplType')
call MplExpect('^param count', '5', 'mplNumber')
call MplExpect('^param ratio', '-1.5e3', 'mplNumber')
call MplExpect('^param ratio', 'e3', 'mplNumber')
call MplExpect('^param verbose', 'false', 'mplBoolean')
call MplExpect('^param greeting', 'std::string', 'mplType')
call MplExpect('^param greeting', 'string', 'mplType')
call MplExpect('^param greeting', '{', 'mplString')
call MplExpect('^param greeting', '{', '!mplCppBlock')
call MplExpect('^param qsize', 'unsigned long', 'mplType')
call MplExpect('^param qsize', 'long', 'mplType')
call MplExpect('^param qsize', '024', 'mplNumber')
call MplExpect('^queue numbers', 'queue', 'mplDeclKeyword')
call MplExpect('^queue numbers', 'numbers', 'mplDeclName')
call MplExpect('^queue lines', '256', 'mplNumber')
call MplExpect('^queue jobs', 'pair', 'mplType')
call MplExpect('^queue jobs', 'double', 'mplType')
call MplExpect('^queue jobs', 'capacity', 'mplCapacity')
call MplExpect('^queue jobs', 'capacity', '!mplType')
call MplExpect('^queue jobs', 'qsize', 'mplCountName')
call MplExpect('^pipe control', 'pipe', 'mplDeclKeyword')
call MplExpect('^pipe control', 'control', 'mplDeclName')
call MplExpect('^pipe control', 'int', 'mplType')
call MplExpect('^shared hits', 'shared', 'mplDeclKeyword')
call MplExpect('^shared hits', 'hits', 'mplDeclName')
call MplExpect('^shared hits', '0', 'mplNumber')
call MplExpect('^shared hist', 'long', 'mplType')
call MplExpect('^shared hist', '[', 'mplCount')
call MplExpect('^shared hist', '16', 'mplNumber')
call MplExpect('^shared origin', 'Point', 'mplType')
call MplExpect('^shared origin', '0.0', 'mplCppBlock')
call MplExpect('^shared origin', '0.0', 'cppFloat')
call MplExpect('^cpp {', 'cpp', 'mplBlockKeyword')
call MplExpect('^cpp {', '{', 'mplBrace')
call MplExpect('^cpp {', 'struct', 'mplCppBlock')
call MplExpect('^cpp {', 'struct', 'cStructure')
call MplExpect('^cpp {', 'double', 'cType')
call MplExpect('^cpp {', '{', 'mplCppBrace', 2)
call MplExpect('^cpp {', 'double', 'mplCppNested')
call MplExpect('^cpp {', '}', 'mplCppBrace', 1)
call MplExpect('^cpp {', '}', 'mplBrace', 2)
call MplExpect('^before {', 'before', 'mplBlockKeyword')
call MplExpect('^before {', '"starting', 'cppString')
call MplExpect('^before {', '\n', 'cSpecial')
call MplExpect('^/\* A block', 'stage', 'mplBlockComment')
call MplExpect('^/\* A block', '{', '!mplCppBlock')
call MplExpect('^stage produce', 'stage', 'mplStageKeyword')
call MplExpect('^stage produce', 'produce', 'mplStageName')
call MplExpect('^stage produce', '->', 'mplArrow')
call MplExpect('^stage produce', '{', 'mplBrace')
call MplExpect('^pool square', 'pool', 'mplStageKeyword')
call MplExpect('^pool square', 'square', 'mplStageName')
call MplExpect('^pool square', '4', 'mplNumber')
call MplExpect('^pool square', 'x', 'mplBinding')
call MplExpect('^pool square', 'ordered', 'mplOption')
call MplExpect('^pool square', '3', 'mplNumber')
call MplExpect('^pool square', 'pool', '!mplCppBlock')
call MplExpect('^stage fan', 'workers', 'mplCountName')
call MplExpect('^stage fan', 'item', 'mplBinding')
call MplExpect('^stage fan', 'unordered', 'mplOption')
call MplExpect('^stage report', 'report', 'mplStageName')
call MplExpect('^stage idle', '}', 'mplBrace')
call MplExpect('^queue squares', 'queue', 'mplDeclKeyword')
call MplExpect('^queue squares', 'queue', '!mplCppBlock')
call MplExpect('^after {', 'after', 'mplBlockKeyword')

" --- C++ in the bodies: braces in strings, characters, raw strings and comments do not
" count, nested braces do; MPL's words mean nothing there.
call MplExpect('std::string open', '{', 'cppString')
call MplExpect('std::string open', '}', 'cppString')
call MplExpect('char brace', '}', 'cCharacter')
call MplExpect('char quote', "'\\''", 'cSpecialCharacter')
call MplExpect('long big', "1'000'000", 'cppNumber')
call MplExpect('auto raw', '}', 'cppRawString')
call MplExpect('a comment with', '}', 'cCommentL')
call MplExpect('and } another', '}', 'cComment')
call MplExpect('std::vector<int> list', '1', 'cppNumber')
call MplExpect('std::sort', 'return', 'cStatement')
call MplExpect('std::sort', '}', '!mplBrace')
call MplExpect('for (long i', 'for', 'cRepeat')
call MplExpect('for (long i', 'long', 'cType')
call MplExpect('for (long i', '{', 'mplCppNested')
call MplExpect('if (i > 0)', 'if', 'cConditional')
call MplExpect('emit(i);', 'emit', 'mplCppBlock')
call MplExpect('emit(i);', 'emit', '!mplStageKeyword')
call MplExpect('lines.push', 'lines', '!mplDeclName')
call MplExpect('for (long s', 'squares', '!mplDeclName')
" The body of `stage produce` ends at the `}` in column 1 before `pool`, and nothing
" after it is C++ any more.
let s:close = search('^pool square', 'nw') - 2
call MplCheck(getline(s:close) ==# '}' && MplStack(s:close, 1) ==# ['mplBrace'],
      \ 'line ' . s:close . ' should close produce: ' . string(MplStack(s:close, 1)))
call MplCheck(empty(MplErrors()), 'error groups: ' . string(MplErrors()))

" --- the same braces under cpp.vim's other settings
for s:setting in ['c_curly_error', 'c_no_curly_error', 'c_no_bracket_error', 'cpp_no_cpp11']
  execute 'let g:' . s:setting . ' = 1'
  set syntax=mpl
  call MplCheck(MplStack(s:close, 1) ==# ['mplBrace'],
        \ s:setting . ': line ' . s:close . ' has ' . string(MplStack(s:close, 1)))
  call MplExpect('^queue squares', 'queue', 'mplDeclKeyword')
  execute 'unlet g:' . s:setting
endfor
set syntax=mpl

" --- a stray `}` at the top level is an error
enew
setfiletype mpl
call setline(1, ['stage a() { }', '}', 'queue q: long'])
call MplExpect('^}', '}', 'mplBraceError')
call MplExpect('^queue', 'queue', 'mplDeclKeyword')
bwipeout!

call MplFinish('vim syntax')
