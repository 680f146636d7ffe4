;;; tadqiq.el --- tadqiq (Arabic text linter) through eglot  -*- lexical-binding: t; -*-

;; Load it from your init file: (load "/path/to/editors/emacs/tadqiq.el")
;; Needs eglot (built in since Emacs 29; from GNU ELPA before). Starts `tadqiq lsp` for
;; text-mode buffers, which markdown-mode derives from; the quick fixes, "fix all" and "add to
;; the word list" are code actions (M-x eglot-code-actions).

;;; Code:

(defgroup tadqiq nil
  "The tadqiq Arabic text linter."
  :group 'tools)

(defcustom tadqiq-command '("tadqiq" "lsp")
  "The command that runs the tadqiq language server."
  :type '(repeat string)
  :group 'tadqiq)

(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs
               `((text-mode markdown-mode gfm-mode) . ,tadqiq-command)))

(defun tadqiq-eglot-ensure ()
  "Start tadqiq in this buffer, when it visits a file and eglot is there."
  (when (and buffer-file-name (require 'eglot nil t))
    (eglot-ensure)))

(add-hook 'text-mode-hook #'tadqiq-eglot-ensure)

(provide 'tadqiq)
;;; tadqiq.el ends here
