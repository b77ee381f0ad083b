import type { AgendaItem } from '../../electron/shared/schemas';
import type { Handler } from './helpers';

/**
 * A small in-memory Sitzung that behaves like the core for the agenda methods: public part
 * first, numbers as printed (durchgehend), removal and re-adding at a position.
 */
export function fakeMeetingBackend(options: { start?: string; unreleased?: number[]; resendWarnings?: string[] } = {}) {
  let nextId = 100;
  const committee = { id: 1, key: 'soz', name: 'Ausschuss für Soziales und Integration', shortName: 'Sozialausschuss', genitive: 'des Ausschusses für Soziales und Integration', kind: 'ausschuss', noticePeriodDays: 7, supplementNoticePeriodDays: null, noticeWorkdaysOnly: false, chair: '' };
  const meeting = { id: 7, key: 'soz-7', committeeId: 1, number: 12, start: options.start ?? '2099-03-12T15:00', end: null, location: 'Kreishaus, Saal 1', state: 'geplant' };
  let items: AgendaItem[] = [];
  const base = { meetingId: 7, manualNumber: null, paperId: null, paperReference: null, consultationId: null, result: null, votes: null, minutes: null, supplement: false, tischvorlage: false, abgesetzt: false };
  const add = (title: string, pub: boolean, position?: number) => {
    const item: AgendaItem = { ...base, id: nextId++, title, public: pub, position: 0, number: '' };
    const part = items.filter((i) => i.public === pub);
    const others = items.filter((i) => i.public !== pub);
    part.splice(position ?? part.length, 0, item);
    items = pub ? [...part, ...others] : [...others, ...part];
    renumber();
    return item;
  };
  const renumber = () => {
    items = [...items.filter((i) => i.public), ...items.filter((i) => !i.public)];
    items.forEach((i, n) => Object.assign(i, { position: n, number: String(n + 1) }));
  };
  add('Eröffnung der Sitzung', true);
  add('Sprachförderung', true);
  add('Mitteilungen der Verwaltung', true);
  add('Vergabe Sprachkursträger', false);
  Object.assign(items[1]!, { paperId: 55, paperReference: '50/011/2025' });
  add('Mitteilungen', false);

  const detail = () => ({ meeting, committee, agenda: items.map((i) => ({ ...i })) });
  const handlers: Record<string, Handler> = {
    'sitzungen.get': () => detail(),
    // As the core answers: the Vorlagen on this agenda without Freigabe.
    'freigabe.unreleased': () =>
      items.filter((i) => i.paperId !== null && (options.unreleased ?? []).includes(i.paperId)).map((i) => ({ paperId: i.paperId!, reference: i.paperReference!, title: i.title, number: i.number })),
    'sitzungen.ladungsfrist': () => ({ meetingId: 7, committeeId: 1, committeeShortName: 'Sozialausschuss', meetingStart: meeting.start, state: 'geplant', workdaysOnly: false, dispatchDate: '2099-03-01', invitation: { periodDays: 7, lastDay: '2099-03-05', daysLeft: 4, late: false }, supplement: { periodDays: 3, lastDay: '2099-03-09', daysLeft: 8, late: false } }),
    'gremien.list': () => [committee, { ...committee, id: 2, key: 'ord', name: 'Ausschuss für Ordnungsangelegenheiten', shortName: 'Ordnungsausschuss' }],
    'tagesordnung.reorder': (p) => {
      const ids = p.orderedIds as number[];
      items = ids.map((id) => items.find((i) => i.id === id)!);
      renumber();
      return detail().agenda;
    },
    'tagesordnung.add': (p) => ({ ...add(p.title as string, p.public as boolean, p.position as number | undefined) }),
    'tagesordnung.remove': (p) => {
      items = items.filter((i) => i.id !== p.id);
      renumber();
      return { removed: true };
    },
    'tagesordnung.result': (p) => {
      const item = items.find((i) => i.id === p.agendaItemId)!;
      item.result = p.result as string;
      item.votes = (p.votes as AgendaItem['votes']) ?? null;
      const further = (p.furtherCommittees as number[]) ?? [];
      return {
        agendaItem: { ...item },
        paper: item.paperId ? { id: item.paperId, reference: item.paperReference!, title: item.title } : null,
        resendOffers: further.map((committeeId) => ({
          paperId: item.paperId!, paperReference: item.paperReference!, committeeId, committeeName: 'Ausschuss für Ordnungsangelegenheiten', committeeShortName: 'Ordnungsausschuss',
          role: 'kenntnisnahme', nextMeeting: { id: 9, start: '2025-04-02T14:00' }, source: { meetingId: 7, agendaItemId: item.id }, blockedReason: null,
        })),
      };
    },
    'beratungen.resend': (p) => ({
      paperId: 55, reference: '50/011/2025', auditEventId: 1,
      consultation: {}, meeting: { id: 9, key: 'ord-9', committeeId: p.committee, number: 3, start: '2025-04-02T14:00', end: null, location: '', state: 'geplant' },
      agendaItem: { ...base, id: 999, meetingId: 9, title: 'Sprachförderung', public: true, position: 0, number: '4' },
      warnings: options.resendWarnings ?? [],
    }),
    'tagesordnung.update': (p) => {
      const item = items.find((i) => i.id === p.id)!;
      if (p.public !== undefined && p.public !== item.public) {
        items = items.filter((i) => i !== item);
        item.public = p.public as boolean;
        items.push(item);
      }
      if (typeof p.title === 'string') item.title = p.title;
      renumber();
      return { ...item };
    },
  };
  return { handlers, titles: () => items.map((i) => `${i.number} ${i.public ? 'Ö' : 'N'} ${i.title}`), items: () => items };
}
