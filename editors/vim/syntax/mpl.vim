" Vim syntax file
" Language: MPL, the multi-process pipeline language (.mpl)
" Every { … } block is C++, highlighted by Vim's own syntax/cpp.vim.

if exists('b:current_syntax')
  finish
endif

" C++ for the bodies. Its items become contained in @mplCpp; its strings, characters,
" comments and (transparent) nested blocks keep inner braces from ending a body.
syntax include @mplCpp syntax/cpp.vim
unlet! b:current_syntax

syntax case match
syntax sync fromstart

" Comments: `///` before a param is its help text.
syntax region mplDocComment   start=+///+ end=+$+ keepend contains=@Spell
syntax region mplComment      start=+//\(/\)\@!+ end=+$+ keepend contains=@Spell
syntax region mplBlockComment start=+/\*+ end=+\*/+ contains=@Spell

" include <header> / include "header"
syntax match mplInclude /\<include\>/ nextgroup=mplIncludePath skipwhite
syntax match mplIncludePath /<[^>]*>\|"[^"]*"/ contained

" param|queue|pipe|shared NAME: TYPE
syntax keyword mplDeclKeyword param queue pipe shared nextgroup=mplDeclName skipwhite
syntax match mplDeclName /\h\w*/ contained nextgroup=mplTypeSeparator skipwhite
syntax match mplTypeSeparator /:\ze\s*\h/ contained nextgroup=mplType skipwhite
syntax match mplType /\h[A-Za-z0-9_:<>, ]\{-}\ze\s*\%(=\|\[\|\<capacity\>\|\/\/\|\/\*\|$\)/ contained contains=mplNumber

" stage|pool NAME[N](inputs) -> outputs options
syntax keyword mplStageKeyword stage pool nextgroup=mplStageName skipwhite
syntax match mplStageName /\h\w*/ contained
syntax match mplBinding /\<\h\w*\ze\s*:\s*\h/
syntax match mplArrow /->/
syntax keyword mplOption ordered unordered retry
syntax keyword mplCapacity capacity
syntax keyword mplBlockKeyword cpp before after

" Literals
syntax keyword mplBoolean true false
syntax match mplNumber /\<\d\+\%(\.\d*\)\=\%([eE][-+]\=\d\+\)\=\>/
syntax match mplNumber /[-+]\d\+\%(\.\d*\)\=\%([eE][-+]\=\d\+\)\=\>/
syntax region mplString start=/"/ skip=/\\./ end=/"/ oneline

" A C++ body: from `{` to its matching `}`.
syntax region mplCppBlock matchgroup=mplBrace start=/{/ end=/}/ contains=@mplCpp fold

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
highlight default link mplBoolean      Boolean
highlight default link mplNumber       Number
highlight default link mplString       String
highlight default link mplBrace        Delimiter

let b:current_syntax = 'mpl'
