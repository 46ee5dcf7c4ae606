;;; mpl-mode.el --- Major mode for MPL pipeline files  -*- lexical-binding: t; -*-

;; Version: 0.1.0
;; Keywords: languages
;; Package-Requires: ((emacs "26.1"))

;;; Commentary:

;; MPL declares params, queues, pipes, shared values, stages and pools; everything
;; between `{' and its matching `}' is C++.  This mode highlights MPL's declarations at
;; the top level and C++ keywords and types inside the bodies, treats `//' and `/* */'
;; as comments everywhere, and indents by bracket depth (declarations at the margin,
;; their continuation lines one step in; `cpp' blocks' namespace-scope code at the margin
;; unless `mpl-cpp-block-indent' says otherwise).  Braces are parentheses in the syntax
;; table, so those inside strings, character literals and comments never count.
;;
;; Install: (add-to-list 'load-path "/path/to/mpl/editors/emacs") (require 'mpl-mode)
;;
;; Diagnostics, hover, go-to-definition, references, rename, outline and completion
;; come from the language server `mplc lsp' through eglot (built in from Emacs 29;
;; Debian's elpa-eglot on Emacs 28): `mpl-mode' registers the server, so M-x eglot in
;; an .mpl buffer starts it, or (add-hook 'mpl-mode-hook #'eglot-ensure) always does.

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

(defconst mpl--number
  "\\_<[0-9][0-9']*\\(?:\\.[0-9]*\\)?\\(?:[eE][-+]?[0-9]+\\)?[uUlLfF]*\\_>"
  "A number, with C++ digit separators (1'000) and suffixes.")

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
    "short" "signed" "unsigned" "void" "wchar_t" "size_t" "ptrdiff_t" "int8_t" "int16_t"
    "int32_t" "int64_t" "uint8_t" "uint16_t" "uint32_t" "uint64_t")
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
    (,(mpl--matcher (concat "[-+]?" mpl--number) #'mpl--top-level)
     (0 font-lock-constant-face))
    (,(mpl--matcher mpl--number #'mpl--in-body)
     (0 font-lock-constant-face))
    (,(mpl--matcher (regexp-opt mpl-cpp-keywords 'symbols) #'mpl--in-body)
     (0 font-lock-keyword-face))
    (,(mpl--matcher (regexp-opt mpl-cpp-types 'symbols) #'mpl--in-body)
     (0 font-lock-type-face))
    (,(mpl--matcher (regexp-opt '("emit" "index" "replicas") 'symbols) #'mpl--in-body)
     (0 font-lock-builtin-face))
    (,(mpl--matcher "^[ \t]*\\(#[ \t]*[[:alpha:]]+\\)" #'mpl--in-body)
     (1 font-lock-preprocessor-face)))
  "Font-lock rules: MPL at the top level, C++ inside bodies.")

;;; Indentation

(defcustom mpl-cpp-block-indent 0
  "Steps of `mpl-indent-offset' for the code inside a `cpp { ... }' block.
The default, 0, keeps namespace-scope C++ at the margin, as in the examples."
  :type 'integer
  :safe #'integerp)

(defconst mpl--declaration-start
  (concat "\\(?:" (regexp-opt '("include" "cpp" "param" "queue" "pipe" "shared" "stage"
                                "pool" "before" "after")
                              'symbols)
          "\\|[{}]\\|//\\|/\\*\\|$\\)")
  "What a top-level line at the margin starts with.")

(defun mpl--cpp-block-p (open)
  "Non-nil if the `{' at OPEN opens a `cpp' block."
  (save-excursion
    (goto-char open)
    (skip-chars-backward " \t\n")
    (and (eq (char-after open) ?\{)
         (looking-back "\\_<cpp" (line-beginning-position)))))

(defun mpl--braceless-control-indentation ()
  "Indentation of the control line whose statement is point's line, or nil.
That is the previous code line when it is `else' or ends with the `)' of an
`if (…)', `for (…)' or `while (…)', whose `(' may be on an earlier line."
  (save-excursion
    (forward-line -1)
    (while (and (not (bobp)) (looking-at-p "[ \t]*$")) (forward-line -1))
    (end-of-line)
    (let ((limit (line-beginning-position)))
      (while (and (> (point) limit) (nth 4 (syntax-ppss))) (goto-char (nth 8 (syntax-ppss))))
      (skip-chars-backward " \t" limit))
    (cond
     ((looking-back "^[ \t]*\\(?:}[ \t]*\\)?else" (line-beginning-position))
      (current-indentation))
     ((eq (char-before) ?\))
      (let ((open (ignore-errors (scan-lists (point) -1 0))))
        (when open
          (goto-char open)
          (and (looking-back "\\_<\\(?:if\\|for\\|while\\)[ \t]*" (line-beginning-position))
               (current-indentation))))))))

(defun mpl--steps (openers)
  "Indentation steps for the enclosing OPENERS (positions, outermost first).
Each line that opens one or more of them is one step: `f(a, [] {' indents its
lambda's body once.  A line whose only opener is a `cpp' block's `{' counts
`mpl-cpp-block-indent' steps."
  (let ((lines (seq-group-by #'line-number-at-pos openers)))
    (apply #'+ (mapcar (lambda (line)
                         (if (and (= (length (cdr line)) 1)
                                  (mpl--cpp-block-p (cadr line)))
                             mpl-cpp-block-indent
                           1))
                       lines))))

(defun mpl--calculate-indentation ()
  "The column for the current line, which point is at the start of."
  (back-to-indentation)
  (let* ((state (syntax-ppss (line-beginning-position)))
         (comment-start-pos (and (nth 4 state) (nth 8 state)))
         (after-closers (save-excursion (skip-chars-forward "})] \t") (point)))
         (openers (save-excursion (nth 9 (syntax-ppss after-closers))))
         (innermost (car (last openers)))
         (in-body (seq-some (lambda (open) (eq (char-after open) ?\{)) openers))
         (control (and in-body (mpl--braceless-control-indentation))))
    (cond
     ;; Inside a /* */ comment: under its first line's text, ` *' under its `*'.
     (comment-start-pos
      (let ((star (looking-at-p "\\*")))
        (save-excursion
          (goto-char comment-start-pos)
          (+ (current-column) (if star 1 3)))))
     ;; A preprocessor line in a body: the margin, as in C.
     ((and in-body (looking-at-p "#")) 0)
     ;; The statement of a braceless `if (…)', `for (…)', `while (…)' or `else'.
     ((and in-body (not (looking-at-p "[{}]")) control)
      (+ control mpl-indent-offset))
     ;; Top level: declarations at the margin, their continuation lines one step in.
     ((null openers)
      (if (looking-at-p mpl--declaration-start) 0 mpl-indent-offset))
     ;; In a body, arguments continued under the first one: `f(a,\n  b)'.
     ((and in-body (memq (char-after innermost) '(?\( ?\[))
           (save-excursion
             (goto-char (1+ innermost))
             (skip-chars-forward " \t")
             (not (looking-at-p "$\\|//\\|/\\*"))))
      (save-excursion (goto-char innermost) (1+ (current-column))))
     (t (* mpl-indent-offset (mpl--steps openers))))))

(defun mpl-indent-line ()
  "Indent the current line of MPL.
Top level: declarations at the margin, their continuation lines
`mpl-indent-offset' in.  Inside brackets: `mpl-indent-offset' per line
that opens them (a line starting with closers lines up with the line
that opened them); in a C++ body, arguments continued under the first
one, and preprocessor lines at the margin."
  (interactive)
  (let ((column (save-excursion (mpl--calculate-indentation)))
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

(defcustom mpl-server-program "mplc"
  "The `mplc' whose language server (`mplc lsp') eglot starts.
A path, or a name looked up on PATH."
  :type 'string)

;;;###autoload
(defun mpl-eglot-contact (&optional _interactive)
  "How eglot starts MPL's language server: `mpl-server-program' with `lsp'."
  (list mpl-server-program "lsp"))

;; A function rather than a fixed command, so that `mpl-server-program' is read each
;; time a server starts.
;;;###autoload
(with-eval-after-load 'eglot
  (defvar eglot-server-programs)
  (add-to-list 'eglot-server-programs '(mpl-mode . mpl-eglot-contact)))

(provide 'mpl-mode)
;;; mpl-mode.el ends here
