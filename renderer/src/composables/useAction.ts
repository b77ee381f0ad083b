import { ref } from 'vue';
import { isCancelled } from '../api';
import { useToasts } from '../stores/toasts';

/**
 * Runs a user action: tracks `busy`, turns failures into a German toast (cancelled dialogs
 * stay silent), optionally confirms success. Returns undefined when the action failed.
 */
export function useAction() {
  const toasts = useToasts();
  const busy = ref(false);
  async function run<T>(fn: () => Promise<T>, success?: string | ((result: T) => string)): Promise<T | undefined> {
    busy.value = true;
    try {
      const result = await fn();
      if (success) toasts.success(typeof success === 'function' ? success(result) : success);
      return result;
    } catch (error) {
      if (!isCancelled(error)) toasts.fromError(error);
      return undefined;
    } finally {
      busy.value = false;
    }
  }
  return { busy, run };
}
