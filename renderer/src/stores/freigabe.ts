import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { ApprovalStep, FreigabeState } from '@shared/freigabe';
import { useApi } from '../api';
import { useSigner } from '../composables/useSigner';
import { useSessionStore } from './session';

/**
 * The Freigabe of the Vorlage open in the editor: its steps and signatures, and the actions of
 * the Amtsleitung. The core decides every rule; this store only sends and shows.
 */
export const useFreigabeStore = defineStore('freigabe', () => {
  const state = ref<FreigabeState | null>(null);

  const locked = computed(() => state.value?.locked ?? false);
  /** The first step without a valid signature: the only one that can sign now (the chain is ordered). */
  const nextStep = computed(() => state.value?.steps.find((s) => !s.approval) ?? null);
  const complete = computed(() => !!state.value && state.value.steps.every((s) => s.approval));

  async function load(paperId: number) {
    state.value = await useApi().call('freigabe.get', { ref: paperId });
  }

  /** Desktop: the name and function from Einstellungen; team mode: the login decides (nothing sent). */
  function signerFields(): { by?: string; function?: string } {
    if (useSessionStore().user) return {};
    const { signer } = useSigner();
    return {
      ...(signer.value.name ? { by: signer.value.name } : {}),
      ...(signer.value.function ? { function: signer.value.function } : {}),
    };
  }

  async function approve(step: ApprovalStep) {
    state.value = await useApi().call('freigabe.approve', { ref: state.value!.paperId, step, ...signerFields() });
  }
  async function release() {
    state.value = await useApi().call('freigabe.release', { ref: state.value!.paperId, ...signerFields() });
  }
  async function giveBack(comment: string) {
    state.value = await useApi().call('freigabe.return', { ref: state.value!.paperId, comment });
  }
  async function withdraw(reason: string) {
    state.value = await useApi().call('freigabe.withdraw', { ref: state.value!.paperId, ...(reason.trim() ? { reason: reason.trim() } : {}) });
  }
  /** Returns the new Ergänzungs-/Änderungsvorlage's state (its id to open it). */
  async function amend(kind: 'ergaenzung' | 'aenderung') {
    return useApi().call('freigabe.amend', { ref: state.value!.paperId, kind });
  }

  return { state, locked, nextStep, complete, load, approve, release, giveBack, withdraw, amend };
});
