;;; mpl-mode-test.el --- ERT tests for mpl-mode  -*- lexical-binding: t; -*-

;; emacs -Q --batch -L editors/emacs -l editors/emacs/test/mpl-mode-test.el \
;;   -f ert-run-tests-batch-and-exit
;; MPL_EXAMPLES_DIR overrides the examples folder (default: the repository's examples/).

;;; Code:

(require 'ert)
(require 'mpl-mode)

(defconst mpl-test-dir (file-name-directory (or load-file-name buffer-file-name)))
(defconst mpl-test-sample (expand-file-name "sample.mpl" mpl-test-dir))
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

(ert-deftest mpl-mode-auto-mode ()
  (let ((file (make-temp-file "mpl-test" nil ".mpl")))
    (unwind-protect
        (with-current-buffer (find-file-noselect file)
          (should (eq major-mode 'mpl-mode))
          (should (equal comment-start "// "))
          (kill-buffer))
      (delete-file file))))

(ert-deftest mpl-mode-declaration-faces ()
  (mpl-test-with-sample
   (should (eq (mpl-test-face "^include" "include") 'font-lock-keyword-face))
   (should (eq (mpl-test-face "^include" "<cmath>") 'font-lock-string-face))
   (should (eq (mpl-test-face "^/// How" "How") 'font-lock-comment-face))
   (should (eq (mpl-test-face "^param count" "param") 'font-lock-keyword-face))
   (should (eq (mpl-test-face "^param count" "count") 'font-lock-variable-name-face))
   (should (eq (mpl-test-face "^param count" "long") 'font-lock-type-face))
   (should (eq (mpl-test-face "^param count" "5") 'font-lock-constant-face))
   (should (eq (mpl-test-face "^param greeting" "{") 'font-lock-string-face))
   (should (eq (mpl-test-face "^queue jobs" "std::pair") 'font-lock-type-face))
   (should (eq (mpl-test-face "^queue jobs" "capacity") 'font-lock-keyword-face))
   (should (eq (mpl-test-face "^pipe control" "pipe") 'font-lock-keyword-face))
   (should (eq (mpl-test-face "^pipe control" "int") 'font-lock-type-face))
   (should (eq (mpl-test-face "^shared hist" "long") 'font-lock-type-face))
   (should (eq (mpl-test-face "^cpp {" "cpp") 'font-lock-keyword-face))
   (should (eq (mpl-test-face "^stage produce" "stage") 'font-lock-keyword-face))
   (should (eq (mpl-test-face "^stage produce" "produce") 'font-lock-function-name-face))
   (should (eq (mpl-test-face "^pool square" "square") 'font-lock-function-name-face))
   (should (eq (mpl-test-face "^pool square" "x") 'font-lock-variable-name-face))
   (should (eq (mpl-test-face "^pool square" "ordered") 'font-lock-keyword-face))
   (should (eq (mpl-test-face "^pool square" "retry") 'font-lock-keyword-face))
   (should (eq (mpl-test-face "^queue squares" "queue") 'font-lock-keyword-face))
   (should (eq (mpl-test-face "^after {" "after") 'font-lock-keyword-face))))

(ert-deftest mpl-mode-cpp-body-faces ()
  (mpl-test-with-sample
   (should (eq (mpl-test-face "struct Point" "struct") 'font-lock-keyword-face))
   (should (eq (mpl-test-face "struct Point" "double") 'font-lock-type-face))
   (should (eq (mpl-test-face "std::string open" "{") 'font-lock-string-face))
   (should (eq (mpl-test-face "char brace" "}") 'font-lock-string-face))
   (should (eq (mpl-test-face "long big" "1'000'000") 'font-lock-constant-face))
   (should (eq (mpl-test-face "a comment with" "}") 'font-lock-comment-face))
   (should (eq (mpl-test-face "for (long i" "for") 'font-lock-keyword-face))
   (should (eq (mpl-test-face "for (long i" "long") 'font-lock-type-face))
   ;; MPL words inside a body are C++ identifiers, not MPL keywords.
   (should-not (eq (mpl-test-face "emit(i)" "emit") 'font-lock-keyword-face))))

(ert-deftest mpl-mode-braces-in-strings-do-not-count ()
  (mpl-test-with-sample
   (goto-char (point-min))
   (re-search-forward "^pool square")
   (should (= 0 (car (syntax-ppss (line-beginning-position)))))
   (should (= 0 (car (syntax-ppss (point-max)))))))

(ert-deftest mpl-mode-indentation ()
  (let ((expected (with-temp-buffer
                    (insert-file-contents mpl-test-sample)
                    (buffer-string))))
    (with-temp-buffer
      (insert expected)
      (mpl-mode)
      (goto-char (point-min))
      (while (re-search-forward "^[ \t]+" nil t) (replace-match ""))
      (indent-region (point-min) (point-max))
      (should (equal (buffer-string) expected)))))

(ert-deftest mpl-mode-every-example ()
  (let ((files (directory-files mpl-test-examples t "\\.mpl\\'")))
    (should (>= (length files) 5))
    (dolist (file files)
      (with-current-buffer (find-file-noselect file)
        (should (eq major-mode 'mpl-mode))
        (font-lock-ensure)
        (should (= 0 (car (syntax-ppss (point-max)))))
        (goto-char (point-min))
        (while (re-search-forward "^\\(stage\\|pool\\|queue\\|param\\|pipe\\|shared\\)\\_>" nil t)
          (should (equal (list file (line-number-at-pos)
                               (get-text-property (match-beginning 0) 'face))
                         (list file (line-number-at-pos) 'font-lock-keyword-face))))
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
