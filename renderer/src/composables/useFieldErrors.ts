import { ref } from 'vue';
import { ApiCallError } from '../api';

/**
 * Inline errors for a form: the server names the wrong fields (zod paths); the form shows each
 * message under its input and the summary above the form.
 */
export function useFieldErrors() {
  const summary = ref('');
  const fields = ref<Record<string, string>>({});

  function clear() {
    summary.value = '';
    fields.value = {};
  }

  /** Takes an error for inline display; returns false if it is not one a form can show. */
  function take(error: unknown): boolean {
    if (!(error instanceof ApiCallError) || error.cancelled) return false;
    summary.value = error.message;
    fields.value = Object.fromEntries(error.fields.map((f) => [f.path, f.message]));
    return true;
  }

  return { summary, fields, clear, take };
}
