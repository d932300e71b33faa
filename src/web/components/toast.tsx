import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';

/** A short message at the foot of the screen, with at most one action such as Undo. */
export interface ToastOptions {
  message: string;
  action?: { label: string; onAction: () => void | Promise<void> };
  /** Move the keyboard focus to the action, when the thing that had focus has just gone. */
  focusAction?: boolean;
}

interface ShownToast extends ToastOptions {
  id: number;
}

const ToastContext = createContext<(toast: ToastOptions) => void>(() => undefined);

/** Shows a toast from anywhere inside the shell; a new one replaces the old. */
export function useToast(): (toast: ToastOptions) => void {
  return useContext(ToastContext);
}

/** How long a toast stays, unless the pointer or the focus is on it. */
const TOAST_MS = 8000;
const TOAST_WITH_ACTION_MS = 15000;

/**
 * Holds the one toast and its live region. The region is always in the page
 * so screen readers announce each message; a toast does not time out while
 * someone hovers over it or has focus in it, so Undo cannot vanish mid-reach.
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toast, setToast] = useState<ShownToast | null>(null);
  const [paused, setPaused] = useState(false);
  const nextId = useRef(1);
  const actionButton = useRef<HTMLButtonElement>(null);

  const show = useCallback((options: ToastOptions) => {
    const id = nextId.current;
    nextId.current += 1;
    setToast({ ...options, id });
  }, []);

  useEffect(() => {
    if (toast === null || paused) return;
    const timer = window.setTimeout(
      () => setToast((current) => (current?.id === toast.id ? null : current)),
      toast.action === undefined ? TOAST_MS : TOAST_WITH_ACTION_MS,
    );
    return () => window.clearTimeout(timer);
  }, [toast, paused]);

  useEffect(() => {
    if (toast?.focusAction === true) actionButton.current?.focus();
  }, [toast]);

  const dismiss = () => {
    setPaused(false);
    setToast(null);
  };

  const runAction = async () => {
    if (toast?.action === undefined) return;
    const action = toast.action;
    const hadFocus = document.activeElement === actionButton.current;
    dismiss();
    if (hadFocus) document.querySelector<HTMLElement>('#main h1')?.focus();
    await action.onAction();
  };

  return (
    <ToastContext.Provider value={show}>
      {children}
      <div
        className="toast-region"
        role="status"
        aria-live="polite"
        onMouseEnter={() => setPaused(true)}
        onMouseLeave={() => setPaused(false)}
        onFocus={() => setPaused(true)}
        onBlur={() => setPaused(false)}
      >
        {toast === null ? null : (
          <div className="toast" key={toast.id} data-testid="toast">
            <p className="toast__message">{toast.message}</p>
            {toast.action === undefined ? null : (
              <button
                type="button"
                className="button button--small"
                ref={actionButton}
                onClick={() => void runAction()}
              >
                {toast.action.label}
              </button>
            )}
            <button type="button" className="toast__close" aria-label="Dismiss message" onClick={dismiss}>
              ×
            </button>
          </div>
        )}
      </div>
    </ToastContext.Provider>
  );
}
