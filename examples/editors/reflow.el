;;; reflow.el --- reflow in Emacs: the language server through eglot, and a region filter.

;; eglot (built into Emacs 29; `M-x package-install eglot' on 28): M-x eglot in a text buffer
;; starts `reflow lsp'. Flymake then marks each edit reflow would make, `M-x eglot-code-actions'
;; offers the quick fix, `M-x eglot-format-buffer' rebuilds the page, and `M-x eglot-format' on an
;; active region rebuilds just that part (a page pasted into a longer note).
(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs '(text-mode "reflow" "lsp")))
;; To start it in every text buffer: (add-hook 'text-mode-hook #'eglot-ensure)

;; Without a server: `C-u M-| reflow - RET' replaces the region with `reflow -''s output (if reflow
;; refuses, with its error message: undo). The command below changes nothing when reflow fails.
(defun reflow-region (start end)
  "Rebuild the region (the whole buffer if none is active) with `reflow -'."
  (interactive (if (use-region-p) (list (region-beginning) (region-end)) (list (point-min) (point-max))))
  (let ((out (generate-new-buffer " *reflow*"))
        (coding-system-for-read 'utf-8) (coding-system-for-write 'utf-8))
    (unwind-protect
        (if (eql 0 (call-process-region start end "reflow" nil out nil "-"))
            (replace-region-contents start end (lambda () out))
          (user-error "%s" (with-current-buffer out (buffer-string))))
      (kill-buffer out))))
