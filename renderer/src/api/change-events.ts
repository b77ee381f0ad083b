/**
 * The team server's notices of what others changed (Server-Sent Events on GET /api/events):
 * only kind, id and who; the lists and views then ask the API again. EventSource reconnects by
 * itself after a network break; an 'ended' event means the session is over.
 */
export interface ChangeNotice {
  kind: string;
  id: number | null;
  by: string;
  method: string;
}

export interface ChangeSubscription {
  close(): void;
}

export function subscribeChanges(onChange: (notice: ChangeNotice) => void, onEnded: () => void, Source: typeof EventSource = EventSource): ChangeSubscription {
  const source = new Source('/api/events', { withCredentials: true });
  source.addEventListener('change', (event) => {
    try {
      onChange(JSON.parse((event as MessageEvent<string>).data) as ChangeNotice);
    } catch {
      // A garbled notice only means one refresh less.
    }
  });
  source.addEventListener('ended', () => {
    source.close();
    onEnded();
  });
  return { close: () => source.close() };
}
