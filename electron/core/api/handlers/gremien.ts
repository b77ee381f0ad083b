import { gremienMethods } from '../../../shared/api/gremien.js';
import { conflict, invalid, notFound } from '../../../shared/errors.js';
import type { AppContext } from '../../app-context.js';
import { freeItemInsertIndex } from '../../domain/agenda-closing.js';
import { audit } from '../../services/audit.js';
import { defineHandlers } from '../handler.js';
import { assertAgendaOpen } from '../../services/minutes.js';
import { marksForNewItem, recordInvitation, removeAgendaItem } from '../../services/agenda-marks.js';
import { assertMeetingTimesExist } from '../../services/meeting-times.js';

async function meetingDetail(ctx: AppContext, id: number) {
  const meeting = await ctx.store.meetings.get(id);
  if (!meeting) throw notFound(`Die Sitzung ${id}`);
  return {
    meeting,
    minutesApproved: (await ctx.store.minutes.approval(id)) !== null,
    committee: (await ctx.store.committees.get(meeting.committeeId))!,
    agenda: await ctx.store.agenda.list(id),
    invitedOn: await ctx.store.meetings.invitedOn(id),
  };
}

/** A readable, unique key for a new Sitzung: committee key + date, numbered on collision. */
async function meetingKey(ctx: AppContext, committeeKey: string, start: string): Promise<string> {
  const base = `${committeeKey}-${start.slice(0, 10)}`;
  let key = base;
  for (let i = 2; await ctx.store.meetings.byKey(key); i++) key = `${base}-${i}`;
  return key;
}

export const gremienHandlers = defineHandlers(gremienMethods, {
  'gremien.list': (_i, ctx) => ctx.store.committees.list(),
  'gremien.get': async ({ ref }, ctx) => {
    const c = await ctx.store.committees.find(ref);
    if (!c) throw notFound(`Das Gremium „${ref}“`);
    return c;
  },
  'gremien.save': ({ id, ...fields }, ctx) =>
    ctx.store.transaction(async () => {
      for (const other of await ctx.store.committees.list()) {
        if (other.id === id) continue;
        if (other.key === fields.key) throw conflict(`Es gibt bereits ein Gremium mit dem Schlüssel „${fields.key}“.`);
        if (other.name.toLowerCase() === fields.name.toLowerCase()) throw conflict(`Es gibt bereits ein Gremium „${fields.name}“.`);
      }
      if (id === undefined) return ctx.store.committees.insert(fields);
      if (!await ctx.store.committees.get(id)) throw notFound('Das Gremium');
      return ctx.store.committees.update({ id, ...fields });
    }),

  'sitzungen.list': async ({ committeeId, from, to }, ctx) => {
    const approved = await ctx.store.minutes.approvedMeetings();
    return (await ctx.store.meetings.list({ committeeId, from, to })).map((m) => ({ ...m, minutesApproved: approved.has(m.id) }));
  },
  'sitzungen.get': ({ id }, ctx) => meetingDetail(ctx, id),
  'sitzungen.save': ({ id, key, ...fields }, ctx) =>
    ctx.store.transaction(async () => {
      const committee = await ctx.store.committees.get(fields.committeeId);
      if (!committee) throw notFound('Das Gremium');
      if (fields.end && fields.end < fields.start) throw invalid('Das Ende der Sitzung liegt vor ihrem Beginn.');
      await assertMeetingTimesExist(ctx.store, fields);
      if (id === undefined) {
        const finalKey = key ?? await meetingKey(ctx, committee.key, fields.start);
        if (await ctx.store.meetings.byKey(finalKey)) throw conflict(`Es gibt bereits eine Sitzung mit dem Schlüssel „${finalKey}“.`);
        const created = await ctx.store.meetings.insert({ key: finalKey, ...fields });
        await audit(ctx, 'sitzung.angelegt', { meetingId: created.id }, { committee: committee.shortName, start: created.start });
        return created;
      }
      const current = await ctx.store.meetings.get(id);
      if (!current) throw notFound(`Die Sitzung ${id}`);
      if (current.committeeId !== fields.committeeId && (await ctx.store.agenda.list(id)).some((i) => i.consultationId !== null)) {
        throw conflict('Die Sitzung hat bereits Tagesordnungspunkte mit Vorlagen; das Gremium kann nicht mehr gewechselt werden.');
      }
      const sameKey = key !== undefined ? await ctx.store.meetings.byKey(key) : null;
      if (sameKey && sameKey.id !== id) throw conflict(`Es gibt bereits eine Sitzung mit dem Schlüssel „${key}“.`);
      return ctx.store.meetings.update({ ...current, ...fields, key: key ?? current.key });
    }),
  'sitzungen.delete': ({ id }, ctx) =>
    ctx.store.transaction(async () => {
      const current = await ctx.store.meetings.get(id);
      if (!current) throw notFound(`Die Sitzung ${id}`);
      if ((await ctx.store.agenda.list(id)).some((i) => i.result !== null)) {
        throw conflict('Die Sitzung hat bereits Beratungsergebnisse und kann nicht gelöscht werden.');
      }
      await ctx.store.meetings.delete(id);
      await audit(ctx, 'sitzung.geloescht', {}, { meetingKey: current.key, start: current.start });
      return { deleted: true };
    }),

  'tagesordnung.add': ({ meetingId, tischvorlage, ...item }, ctx) =>
    ctx.store.transaction(async () => {
      const meeting = await ctx.store.meetings.get(meetingId);
      if (!meeting) throw notFound(`Die Sitzung ${meetingId}`);
      // First: a Tischvorlage for a past Sitzung gets its own refusal, not the general lock's.
      const marks = await marksForNewItem(ctx, meeting, { tischvorlage });
      assertAgendaOpen(ctx, meeting);
      const part = (await ctx.store.agenda.list(meetingId)).filter((i) => i.public === item.public);
      const added = await ctx.store.agenda.insert({
        meetingId,
        ...item,
        supplement: item.supplement || marks.supplement,
        tischvorlage: marks.tischvorlage,
        position: item.position ?? freeItemInsertIndex(part, item.title),
      });
      return { ...added, warnings: marks.warnings };
    }),
  'tagesordnung.hinweise': async ({ meetingId }, ctx) => {
    const meeting = await ctx.store.meetings.get(meetingId);
    if (!meeting) throw notFound(`Die Sitzung ${meetingId}`);
    return marksForNewItem(ctx, meeting);
  },
  'tagesordnung.update': ({ id, ...patch }, ctx) =>
    ctx.store.transaction(async () => {
      const item = await ctx.store.agenda.get(id);
      if (!item) throw notFound('Der Tagesordnungspunkt');
      assertAgendaOpen(ctx, (await ctx.store.meetings.get(item.meetingId))!);
      if (patch.public === true && item.paperId !== null) {
        const paper = await ctx.store.papers.get(item.paperId);
        if (paper && !paper.public) throw conflict('Eine nichtöffentliche Vorlage kann nicht im öffentlichen Teil beraten werden.');
      }
      return ctx.store.agenda.update(id, patch);
    }),
  'tagesordnung.remove': ({ id }, ctx) =>
    ctx.store.transaction(async () => {
      const item = await ctx.store.agenda.get(id);
      if (!item) throw notFound('Der Tagesordnungspunkt');
      assertAgendaOpen(ctx, (await ctx.store.meetings.get(item.meetingId))!);
      return removeAgendaItem(ctx, item);
    }),
  'sitzungen.einladungVersandt': ({ meetingId, date }, ctx) => ctx.store.transaction(() => recordInvitation(ctx, meetingId, date)),
  'tagesordnung.reorder': ({ meetingId, orderedIds }, ctx) =>
    ctx.store.transaction(async () => {
      const current = await ctx.store.agenda.list(meetingId);
      const meeting = await ctx.store.meetings.get(meetingId);
      if (!meeting) throw notFound(`Die Sitzung ${meetingId}`);
      assertAgendaOpen(ctx, meeting);
      const known = new Set(current.map((i) => i.id));
      if (orderedIds.length !== current.length || !orderedIds.every((id) => known.has(id)) || new Set(orderedIds).size !== orderedIds.length) {
        throw invalid('Die neue Reihenfolge muss jeden Tagesordnungspunkt der Sitzung genau einmal enthalten.');
      }
      await ctx.store.agenda.reorder(meetingId, orderedIds);
      return ctx.store.agenda.list(meetingId);
    }),
});
