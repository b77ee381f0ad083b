import { ref } from 'vue';

/**
 * Who signs Mitzeichnungen and Freigaben on this desktop: name and function as set under
 * Einstellungen, kept in this browser profile only (no account exists outside team mode, where
 * the login decides and these are not sent).
 */
export interface Signer {
  name: string;
  function: string;
}

const KEY = 'vorlagenwerk.unterzeichner';

function read(): Signer {
  try {
    const parsed = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<Signer>;
    return { name: typeof parsed.name === 'string' ? parsed.name : '', function: typeof parsed.function === 'string' ? parsed.function : '' };
  } catch {
    return { name: '', function: '' };
  }
}

const signer = ref<Signer>(read());

export function useSigner() {
  function save(next: Signer) {
    signer.value = { name: next.name.trim(), function: next.function.trim() };
    localStorage.setItem(KEY, JSON.stringify(signer.value));
  }
  return { signer, save };
}
