;;; mpl-mode.el --- Major mode for MPL pipeline files  -*- lexical-binding: t; -*-

;; Version: 0.1.0
;; Keywords: languages
;; Package-Requires: ((emacs "26.1"))

;;; Commentary:

;; MPL declares params, queues, pipes, shared values, stages and pools; everything
;; between `{' and its matching `}' is C++.  This mode highlights MPL's declarations at
;; the top level and C++ keywords and types inside the bodies, treats `//' and `/* */'
;; as comments everywhere, and indents by brace depth.  Braces are parentheses in the
;; syntax table, so those inside strings, character literals and comments never count.
;;
;; Install: (add-to-list 'load-path "/path/to/mpl/editors/emacs") (require 'mpl-mode)

;;; Code:

(require 'seq)

(defgroup mpl nil
  "Editing MPL pipeline files."
  :group 'languages
  :prefix "mpl-")

(defcustom mpl-indent-offset 4
  "Columns of indentation per enclosing brace in `mpl-mode'."
  :type 'integer
  :safe #'integerp)

(defconst mpl--identifier "[[:alpha:]_][[:alnum:]_]*")

(defconst mpl-keywords
  '("include" "cpp" "param" "queue" "pipe" "shared" "stage" "pool" "before" "after"
    "capacity" "ordered" "unordered" "retry")
  "MPL's reserved words (besides true and false).")

(defconst mpl-cpp-keywords
  '("alignas" "alignof" "break" "case" "catch" "class" "co_await" "co_return"
    "co_yield" "concept" "const_cast" "constexpr" "consteval" "constinit" "continue"
    "decltype" "default" "delete" "do" "dynamic_cast" "else" "enum" "explicit" "export"
    "extern" "for" "friend" "goto" "if" "inline" "mutable" "namespace" "new" "noexcept"
    "operator" "private" "protected" "public" "reinterpret_cast" "requires" "return"
    "sizeof" "static" "static_assert" "static_cast" "struct" "switch" "template"
    "this" "throw" "try" "typedef" "typeid" "typename" "union" "using" "virtual"
    "volatile" "while" "const")
  "C++ keywords highlighted inside MPL's C++ bodies.")

(defconst mpl-cpp-types
  '("auto" "bool" "char" "char8_t" "char16_t" "char32_t" "double" "float" "int" "long"
    "short" "signed" "unsigned" "void" "wchar_t" "size_t" "std")
  "C++ built-in types highlighted inside MPL's C++ bodies.")

(defvar mpl-mode-syntax-table
  (let ((table (make-syntax-table)))
    (modify-syntax-entry ?/ ". 124b" table)
    (modify-syntax-entry ?* ". 23" table)
    (modify-syntax-entry ?\n "> b" table)
    (modify-syntax-entry ?\" "\"" table)
    (modify-syntax-entry ?\\ "\\" table)
    (modify-syntax-entry ?' "." table)   ; characters are found by `mpl-syntax-propertize'
    (modify-syntax-entry ?_ "_" table)
    (modify-syntax-entry ?< "." table)
    (modify-syntax-entry ?> "." table)
    (dolist (char '(?+ ?- ?= ?% ?& ?| ?! ?? ?: ?, ?. ?\; ?^ ?~))
      (modify-syntax-entry char "." table))
    table)
  "Syntax table for `mpl-mode'.")

;; A C++ character literal ('}', '\'', u8'x') is a string; the quotes of a digit
;; separator (1'000'000) follow a digit and stay punctuation.
(defconst mpl--syntax-propertize
  (syntax-propertize-rules
   ("\\(?:^\\|[^[:alnum:]_']\\)\\(?:u8\\|[uUL]\\)?\\('\\)\\(?:\\\\.\\|[^'\\\n]\\)\\('\\)"
    (1 "\"") (2 "\""))))

(defun mpl--depth-at (position)
  "Number of `{' enclosing POSITION, or nil inside a string or comment.
Parentheses and brackets do not count: a stage header's inputs are still MPL."
  (save-excursion
    (let ((state (syntax-ppss position)))
      (unless (nth 8 state)
        (seq-count (lambda (open) (eq (char-after open) ?\{)) (nth 9 state))))))

(defun mpl--matcher (regexp wanted-depth)
  "A font-lock matcher for REGEXP where WANTED-DEPTH (a predicate) holds."
  (lambda (limit)
    (let (found)
      (while (and (not found) (re-search-forward regexp limit t))
        (let ((depth (mpl--depth-at (match-beginning 0))))
          (when (and depth (funcall wanted-depth depth))
            (setq found t))))
      found)))

(defun mpl--top-level (depth) (= depth 0))
(defun mpl--in-body (depth) (> depth 0))

(defconst mpl-font-lock-keywords
  `((,(mpl--matcher (concat "\\_<\\(include\\)\\_>[ \t]*\\(<[^>\n]*>\\)") #'mpl--top-level)
     (1 font-lock-keyword-face) (2 font-lock-string-face))
    (,(mpl--matcher (concat "\\_<\\(param\\|queue\\|pipe\\|shared\\)\\_>[ \t\n]+\\("
                            mpl--identifier "\\)[ \t]*:[ \t]*"
                            "\\([[:alnum:]_:<>, ]+?\\)[ \t]*\\(?:=\\|\\[\\|\\_<capacity\\_>\\|//\\|/\\*\\|$\\)")
                    #'mpl--top-level)
     (1 font-lock-keyword-face) (2 font-lock-variable-name-face) (3 font-lock-type-face))
    (,(mpl--matcher (concat "\\_<\\(stage\\|pool\\)\\_>[ \t\n]+\\(" mpl--identifier "\\)")
                    #'mpl--top-level)
     (1 font-lock-keyword-face) (2 font-lock-function-name-face))
    (,(mpl--matcher (concat "\\(" mpl--identifier "\\)[ \t]*:[ \t]*" mpl--identifier "[ \t]*)")
                    #'mpl--top-level)
     (1 font-lock-variable-name-face))
    (,(mpl--matcher (regexp-opt mpl-keywords 'symbols) #'mpl--top-level)
     (0 font-lock-keyword-face))
    (,(mpl--matcher "->" #'mpl--top-level) (0 font-lock-builtin-face))
    (,(mpl--matcher (regexp-opt '("true" "false" "nullptr") 'symbols) #'identity)
     (0 font-lock-constant-face))
    (,(mpl--matcher "\\_<[-+]?[0-9][0-9']*\\(?:\\.[0-9]*\\)?\\(?:[eE][-+]?[0-9]+\\)?[uUlLfF]*\\_>"
                    #'identity)
     (0 font-lock-constant-face))
    (,(mpl--matcher (regexp-opt mpl-cpp-keywords 'symbols) #'mpl--in-body)
     (0 font-lock-keyword-face))
    (,(mpl--matcher (regexp-opt mpl-cpp-types 'symbols) #'mpl--in-body)
     (0 font-lock-type-face))
    (,(mpl--matcher "^[ \t]*\\(#[ \t]*[[:alpha:]]+\\)" #'mpl--in-body)
     (1 font-lock-preprocessor-face)))
  "Font-lock rules: MPL at the top level, C++ inside bodies.")

(defun mpl-indent-line ()
  "Indent the current line: `mpl-indent-offset' per enclosing bracket."
  (interactive)
  (let* ((depth (save-excursion (car (syntax-ppss (line-beginning-position)))))
         (closes (save-excursion
                   (back-to-indentation)
                   (and (memq (char-after) '(?\} ?\) ?\])) t)))
         (column (* mpl-indent-offset (max 0 (if closes (1- depth) depth))))
         (offset (- (current-column) (current-indentation))))
    (indent-line-to column)
    (when (> offset 0) (forward-char offset))))

(defvar mpl-imenu-generic-expression
  `(("Stages" ,(concat "^\\(?:stage\\|pool\\)[ \t]+\\(" mpl--identifier "\\)") 1)
    ("Queues" ,(concat "^\\(?:queue\\|pipe\\)[ \t]+\\(" mpl--identifier "\\)") 1)
    ("Params" ,(concat "^param[ \t]+\\(" mpl--identifier "\\)") 1))
  "Imenu entries for `mpl-mode'.")

;;;###autoload
(define-derived-mode mpl-mode prog-mode "MPL"
  "Major mode for MPL pipeline files: MPL declarations with C++ bodies."
  :syntax-table mpl-mode-syntax-table
  (setq-local comment-start "// ")
  (setq-local comment-end "")
  (setq-local comment-start-skip "\\(?://+\\|/\\*+\\)[ \t]*")
  (setq-local syntax-propertize-function mpl--syntax-propertize)
  (setq-local font-lock-defaults '(mpl-font-lock-keywords))
  (setq-local font-lock-multiline t)
  (setq-local indent-line-function #'mpl-indent-line)
  (setq-local indent-tabs-mode nil)   ; MPL files are indented with spaces
  (setq-local electric-indent-chars (append "{}" electric-indent-chars))
  (setq-local imenu-generic-expression mpl-imenu-generic-expression))

;;;###autoload
(add-to-list 'auto-mode-alist '("\\.mpl\\'" . mpl-mode))

(provide 'mpl-mode)
;;; mpl-mode.el ends here
