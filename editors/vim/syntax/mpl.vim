" Vim syntax file
" Language: MPL, the multi-process pipeline language (.mpl)
" Every { … } block is C++, highlighted by Vim's own syntax/cpp.vim.

if exists('b:current_syntax')
  finish
endif

" C++ for the bodies. Its items become contained in @mplCpp; its strings, characters
" and comments keep the braces inside them from counting.
syntax include @mplCpp syntax/cpp.vim
unlet! b:current_syntax
" cpp.vim leaves this behind for c.vim; it would make a later `set ft=c` highlight C++.
unlet! b:filetype_in_cpp_family

syntax case match
syntax sync fromstart

" Comments: `///` before a param is its help text.
syntax keyword mplTodo contained TODO FIXME XXX NOTE
syntax region mplDocComment   start=+///+ end=+$+ keepend contains=mplTodo,@Spell
syntax region mplComment      start=+//\(/\)\@!+ end=+$+ keepend contains=mplTodo,@Spell
syntax region mplBlockComment start=+/\*+ end=+\*/+ contains=mplTodo,@Spell fold

" include <header> / include "header"
syntax match mplInclude /\<include\>/ nextgroup=mplIncludePath skipwhite skipnl
syntax match mplIncludePath /<[^>]*>\|"[^"]*"/ contained

" param|queue|pipe|shared NAME: TYPE
syntax keyword mplDeclKeyword param queue pipe shared nextgroup=mplDeclName skipwhite skipnl
syntax match mplDeclName /\h\w*/ contained nextgroup=mplTypeSeparator skipwhite skipnl
syntax match mplTypeSeparator /:\ze\s*\%(\h\|::\)/ contained nextgroup=mplType skipwhite skipnl
syntax match mplType /\%(::\)\=\h[A-Za-z0-9_:<>, *&]\{-}\ze\s*\%(=\|\[\|\<capacity\>\|\/\/\|\/\*\|$\)/ contained contains=mplNumber,mplBoolean

" stage|pool NAME[N](inputs) -> outputs options
syntax keyword mplStageKeyword stage pool nextgroup=mplStageName skipwhite skipnl
syntax match mplStageName /\h\w*/ contained
syntax match mplBinding /\<\h\w*\ze\s*:\s*\h/
syntax match mplArrow /->/
syntax keyword mplOption ordered unordered
syntax keyword mplOption retry nextgroup=mplNumber skipwhite skipnl
syntax keyword mplCapacity capacity nextgroup=mplNumber,mplCountName skipwhite skipnl
syntax keyword mplBlockKeyword cpp before after

" [N]: replicas, workers or an array's size; N is a literal or an integral param.
syntax match mplCount /\[\s*\%(\d\+\|\h\w*\)\s*\]/ contains=mplNumber,mplCountName
syntax match mplCountName /\<\h\w*\>/ contained

" Literals
syntax keyword mplBoolean true false
syntax match mplNumber /[-+]\=\%(\<\d\%('\=\d\)*\%(\.\d*\)\=\|\.\d\+\)\%([eE][-+]\=\d\+\)\=\w\@!/
syntax match mplNumber /\<0[xX]\x\%('\=\x\)*\>/
syntax region mplString start=/"/ skip=/\\./ end=/"/ oneline

" A `}` with no `{` is an error in MPL.
syntax match mplBraceError /}/

" A C++ body: from `{` to its matching `}`. Nested braces are balanced by mplCppNested
" (its braces in a matchgroup, or cpp.vim's cBlock would start again at the same `{`)
" and, inside parentheses (a lambda passed to a call), by cpp.vim's cBlock. Braces in
" C++ strings, characters and comments are inside those items and never count.
syntax region mplCppBlock matchgroup=mplBrace start=/{/ end=/}/ contains=@mplCpp,mplCppNested fold
syntax region mplCppNested matchgroup=mplCppBrace start=/{/ end=/}/ contained transparent contains=@mplCpp,mplCppNested

highlight default link mplTodo         Todo
highlight default link mplDocComment   SpecialComment
highlight default link mplComment      Comment
highlight default link mplBlockComment Comment
highlight default link mplInclude      Include
highlight default link mplIncludePath  String
highlight default link mplDeclKeyword  Keyword
highlight default link mplStageKeyword Keyword
highlight default link mplBlockKeyword Keyword
highlight default link mplDeclName     Identifier
highlight default link mplStageName    Function
highlight default link mplBinding      Identifier
highlight default link mplTypeSeparator Delimiter
highlight default link mplType         Type
highlight default link mplArrow        Operator
highlight default link mplOption       StorageClass
highlight default link mplCapacity     Keyword
highlight default link mplCountName    Identifier
highlight default link mplBoolean      Boolean
highlight default link mplNumber       Number
highlight default link mplString       String
highlight default link mplBrace        Delimiter
highlight default link mplBraceError   Error

let b:current_syntax = 'mpl'
