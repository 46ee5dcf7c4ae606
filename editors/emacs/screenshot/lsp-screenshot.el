;;; lsp-screenshot.el --- set up the scene of editors/lsp-screenshot.png  -*- lexical-binding: t; -*-
;; Loaded by lsp-screenshot.sh in a terminal Emacs inside tmux: eglot runs mplc lsp on
;; demo.mpl, the diagnostics list opens below, and point rests on `numbers' in the
;; producer's header, whose hover eldoc shows on the right.
(require 'package)
(dolist (dir '("/usr/share/emacs/site-lisp/elpa" "/usr/share/emacs/site-lisp/elpa-src"))
  (when (file-directory-p dir) (add-to-list 'package-directory-list dir t)))
(package-initialize)
(require 'mpl-mode)
(require 'eglot)
(setq mpl-server-program (or (getenv "MPL_MPLC") "mplc")
      inhibit-startup-screen t
      eldoc-echo-area-use-multiline-p t
      max-mini-window-height 0.4)
(menu-bar-mode -1)
(add-hook 'mpl-mode-hook #'eglot-ensure)
(run-at-time 3 nil
             (lambda ()
               (flymake-start)
               (run-at-time 2 nil
                            (lambda ()
                              (let ((source (current-buffer)))
                                (flymake-show-buffer-diagnostics)
                                (fit-window-to-buffer (get-buffer-window (flymake--diagnostics-buffer-name)))
                                (select-window (get-buffer-window source)))
                              (goto-char (point-min))
                              (search-forward "-> numbers")
                              (backward-char 3)
                              (eldoc-print-current-symbol-info)
                              ;; The hover, whole, in eldoc's buffer beside the source.
                              (run-at-time 1 nil
                                           (lambda ()
                                             (save-selected-window
                                               (let ((display-buffer-overriding-action
                                                      '(display-buffer-in-side-window (side . right) (window-width . 0.3))))
                                                 (eldoc-doc-buffer)))
                                             (message nil)))))))
