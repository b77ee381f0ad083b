import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { AuditEvent, Committee, Meeting, PaperSummary } from '@shared/schemas';
import { useApi } from '../api';
import { noticeStatus, type NoticeStatus } from '../domain/ladungsfrist';
import { toLocalDateTime } from '../format';

export interface UpcomingMeeting {
  meeting: Meeting;
  committee: Committee;
  notice: NoticeStatus;
}

/** The start page: what needs attention next. */
export const useUebersichtStore = defineStore('uebersicht', () => {
  const committees = ref<Committee[]>([]);
  const meetings = ref<Meeting[]>([]);
  const drafts = ref<PaperSummary[]>([]);
  const activity = ref<AuditEvent[]>([]);
  const loaded = ref(false);
  const today = ref(new Date());

  async function load(now = new Date()) {
    const api = useApi();
    today.value = now;
    const from = toLocalDateTime(new Date(now.getFullYear(), now.getMonth(), now.getDate()));
    const [c, m, d, a] = await Promise.all([
      api.call('gremien.list', {}),
      api.call('sitzungen.list', { from }),
      api.call('vorlagen.list', { status: 'entwurf' }),
      api.call('app.activity', { limit: 12 }),
    ]);
    committees.value = c;
    meetings.value = m;
    drafts.value = d;
    activity.value = a;
    loaded.value = true;
  }

  const upcoming = computed<UpcomingMeeting[]>(() => {
    const byId = new Map(committees.value.map((c) => [c.id, c]));
    return meetings.value
      .filter((m) => m.state !== 'abgesagt' && m.state !== 'durchgefuehrt')
      .map((meeting) => {
        const committee = byId.get(meeting.committeeId)!;
        return { meeting, committee, notice: noticeStatus(meeting, committee, today.value) };
      })
      .filter((u) => u.committee)
      .sort((a, b) => a.meeting.start.localeCompare(b.meeting.start))
      .slice(0, 8);
  });

  const recentDrafts = computed(() => [...drafts.value].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)).slice(0, 8));

  return { committees, meetings, drafts, activity, loaded, upcoming, recentDrafts, load };
});
