;;; mpl-eglot-test.el --- eglot runs `mplc lsp' for mpl-mode  -*- lexical-binding: t; -*-

;; emacs -Q --batch -L editors/emacs -l editors/emacs/test/mpl-eglot-test.el \
;;   -f ert-run-tests-batch-and-exit
;; MPL_MPLC names the mplc to start (CTest passes the one it built).  eglot comes with
;; Emacs 29, and from Debian's elpa-eglot on Emacs 28 (scripts/setup --editors).

;;; Code:

(require 'ert)
(require 'package)
;; -Q leaves out the system's ELPA packages, where Debian's elpa-eglot is.
(dolist (dir '("/usr/share/emacs/site-lisp/elpa" "/usr/share/emacs/site-lisp/elpa-src"))
  (when (file-directory-p dir) (add-to-list 'package-directory-list dir t)))
(package-initialize)
(require 'mpl-mode)
(require 'eglot nil t)
(require 'flymake)

(setq create-lockfiles nil)

(ert-deftest mpl-eglot-registers-the-server ()
  "Loading eglot after mpl-mode registers `mplc lsp' for `mpl-mode'."
  (skip-unless (featurep 'eglot))
  (let ((entry (assq 'mpl-mode eglot-server-programs)))
    (should entry)
    (let ((mpl-server-program "/opt/mpl/bin/mplc"))
      (should (equal (funcall (cdr entry) nil) '("/opt/mpl/bin/mplc" "lsp"))))))

(ert-deftest mpl-eglot-diagnostic-through-flymake ()
  "eglot starts the server for an .mpl buffer; its diagnostic arrives through flymake."
  (skip-unless (featurep 'eglot))
  (let* ((dir (make-temp-file "mpl-eglot" t))
         (file (expand-file-name "typo.mpl" dir))
         (mpl-server-program (or (getenv "MPL_MPLC") "mplc"))
         (eglot-sync-connect t))
    (unwind-protect
        (progn
          (with-temp-file file
            (insert "queue numbers: long\n\nstage produce() -> nmbers {\n    emit(1L);\n}\n\n"
                    "stage consume(numbers) {\n    for (long n : numbers) (void)n;\n}\n"))
          (with-current-buffer (find-file-noselect file)
            (should (eq major-mode 'mpl-mode))
            (flymake-mode 1)
            ;; What M-x eglot does, with the arguments it guesses from the buffer
            ;; (their shape differs between eglot 1.9 and Emacs 29's).
            (apply #'eglot (eglot--guess-contact))
            (should (eglot-current-server))
            (let ((deadline (+ (float-time) 30)) found)
              ;; flymake defers its start to the next command, which batch mode
              ;; never runs: start it by hand, as an idle editor would.
              (while (and (not found) (< (float-time) deadline))
                (flymake-start)
                (accept-process-output nil 0.1)
                (setq found (flymake-diagnostics)))
              (should found)
              (let ((diagnostic (car found)))
                (should (string-match-p "queue 'nmbers' is not declared; did you mean 'numbers'\\?"
                                        (flymake-diagnostic-text diagnostic)))
                (should (memq (flymake-diagnostic-type diagnostic) '(:error eglot-error)))
                ;; Line 3, columns 19-25 (0-based in LSP): `nmbers'.
                (should (equal (buffer-substring (flymake-diagnostic-beg diagnostic)
                                                 (flymake-diagnostic-end diagnostic))
                               "nmbers"))))
            (let ((server (eglot-current-server)))
              (eglot-shutdown server))
            (set-buffer-modified-p nil)
            (kill-buffer)))
      (delete-directory dir t))))

(provide 'mpl-eglot-test)
;;; mpl-eglot-test.el ends here
