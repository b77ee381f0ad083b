import { onBeforeUnmount, onMounted } from 'vue';

type Handler = () => void;
const saveHandlers: Handler[] = [];
const searchHandlers: Handler[] = [];

/** Ctrl+S (Cmd+S) and Ctrl+F go to the innermost view that registered for them. */
export function handleShortcut(event: KeyboardEvent): void {
  if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
  const key = event.key.toLowerCase();
  const stack = key === 's' ? saveHandlers : key === 'f' ? searchHandlers : null;
  const handler = stack?.at(-1);
  if (!handler) return;
  event.preventDefault();
  handler();
}

function useStack(stack: Handler[], handler: Handler) {
  onMounted(() => stack.push(handler));
  onBeforeUnmount(() => {
    const i = stack.lastIndexOf(handler);
    if (i >= 0) stack.splice(i, 1);
  });
}

/** Ctrl+S saves in this view while it is shown. */
export const useSaveShortcut = (handler: Handler) => useStack(saveHandlers, handler);
/** Ctrl+F focuses this view's search box while it is shown. */
export const useSearchShortcut = (handler: Handler) => useStack(searchHandlers, handler);

export function installShortcuts(target: Window = window): () => void {
  target.addEventListener('keydown', handleShortcut);
  return () => target.removeEventListener('keydown', handleShortcut);
}

/**
 * Ctrl+S for a view with several forms: submits the form the cursor is in, else the first open
 * form marked data-save-target. Returns false when there was nothing to save.
 */
export function submitOpenForm(root: ParentNode | null = document): boolean {
  if (!root) return false;
  const active = document.activeElement?.closest<HTMLFormElement>('form[data-save-target]');
  const form = active && root.contains(active) ? active : root.querySelector<HTMLFormElement>('form[data-save-target]');
  if (!form) return false;
  form.requestSubmit();
  return true;
}
