import { niederschriftMethods } from '../../../shared/api/niederschrift.js';
import { exportExtract, exportMinutes } from '../../export/minutes-export.js';
import { minutesState } from '../../services/minutes.js';
import { approveMinutes, prefillSaved, recordTopResult, setAttendance, setHead } from '../../services/minutes-records.js';
import { addMember, createPerson, endMember, memberEntries, personEntry, removePerson, reorderMembers, updatePerson } from '../../services/persons.js';
import { defineHandlers } from '../handler.js';
import { pdfUserFacing } from './pdf-export.js';

export const niederschriftHandlers = defineHandlers(niederschriftMethods, {
  'personen.list': async (_input, ctx) => {
    const out = [];
    for (const p of await ctx.store.persons.list()) out.push(await personEntry(ctx, p));
    return out;
  },
  'personen.create': (fields, ctx) => ctx.store.transaction(async () => personEntry(ctx, await createPerson(ctx, fields))),
  'personen.update': ({ id, ...fields }, ctx) => ctx.store.transaction(async () => personEntry(ctx, await updatePerson(ctx, id, fields))),
  'personen.remove': ({ id, mode }, ctx) =>
    ctx.store.transaction(async () => {
      await removePerson(ctx, id, mode);
      return { deleted: mode === 'delete', anonymised: mode === 'anonymise' };
    }),

  'mitglieder.list': ({ committeeId, on }, ctx) => memberEntries(ctx, committeeId, on),
  'mitglieder.add': (input, ctx) =>
    ctx.store.transaction(async () => {
      await addMember(ctx, input);
      return memberEntries(ctx, input.committeeId);
    }),
  'mitglieder.end': ({ id, until }, ctx) => ctx.store.transaction(async () => memberEntries(ctx, (await endMember(ctx, id, until)).committeeId)),
  'mitglieder.reorder': ({ committeeId, orderedIds }, ctx) =>
    ctx.store.transaction(async () => {
      await reorderMembers(ctx, committeeId, orderedIds);
      return memberEntries(ctx, committeeId);
    }),

  'niederschrift.get': ({ meetingId }, ctx) => minutesState(ctx, meetingId),
  'anwesenheit.set': ({ meetingId, entries }, ctx) =>
    ctx.store.transaction(async () => {
      await setAttendance(ctx, meetingId, entries);
      return minutesState(ctx, meetingId);
    }),
  'anwesenheit.prefill': ({ meetingId }, ctx) =>
    ctx.store.transaction(async () => {
      await prefillSaved(ctx, meetingId);
      return minutesState(ctx, meetingId);
    }),
  'niederschrift.setHead': ({ meetingId, ...head }, ctx) =>
    ctx.store.transaction(async () => {
      await setHead(ctx, meetingId, head);
      return minutesState(ctx, meetingId);
    }),
  'niederschrift.result': (input, ctx) =>
    ctx.store.transaction(async () => {
      await recordTopResult(ctx, input);
      return minutesState(ctx, input.meetingId);
    }),
  'niederschrift.approve': ({ meetingId, byAgendaItemId }, ctx) =>
    ctx.store.transaction(async () => {
      await approveMinutes(ctx, meetingId, byAgendaItemId);
      return minutesState(ctx, meetingId);
    }),
  'niederschrift.export': (input, ctx) => pdfUserFacing(() => exportMinutes(ctx, input)),
  'niederschrift.auszug': (input, ctx) => pdfUserFacing(() => exportExtract(ctx, input)),
});
