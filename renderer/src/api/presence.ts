import { CSRF_HEADER, currentCsrfToken } from './team-auth';

/**
 * Team server presence, outside the API contract like sign-in: the editor says which Vorlage it
 * has open (and repeats it as a heartbeat) and learns who else has it open. A failure only means
 * no hint: it never disturbs editing.
 */
export async function announcePresence(paperId: number, state: 'open' | 'close', doFetch: typeof fetch = fetch): Promise<string[]> {
  try {
    const response = await doFetch('/api/presence.announce', {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CSRF_HEADER]: currentCsrfToken() },
      credentials: 'same-origin',
      body: JSON.stringify({ paperId, state }),
      keepalive: state === 'close',
    });
    if (!response.ok) return [];
    const answer = (await response.json()) as { ok: boolean; result?: { others: string[] } };
    return answer.ok && answer.result ? answer.result.others : [];
  } catch {
    return [];
  }
}
