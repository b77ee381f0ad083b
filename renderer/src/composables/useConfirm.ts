import { reactive } from 'vue';

export interface ConfirmOptions {
  title: string;
  message: string;
  confirmLabel: string;
  cancelLabel?: string;
  /** Destructive: the confirm button is styled as a warning and focus starts on "Abbrechen". */
  danger?: boolean;
}

interface PendingConfirm extends ConfirmOptions {
  resolve: (ok: boolean) => void;
}

/** One dialog at a time, rendered by <ConfirmDialog> in App.vue. */
export const confirmState = reactive<{ current: PendingConfirm | null }>({ current: null });

export function answerConfirm(ok: boolean): void {
  const current = confirmState.current;
  confirmState.current = null;
  current?.resolve(ok);
}

/** Asks before a destructive or far-reaching action; resolves true only on an explicit yes. */
export function useConfirm() {
  return (options: ConfirmOptions): Promise<boolean> =>
    new Promise((resolve) => {
      // A second question replaces an unanswered first one, which then counts as "no".
      confirmState.current?.resolve(false);
      confirmState.current = { ...options, resolve };
    });
}
