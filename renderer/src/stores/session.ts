import { defineStore } from 'pinia';
import { ref } from 'vue';
import { onUnauthorized, probeTeamSession, teamLogin, teamLogout, type TeamUser } from '../api/team-auth';

/**
 * Who is working: on the team server the signed-in user (null: show the login page); on the
 * desktop and in web mode there is no sign-in ('local').
 */
export const useSessionStore = defineStore('session', () => {
  const mode = ref<'unknown' | 'local' | 'team'>('unknown');
  const user = ref<TeamUser | null>(null);
  const expired = ref(false);

  onUnauthorized(() => {
    if (mode.value !== 'team') return;
    expired.value = user.value !== null;
    user.value = null;
  });

  /** Desktop (IPC) and web mode (token in the address) never ask the team server. */
  async function detect(local: boolean) {
    if (local) {
      mode.value = 'local';
      return;
    }
    const probe = await probeTeamSession();
    mode.value = probe.team ? 'team' : 'local';
    user.value = probe.team ? probe.user : null;
  }

  async function login(login: string, password: string): Promise<string | null> {
    const result = await teamLogin(login, password);
    if (!result.ok) return result.message;
    user.value = result.user;
    expired.value = false;
    return null;
  }

  async function logout() {
    await teamLogout();
    user.value = null;
    expired.value = false;
  }

  return { mode, user, expired, detect, login, logout };
});
