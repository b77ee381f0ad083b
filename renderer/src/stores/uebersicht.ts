import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { NoticeReport } from '@shared/api/beratung';
import type { MethodOutput } from '@shared/contract';
import type { AuditEvent, Committee, Meeting, PaperSummary } from '@shared/schemas';
import { useApi } from '../api';
import { noticeStatus, type NoticeStatus } from '../domain/ladungsfrist';
import { toLocalDateTime } from '../format';

export interface UpcomingMeeting {
  meeting: Meeting;
  committee: Committee;
  notice: NoticeStatus;
}

/** Drafts shown on the start page: the most recently changed, asked for exactly (never the whole list). */
const DRAFTS_SHOWN = 8;

/** The start page: what needs attention next. */
export const useUebersichtStore = defineStore('uebersicht', () => {
  const committees = ref<Committee[]>([]);
  const meetings = ref<Meeting[]>([]);
  const notices = ref<NoticeReport[]>([]);
  const drafts = ref<PaperSummary[]>([]);
  const activity = ref<AuditEvent[]>([]);
  /** Upcoming Sitzungen whose Sitzungsmappe unreleased Vorlagen block. */
  const blockers = ref<MethodOutput<'freigabe.blockers'>>([]);
  /** Beschlusskontrolle entries past their Frist and not done. */
  const overdue = ref<MethodOutput<'beschlusskontrolle.list'>>([]);
  const loaded = ref(false);

  async function load(now = new Date()) {
    const api = useApi();
    const from = toLocalDateTime(new Date(now.getFullYear(), now.getMonth(), now.getDate()));
    const [c, m, n, d, a, b, o] = await Promise.all([
      api.call('gremien.list', {}),
      api.call('sitzungen.list', { from }),
      api.call('sitzungen.ladungsfristen', { from }),
      api.call('vorlagen.page', { status: 'entwurf', order: 'geaendert', offset: 0, limit: DRAFTS_SHOWN }),
      api.call('app.activity', { limit: 12 }),
      api.call('freigabe.blockers', {}),
      api.call('beschlusskontrolle.list', { overdue: true }),
    ]);
    committees.value = c;
    meetings.value = m;
    notices.value = n;
    drafts.value = d.items;
    activity.value = a;
    blockers.value = b;
    overdue.value = o;
    loaded.value = true;
  }

  const upcoming = computed<UpcomingMeeting[]>(() => {
    const byId = new Map(committees.value.map((c) => [c.id, c]));
    const noticeOf = new Map(notices.value.map((r) => [r.meetingId, r]));
    return meetings.value
      .filter((m) => m.state !== 'abgesagt' && m.state !== 'durchgefuehrt' && byId.has(m.committeeId) && noticeOf.has(m.id))
      .map((meeting) => ({ meeting, committee: byId.get(meeting.committeeId)!, notice: noticeStatus(noticeOf.get(meeting.id)!) }))
      .sort((a, b) => a.meeting.start.localeCompare(b.meeting.start))
      .slice(0, 8);
  });


  return { committees, meetings, notices, drafts, activity, blockers, overdue, loaded, upcoming, load };
});
