import { defineStore } from 'pinia';
import { ref } from 'vue';
import { userMessage } from '../api';

export type ToastKind = 'success' | 'info' | 'error';

export interface ToastAction {
  label: string;
  run: () => void | Promise<void>;
}

export interface Toast {
  id: number;
  kind: ToastKind;
  message: string;
  action?: ToastAction;
}

/** How long a toast stays: errors until closed (the user must be able to read them). */
const DURATION: Record<ToastKind, number | null> = { success: 5000, info: 6000, error: null };
const MAX_VISIBLE = 4;

export const useToasts = defineStore('toasts', () => {
  const toasts = ref<Toast[]>([]);
  let nextId = 1;
  const timers = new Map<number, ReturnType<typeof setTimeout>>();

  function dismiss(id: number) {
    toasts.value = toasts.value.filter((t) => t.id !== id);
    const timer = timers.get(id);
    if (timer) clearTimeout(timer);
    timers.delete(id);
  }

  function show(kind: ToastKind, message: string, action?: ToastAction, duration = DURATION[kind]): number {
    const id = nextId++;
    toasts.value = [...toasts.value, { id, kind, message, action }].slice(-MAX_VISIBLE);
    // A toast with an action (Rückgängig) stays a little longer so it can be reached by keyboard.
    const ms = duration === null ? null : action ? Math.max(duration, 10_000) : duration;
    if (ms !== null) timers.set(id, setTimeout(() => dismiss(id), ms));
    return id;
  }

  return {
    toasts,
    dismiss,
    success: (message: string, action?: ToastAction) => show('success', message, action),
    info: (message: string, action?: ToastAction) => show('info', message, action),
    error: (message: string) => show('error', message),
    /** Any thrown value as a German error toast (never a stack trace). */
    fromError: (error: unknown) => show('error', userMessage(error)),
    async runAction(action: ToastAction, id: number) {
      dismiss(id);
      try {
        await action.run();
      } catch (error) {
        show('error', userMessage(error));
      }
    },
  };
});
