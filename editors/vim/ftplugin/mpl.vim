" Vim filetype plugin
" Language: MPL, the multi-process pipeline language (.mpl)
" C-style comments (`///` is a param's help text), bracket pairs, includes for `gf`/`[i`.
if exists('b:did_ftplugin')
  finish
endif
let b:did_ftplugin = 1

setlocal commentstring=//\ %s
setlocal comments=s1:/*,mb:*,ex:*/,:///,://
setlocal matchpairs=(:),{:},[:]
setlocal formatoptions-=t formatoptions+=croql
" `include <x>` in MPL, `#include <x>` in a C++ body.
setlocal include=^\\s*#\\=\\s*include\\>
setlocal suffixesadd=.hpp,.h

let b:undo_ftplugin = 'setlocal commentstring< comments< matchpairs< formatoptions< include< suffixesadd<'
