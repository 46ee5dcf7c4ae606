;;; mpl-mode-test.el --- ERT tests for mpl-mode  -*- lexical-binding: t; -*-

;; emacs -Q --batch -L editors/emacs -l editors/emacs/test/mpl-mode-test.el \
;;   -f ert-run-tests-batch-and-exit
;; The tests of every example are tagged `examples'; select them with
;;   --eval "(ert-run-tests-batch-and-exit '(tag examples))"   (or '(not (tag examples))).
;; MPL_EXAMPLES_DIR overrides the examples folder (default: the repository's examples/).

;;; Code:

(require 'ert)
(require 'mpl-mode)

;; The tests edit (and never save) buffers visiting the examples: no lock files there.
(setq create-lockfiles nil)

(defconst mpl-test-dir (file-name-directory (or load-file-name buffer-file-name)))
(defconst mpl-test-sample (expand-file-name "sample.mpl" mpl-test-dir))
(defconst mpl-test-indent-sample (expand-file-name "indent.mpl" mpl-test-dir))
(defconst mpl-test-examples
  (or (getenv "MPL_EXAMPLES_DIR")
      (expand-file-name "../../../examples" mpl-test-dir)))

(defmacro mpl-test-with-sample (&rest body)
  "Run BODY in a buffer holding the sample, in `mpl-mode', fontified."
  `(with-temp-buffer
     (insert-file-contents mpl-test-sample)
     (mpl-mode)
     (font-lock-ensure)
     ,@body))

(defun mpl-test-face (line-regexp text &optional nth)
  "Face at the NTH (default 1st) TEXT on the first line matching LINE-REGEXP."
  (goto-char (point-min))
  (unless (re-search-forward line-regexp nil t)
    (error "No line matches %s" line-regexp))
  (beginning-of-line)
  (dotimes (_ (or nth 1))
    (unless (search-forward text (line-end-position) t)
      (error "No %S on line %d" text (line-number-at-pos))))
  (let ((face (get-text-property (match-beginning 0) 'face)))
    (if (listp face) (car face) face)))

(defun mpl-test-same-lines (name got expected)
  "Assert that GOT and EXPECTED (texts of NAME) are equal, line by line."
  (let ((got (split-string got "\n"))
        (want (split-string expected "\n"))
        (line 0))
    (while (or got want)
      (setq line (1+ line))
      (should (equal (list name line (car got)) (list name line (car want))))
      (setq got (cdr got) want (cdr want)))))

(ert-deftest mpl-mode-auto-mode ()
  (let ((file (make-temp-file "mpl-test" nil ".mpl")))
    (unwind-protect
        (with-current-buffer (find-file-noselect file)
          (should (eq major-mode 'mpl-mode))
          (should (equal comment-start "// "))
          (should (eq indent-line-function #'mpl-indent-line))
          (kill-buffer))
      (delete-file file))))

(ert-deftest mpl-mode-autoloads ()
  "The autoload cookies alone make a fresh Emacs open *.mpl in `mpl-mode'."
  (let* ((dir (make-temp-file "mpl-autoloads" t))
         (loaddefs (expand-file-name "mpl-loaddefs.el" dir))
         (file (expand-file-name "x.mpl" dir)))
    (unwind-protect
        (progn
          (copy-file (locate-library "mpl-mode.el") (expand-file-name "mpl-mode.el" dir))
          (if (fboundp 'loaddefs-generate)
              (loaddefs-generate dir loaddefs)
            (with-no-warnings (make-directory-autoloads dir loaddefs)))
          (write-region "stage a() { }\n" nil file)
          (should (equal
                   "mpl-mode"
                   (car (last (split-string
                               (with-output-to-string
                                 (call-process
                                  (expand-file-name invocation-name invocation-directory)
                                  nil standard-output nil "-Q" "--batch" "-L" dir
                                  "-l" loaddefs "--eval"
                                  (format "(progn (find-file %S) (princ major-mode))" file)))
                               "\n" t))))))
      (delete-directory dir t))))

(ert-deftest mpl-mode-declaration-faces ()
  (mpl-test-with-sample
   (should (eq (mpl-test-face "^include <" "include") 'font-lock-keyword-face))
   (should (eq (mpl-test-face "^include <" "<cmath>") 'font-lock-string-face))
   (should (eq (mpl-test-face "^include \"" "\"point") 'font-lock-string-face))
   (should (eq (mpl-test-face "^/// How" "How") 'font-lock-comment-face))
   (should (eq (mpl-test-face "^param count" "param") 'font-lock-keyword-face))
   (should (eq (mpl-test-face "^param count" "count") 'font-lock-variable-name-face))
   (should (eq (mpl-test-face "^param count" "long") 'font-lock-type-face))
   (should (eq (mpl-test-face "^param count" "5") 'font-lock-constant-face))
   (should (eq (mpl-test-face "^param ratio" "-1.5e3") 'font-lock-constant-face))
   (should (eq (mpl-test-face "^param verbose" "false") 'font-lock-constant-face))
   (should (eq (mpl-test-face "^param greeting" "std::string") 'font-lock-type-face))
   (should (eq (mpl-test-face "^param greeting" "{") 'font-lock-string-face))
   (should (eq (mpl-test-face "^queue jobs" "jobs") 'font-lock-variable-name-face))
   (should (eq (mpl-test-face "^queue jobs" "std::pair") 'font-lock-type-face))
   (should (eq (mpl-test-face "^queue jobs" "capacity") 'font-lock-keyword-face))
   (should (eq (mpl-test-face "^queue jobs" "64") 'font-lock-constant-face))
   (should (eq (mpl-test-face "^pipe control" "pipe") 'font-lock-keyword-face))
   (should (eq (mpl-test-face "^pipe control" "control") 'font-lock-variable-name-face))
   (should (eq (mpl-test-face "^pipe control" "int") 'font-lock-type-face))
   (should (eq (mpl-test-face "^shared hits" "hits") 'font-lock-variable-name-face))
   (should (eq (mpl-test-face "^shared hist" "long") 'font-lock-type-face))
   (should (eq (mpl-test-face "^shared hist" "16") 'font-lock-constant-face))
   (should (eq (mpl-test-face "^cpp {" "cpp") 'font-lock-keyword-face))
   (should (eq (mpl-test-face "^/\\* stage fake" "stage") 'font-lock-comment-face))
   (should (eq (mpl-test-face "^stage produce" "stage") 'font-lock-keyword-face))
   (should (eq (mpl-test-face "^stage produce" "produce") 'font-lock-function-name-face))
   (should (eq (mpl-test-face "^stage produce" "->") 'font-lock-builtin-face))
   (should (eq (mpl-test-face "^pool square" "pool") 'font-lock-keyword-face))
   (should (eq (mpl-test-face "^pool square" "square") 'font-lock-function-name-face))
   (should (eq (mpl-test-face "^pool square" "4") 'font-lock-constant-face))
   (should (eq (mpl-test-face "^pool square" "x") 'font-lock-variable-name-face))
   (should (eq (mpl-test-face "^pool square" "ordered") 'font-lock-keyword-face))
   (should (eq (mpl-test-face "^pool square" "retry") 'font-lock-keyword-face))
   (should (eq (mpl-test-face "^stage fan" "fan") 'font-lock-function-name-face))
   (should (eq (mpl-test-face "^stage fan" "item") 'font-lock-variable-name-face))
   (should (eq (mpl-test-face "^stage fan" "unordered") 'font-lock-keyword-face))
   (should (eq (mpl-test-face "^queue squares" "queue") 'font-lock-keyword-face))
   (should (eq (mpl-test-face "^after {" "after") 'font-lock-keyword-face))))

(ert-deftest mpl-mode-cpp-body-faces ()
  (mpl-test-with-sample
   (should (eq (mpl-test-face "^struct Point" "struct") 'font-lock-keyword-face))
   (should (eq (mpl-test-face "^struct Point" "double") 'font-lock-type-face))
   (should (eq (mpl-test-face "std::string open" "{") 'font-lock-string-face))
   (should (eq (mpl-test-face "std::string open" "}") 'font-lock-string-face))
   (should (eq (mpl-test-face "char brace" "}") 'font-lock-string-face))
   (should (eq (mpl-test-face "char quote" "\\'") 'font-lock-string-face))
   (should (eq (mpl-test-face "long big" "1'000'000") 'font-lock-constant-face))
   (should (eq (mpl-test-face "a comment with" "}") 'font-lock-comment-face))
   (should (eq (mpl-test-face "std::sort" "return") 'font-lock-keyword-face))
   (should (eq (mpl-test-face "for (long i" "for") 'font-lock-keyword-face))
   (should (eq (mpl-test-face "for (long i" "long") 'font-lock-type-face))
   (should (eq (mpl-test-face "emit(i)" "emit") 'font-lock-builtin-face))
   (should (eq (mpl-test-face "control.push" "index") 'font-lock-builtin-face))
   ;; MPL's words inside a body are C++ identifiers, and C++'s outside are MPL names.
   (should-not (mpl-test-face "control.push" "control"))
   (should-not (eq (mpl-test-face "^struct Point" "Point") 'font-lock-keyword-face))
   (should-not (eq (mpl-test-face "^stage produce" "numbers") 'font-lock-keyword-face))))

(ert-deftest mpl-mode-braces-in-strings-do-not-count ()
  (mpl-test-with-sample
   (dolist (declaration '("^stage produce" "^pool square" "^queue squares" "^after"))
     (goto-char (point-min))
     (re-search-forward declaration)
     (should (equal (list declaration 0)
                    (list declaration (car (syntax-ppss (line-beginning-position)))))))
   (should (= 0 (car (syntax-ppss (point-max)))))))

(ert-deftest mpl-mode-indentation ()
  "A flattened copy of test/indent.mpl indents back to the file."
  (let ((expected (with-temp-buffer
                    (insert-file-contents mpl-test-indent-sample)
                    (buffer-string))))
    (with-temp-buffer
      (insert expected)
      (mpl-mode)
      (goto-char (point-min))
      (while (re-search-forward "^[ \t]+" nil t) (replace-match ""))
      (should-not (equal (buffer-string) expected))
      (indent-region (point-min) (point-max))
      (mpl-test-same-lines "indent.mpl" (buffer-string) expected))))

(ert-deftest mpl-mode-indentation-options ()
  (with-temp-buffer
    (mpl-mode)
    (insert "cpp {\nint x;\n}\nstage a() {\nf();\n}\n")
    (let ((mpl-cpp-block-indent 1) (mpl-indent-offset 2))
      (indent-region (point-min) (point-max)))
    (should (equal (buffer-string) "cpp {\n  int x;\n}\nstage a() {\n  f();\n}\n"))
    ;; Point stays on the same text when a line is re-indented.
    (goto-char (point-min))
    (search-forward "f();")
    (backward-char 2)
    (mpl-indent-line)
    (should (looking-at-p ");"))))

(ert-deftest mpl-mode-every-example ()
  :tags '(examples)
  (let ((files (directory-files mpl-test-examples t "\\.mpl\\'")))
    (should (>= (length files) 5))
    (dolist (file files)
      (with-current-buffer (find-file-noselect file)
        (should (eq major-mode 'mpl-mode))
        (font-lock-ensure)
        (should (equal (list file 0) (list file (car (syntax-ppss (point-max))))))
        (goto-char (point-min))
        (let ((declarations 0))
          (while (re-search-forward
                  "^\\(include\\|cpp\\|param\\|queue\\|pipe\\|shared\\|stage\\|pool\\|before\\|after\\)\\_>"
                  nil t)
            (setq declarations (1+ declarations))
            (should (equal (list file (line-number-at-pos)
                                 (get-text-property (match-beginning 0) 'face))
                           (list file (line-number-at-pos) 'font-lock-keyword-face))))
          (should (>= declarations 2)))
        (goto-char (point-min))
        (while (re-search-forward "^\\(?:stage\\|pool\\)[ \t]+\\([[:alnum:]_]+\\)" nil t)
          (should (eq (get-text-property (match-beginning 1) 'face)
                      'font-lock-function-name-face)))
        ;; The examples are indented as mpl-mode would indent them.
        (let ((original (buffer-string)))
          (goto-char (point-min))
          (while (re-search-forward "^[ \t]+" nil t) (replace-match ""))
          (indent-region (point-min) (point-max))
          (mpl-test-same-lines file (buffer-string) original))
        (set-buffer-modified-p nil)
        (kill-buffer)))))

(ert-deftest mpl-mode-byte-compiles-cleanly ()
  (let* ((dir (make-temp-file "mpl-elc" t))
         (source (expand-file-name "mpl-mode.el" dir))
         (byte-compile-error-on-warn t))
    (unwind-protect
        (progn
          (copy-file (locate-library "mpl-mode.el") source)
          (should (byte-compile-file source)))
      (delete-directory dir t))))

;;; mpl-mode-test.el ends here
